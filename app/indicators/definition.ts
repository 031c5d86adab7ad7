import { parseISO } from "date-fns";
import { type Language, type LocalizedText, languages } from "../plan-graph/vocabulary";
import { builtInDimensions, cellKey, type DimensionSpec, isBuiltIn, type ScaleLevel } from "./dimensions";
import { type Frequency, frequencies, type Period, planPeriods } from "./periods";
import {
  type Aggregation,
  aggregationModes,
  type Direction,
  directions,
  type Measure,
  measures,
  parseReportedNumber,
  valueProblem,
} from "./values";

/**
 * What an indicator says, as one value: the definition an M&E officer edits, the snapshot its history keeps, and
 * the flat form fields the edit page posts. Pure (no I/O), so the rules are unit-tested and the page can use them.
 */

/** Where a target stated in a source document comes from (the seed's targets; docs/formats/indicators.md). */
export type TargetCitation = { source: string; section: string; quote: string | null };

/** A target; `citation` only on a target a source states (absent otherwise, never null). */
export type TargetValue = {
  periodKey: string;
  cell: Record<string, string>;
  value: number;
  citation?: TargetCitation;
};

export type IndicatorDefinition = {
  code: string;
  name: LocalizedText;
  definition: LocalizedText | null;
  measure: Measure;
  /** For `qualitative`: the ordered levels (a reported value is a level's index). */
  scale: ScaleLevel[] | null;
  unit: LocalizedText | null;
  direction: Direction;
  /** For `maintain`: how far from the target still counts as maintained. */
  tolerance: number | null;
  aggregation: Aggregation;
  frequency: Frequency;
  baselineValue: number | null;
  baselineDate: string | null;
  baselineNote: LocalizedText | null;
  dimensions: DimensionSpec[];
  meansOfVerification: LocalizedText | null;
  dataSource: LocalizedText | null;
  responsibleId: string | null;
  /** Codes of the elements it measures, sorted. */
  elements: string[];
  /** Targets for the total (`cell` {}) and, optionally, for single values of a dimension; sorted. */
  targets: TargetValue[];
};

/** A revision as kept in indicator_revisions (and the current one, shown the same way). */
export type IndicatorSnapshot = IndicatorDefinition & { revision: number; responsibleName: string | null };

/** Parts of a definition, as the history names what a change touched. */
export const changeGroups = [
  "wording",
  "measure",
  "scale",
  "direction",
  "aggregation",
  "frequency",
  "baseline",
  "dimensions",
  "targets",
  "verification",
  "responsible",
  "elements",
] as const;
export type ChangeGroup = (typeof changeGroups)[number];

/**
 * Once results exist (an entry that is not a draft), these changes alter how reported values read: they need a
 * rationale. `measure` and `frequency` cannot change at all then (entries are in their terms).
 */
export const needsRationale: readonly ChangeGroup[] = [
  "scale",
  "direction",
  "aggregation",
  "baseline",
  "dimensions",
  "targets",
];
export const fixedOnceReported: readonly ChangeGroup[] = ["measure", "frequency"];

const groupFields: Record<ChangeGroup, (keyof IndicatorDefinition)[]> = {
  wording: ["name", "definition", "unit"],
  measure: ["measure"],
  scale: ["scale"],
  direction: ["direction", "tolerance"],
  aggregation: ["aggregation"],
  frequency: ["frequency"],
  baseline: ["baselineValue", "baselineDate", "baselineNote"],
  dimensions: ["dimensions"],
  targets: ["targets"],
  verification: ["meansOfVerification", "dataSource"],
  responsible: ["responsibleId"],
  elements: ["elements"],
};

/** JSON with object keys sorted, so two equal values compare equal whatever order their keys were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : inner,
  );
}

export function sortTargets(targets: readonly TargetValue[]): TargetValue[] {
  return [...targets].sort(
    (a, b) => a.periodKey.localeCompare(b.periodKey) || cellKey(a.cell).localeCompare(cellKey(b.cell)),
  );
}

/**
 * The targets of an edited definition with the citations they keep: a target whose value did not change keeps the
 * passage its source states for it; one whose value a person changed (or a new one) has none, the source no longer
 * saying so. The form carries no citation, so this is how a save keeps them.
 */
export function keepTargetCitations(
  targets: readonly TargetValue[],
  before: readonly TargetValue[],
): TargetValue[] {
  const cited = new Map(
    before.flatMap((target) =>
      target.citation ? [[`${target.periodKey}|${cellKey(target.cell)}`, target] as const] : [],
    ),
  );
  return targets.map(({ citation: _, ...target }) => {
    const was = cited.get(`${target.periodKey}|${cellKey(target.cell)}`);
    return was?.citation && was.value === target.value ? { ...target, citation: was.citation } : target;
  });
}

