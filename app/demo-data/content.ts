import type { Frequency } from "../indicators/periods";
import type { Aggregation, Direction, Measure } from "../indicators/values";
import type { ElementKind, LocalizedText } from "../plan-graph/vocabulary";

/**
 * The invented content of the synthetic demo plan: an outline of advocacy, capacity-building and communications
 * work, and the indicators that measure it. None of it is taken from NSWP's documents.
 */

export const demoPlanSlug = "synthetic-demo";

export const demoPlan = {
  title: { en: "Synthetic demo plan", fr: "Plan de démonstration synthétique" },
  summary: {
    en: "Invented objectives, indicators and figures, generated to try Throughline (npm run cli -- demo-data). They describe no real organisation.",
    fr: "Objectifs, indicateurs et chiffres inventés, générés pour essayer Throughline (npm run cli -- demo-data). Ils ne décrivent aucune organisation réelle.",
  },
} satisfies Record<string, LocalizedText>;

export type DemoElement = { code: string; kind: ElementKind; title: LocalizedText };

export const demoOutline: DemoElement[] = [
  {
    code: "O1",
    kind: "objective",
    title: {
      en: "Laws and policies respect the rights of the communities we serve",
      fr: "Les lois et les politiques respectent les droits des communautés que nous servons",
    },
  },
  {
    code: "O1.S1",
    kind: "strategy",
    title: { en: "Build evidence for advocacy", fr: "Constituer des données probantes pour le plaidoyer" },
  },
  {
    code: "O1.S1.A1",
    kind: "activity",
    title: {
      en: "Run a community survey on access to services",
      fr: "Mener une enquête communautaire sur l’accès aux services",
    },
  },
  {
    code: "O1.S1.A2",
    kind: "activity",
    title: { en: "Publish policy briefs", fr: "Publier des notes de politique" },
  },
  {
    code: "O1.S2",
    kind: "strategy",
    title: { en: "Engage decision makers", fr: "Mobiliser les décideurs" },
  },
  {
    code: "O1.S2.A1",
    kind: "activity",
    title: { en: "Hold regional advocacy dialogues", fr: "Organiser des dialogues régionaux de plaidoyer" },
  },
  {
    code: "O1.S2.A2",
    kind: "activity",
    title: {
      en: "Brief parliamentarians and officials",
      fr: "Informer les parlementaires et les responsables publics",
    },
  },
  {
    code: "O2",
    kind: "objective",
    title: {
      en: "Member organisations are stronger and led by their communities",
      fr: "Les organisations membres sont plus solides et dirigées par leurs communautés",
    },
  },
  {
    code: "O2.S1",
    kind: "strategy",
    title: { en: "Train community leaders", fr: "Former des leaders communautaires" },
  },
  {
    code: "O2.S1.A1",
    kind: "activity",
    title: { en: "Run the leadership training cycle", fr: "Organiser le cycle de formation au leadership" },
  },
  {
    code: "O2.S1.A2",
    kind: "activity",
    title: { en: "Mentor newly trained leaders", fr: "Accompagner les leaders nouvellement formés" },
  },
  {
    code: "O2.S2",
    kind: "strategy",
    title: {
      en: "Strengthen organisational systems",
      fr: "Renforcer les systèmes des organisations",
    },
  },
  {
    code: "O2.S2.A1",
    kind: "activity",
    title: {
      en: "Give small grants to member organisations",
      fr: "Accorder des petites subventions aux organisations membres",
    },
  },
  {
    code: "O2.S2.A2",
    kind: "activity",
    title: { en: "Coach financial management", fr: "Accompagner la gestion financière" },
  },
  {
    code: "O3",
    kind: "objective",
    title: {
      en: "Information reaches members in their own languages",
      fr: "L’information parvient aux membres dans leurs langues",
    },
  },
  {
    code: "O3.S1",
    kind: "strategy",
    title: { en: "Publish in the members’ languages", fr: "Publier dans les langues des membres" },
  },
  {
    code: "O3.S1.A1",
    kind: "activity",
    title: { en: "Translate key publications", fr: "Traduire les publications clés" },
  },
  {
    code: "O3.S1.A2",
    kind: "activity",
    title: { en: "Produce a quarterly newsletter", fr: "Produire une lettre d’information trimestrielle" },
  },
  {
    code: "O3.S2",
    kind: "strategy",
    title: { en: "Grow the online community", fr: "Développer la communauté en ligne" },
  },
  {
    code: "O3.S2.A1",
    kind: "activity",
    title: {
      en: "Keep the website and social media alive",
      fr: "Faire vivre le site et les réseaux sociaux",
    },
  },
  {
    code: "O3.S2.A2",
    kind: "activity",
    title: { en: "Host webinars", fr: "Animer des webinaires" },
  },
];

