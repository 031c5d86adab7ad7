import { messages as auditLogMessages } from "../audit-messages";
import { messages as credentialMessages } from "../auth/messages";
import { messages as dashboardMessages } from "../dashboards/messages";
import { messages as importMessages } from "../imports/messages";
import { messages as indicatorMessages } from "../indicators/messages";
import { messages as koboMessages } from "../kobo/messages";
import { messages as progressMessages } from "../progress/messages";
import { messages as tocEditorMessages } from "../toc/editor-messages";
import { messages as tocMessages } from "../toc/messages";

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
  "shell.demoBanner":
    "Demo installation — do not enter real data: its accounts and their password are public.",
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
  "error.tooMany.title": "Too many requests",
  "error.tooMany.body":
    "You asked for many past days in a short time; each one is worked out afresh, so their number is limited. Please try again in {seconds} s. Today's figures are always available.",

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
  "home.noneVisible":
    "There is no plan you can see yet. Plans appear here when you are given access to them (a funder sees what its organisation funds).",

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
  "element.level": "Level: {level}",
  "element.level.global": "global",
  "element.level.regional": "regional",
  "element.level.national": "national",
  "element.level.local": "local",
  "element.evidenceLinks": "Where the evidence can be read:",

  "link.contributes_to.out": "Contributes to",
  "link.contributes_to.in": "Is contributed to by",
  "link.precondition_of.out": "Is a precondition of",
  "link.precondition_of.in": "Has as a precondition",
  "evidence.none": "Evidence: none",
  "evidence.weak": "Evidence: weak",
  "evidence.moderate": "Evidence: moderate",
  "evidence.strong": "Evidence: strong",

  "citation.source": "Source:",

  "indicator.heading": "Indicators",
  "indicator.noFigures": "No approved figure yet.",
  "indicator.lifeOfPlan": "over the plan",
  "aggregation.per_period": "Each period counts on its own",
  "aggregation.cumulative": "Running total over the plan",
  "aggregation.latest": "Latest level reported",

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

  "nav.dashboards": "Dashboards",
  "nav.dashboardsOf": "The dashboard of each plan",
  "nav.users": "Users",
  "nav.audit": "Audit trail",
  "nav.account": "Your account",
  "nav.signOut": "Sign out",

  "role.admin": "Administrator",
  "role.me_officer": "M&E officer",
  "role.staff": "Staff",
  "role.board": "Board",
  "role.funder": "Funder",
  "role.consultant": "Consultant",

  "form.invalid": "This field is missing or not valid.",
  "signIn.title": "Sign in",
  "signIn.email": "Email",
  "signIn.password": "Password",
  "signIn.submit": "Sign in",
  "signIn.emailRequired": "Enter your email address.",
  "signIn.passwordRequired": "Enter your password.",
  "signIn.refused": "The email or the password is not right.",
  "signIn.throttled": "Too many attempts. Try again in {minutes} minutes.",
  "signIn.failedNotice.one":
    "There was {count} failed attempt to sign in to your account since {since}. If it was not you, tell an administrator.",
  "signIn.failedNotice.other":
    "There were {count} failed attempts to sign in to your account since {since}. If they were not yours, tell an administrator.",
  "signIn.demoTitle": "Demo mode",
  "signIn.demoBody":
    "This is a demonstration installation. Every demo account below uses the password {password}. Do not enter real data.",
  "secondFactor.title": "Second factor",
  "secondFactor.intro": "Enter the 6-digit code from your authenticator app, or one of your recovery codes.",
  "secondFactor.code": "Code",
  "secondFactor.submit": "Continue",
  "secondFactor.codeFormat":
    "Enter the 6 digits from your app, or a recovery code such as abcd-efgh-2345-6789.",
  "secondFactor.wrong":
    "That code is not right, or has already been used. Wait for the next code and try again.",
  "secondFactor.demoCode": "Demo mode: this demo account's current code is {code}.",

  "password.rules": "8 to 128 characters; not one of the most common passwords, and not your email address.",
  "password.tooShort": "The password must have at least 8 characters.",
  "password.tooLong": "The password must have at most 128 characters.",
  "password.common": "This password is one of the most common passwords. Choose another.",
  "password.sameAsEmail": "The password must not be the email address.",

  "account.title": "Your account",
  "account.name": "Name",
  "account.email": "Email",
  "account.roles": "Roles in force",
  "account.noRoles": "None",
  "account.sessionsLink": "See and end your sessions",
  "account.secondFactor": "Second factor",
  "account.secondFactorOn": "A second factor (authenticator app) protects your account.",
  "account.secondFactorOff":
    "Add a second factor: after your password, you will also enter a code from an authenticator app. Administrators and M&E officers must have one.",
  "account.enrolStep2": "or open this address with it:",
  "account.enrolSubmit": "Turn on the second factor",

  "sessions.title": "Sessions",
  "sessions.intro": "Every browser where you are signed in. End any you do not recognise.",
  "sessions.caption": "Your signed-in sessions",
  "sessions.started": "Started",
  "sessions.lastSeen": "Last active",
  "sessions.address": "Network address",
  "sessions.browser": "Browser",
  "sessions.actions": "Actions",
  "sessions.thisOne": "this browser",
  "sessions.end": "End",
  "sessions.endOthers": "End all other sessions",

  "users.title": "Users",
  "users.caption": "All users ({count})",
  "users.name": "Name",
  "users.email": "Email",
  "users.roles": "Roles",
  "users.secondFactor": "Second factor",
  "users.status": "Status",
  "users.active": "Active",
  "users.deactivated": "Deactivated",
  "users.yes": "Yes",
  "users.no": "No",
  "users.new": "New user",
  "users.newIntro":
    "Give the person their initial password through a safe channel; they can change roles only through an administrator.",
  "users.initialPassword": "Initial password",
  "users.create": "Create the user",
  "users.accessUntil": "Consultant access until (inclusive)",
  "users.funder": "Funder organisation (for the funder role)",
  "users.rationale": "Reason (kept in the audit trail)",
  "users.saveRoles": "Save roles",
  "users.resetPassword": "Reset password",
  "users.resetPasswordIntro":
    "Sets a temporary password and ends all of this user's sessions. At their next sign-in they must choose their own password before anything else.",
  "users.newPassword": "New password",
  "users.deactivate": "Deactivate",
  "users.deactivateIntro": "The user can no longer sign in, and all their sessions end now.",
  "users.reactivate": "Reactivate",
  "users.reactivateIntro": "The user can sign in again.",
  "users.noSessions": "No active session.",
  "users.endAllSessions": "End all sessions",
  "users.nameRequired": "Enter a name (at most 200 characters).",
  "users.emailInvalid": "Enter a valid email address.",
  "users.emailTaken": "A user with this email already exists.",
  "users.dateFormat": "Enter a date (YYYY-MM-DD).",
  "users.funderRequired": "A funder must belong to a funder organisation.",
  "users.funderUnknown": "Choose a funder organisation from the list.",
  "users.accessUntilRequired": "A consultant's access needs an end date.",
  "users.lastAdmin": "This is the last active administrator: the role cannot be removed.",

  "audit.title": "Audit trail",
  "audit.intro": "Every change and every sign-in, newest first. Entries cannot be changed or deleted.",
  "audit.caption": "Audit entries",
  "audit.when": "When",
  "audit.actor": "Who",
  "audit.action": "Action",
  "audit.entityType": "Kind of record",
  "audit.entity": "Record",
  "audit.details": "Details",
  "audit.from": "From",
  "audit.to": "To",
  "audit.filter": "Filter",
  "audit.pages": "Pages",
  "audit.newer": "Newer entries",
  "audit.older": "Older entries",
} as const;

