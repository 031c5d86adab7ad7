import { parseISO } from "date-fns";
import { z } from "zod";
import type { FormValues } from "../forms/problem";
import type { MessageKey } from "../i18n/messages";
import { type Language, type LocalizedText, languages } from "../plan-graph/vocabulary";
import {
  all,
  type CustomDimension,
  codeFromLabel,
  customCodePattern,
  customSlots,
  dimensionChoices,
  type FormContext,
  type IndicatorDefinition,
  indicatorCodePattern,
  type LocalizedField,
  localizedFields,
  maxText,
  one,
  sortTargets,
  type TargetValue,
  targetField,
  valueCodePattern,
} from "./definition";
import { builtInDimensions, type DimensionSpec, isBuiltIn, type ScaleLevel } from "./dimensions";
import { frequencies, planPeriods } from "./periods";
import { aggregationModes, directions, measures, parseReportedNumber, valueProblem } from "./values";

/**
 * The indicator form's schema, apart from `definition.ts` so that the pages' browser code (which shares the form's
 * helpers) does not carry zod. Server code and tests only.
 */

/** One text field as typed, trimmed (a name sent several times counts by its first value). */
const single = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (Array.isArray(value) ? (value[0] ?? "") : (value ?? "")).toString().trim(),
    schema,
  );

/** A field sent none, one or several times (checkboxes), as the non-empty values sent. */
const list = z.preprocess(
  (value) =>
    (Array.isArray(value) ? value : value ? [value] : []).map((item) => String(item).trim()).filter(Boolean),
  z.array(z.string()),
);

const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(parseISO(text).getTime());
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** The values of a custom dimension, one per line: `code: English | French`, or a label its code is made from. */
const dimensionValueLines = z.string().transform((text, ctx) => {
  const values: CustomDimension["values"] = [];
  let problems = 0;
  for (const line of lines(text)) {
    const colon = line.indexOf(":");
    const explicit = colon > 0 ? line.slice(0, colon).trim() : "";
    const [en = "", fr = ""] = (colon > 0 ? line.slice(colon + 1) : line)
      .split("|")
      .map((part) => part.trim());
    const code = explicit || codeFromLabel(en);
    if (!valueCodePattern.test(code) || !en) {
      problems++;
      ctx.addIssue({ code: "custom", message: "indicators.error.customValueCode", params: { value: line } });
    } else if (values.some((value) => value.code === code)) {
      problems++;
      ctx.addIssue({
        code: "custom",
        message: "indicators.error.customValueRepeated",
        params: { value: code },
      });
    } else values.push({ code, label: fr ? { en, fr } : { en } });
  }
  if (values.length < 2 && problems === 0)
    ctx.addIssue({ code: "custom", message: "indicators.error.customValues" });
  return values;
});

/** One custom dimension of the form (the fields `custom_<i>_code`, `_label_en`, `_label_fr`, `_values`). */
const customDimension = (taken: ReadonlySet<string>) =>
  z
    .object({
      code: z
        .string()
        .max(40, "indicators.error.customCode")
        .regex(customCodePattern, "indicators.error.customCode")
        .refine((code) => !isBuiltIn(code), "indicators.error.customCode")
        .superRefine((code, ctx) => {
          if (taken.has(code))
            ctx.addIssue({ code: "custom", message: "indicators.error.customRepeated", params: { code } });
        }),
      label_en: z.string().min(1, "indicators.error.customLabel").max(200, "indicators.error.customLabel"),
      label_fr: z.string(),
      values: dimensionValueLines,
    })
    .transform(
      ({ code, label_en: en, label_fr: fr, values }): CustomDimension => ({
        code,
        label: fr ? { en, fr } : { en },
        values,
      }),
    );

const customParts = ["code", "label_en", "label_fr", "values"] as const;

type Report = (field: string, message: MessageKey, params?: Record<string, string | number>) => void;

/** The custom dimensions typed, each read by `customDimension`, its problems named by the form's fields. */
function readCustomDimensions(values: FormValues, chosen: readonly DimensionSpec[], report: Report) {
  const specs: CustomDimension[] = [];
  const taken = new Set(chosen.map((spec) => spec.code));
  for (let i = 0; i < customSlots(values); i++) {
    const slot = Object.fromEntries(customParts.map((part) => [part, one(values, `custom_${i}_${part}`)]));
    if (customParts.every((part) => !slot[part])) continue;
    const read = customDimension(taken).safeParse(slot);
    taken.add(slot.code ?? "");
    if (read.success) specs.push(read.data);
    else
      for (const issue of read.error.issues)
        report(
          `custom_${i}_${String(issue.path[0])}`,
          issue.message as MessageKey,
          issue.code === "custom" ? issue.params : undefined,
        );
  }
  return specs;
}