/** Which parts differ between two definitions. */
export function changedGroups(before: IndicatorDefinition, after: IndicatorDefinition): ChangeGroup[] {
  const normal = (definition: IndicatorDefinition) => ({
    ...definition,
    elements: [...definition.elements].sort(),
    targets: sortTargets(definition.targets),
  });
  const a = normal(before);
  const b = normal(after);
  return changeGroups.filter((group) =>
    groupFields[group].some((field) => canonical(a[field]) !== canonical(b[field])),
  );
}

// ---------------------------------------------------------------- the form

/** The form's fields as posted: a name sent once is a string, several times an array. */
export type FormValues = Record<string, string | string[]>;

export type FieldProblem = { field: string; message: string; params?: Record<string, string | number> };

export const localizedFields = [
  "name",
  "definition",
  "unit",
  "baselineNote",
  "meansOfVerification",
  "dataSource",
] as const;
type LocalizedField = (typeof localizedFields)[number];

export const targetField = (periodKey: string, cell: Record<string, string> = {}) => {
  const key = cellKey(cell);
  return key ? `target:${periodKey}:${key}` : `target:${periodKey}`;
};

/** Text for the number inputs: the number as typed in the reader's language would read it back. */
const numberText = (value: number | null, locale: "en" | "fr") =>
  value === null ? "" : locale === "fr" ? String(value).replace(".", ",") : String(value);

const scaleLine = (level: ScaleLevel) =>
  level.label.fr ? `${level.label.en} | ${level.label.fr}` : level.label.en;

type CustomDimension = Extract<DimensionSpec, { values: unknown }>;
const isCustom = (spec: DimensionSpec): spec is CustomDimension => "values" in spec;

/** The form fields showing a definition (for the edit page, and a new indicator's defaults). */
export function definitionToForm(definition: IndicatorDefinition, locale: "en" | "fr"): FormValues {
  const values: FormValues = {
    code: definition.code,
    measure: definition.measure,
    scale: (definition.scale ?? []).map(scaleLine).join("\n"),
    direction: definition.direction,
    tolerance: numberText(definition.tolerance, locale),
    aggregation: definition.aggregation,
    frequency: definition.frequency,
    baselineValue: numberText(definition.baselineValue, locale),
    baselineDate: definition.baselineDate ?? "",
    responsibleId: definition.responsibleId ?? "",
    elements: definition.elements,
  };
  for (const field of localizedFields) {
    const text = definition[field];
    values[`${field}_en`] = text?.en ?? "";
    values[`${field}_fr`] = text?.fr ?? "";
  }
  for (const spec of definition.dimensions) if (!isCustom(spec)) values[`dim_${spec.code}`] = "on";
  definition.dimensions.filter(isCustom).forEach((spec, i) => {
    values[`custom_${i}_code`] = spec.code;
    values[`custom_${i}_label_en`] = spec.label.en;
    values[`custom_${i}_label_fr`] = spec.label.fr ?? "";
    values[`custom_${i}_values`] = spec.values
      .map((value) => `${value.code}: ${value.label.en}${value.label.fr ? ` | ${value.label.fr}` : ""}`)
      .join("\n");
  });
  if (definition.targets.some((target) => Object.keys(target.cell).length > 0)) values.targetsByCell = "on";
  for (const target of definition.targets)
    values[targetField(target.periodKey, target.cell)] = numberText(target.value, locale);
  return values;
}

export const one = (values: FormValues, name: string): string => {
  const value = values[name];
  return (Array.isArray(value) ? (value[0] ?? "") : (value ?? "")).trim();
};
export const all = (values: FormValues, name: string): string[] => {
  const value = values[name];
  return (Array.isArray(value) ? value : value ? [value] : []).map((item) => item.trim()).filter(Boolean);
};

/** How many custom dimension slots the form shows: those filled in, and one empty slot to add another. */
export function customSlots(values: FormValues): number {
  let filled = 0;
  for (let i = 0; i < 20; i++) {
    if (["code", "label_en", "label_fr", "values"].some((part) => one(values, `custom_${i}_${part}`)))
      filled = i + 1;
  }
  return filled + 1;
}

export const customCodePattern = /^[a-z][a-z0-9_]*$/;
export const valueCodePattern = /^[a-z0-9][a-z0-9_-]*$/;
export const indicatorCodePattern = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;

/** A code for a value typed without one: its English label in lower case, with dashes. */
export function codeFromLabel(label: string): string {
  return label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}

