import type { FormValues } from "../forms/problem";
import type { LocalizedText } from "../plan-graph/vocabulary";
import { cellKey, type DimensionSpec, type ScaleLevel } from "./dimensions";
import { type Frequency, frequencies, type Period, planPeriods } from "./periods";
import type { Aggregation, Direction, Measure } from "./values";

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
export type { FormValues };

export const localizedFields = [
  "name",
  "definition",
  "unit",
  "baselineNote",
  "meansOfVerification",
  "dataSource",
] as const;
export type LocalizedField = (typeof localizedFields)[number];

export const targetField = (periodKey: string, cell: Record<string, string> = {}) => {
  const key = cellKey(cell);
  return key ? `target:${periodKey}:${key}` : `target:${periodKey}`;
};

/** Text for the number inputs: the number as typed in the reader's language would read it back. */
const numberText = (value: number | null, locale: "en" | "fr") =>
  value === null ? "" : locale === "fr" ? String(value).replace(".", ",") : String(value);

const scaleLine = (level: ScaleLevel) =>
  level.label.fr ? `${level.label.en} | ${level.label.fr}` : level.label.en;

export type CustomDimension = Extract<DimensionSpec, { values: unknown }>;
export const isCustom = (spec: DimensionSpec): spec is CustomDimension => "values" in spec;

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

export const maxText: Record<LocalizedField, number> = {
  name: 300,
  definition: 4000,
  unit: 100,
  baselineNote: 2000,
  meansOfVerification: 2000,
  dataSource: 2000,
};

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