/**
 * The indicator form as a schema, for `parseForm`: each field's own rule (its message key next to it), then the
 * rules across fields (a scale for a qualitative measure, values the measure allows, the custom dimensions, one
 * target per period of the frequency) with their problems named by the form's fields, so the page shows each next
 * to what was typed. Its output is the definition; the rules needing the database (a code taken, a stale form, a
 * change refused once results exist) stay in `manage.server.ts`.
 */
export function indicatorFormSchema(context: FormContext) {
  const { locale } = context;
  const number = single(
    z
      .string()
      .refine((text) => !text || parseReportedNumber(text, locale) !== null, "indicators.error.notANumber"),
  );
  const choice = (options: readonly string[]) =>
    single(z.string().refine((value) => options.includes(value), "indicators.error.choose"));
  const texts = Object.fromEntries(
    localizedFields.flatMap((field) =>
      (["en", "fr"] as const).map((language) => [
        `${field}_${language}`,
        single(z.string().max(maxText[field], "indicators.error.tooLong")),
      ]),
    ),
  );
  const fields = z.looseObject({
    // A change keeps the indicator's code (links and exports name it).
    code: context.previous
      ? z.unknown().optional()
      : single(
          z
            .string()
            .regex(indicatorCodePattern, "indicators.error.codeFormat")
            .max(40, "indicators.error.codeFormat")
            .refine((code) => code.toLowerCase() !== "new", "indicators.error.codeReserved"),
        ),
    ...texts,
    measure: choice(measures),
    direction: choice(directions),
    aggregation: choice(aggregationModes),
    frequency: choice(frequencies),
    scale: single(z.string()),
    tolerance: number,
    baselineValue: number,
    baselineDate: single(
      z
        .string()
        .refine((date) => !date || isDate(date), "indicators.error.date")
        .refine((date) => !isDate(date) || date <= context.today, "indicators.error.baselineFuture"),
    ),
    responsibleId: single(
      z.string().refine((id) => !id || context.people.has(id), "indicators.error.responsibleUnknown"),
    ),
    elements: list
      .refine((codes) => codes.length > 0, "indicators.error.elementsRequired")
      .refine((codes) => codes.every((code) => context.elementCodes.has(code)), "form.invalid"),
    targetsByCell: single(z.string()),
  });
  return fields
    .superRefine((values, ctx) => void readDefinition(values as FormValues, context, ctx), {
      // The rules across fields run even when a field is wrong, so that every problem shows at once.
      when: () => true,
    })
    .transform((values, ctx) => readDefinition(values as FormValues, context, ctx) as IndicatorDefinition);
}

