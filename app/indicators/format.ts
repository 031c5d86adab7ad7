import { z } from "zod";
import { citationSchema, localizedTextSchema, sourceSchema } from "../plan-graph/format";
import { builtInDimensions } from "./dimensions";
import { frequencies } from "./periods";
import { aggregationModes, directions, measures } from "./values";

/** The indicators interchange format, version 1 (docs/formats/indicators.md): indicators and sourced figures. */

const isoDate = z.iso.date("must be a date written YYYY-MM-DD");

const dimensionValueSchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "must be lower-case letters, digits, - and _"),
  label: localizedTextSchema,
});

export const dimensionSpecSchema = z.union([
  z.strictObject({ code: z.enum(builtInDimensions) }),
  z.strictObject({
    code: z.string().regex(/^[a-z][a-z0-9_]*$/, "must be lower-case letters, digits and _"),
    label: localizedTextSchema,
    values: z.array(dimensionValueSchema).min(2, "a dimension has at least two values"),
  }),
]);

export const sourcedEntrySchema = z.strictObject({
  period: z.string().min(1),
  value: z.number(),
  reportedOn: isoDate,
  narrative: localizedTextSchema.nullable(),
  citation: citationSchema,
});

/**
 * A target a source states for the indicator's total in one period (a number to reach, a commitment with a figure):
 * it must quote the passage word for word. The citation is stored with the target (`indicator_targets.citation_*`)
 * and shown beside it on the indicator's pages (docs/formats/indicators.md).
 */
export const sourcedTargetSchema = z.strictObject({
  period: z.string().min(1),
  value: z.number(),
  citation: citationSchema.required(),
});

export const indicatorSchema = z.strictObject({
  plan: z.string().min(1),
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, "must be letters, digits, dots and dashes"),
  elements: z.array(z.string().min(1)).min(1, "an indicator measures at least one element"),
  name: localizedTextSchema,
  definition: localizedTextSchema.nullable(),
  measure: z.enum(measures),
  unit: localizedTextSchema.nullable(),
  direction: z.enum(directions),
  aggregation: z.enum(aggregationModes),
  frequency: z.enum(frequencies),
  dimensions: z.array(dimensionSpecSchema).max(0, "disaggregated seed figures are not supported yet"),
  citation: citationSchema.nullable(),
  entries: z.array(sourcedEntrySchema),
  /** Absent: the indicator's targets are left as they are. */
  targets: z.array(sourcedTargetSchema).optional(),
});

export const indicatorsFileSchema = z.strictObject({
  format: z.literal("throughline/indicators"),
  version: z.literal(1),
  sources: z.array(sourceSchema),
  indicators: z.array(indicatorSchema),
});

export type IndicatorsFile = z.infer<typeof indicatorsFileSchema>;
export type IndicatorInput = z.infer<typeof indicatorSchema>;