/** The dimensions chosen in the form, in grid order: region, gender, language, then the custom ones. */
export function dimensionsFromForm(values: FormValues, problems: FieldProblem[] = []): DimensionSpec[] {
  const specs: DimensionSpec[] = builtInDimensions
    .filter((code) => one(values, `dim_${code}`) === "on")
    .map((code) => ({ code }));
  const seen = new Set<string>(specs.map((spec) => spec.code));
  for (let i = 0; i < customSlots(values); i++) {
    const code = one(values, `custom_${i}_code`);
    const labelEn = one(values, `custom_${i}_label_en`);
    const labelFr = one(values, `custom_${i}_label_fr`);
    const lines = one(values, `custom_${i}_values`)
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    if (!code && !labelEn && !labelFr && lines.length === 0) continue;
    const before = problems.length;
    if (!customCodePattern.test(code) || isBuiltIn(code) || code.length > 40)
      problems.push({ field: `custom_${i}_code`, message: "indicators.error.customCode" });
    else if (seen.has(code))
      problems.push({
        field: `custom_${i}_code`,
        message: "indicators.error.customRepeated",
        params: { code },
      });
    if (!labelEn || labelEn.length > 200)
      problems.push({ field: `custom_${i}_label_en`, message: "indicators.error.customLabel" });
    const dimensionValues: CustomDimension["values"] = [];
    for (const line of lines) {
      const colon = line.indexOf(":");
      const explicit = colon > 0 ? line.slice(0, colon).trim() : "";
      const labels = (colon > 0 ? line.slice(colon + 1) : line).split("|").map((part) => part.trim());
      const en = labels[0] ?? "";
      const fr = labels[1] ?? "";
      const valueCode = explicit || codeFromLabel(en);
      if (!valueCodePattern.test(valueCode) || !en) {
        problems.push({
          field: `custom_${i}_values`,
          message: "indicators.error.customValueCode",
          params: { value: line },
        });
      } else if (dimensionValues.some((value) => value.code === valueCode)) {
        problems.push({
          field: `custom_${i}_values`,
          message: "indicators.error.customValueRepeated",
          params: { value: valueCode },
        });
      } else dimensionValues.push({ code: valueCode, label: fr ? { en, fr } : { en } });
    }
    if (dimensionValues.length < 2 && !problems.some((p) => p.field === `custom_${i}_values`))
      problems.push({ field: `custom_${i}_values`, message: "indicators.error.customValues" });
    seen.add(code);
    if (problems.length === before) {
      specs.push({
        code,
        label: labelFr ? { en: labelEn, fr: labelFr } : { en: labelEn },
        values: dimensionValues,
      });
    }
  }
  return specs;
}

/** The dimension values a per-value target can name (built-in lists resolved by the caller). */
export type DimensionChoices = Record<string, string[]>;

export function dimensionChoices(
  dimensions: readonly DimensionSpec[],
  references: { region: readonly { code: string }[]; language: readonly { code: string }[] },
  genderCodes: readonly string[],
): DimensionChoices {
  return Object.fromEntries(
    dimensions.map((spec) => [
      spec.code,
      isCustom(spec)
        ? spec.values.map((value) => value.code)
        : spec.code === "gender"
          ? [...genderCodes]
          : references[spec.code as "region" | "language"].map((value) => value.code),
    ]),
  );
}

export type FormContext = {
  locale: "en" | "fr";
  plan: { startDate: string; endDate: string };
  today: string;
  /** Element codes of the plan. */
  elementCodes: ReadonlySet<string>;
  /** Ids of the people who can be responsible. */
  people: ReadonlySet<string>;
  references: { region: readonly { code: string }[]; language: readonly { code: string }[] };
  genderCodes: readonly string[];
  /** The definition being edited (to keep its texts in other languages), or null for a new indicator. */
  previous: IndicatorDefinition | null;
};

const maxText: Record<LocalizedField, number> = {
  name: 300,
  definition: 4000,
  unit: 100,
  baselineNote: 2000,
  meansOfVerification: 2000,
  dataSource: 2000,
};

/**
 * Reads the posted form into a definition, with every problem named by its field (the names the form uses), so
 * the page can show each next to what was typed. The definition is null when anything is wrong.
 */
