import { z } from "zod";
import {
  type EvidenceLink,
  elementKinds,
  elementLevels,
  elementStatuses,
  evidenceStrengths,
  type LocalizedText,
  layoutDirections,
  linkKinds,
  planStatuses,
  referenceListNames,
} from "./vocabulary";

export type { LocalizedText };

/** The plan-graph interchange format, version 1 (docs/formats/plan-graph.md). */

const text = z.string().trim().min(1, "must not be empty");
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and dashes");
const isoDate = z.iso.date("must be a date written YYYY-MM-DD");

export const localizedTextSchema: z.ZodType<LocalizedText> = z.strictObject({
  en: text,
  fr: text.optional(),
  es: text.optional(),
  ru: text.optional(),
  zh: text.optional(),
});

export const citationSchema = z.strictObject({
  source: slug,
  section: text,
  quote: text.optional(),
});

export const sourceSchema = z.strictObject({
  id: slug,
  title: localizedTextSchema,
  language: z.string().regex(/^[a-z]{2}$/, "must be a two-letter language code"),
  publishedYear: z.number().int().min(1900).max(2100).optional(),
  file: text.optional(),
});

export const planSchema = z
  .strictObject({
    slug,
    title: localizedTextSchema,
    summary: localizedTextSchema.optional(),
    startDate: isoDate,
    endDate: isoDate,
    status: z.enum(planStatuses),
    previousPlan: slug.nullable(),
    reconstructed: z.boolean(),
    citation: citationSchema.nullable(),
  })
  .refine((plan) => plan.endDate >= plan.startDate, {
    message: "must not be before startDate",
    path: ["endDate"],
  });

export const elementCodePattern = /^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/;

/** An absolute http or https address (no other scheme, no user name or password in it). */
export function isHttpAddress(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (
    (url.protocol === "http:" || url.protocol === "https:") &&
    !!url.hostname &&
    !url.username &&
    !url.password
  );
}

export const evidenceLinkSchema = z.strictObject({
  url: z.string().trim().max(2000, "must be at most 2,000 characters").refine(isHttpAddress, {
    message: "must be an http:// or https:// address",
  }),
  label: text.max(200, "must be at most 200 characters").optional(),
});

/** Canvas coordinates: finite and within ±10,000,000 (what the database accepts). */
export const maxCoordinate = 1e7;
const coordinate = z.number("must be a number").refine((value) => Math.abs(value) < maxCoordinate, {
  message: "must be between -10,000,000 and 10,000,000",
});

export const canvasNodeSchema = z.strictObject({
  element: z.string().min(1),
  x: coordinate,
  y: coordinate,
  pinned: z.boolean(),
});

export const canvasSchema = z.strictObject({
  slug,
  title: localizedTextSchema,
  description: localizedTextSchema.nullable().optional(),
  focus: z.string().min(1).nullable(),
  draft: z.boolean(),
  showOutline: z.boolean(),
  layoutDirection: z.enum(layoutDirections),
  citation: citationSchema.nullable(),
  nodes: z.array(canvasNodeSchema),
});

export const elementSchema = z.strictObject({
  code: z.string().regex(elementCodePattern, "must be letters and digits separated by dots, e.g. O1.S2.A3"),
  kind: z.enum(elementKinds),
  title: localizedTextSchema,
  description: localizedTextSchema.nullable(),
  status: z.enum(elementStatuses),
  resourcesRequired: localizedTextSchema.nullable(),
  reconstructed: z.boolean(),
  citation: citationSchema.nullable(),
  /** Where it acts; absent means none. */
  level: z.enum(elementLevels).nullable().optional(),
});

export const linkSchema = z.strictObject({
  kind: z.enum(linkKinds),
  from: z.string().min(1),
  to: z.string().min(1),
  rationale: localizedTextSchema.nullable(),
  evidenceStrength: z.enum(evidenceStrengths).nullable(),
  citation: citationSchema.nullable(),
  /** Causal links only; absent means none. */
  evidenceLinks: z.array(evidenceLinkSchema).nullable().optional(),
});

export const planGraphSchema = z.strictObject({
  format: z.literal("throughline/plan-graph"),
  version: z.literal(1),
  sources: z.array(sourceSchema),
  plan: planSchema,
  elements: z.array(elementSchema),
  links: z.array(linkSchema),
  /** Theory-of-change canvases; absent leaves a plan's canvases as they are on import. */
  canvases: z.array(canvasSchema).optional(),
});

export const referenceItemSchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "must be lower-case letters, digits, _ and -"),
  label: localizedTextSchema,
  note: localizedTextSchema.nullable(),
  citation: citationSchema.nullable(),
});

export const organisationFileSchema = z.strictObject({
  format: z.literal("throughline/organisation"),
  version: z.literal(1),
  organisation: z.strictObject({
    name: localizedTextSchema,
    shortName: text,
    foundedYear: z.number().int().nullable(),
    citation: citationSchema.nullable(),
  }),
  sources: z.array(sourceSchema),
  referenceLists: z.partialRecord(z.enum(referenceListNames), z.array(referenceItemSchema)),
});

export type Citation = z.infer<typeof citationSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type PlanGraph = z.infer<typeof planGraphSchema>;
export type PlanGraphElement = z.infer<typeof elementSchema>;
export type PlanGraphLink = z.infer<typeof linkSchema>;
export type PlanGraphCanvas = z.infer<typeof canvasSchema>;
export type PlanGraphCanvasNode = z.infer<typeof canvasNodeSchema>;
export type OrganisationFile = z.infer<typeof organisationFileSchema>;

/** Evidence links as stored and written: `url` then `label`; none is null (never an empty list). */
export function evidenceLinksValue(links: readonly EvidenceLink[] | null | undefined): EvidenceLink[] | null {
  if (!links?.length) return null;
  return links.map((link) =>
    link.label !== undefined ? { url: link.url, label: link.label } : { url: link.url },
  );
}