/** The rules across the form's fields, and the definition they make (null when a rule refused something). */
function readDefinition(
  values: FormValues,
  context: FormContext,
  ctx: z.RefinementCtx,
): IndicatorDefinition | null {
  let refused = false;
  const refuse: Report = (field, message, params) => {
    refused = true;
    ctx.addIssue({ code: "custom", path: [field], message, params });
  };
  const { locale } = context;
  const pick = <T extends string>(name: string, options: readonly T[]) =>
    (options as readonly string[]).includes(one(values, name)) ? (one(values, name) as T) : null;
  const measure = pick("measure", measures);
  const direction = pick("direction", directions);
  const aggregation = pick("aggregation", aggregationModes);
  const frequency = pick("frequency", frequencies);

  const texts = {} as Record<LocalizedField, LocalizedText | null>;
  for (const field of localizedFields) {
    const en = one(values, `${field}_en`);
    const fr = one(values, `${field}_fr`);
    if (!en && (fr || field === "name"))
      refuse(
        `${field}_en`,
        field === "name" ? "indicators.error.nameRequired" : "indicators.error.englishFirst",
      );
    // Texts in languages the form does not show (es, ru, zh) are kept as they were.
    const kept = Object.fromEntries(
      languages
        .filter((language: Language) => language !== "en" && language !== "fr")
        .flatMap((language) => {
          const text = context.previous?.[field]?.[language];
          return text ? [[language, text]] : [];
        }),
    );
    texts[field] = en ? ({ ...kept, en, ...(fr ? { fr } : {}) } as LocalizedText) : null;
  }

  let scale: ScaleLevel[] | null = null;
  let scaleUsable = true;
  if (measure === "qualitative") {
    scale = lines(one(values, "scale")).map((line) => {
      const [en = "", fr = ""] = line.split("|").map((part) => part.trim());
      return { label: fr ? { en, fr } : { en } };
    });
    if (
      scale.length < 2 ||
      scale.length > 20 ||
      scale.some((level) => !level.label.en || level.label.en.length > 200)
    ) {
      refuse("scale", "indicators.error.scaleLevels");
      scaleUsable = false;
    }
  }
  const scaleLevels = scale?.length ?? 0;

  /** A number typed (null when empty; undefined when it is no number, a problem the field's own rule names). */
  const number = (name: string, { own = false } = {}): number | null | undefined => {
    const text = one(values, name);
    if (!text) return null;
    const parsed = parseReportedNumber(text, locale);
    if (parsed === null && !own) refuse(name, "indicators.error.notANumber");
    if (parsed === null) refused = true;
    return parsed ?? undefined;
  };
  /** A value the measure allows (a count ≥ 0, a percentage 0–100, a level of the scale). */
  const measured = (name: string, options?: { own: boolean }): number | null | undefined => {
    const value = number(name, options);
    // Values are read against the measure; against a scale only once the scale itself is right.
    if (value === null || value === undefined || !measure || !scaleUsable) return value;
    const problem = valueProblem(measure, value, scaleLevels);
    if (!problem) return value;
    refuse(name, `indicators.error.${problem}` as MessageKey, { max: Math.max(0, scaleLevels - 1) });
    return undefined;
  };

  let tolerance: number | null = null;
  if (direction === "maintain") {
    const value = number("tolerance", { own: true });
    if (value === null || (value !== undefined && value < 0))
      refuse("tolerance", "indicators.error.toleranceRequired");
    else if (value !== undefined) tolerance = value;
  }

  const baselineValue = measured("baselineValue", { own: true });
  const baselineDate = one(values, "baselineDate") || null;
  if (baselineValue === null && (baselineDate || texts.baselineNote))
    refuse("baselineValue", "indicators.error.baselineIncomplete");

  // The dimensions chosen, in grid order: region, gender, language, then the custom ones.
  const builtIn: DimensionSpec[] = builtInDimensions
    .filter((code) => one(values, `dim_${code}`) === "on")
    .map((code) => ({ code }));
  const chosen = [...builtIn, ...readCustomDimensions(values, builtIn, refuse)];

  // Targets: one per period of the chosen frequency, and per dimension value when asked for.
  const targets: TargetValue[] = [];
  if (frequency) {
    const choices = dimensionChoices(chosen, context.references, context.genderCodes);
    const byCell = one(values, "targetsByCell") === "on";
    const known = new Set<string>();
    for (const period of planPeriods(context.plan, frequency)) {
      const cells: Record<string, string>[] = [{}];
      if (byCell)
        for (const [dimension, codes] of Object.entries(choices))
          for (const c of codes) cells.push({ [dimension]: c });
      for (const cell of cells) {
        const name = targetField(period.key, cell);
        known.add(name);
        const value = measured(name);
        if (typeof value === "number") targets.push({ periodKey: period.key, cell, value });
      }
    }
    const stray = Object.keys(values).filter(
      (name) => name.startsWith("target:") && one(values, name) && !known.has(name),
    );
    if (stray.length) refuse("targets", "indicators.error.targetPeriods");
  }

  if (refused || !measure || !direction || !aggregation || !frequency) return null;
  return {
    code: context.previous ? context.previous.code : one(values, "code"),
    name: texts.name as LocalizedText,
    definition: texts.definition,
    measure,
    scale,
    unit: texts.unit,
    direction,
    tolerance,
    aggregation,
    frequency,
    baselineValue: baselineValue ?? null,
    baselineDate,
    baselineNote: texts.baselineNote,
    dimensions: chosen,
    meansOfVerification: texts.meansOfVerification,
    dataSource: texts.dataSource,
    responsibleId: one(values, "responsibleId") || null,
    elements: [...new Set(all(values, "elements"))].sort(),
    targets: sortTargets(targets),
  };
}