const fr: Record<keyof typeof en, string> = {
  "shell.skipToContent": "Aller au contenu",
  "shell.navigation": "Principale",
  "shell.breadcrumbs": "Fil d’Ariane",
  "shell.language": "Langue",
  "shell.footer": "Throughline : plans stratégiques, résultats et théories du changement.",
  "shell.demoBanner":
    "Installation de démonstration — n’y saisissez pas de données réelles : ses comptes et leur mot de passe sont publics.",
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
  "error.tooMany.title": "Trop de demandes",
  "error.tooMany.body":
    "Vous avez demandé beaucoup de jours passés en peu de temps ; chacun est recalculé, leur nombre est donc limité. Veuillez réessayer dans {seconds} s. Les chiffres du jour restent toujours disponibles.",

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
  "home.noneVisible":
    "Aucun plan ne vous est encore accessible. Les plans apparaissent ici lorsqu’on vous y donne accès (un bailleur voit ce que finance son organisation).",

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
  "element.level": "Niveau : {level}",
  "element.level.global": "mondial",
  "element.level.regional": "régional",
  "element.level.national": "national",
  "element.level.local": "local",
  "element.evidenceLinks": "Où lire les preuves :",

  "link.contributes_to.out": "Contribue à",
  "link.contributes_to.in": "Reçoit la contribution de",
  "link.precondition_of.out": "Est une condition préalable de",
  "link.precondition_of.in": "A pour condition préalable",
  "evidence.none": "Preuves : aucune",
  "evidence.weak": "Preuves : faibles",
  "evidence.moderate": "Preuves : modérées",
  "evidence.strong": "Preuves : solides",

  "citation.source": "Source :",

  "indicator.heading": "Indicateurs",
  "indicator.noFigures": "Aucun chiffre approuvé pour l’instant.",
  "indicator.lifeOfPlan": "sur la durée du plan",
  "aggregation.per_period": "Chaque période compte séparément",
  "aggregation.cumulative": "Total cumulé sur la durée du plan",
  "aggregation.latest": "Dernier niveau déclaré",

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

  "nav.dashboards": "Tableaux de bord",
  "nav.dashboardsOf": "Le tableau de bord de chaque plan",
  "nav.users": "Utilisateurs",
  "nav.audit": "Journal d’audit",
  "nav.account": "Votre compte",
  "nav.signOut": "Se déconnecter",

  "role.admin": "Administrateur·rice",
  "role.me_officer": "Chargé·e de suivi-évaluation",
  "role.staff": "Personnel",
  "role.board": "Conseil d’administration",
  "role.funder": "Bailleur de fonds",
  "role.consultant": "Consultant·e",

  "form.invalid": "Ce champ est manquant ou invalide.",
  "signIn.title": "Connexion",
  "signIn.email": "Adresse e-mail",
  "signIn.password": "Mot de passe",
  "signIn.submit": "Se connecter",
  "signIn.emailRequired": "Saisissez votre adresse e-mail.",
  "signIn.passwordRequired": "Saisissez votre mot de passe.",
  "signIn.refused": "L’adresse e-mail ou le mot de passe est incorrect.",
  "signIn.throttled": "Trop de tentatives. Réessayez dans {minutes} minutes.",
  "signIn.failedNotice.one":
    "Il y a eu {count} tentative de connexion échouée sur votre compte depuis le {since}. Si ce n’était pas vous, prévenez un administrateur.",
  "signIn.failedNotice.other":
    "Il y a eu {count} tentatives de connexion échouées sur votre compte depuis le {since}. Si ce n’était pas vous, prévenez un administrateur.",
  "signIn.demoTitle": "Mode démonstration",
  "signIn.demoBody":
    "Ceci est une installation de démonstration. Tous les comptes de démonstration ci-dessous utilisent le mot de passe {password}. N’y saisissez pas de données réelles.",
  "secondFactor.title": "Second facteur",
  "secondFactor.intro":
    "Saisissez le code à 6 chiffres de votre application d’authentification, ou l’un de vos codes de secours.",
  "secondFactor.code": "Code",
  "secondFactor.submit": "Continuer",
  "secondFactor.codeFormat":
    "Saisissez les 6 chiffres de votre application, ou un code de secours comme abcd-efgh-2345-6789.",
  "secondFactor.wrong": "Ce code est incorrect ou a déjà été utilisé. Attendez le code suivant et réessayez.",
  "secondFactor.demoCode": "Mode démonstration : le code actuel de ce compte de démonstration est {code}.",

  "password.rules":
    "8 à 128 caractères ; pas l’un des mots de passe les plus courants, ni votre adresse e-mail.",
  "password.tooShort": "Le mot de passe doit comporter au moins 8 caractères.",
  "password.tooLong": "Le mot de passe doit comporter au plus 128 caractères.",
  "password.common": "Ce mot de passe fait partie des plus courants. Choisissez-en un autre.",
  "password.sameAsEmail": "Le mot de passe ne doit pas être l’adresse e-mail.",

  "account.title": "Votre compte",
  "account.name": "Nom",
  "account.email": "Adresse e-mail",
  "account.roles": "Rôles en vigueur",
  "account.noRoles": "Aucun",
  "account.sessionsLink": "Voir et fermer vos sessions",
  "account.secondFactor": "Second facteur",
  "account.secondFactorOn": "Un second facteur (application d’authentification) protège votre compte.",
  "account.secondFactorOff":
    "Ajoutez un second facteur : après votre mot de passe, vous saisirez aussi un code d’une application d’authentification. Les administrateur·rices et les chargé·es de suivi-évaluation doivent en avoir un.",
  "account.enrolStep2": "ou ouvrez-y cette adresse :",
  "account.enrolSubmit": "Activer le second facteur",

  "sessions.title": "Sessions",
  "sessions.intro":
    "Tous les navigateurs où vous êtes connecté·e. Fermez celles que vous ne reconnaissez pas.",
  "sessions.caption": "Vos sessions ouvertes",
  "sessions.started": "Ouverte le",
  "sessions.lastSeen": "Dernière activité",
  "sessions.address": "Adresse réseau",
  "sessions.browser": "Navigateur",
  "sessions.actions": "Actions",
  "sessions.thisOne": "ce navigateur",
  "sessions.end": "Fermer",
  "sessions.endOthers": "Fermer toutes les autres sessions",

  "users.title": "Utilisateurs",
  "users.caption": "Tous les utilisateurs ({count})",
  "users.name": "Nom",
  "users.email": "Adresse e-mail",
  "users.roles": "Rôles",
  "users.secondFactor": "Second facteur",
  "users.status": "Statut",
  "users.active": "Actif",
  "users.deactivated": "Désactivé",
  "users.yes": "Oui",
  "users.no": "Non",
  "users.new": "Nouvel utilisateur",
  "users.newIntro":
    "Transmettez le mot de passe initial par un canal sûr ; seul·e un·e administrateur·rice peut changer les rôles.",
  "users.initialPassword": "Mot de passe initial",
  "users.create": "Créer l’utilisateur",
  "users.accessUntil": "Accès du consultant jusqu’au (inclus)",
  "users.funder": "Bailleur de fonds (pour le rôle bailleur)",
  "users.rationale": "Motif (conservé dans le journal d’audit)",
  "users.saveRoles": "Enregistrer les rôles",
  "users.resetPassword": "Réinitialiser le mot de passe",
  "users.resetPasswordIntro":
    "Définit un mot de passe provisoire et ferme toutes les sessions de cette personne. À sa prochaine connexion, elle devra choisir son propre mot de passe avant toute autre chose.",
  "users.newPassword": "Nouveau mot de passe",
  "users.deactivate": "Désactiver",
  "users.deactivateIntro":
    "L’utilisateur ne peut plus se connecter, et toutes ses sessions sont fermées immédiatement.",
  "users.reactivate": "Réactiver",
  "users.reactivateIntro": "L’utilisateur peut de nouveau se connecter.",
  "users.noSessions": "Aucune session active.",
  "users.endAllSessions": "Fermer toutes les sessions",
  "users.nameRequired": "Saisissez un nom (200 caractères au plus).",
  "users.emailInvalid": "Saisissez une adresse e-mail valide.",
  "users.emailTaken": "Un utilisateur avec cette adresse existe déjà.",
  "users.dateFormat": "Saisissez une date (AAAA-MM-JJ).",
  "users.funderRequired": "Un bailleur doit appartenir à une organisation bailleuse.",
  "users.funderUnknown": "Choisissez une organisation bailleuse dans la liste.",
  "users.accessUntilRequired": "L’accès d’un consultant doit avoir une date de fin.",
  "users.lastAdmin": "C’est le dernier administrateur actif : ce rôle ne peut pas être retiré.",

  "audit.title": "Journal d’audit",
  "audit.intro":
    "Chaque modification et chaque connexion, des plus récentes aux plus anciennes. Les entrées ne peuvent être ni modifiées ni supprimées.",
  "audit.caption": "Entrées du journal",
  "audit.when": "Quand",
  "audit.actor": "Qui",
  "audit.action": "Action",
  "audit.entityType": "Type d’enregistrement",
  "audit.entity": "Enregistrement",
  "audit.details": "Détails",
  "audit.from": "Du",
  "audit.to": "Au",
  "audit.filter": "Filtrer",
  "audit.pages": "Pages",
  "audit.newer": "Entrées plus récentes",
  "audit.older": "Entrées plus anciennes",
};

/**
 * Each feature keeps its strings beside its code (so people working on different features do not edit one file)
 * and `defineMessages` (./define.ts) holds it to the same rule: French has exactly the English keys.
 */
const catalogues = [
  { en, fr },
  credentialMessages,
  indicatorMessages,
  progressMessages,
  importMessages,
  koboMessages,
  dashboardMessages,
  tocMessages,
  tocEditorMessages,
  auditLogMessages,
] as const;

type Union = (typeof catalogues)[number]["en"];
type KeysOf<T> = T extends unknown ? keyof T : never;
export type MessageKey = KeysOf<Union>;
export type Messages = Record<MessageKey, string>;

const merge = (locale: "en" | "fr") =>
  Object.assign({}, ...catalogues.map((catalogue) => catalogue[locale])) as Messages;

export const messages = { en: merge("en"), fr: merge("fr") } satisfies Record<string, Messages>;
