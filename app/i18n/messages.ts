/**
 * Every user-facing string, per language. `fr` (and later `es`, `ru`, `zh`) must have exactly the keys of `en`:
 * the type checker refuses a missing one, and a unit test checks that placeholders match.
 */
const en = {
  "shell.skipToContent": "Skip to content",
  "shell.navigation": "Main",
  "shell.breadcrumbs": "Breadcrumbs",
  "shell.language": "Language",
  "shell.footer": "Throughline: strategic plans, results and theories of change.",
  "nav.plans": "Plans",
  "nav.sources": "Sources",
  "language.en": "English",
  "language.fr": "Français",
  "language.es": "Español",
  "language.ru": "Русский",
  "language.zh": "中文",

  "error.notFound.title": "Page not found",
  "error.notFound.body":
    "There is nothing at this address. The plan or element may have been renamed or removed.",
  "error.unexpected.title": "Something went wrong",
  "error.unexpected.body": "The page could not be shown. Please try again in a moment.",
  "error.backHome": "Back to the plans",

  "status.planned": "Planned",
  "status.future": "Future",
  "status.active": "Active",
  "status.completed": "Completed",
  "status.dropped": "Dropped",
  "planStatus.draft": "Draft",
  "planStatus.active": "Active",
  "planStatus.closed": "Closed",

  "kind.impact": "Impact",
  "kind.objective": "Objective",
  "kind.outcome": "Outcome",
  "kind.output": "Output",
  "kind.strategy": "Strategy",
  "kind.activity": "Activity",
  "kind.assumption": "Assumption",
  "kindPlural.impact": "Impacts",
  "kindPlural.objective": "Objectives",
  "kindPlural.outcome": "Outcomes",
  "kindPlural.output": "Outputs",
  "kindPlural.strategy": "Strategies",
  "kindPlural.activity": "Activities",
  "kindPlural.assumption": "Assumptions",

  "home.title": "Strategic plans",
  "home.intro":
    "Each plan is one graph of objectives, strategies and activities. Open a plan to read its outline and where each part comes from.",
  "home.empty": "No plan has been loaded yet. Import one with: npm run cli -- import <file>",

  "plan.period": "{start} – {end}",
  "plan.reconstructedBadge": "Reconstructed",
  "plan.reconstructedExplanation":
    "This plan's own text is not available; it was rebuilt from a later document, and each part cites the passage it comes from.",
  "plan.follows": "Follows",
  "plan.previous": "Previous plan:",
  "plan.next": "Next plan:",
  "plan.outline": "Outline",
  "plan.emptyOutline": "This plan has no elements yet.",

  "element.parts": "Parts of {code}",
  "element.reconstructedBadge": "Reconstructed",
  "element.reconstructedExplanation": "Reconstructed from a later document: see the source below.",
  "element.futureExplanation":
    "The plan names this as a future activity: not costed or committed in this plan period.",
  "element.description": "Description",
  "element.resourcesRequired": "Resources required",
  "element.source": "Source",
  "element.noCitation": "No source is recorded for this element.",
  "element.outline": "Place in the plan",
  "element.partOf": "Part of",
  "element.topLevel": "A top-level element of the plan.",
  "element.childrenHeading": "Its parts ({count})",
  "element.causalLinks": "Causal links",
  "element.noCausalLinks": "No causal link has been drawn to or from this element yet.",

  "link.contributes_to.out": "Contributes to",
  "link.contributes_to.in": "Is contributed to by",
  "link.precondition_of.out": "Is a precondition of",
  "link.precondition_of.in": "Has as a precondition",
  "evidence.none": "Evidence: none",
  "evidence.weak": "Evidence: weak",
  "evidence.moderate": "Evidence: moderate",
  "evidence.strong": "Evidence: strong",

  "citation.source": "Source:",

  "sources.title": "Sources and reference lists",
  "sources.intro":
    "The documents the plans cite, and the lists (regions, languages, themes, roles, funders) that reports and indicators use.",
  "sources.documents": "Source documents",
  "sources.id": "Identifier",
  "sources.documentTitle": "Title",
  "sources.language": "Language",
  "sources.year": "Year",
  "sources.referenceLists": "Reference lists",
  "referenceList.region": "Regions",
  "referenceList.language": "Languages",
  "referenceList.advocacy_theme": "Advocacy themes",
  "referenceList.member_role": "Roles members value",
  "referenceList.funder": "Funders",
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

const fr: Messages = {
  "shell.skipToContent": "Aller au contenu",
  "shell.navigation": "Principale",
  "shell.breadcrumbs": "Fil d’Ariane",
  "shell.language": "Langue",
  "shell.footer": "Throughline : plans stratégiques, résultats et théories du changement.",
  "nav.plans": "Plans",
  "nav.sources": "Sources",
  "language.en": "English",
  "language.fr": "Français",
  "language.es": "Español",
  "language.ru": "Русский",
  "language.zh": "中文",

  "error.notFound.title": "Page introuvable",
  "error.notFound.body":
    "Il n’y a rien à cette adresse. Le plan ou l’élément a peut-être été renommé ou supprimé.",
  "error.unexpected.title": "Une erreur s’est produite",
  "error.unexpected.body": "La page n’a pas pu être affichée. Veuillez réessayer dans un instant.",
  "error.backHome": "Retour aux plans",

  "status.planned": "Prévu",
  "status.future": "Futur",
  "status.active": "En cours",
  "status.completed": "Terminé",
  "status.dropped": "Abandonné",
  "planStatus.draft": "Brouillon",
  "planStatus.active": "En cours",
  "planStatus.closed": "Clos",

  "kind.impact": "Impact",
  "kind.objective": "Objectif",
  "kind.outcome": "Effet",
  "kind.output": "Produit",
  "kind.strategy": "Stratégie",
  "kind.activity": "Activité",
  "kind.assumption": "Hypothèse",
  "kindPlural.impact": "Impacts",
  "kindPlural.objective": "Objectifs",
  "kindPlural.outcome": "Effets",
  "kindPlural.output": "Produits",
  "kindPlural.strategy": "Stratégies",
  "kindPlural.activity": "Activités",
  "kindPlural.assumption": "Hypothèses",

  "home.title": "Plans stratégiques",
  "home.intro":
    "Chaque plan est un graphe d’objectifs, de stratégies et d’activités. Ouvrez un plan pour lire sa structure et la source de chaque élément.",
  "home.empty": "Aucun plan n’a encore été chargé. Importez-en un avec : npm run cli -- import <fichier>",

  "plan.period": "{start} – {end}",
  "plan.reconstructedBadge": "Reconstitué",
  "plan.reconstructedExplanation":
    "Le texte de ce plan n’est pas disponible ; il a été reconstitué à partir d’un document ultérieur, et chaque élément cite le passage dont il provient.",
  "plan.follows": "Fait suite à",
  "plan.previous": "Plan précédent :",
  "plan.next": "Plan suivant :",
  "plan.outline": "Structure",
  "plan.emptyOutline": "Ce plan n’a pas encore d’éléments.",

  "element.parts": "Composantes de {code}",
  "element.reconstructedBadge": "Reconstitué",
  "element.reconstructedExplanation":
    "Reconstitué à partir d’un document ultérieur : voir la source ci-dessous.",
  "element.futureExplanation":
    "Le plan présente ceci comme une activité future : ni chiffrée ni engagée pour la période du plan.",
  "element.description": "Description",
  "element.resourcesRequired": "Ressources requises",
  "element.source": "Source",
  "element.noCitation": "Aucune source n’est enregistrée pour cet élément.",
  "element.outline": "Place dans le plan",
  "element.partOf": "Fait partie de",
  "element.topLevel": "Un élément de premier niveau du plan.",
  "element.childrenHeading": "Ses composantes ({count})",
  "element.causalLinks": "Liens de causalité",
  "element.noCausalLinks": "Aucun lien de causalité n’a encore été tracé vers ou depuis cet élément.",

  "link.contributes_to.out": "Contribue à",
  "link.contributes_to.in": "Reçoit la contribution de",
  "link.precondition_of.out": "Est une condition préalable de",
  "link.precondition_of.in": "A pour condition préalable",
  "evidence.none": "Preuves : aucune",
  "evidence.weak": "Preuves : faibles",
  "evidence.moderate": "Preuves : modérées",
  "evidence.strong": "Preuves : solides",

  "citation.source": "Source :",

  "sources.title": "Sources et listes de référence",
  "sources.intro":
    "Les documents que citent les plans, et les listes (régions, langues, thèmes, rôles, bailleurs) qu’utilisent les rapports et les indicateurs.",
  "sources.documents": "Documents sources",
  "sources.id": "Identifiant",
  "sources.documentTitle": "Titre",
  "sources.language": "Langue",
  "sources.year": "Année",
  "sources.referenceLists": "Listes de référence",
  "referenceList.region": "Régions",
  "referenceList.language": "Langues",
  "referenceList.advocacy_theme": "Thèmes de plaidoyer",
  "referenceList.member_role": "Rôles appréciés par les membres",
  "referenceList.funder": "Bailleurs de fonds",
};

export const messages = { en, fr } satisfies Record<string, Messages>;