export function readIndicatorForm(
  values: FormValues,
  context: FormContext,
): { definition: IndicatorDefinition; problems: [] } | { definition: null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const { locale } = context;

  const code = context.previous ? context.previous.code : one(values, "code");
  if (!context.previous) {
    if (!indicatorCodePattern.test(code) || code.length > 40)
      problems.push({ field: "code", message: "indicators.error.codeFormat" });
    else if (code.toLowerCase() === "new")
      problems.push({ field: "code", message: "indicators.error.codeReserved" });
  }

  const texts = {} as Record<LocalizedField, LocalizedText | null>;
  for (const field of localizedFields) {
    const en = one(values, `${field}_en`);
    const fr = one(values, `${field}_fr`);
    const max = maxText[field];
    if (en.length > max)
      problems.push({ field: `${field}_en`, message: "indicators.error.tooLong", params: { max } });
    if (fr.length > max)
      problems.push({ field: `${field}_fr`, message: "indicators.error.tooLong", params: { max } });
    if (!en && (fr || field === "name")) {
      problems.push({
        field: `${field}_en`,
        message: field === "name" ? "indicators.error.nameRequired" : "indicators.error.englishFirst",
      });
    }
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

  const choice = <T extends string>(name: string, options: readonly T[]): T | null => {
    const value = one(values, name);
    if ((options as readonly string[]).includes(value)) return value as T;
    problems.push({ field: name, message: "indicators.error.choose" });
    return null;
  };
  const measure = choice("measure", measures);
  const direction = choice("direction", directions);
  const aggregation = choice("aggregation", aggregationModes);
  const frequency = choice("frequency", frequencies);

  let scale: ScaleLevel[] | null = null;
  let scaleUsable = true;
  if (measure === "qualitative") {
    const lines = one(values, "scale")
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    scale = lines.map((line) => {
      const [en = "", fr = ""] = line.split("|").map((part) => part.trim());
      return { label: fr ? { en, fr } : { en } };
    });
    if (
      scale.length < 2 ||
      scale.length > 20 ||
      scale.some((level) => !level.label.en || level.label.en.length > 200)
    ) {
      problems.push({ field: "scale", message: "indicators.error.scaleLevels" });
      scaleUsable = false;
    }
  }
  const scaleLevels = scale?.length ?? 0;

  const number = (name: string): number | null | undefined => {
    const text = one(values, name);
    if (!text) return null;
    const parsed = parseReportedNumber(text, locale);
    if (parsed === null) {
      problems.push({ field: name, message: "indicators.error.notANumber" });
      return undefined;
    }
    return parsed;
  };
  /** A value the measure allows (a count ≥ 0, a percentage 0–100, a level of the scale). */
  const measured = (name: string): number | null | undefined => {
    const value = number(name);
    // Values are read against the measure; against a scale only once the scale itself is right.
    if (value === null || value === undefined || !measure || !scaleUsable) return value;
    const problem = valueProblem(measure, value, scaleLevels);
    if (problem) {
      problems.push({
        field: name,
        message: `indicators.error.${problem}`,
        params: { max: Math.max(0, scaleLevels - 1) },
      });
      return undefined;
    }
    return value;
  };

  let tolerance: number | null = null;
  if (direction === "maintain") {
    const value = number("tolerance");
    if (value === null || (value !== undefined && value < 0))
      problems.push({ field: "tolerance", message: "indicators.error.toleranceRequired" });
    else if (value !== undefined) tolerance = value;
  }

  const baselineValue = measured("baselineValue");
  const baselineDate = one(values, "baselineDate") || null;
  if (baselineDate) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(baselineDate) || Number.isNaN(parseISO(baselineDate).getTime()))
      problems.push({ field: "baselineDate", message: "indicators.error.date" });
    else if (baselineDate > context.today)
      problems.push({ field: "baselineDate", message: "indicators.error.baselineFuture" });
  }
  if (baselineValue === null && (baselineDate || texts.baselineNote))
    problems.push({ field: "baselineValue", message: "indicators.error.baselineIncomplete" });

  const dimensions = dimensionsFromForm(values, problems);

  const responsibleId = one(values, "responsibleId") || null;
  if (responsibleId && !context.people.has(responsibleId))
    problems.push({ field: "responsibleId", message: "indicators.error.responsibleUnknown" });

  const elements = [...new Set(all(values, "elements"))].sort();
  if (elements.length === 0)
    problems.push({ field: "elements", message: "indicators.error.elementsRequired" });
  else if (elements.some((element) => !context.elementCodes.has(element)))
    problems.push({ field: "elements", message: "form.invalid" });

  // Targets: one per period of the chosen frequency, and per dimension value when asked for.
  const targets: TargetValue[] = [];
  if (frequency) {
    const periods = planPeriods(context.plan, frequency);
    const choices = dimensionChoices(dimensions, context.references, context.genderCodes);
    const byCell = one(values, "targetsByCell") === "on";
    const known = new Set<string>();
    for (const period of periods) {
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
    if (stray.length) problems.push({ field: "targets", message: "indicators.error.targetPeriods" });
  }

  if (problems.length || !measure || !direction || !aggregation || !frequency)
    return { definition: null, problems };
  return {
    definition: {
      code,
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
      dimensions,
      meansOfVerification: texts.meansOfVerification,
      dataSource: texts.dataSource,
      responsibleId,
      elements,
      targets: sortTargets(targets),
    },
    problems: [],
  };
}

/** The periods a form shows targets for: those of the frequency typed (or the first one). */
export function formPeriods(
  values: FormValues,
  plan: { startDate: string; endDate: string },
): readonly Period[] {
  const frequency = one(values, "frequency");
  return planPeriods(
    plan,
    (frequencies as readonly string[]).includes(frequency) ? (frequency as Frequency) : "annual",
  );
}