/** Causal links drawn between strategies and objectives, so the theory-of-change views have something to show. */
export const demoCausalLinks: { from: string; to: string; rationale: LocalizedText }[] = [
  {
    from: "O2.S1",
    to: "O1.S2",
    rationale: {
      en: "Trained leaders speak for their communities in dialogues with decision makers.",
      fr: "Les leaders formés parlent au nom de leurs communautés dans les dialogues avec les décideurs.",
    },
  },
  {
    from: "O3.S1",
    to: "O1",
    rationale: {
      en: "Publications in members’ languages carry the evidence to national advocacy.",
      fr: "Les publications dans les langues des membres portent les données jusqu’au plaidoyer national.",
    },
  },
];

/** The activities the demo staff user is responsible for (the first one has a region × gender quarterly indicator). */
export const demoStaffActivities = ["O1.S2.A1", "O2.S1.A1", "O3.S1.A2", "O3.S2.A2"];

export type DemoIndicator = {
  code: string;
  elements: string[];
  name: LocalizedText;
  definition: LocalizedText;
  unit: LocalizedText | null;
  measure: Measure;
  direction: Direction;
  aggregation: Aggregation;
  frequency: Frequency;
  dimensions: ("region" | "gender" | "language")[];
  /** For `per_period` and `cumulative`: the yearly flow at the start; for `latest`: the level at the start. */
  start: number;
  /** Yearly change: a factor for numbers (1.2 = +20 %), points per year for percentages and scale levels. */
  yearly: number;
  tolerance?: number;
  scale?: LocalizedText[];
  narrative: LocalizedText;
};

