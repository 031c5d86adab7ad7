/** The words of the plan graph, shared by the interchange format, the database and the pages (no zod here, so
 * pages can import it without shipping the validator to the browser). */

export const languages = ["en", "fr", "es", "ru", "zh"] as const;
export type Language = (typeof languages)[number];
export type LocalizedText = { en: string } & Partial<Record<Exclude<Language, "en">, string>>;

export const planStatuses = ["draft", "active", "closed"] as const;
export const elementKinds = [
  "impact",
  "objective",
  "outcome",
  "output",
  "strategy",
  "activity",
  "assumption",
] as const;
export const elementStatuses = ["planned", "future", "active", "completed", "dropped"] as const;
export const linkKinds = ["part_of", "contributes_to", "precondition_of"] as const;
export const evidenceStrengths = ["none", "weak", "moderate", "strong"] as const;
/** Where an element acts, for the theory of change (the 2015 review: global → regional → national → local). */
export const elementLevels = ["global", "regional", "national", "local"] as const;
export type ElementLevel = (typeof elementLevels)[number];
/** The direction a theory-of-change canvas is laid out in (elkjs `elk.direction`): causes → effects. */
export const layoutDirections = ["RIGHT", "DOWN", "LEFT", "UP"] as const;
export type LayoutDirection = (typeof layoutDirections)[number];
/** A place where the evidence for a causal link can be read (an http or https address). */
export type EvidenceLink = { url: string; label?: string };
export const referenceListNames = ["region", "language", "advocacy_theme", "member_role", "funder"] as const;

export type ElementKind = (typeof elementKinds)[number];
export type ElementStatus = (typeof elementStatuses)[number];