export const demoIndicators: DemoIndicator[] = [
  {
    code: "I1",
    elements: ["O1.S2.A1"],
    name: {
      en: "People taking part in advocacy dialogues",
      fr: "Personnes participant aux dialogues de plaidoyer",
    },
    definition: {
      en: "Participants counted on the attendance sheets of each regional dialogue.",
      fr: "Participants comptés sur les feuilles de présence de chaque dialogue régional.",
    },
    unit: { en: "participants", fr: "participants" },
    measure: "number",
    direction: "increase",
    aggregation: "per_period",
    frequency: "quarterly",
    dimensions: ["region", "gender"],
    start: 360,
    yearly: 1.15,
    narrative: {
      en: "Dialogues held this quarter, counted from the attendance sheets (synthetic).",
      fr: "Dialogues tenus ce trimestre, comptés sur les feuilles de présence (synthétique).",
    },
  },
  {
    code: "I2",
    elements: ["O2.S1.A1", "O2.S1"],
    name: { en: "Community leaders trained", fr: "Leaders communautaires formés" },
    definition: {
      en: "People who completed every module of the leadership training cycle.",
      fr: "Personnes ayant suivi tous les modules du cycle de formation au leadership.",
    },
    unit: { en: "leaders", fr: "leaders" },
    measure: "number",
    direction: "increase",
    aggregation: "cumulative",
    frequency: "quarterly",
    dimensions: ["region", "gender"],
    start: 80,
    yearly: 1.1,
    narrative: {
      en: "Leaders who finished the cycle this quarter (synthetic).",
      fr: "Leaders ayant terminé le cycle ce trimestre (synthétique).",
    },
  },
  {
    code: "I3",
    elements: ["O1.S1.A2"],
    name: { en: "Policy briefs published", fr: "Notes de politique publiées" },
    definition: {
      en: "Briefs published on the website with an identifier.",
      fr: "Notes publiées sur le site avec un identifiant.",
    },
    unit: { en: "briefs", fr: "notes" },
    measure: "number",
    direction: "increase",
    aggregation: "cumulative",
    frequency: "annual",
    dimensions: [],
    start: 6,
    yearly: 1.1,
    narrative: {
      en: "Briefs published this year (synthetic).",
      fr: "Notes publiées cette année (synthétique).",
    },
  },
  {
    code: "I4",
    elements: ["O1.S1.A1"],
    name: { en: "Survey respondents", fr: "Répondants à l’enquête" },
    definition: {
      en: "Complete answers to the community survey.",
      fr: "Réponses complètes à l’enquête communautaire.",
    },
    unit: { en: "respondents", fr: "répondants" },
    measure: "number",
    direction: "increase",
    aggregation: "per_period",
    frequency: "annual",
    dimensions: ["region"],
    start: 900,
    yearly: 1.2,
    narrative: {
      en: "Survey round closed; answers checked for completeness (synthetic).",
      fr: "Tour d’enquête clos ; réponses vérifiées (synthétique).",
    },
  },
  {
    code: "I5",
    elements: ["O1.S2.A2"],
    name: { en: "Meetings with decision makers", fr: "Rencontres avec des décideurs" },
    definition: {
      en: "Meetings with a parliamentarian or an official, with minutes.",
      fr: "Rencontres avec un parlementaire ou un responsable public, avec compte rendu.",
    },
    unit: { en: "meetings", fr: "rencontres" },
    measure: "number",
    direction: "increase",
    aggregation: "per_period",
    frequency: "quarterly",
    dimensions: [],
    start: 40,
    yearly: 1.1,
    narrative: {
      en: "Meetings held this quarter (synthetic).",
      fr: "Rencontres tenues ce trimestre (synthétique).",
    },
  },
  {
    code: "I6",
    elements: ["O2.S1.A2"],
    name: {
      en: "Trained leaders still active six months later",
      fr: "Leaders formés toujours actifs six mois plus tard",
    },
    definition: {
      en: "Share of the leaders trained six months earlier who led an activity since.",
      fr: "Part des leaders formés six mois plus tôt ayant animé une activité depuis.",
    },
    unit: null,
    measure: "percentage",
    direction: "increase",
    aggregation: "latest",
    frequency: "semi_annual",
    dimensions: [],
    start: 55,
    yearly: 6,
    narrative: {
      en: "Follow-up calls with trained leaders (synthetic).",
      fr: "Appels de suivi des leaders formés (synthétique).",
    },
  },
  {
    code: "I7",
    elements: ["O2.S2.A1"],
    name: {
      en: "Member organisations given a small grant",
      fr: "Organisations membres ayant reçu une petite subvention",
    },
    definition: {
      en: "Organisations whose grant agreement was signed in the year.",
      fr: "Organisations dont la convention de subvention a été signée dans l’année.",
    },
    unit: { en: "organisations", fr: "organisations" },
    measure: "number",
    direction: "increase",
    aggregation: "per_period",
    frequency: "annual",
    dimensions: ["region"],
    start: 30,
    yearly: 1.1,
    narrative: {
      en: "Grant agreements signed this year (synthetic).",
      fr: "Conventions signées cette année (synthétique).",
    },
  },
  {
    code: "I8",
    elements: ["O2.S2.A2"],
    name: {
      en: "Member organisations with audited accounts",
      fr: "Organisations membres aux comptes audités",
    },
    definition: {
      en: "Share of member organisations whose last accounts were audited.",
      fr: "Part des organisations membres dont les derniers comptes ont été audités.",
    },
    unit: null,
    measure: "percentage",
    direction: "increase",
    aggregation: "latest",
    frequency: "annual",
    dimensions: [],
    start: 35,
    yearly: 8,
    narrative: { en: "Audit reports received (synthetic).", fr: "Rapports d’audit reçus (synthétique)." },
  },
  {
    code: "I9",
    elements: ["O3.S1.A1"],
    name: { en: "Publications translated", fr: "Publications traduites" },
    definition: {
      en: "Translations published, counted once per language.",
      fr: "Traductions publiées, comptées une fois par langue.",
    },
    unit: { en: "translations", fr: "traductions" },
    measure: "number",
    direction: "increase",
    aggregation: "cumulative",
    frequency: "quarterly",
    dimensions: ["language"],
    start: 24,
    yearly: 1.1,
    narrative: {
      en: "Translations published this quarter (synthetic).",
      fr: "Traductions publiées ce trimestre (synthétique).",
    },
  },
  {
    code: "I10",
    elements: ["O3.S1.A2"],
    name: { en: "Newsletter subscribers", fr: "Abonnés à la lettre d’information" },
    definition: {
      en: "Active subscribers on the last day of the quarter.",
      fr: "Abonnés actifs le dernier jour du trimestre.",
    },
    unit: { en: "subscribers", fr: "abonnés" },
    measure: "number",
    direction: "increase",
    aggregation: "latest",
    frequency: "quarterly",
    dimensions: [],
    start: 1200,
    yearly: 1.18,
    narrative: {
      en: "Subscriber count from the mailing tool (synthetic).",
      fr: "Nombre d’abonnés selon l’outil d’envoi (synthétique).",
    },
  },
  {
    code: "I11",
    elements: ["O3.S2.A1"],
    name: { en: "Website visits", fr: "Visites du site" },
    definition: {
      en: "Visits counted by the website’s analytics.",
      fr: "Visites comptées par l’outil de mesure du site.",
    },
    unit: { en: "visits", fr: "visites" },
    measure: "number",
    direction: "increase",
    aggregation: "per_period",
    frequency: "quarterly",
    dimensions: [],
    start: 48000,
    yearly: 1.12,
    narrative: { en: "Visits this quarter (synthetic).", fr: "Visites ce trimestre (synthétique)." },
  },
  {
    code: "I12",
    elements: ["O3.S2.A2"],
    name: { en: "Webinar participants", fr: "Participants aux webinaires" },
    definition: {
      en: "People connected for at least half of a webinar.",
      fr: "Personnes connectées pendant au moins la moitié d’un webinaire.",
    },
    unit: { en: "participants", fr: "participants" },
    measure: "number",
    direction: "increase",
    aggregation: "per_period",
    frequency: "quarterly",
    dimensions: ["gender"],
    start: 400,
    yearly: 1.15,
    narrative: {
      en: "Webinars held this quarter (synthetic).",
      fr: "Webinaires tenus ce trimestre (synthétique).",
    },
  },
  {
    code: "I13",
    elements: ["O1"],
    name: { en: "Stage of the law reform campaign", fr: "Étape de la campagne de réforme de la loi" },
    definition: {
      en: "The furthest stage the campaign has reached, on the campaign’s own scale.",
      fr: "L’étape la plus avancée atteinte par la campagne, sur son échelle.",
    },
    unit: null,
    measure: "qualitative",
    direction: "increase",
    aggregation: "latest",
    frequency: "annual",
    dimensions: [],
    start: 0,
    yearly: 1,
    scale: [
      { en: "Not started", fr: "Pas commencée" },
      { en: "Allies identified", fr: "Alliés identifiés" },
      { en: "Bill drafted", fr: "Projet de loi rédigé" },
      { en: "Bill debated", fr: "Projet de loi débattu" },
      { en: "Law adopted", fr: "Loi adoptée" },
    ],
    narrative: {
      en: "Campaign review meeting (synthetic).",
      fr: "Réunion de bilan de la campagne (synthétique).",
    },
  },
  {
    code: "I14",
    elements: ["O3.S2.A1"],
    name: {
      en: "Days to answer a member’s request",
      fr: "Jours pour répondre à la demande d’un membre",
    },
    definition: {
      en: "Median number of days between a request and its answer, over the quarter.",
      fr: "Nombre médian de jours entre une demande et sa réponse, sur le trimestre.",
    },
    unit: { en: "days", fr: "jours" },
    measure: "number",
    direction: "decrease",
    aggregation: "latest",
    frequency: "quarterly",
    dimensions: [],
    start: 12,
    yearly: 0.8,
    narrative: {
      en: "Median computed from the help desk (synthetic).",
      fr: "Médiane calculée à partir du support (synthétique).",
    },
  },
  {
    code: "I15",
    elements: ["O2.S2"],
    name: {
      en: "Board seats held by community members",
      fr: "Sièges du conseil occupés par des membres de la communauté",
    },
    definition: {
      en: "Share of the board’s seats held by members of the communities served.",
      fr: "Part des sièges du conseil occupés par des membres des communautés servies.",
    },
    unit: null,
    measure: "percentage",
    direction: "maintain",
    aggregation: "latest",
    frequency: "annual",
    dimensions: [],
    start: 60,
    yearly: 0,
    tolerance: 5,
    narrative: {
      en: "Board composition at the annual meeting (synthetic).",
      fr: "Composition du conseil à l’assemblée annuelle (synthétique).",
    },
  },
];

/** The language the return notes below are written in, stored with each note so pages can say so. */
export const demoReturnNotesLanguage = "en";

export const demoReturnNotes = [
  "Please attach the attendance sheets before this can be approved.",
  "The breakdown by region looks swapped between two regions: please check it.",
  "Which period does this cover? The narrative mentions a meeting after the end of the quarter.",
];
