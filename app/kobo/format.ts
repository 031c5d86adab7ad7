import { z } from "zod";
import { type FieldProblem, problem, wholeForm } from "../forms/problem";
import type { ResolvedDimension } from "../indicators/dimensions";

/**
 * How a KoboToolbox form's fields become progress entries: the mapping kept in `kobo_connections.mapping`. Pure (no
 * I/O): the schema of the stored mapping, its checks against the plan's indicators, and its conversion from and to
 * the flat fields of the mapping form (which works without JavaScript).
 *
 * - `period`: the form field that gives the period, either as a date (the period containing it, per indicator
 *   frequency) or as a period key (`2014`, `2014-Q2`, `lop`).
 * - `reportedOn`: the field giving the date reported; null = the day of the submission (`_submission_time`).
 * - `narrative`: a text field copied into each entry's narrative; null = none.
 * - `dimensions`: per dimension code (`region`, `gender`, `language`, a custom code), the form field giving the
 *   submission's value of that dimension, with a translation of the form's choice names into ours (`afr` →
 *   `africa`, `female` → `women`). Shared by all indicators that have the dimension.
 * - `indicators`: per indicator (by code), the field giving its total, and/or `cells`: fields that each give one part
 *   of the breakdown (`group_participants/women` → gender = women). `totalOnly` ignores the dimensions.
 */

/** XLSForm names (letters, digits, `_`, `-`, `.`), joined by `/` for groups: `group_event/region`. */
const fieldNamePattern = /^[A-Za-z_][A-Za-z0-9_.-]*(\/[A-Za-z_][A-Za-z0-9_.-]*)*$/;
const fieldName = z.string().max(200).regex(fieldNamePattern);
const valueCode = z.string().min(1).max(100);

export const dimensionSourceSchema = z.strictObject({
  field: fieldName,
  /** Form choice name → our value code. A choice not listed is taken as it is. */
  choices: z.record(z.string().min(1).max(100), valueCode),
});

export const cellSourceSchema = z.strictObject({
  field: fieldName,
  /** The dimension values this field's number is for (e.g. `{ gender: "women" }`). */
  at: z.record(z.string().min(1).max(100), valueCode),
});

export const indicatorSourceSchema = z.strictObject({
  indicator: z.string().min(1).max(100),
  value: fieldName.nullable(),
  cells: z.array(cellSourceSchema),
  totalOnly: z.boolean(),
});

export const mappingSchema = z.strictObject({
  version: z.literal(1),
  period: z.strictObject({ field: fieldName, from: z.enum(["date", "key"]) }).nullable(),
  reportedOn: fieldName.nullable(),
  narrative: fieldName.nullable(),
  dimensions: z.record(z.string().min(1).max(100), dimensionSourceSchema),
  indicators: z.array(indicatorSourceSchema),
});

export type KoboMapping = z.infer<typeof mappingSchema>;
export type IndicatorSource = z.infer<typeof indicatorSourceSchema>;
export type CellSource = z.infer<typeof cellSourceSchema>;

/** A new connection's mapping: nothing mapped yet (a sync is refused until the mapping form is saved). */
export const emptyMapping: KoboMapping = {
  version: 1,
  period: null,
  reportedOn: null,
  narrative: null,
  dimensions: {},
  indicators: [],
};

/** An indicator of the connection's plan, as the mapping checks see it. */
export type MappableIndicator = {
  code: string;
  dimensions: readonly ResolvedDimension[];
  /** Percentages and milestone levels do not add up: their total must come from a field of its own. */
  measure?: "number" | "percentage" | "qualitative";
};

/*
 * A problem with a mapping is a `FieldProblem` named by the form input it belongs to (`periodField`,
 * `dim:region:choices`, `ind:I3:cells`, or `wholeForm` for the mapping as a whole), with a message key of
 * app/kobo/messages.ts.
 */

export const inputs = {
  periodField: "periodField",
  periodFrom: "periodFrom",
  reportedOnField: "reportedOnField",
  narrativeField: "narrativeField",
  dimensionField: (code: string) => `dim:${code}:field`,
  dimensionChoices: (code: string) => `dim:${code}:choices`,
  indicatorValue: (code: string) => `ind:${code}:value`,
  indicatorCells: (code: string) => `ind:${code}:cells`,
  indicatorTotalOnly: (code: string) => `ind:${code}:totalOnly`,
} as const;

/** The dimensions of a set of indicators, each code once, in the order they first appear. */
export function dimensionsOf(indicators: readonly MappableIndicator[]): ResolvedDimension[] {
  const seen = new Map<string, ResolvedDimension>();
  for (const indicator of indicators)
    for (const dimension of indicator.dimensions) {
      const known = seen.get(dimension.code);
      if (!known) seen.set(dimension.code, { ...dimension, values: [...dimension.values] });
      else
        for (const value of dimension.values)
          if (!known.values.some((candidate) => candidate.code === value.code)) known.values.push(value);
    }
  return [...seen.values()];
}

/**
 * Every reason the mapping does not fit the plan's indicators. `complete` also requires what a sync needs (a period
 * field and at least one indicator).
 */
export function checkMapping(
  mapping: KoboMapping,
  planIndicators: readonly MappableIndicator[],
  { complete = true }: { complete?: boolean } = {},
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const byCode = new Map(planIndicators.map((indicator) => [indicator.code, indicator]));
  const planDimensions = new Map(
    dimensionsOf(planIndicators).map((dimension) => [dimension.code, dimension]),
  );

  if (complete && !mapping.period) problems.push(problem(inputs.periodField, "kobo.mapping.periodRequired"));
  if (complete && mapping.indicators.length === 0)
    problems.push(problem(wholeForm, "kobo.mapping.noIndicator"));

  for (const [code, source] of Object.entries(mapping.dimensions)) {
    const dimension = planDimensions.get(code);
    if (!dimension) {
      problems.push(
        problem(inputs.dimensionField(code), "kobo.mapping.unknownDimension", { dimension: code }),
      );
      continue;
    }
    for (const [choice, value] of Object.entries(source.choices)) {
      if (!dimension.values.some((candidate) => candidate.code === value))
        problems.push(
          problem(inputs.dimensionChoices(code), "kobo.mapping.unknownChoiceValue", {
            choice,
            value,
            dimension: code,
          }),
        );
    }
  }

  const seen = new Set<string>();
  for (const source of mapping.indicators) {
    const indicator = byCode.get(source.indicator);
    const valueInput = inputs.indicatorValue(source.indicator);
    const cellsInput = inputs.indicatorCells(source.indicator);
    if (!indicator) {
      problems.push(problem(valueInput, "kobo.mapping.unknownIndicator", { code: source.indicator }));
      continue;
    }
    if (seen.has(source.indicator)) {
      problems.push(problem(valueInput, "kobo.mapping.repeatedIndicator", { code: source.indicator }));
      continue;
    }
    seen.add(source.indicator);
    if (source.value === null && source.cells.length === 0)
      problems.push(problem(valueInput, "kobo.mapping.nothingMapped", { code: source.indicator }));
    if (source.value === null && source.cells.length && indicator.measure && indicator.measure !== "number")
      problems.push(problem(valueInput, "kobo.mapping.totalRequired", { code: source.indicator }));
    if (source.cells.length && (indicator.dimensions.length === 0 || source.totalOnly)) {
      problems.push(
        problem(
          cellsInput,
          source.totalOnly ? "kobo.mapping.cellsWithTotalOnly" : "kobo.mapping.noDimensions",
          { code: source.indicator },
        ),
      );
      continue;
    }
    if (indicator.dimensions.length === 0 || source.totalOnly) continue;

    const own = indicator.dimensions.map((dimension) => dimension.code);
    const fromFields = own.filter((code) => Object.hasOwn(mapping.dimensions, code));
    const combinations = new Set<string>();
    source.cells.forEach((cell, i) => {
      const line = i + 1;
      for (const [code, value] of Object.entries(cell.at)) {
        const dimension = indicator.dimensions.find((candidate) => candidate.code === code);
        if (!dimension)
          problems.push(
            problem(cellsInput, "kobo.mapping.cellUnknownDimension", {
              line,
              dimension: code,
              code: source.indicator,
            }),
          );
        else if (!dimension.values.some((candidate) => candidate.code === value))
          problems.push(
            problem(cellsInput, "kobo.mapping.cellUnknownValue", { line, dimension: code, value }),
          );
        else if (fromFields.includes(code))
          problems.push(
            problem(cellsInput, "kobo.mapping.cellAndField", {
              line,
              dimension: code,
              field: mapping.dimensions[code]?.field ?? "",
            }),
          );
      }
      const missing = own.filter((code) => !Object.hasOwn(cell.at, code) && !fromFields.includes(code));
      if (missing.length)
        problems.push(
          problem(cellsInput, "kobo.mapping.cellMissingDimensions", { line, dimensions: missing.join(", ") }),
        );
      const combination = own.map((code) => (Object.hasOwn(cell.at, code) ? cell.at[code] : "")).join("|");
      if (combinations.has(combination))
        problems.push(problem(cellsInput, "kobo.mapping.repeatedCell", { line }));
      combinations.add(combination);
    });
    if (source.cells.length === 0 && fromFields.length > 0 && fromFields.length < own.length) {
      problems.push(
        problem(valueInput, "kobo.mapping.partialDimensions", {
          code: source.indicator,
          given: fromFields.join(", "),
          missing: own.filter((code) => !fromFields.includes(code)).join(", "),
        }),
      );
    }
  }
  return problems;
}

// ---------------------------------------------------------------- the mapping form (flat fields ↔ mapping)

export type MappingFormValues = Record<string, string>;

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line, i) => ({ line: i + 1, text: line.trim() }))
    .filter((line) => line.text !== "" && !line.text.startsWith("#"));

/**
 * Reads the mapping form: one input per setting, and for each dimension and indicator of the plan its inputs
 * (see `inputs`). Text areas hold one item per line: choices as `form choice = our value`, cells as
 * `form field = dimension:value, dimension:value`. Returns the mapping, or the problems by input.
 */
export function mappingFromForm(
  values: MappingFormValues,
  planIndicators: readonly MappableIndicator[],
): { mapping: KoboMapping; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const text = (name: string) => (values[name] ?? "").trim();
  const field = (name: string): string | null => {
    const value = text(name);
    if (value === "") return null;
    if (!fieldNamePattern.test(value) || value.length > 200) {
      problems.push(problem(name, "kobo.mapping.fieldName", { field: value }));
      return null;
    }
    return value;
  };

  const periodField = field(inputs.periodField);
  const periodFrom = text(inputs.periodFrom) === "key" ? "key" : "date";
  const mapping: KoboMapping = {
    version: 1,
    period: periodField ? { field: periodField, from: periodFrom } : null,
    reportedOn: field(inputs.reportedOnField),
    narrative: field(inputs.narrativeField),
    dimensions: {},
    indicators: [],
  };

  for (const dimension of dimensionsOf(planIndicators)) {
    const dimensionField = field(inputs.dimensionField(dimension.code));
    const choicesInput = inputs.dimensionChoices(dimension.code);
    const choices: Record<string, string> = {};
    for (const { line, text: item } of lines(values[choicesInput] ?? "")) {
      const match = /^([^=]+?)\s*=\s*(\S+)$/.exec(item);
      if (!match) {
        problems.push(problem(choicesInput, "kobo.mapping.choiceLine", { line }));
        continue;
      }
      const [, choice = "", value = ""] = match;
      if (Object.hasOwn(choices, choice))
        problems.push(problem(choicesInput, "kobo.mapping.repeatedChoice", { line, choice }));
      choices[choice] = value;
    }
    if (dimensionField) mapping.dimensions[dimension.code] = { field: dimensionField, choices };
    else if (Object.keys(choices).length)
      problems.push(problem(choicesInput, "kobo.mapping.choicesWithoutField"));
  }

  for (const indicator of planIndicators) {
    const value = field(inputs.indicatorValue(indicator.code));
    const cellsInput = inputs.indicatorCells(indicator.code);
    const cells: CellSource[] = [];
    for (const { line, text: item } of lines(values[cellsInput] ?? "")) {
      const match = /^(\S+)\s*=\s*(.+)$/.exec(item);
      const at: Record<string, string> = {};
      const parts = match?.[2]?.split(",").map((part) => part.trim()) ?? [];
      const pairs = parts.map((part) => /^([a-z][a-z0-9_]*)\s*:\s*(\S+)$/.exec(part));
      if (!match || pairs.some((pair) => !pair) || !fieldNamePattern.test(match[1] ?? "")) {
        problems.push(problem(cellsInput, "kobo.mapping.cellLine", { line }));
        continue;
      }
      for (const pair of pairs) if (pair) at[pair[1] as string] = pair[2] as string;
      cells.push({ field: match[1] as string, at });
    }
    const totalOnly = text(inputs.indicatorTotalOnly(indicator.code)) === "on";
    if (value !== null || cells.length)
      mapping.indicators.push({ indicator: indicator.code, value, cells, totalOnly });
  }

  if (problems.length) return { mapping, problems };
  return { mapping, problems: checkMapping(mapping, planIndicators) };
}

/** The mapping form's values for a stored mapping (the inverse of `mappingFromForm`). */
export function formFromMapping(mapping: KoboMapping): MappingFormValues {
  const values: MappingFormValues = {
    [inputs.periodField]: mapping.period?.field ?? "",
    [inputs.periodFrom]: mapping.period?.from ?? "date",
    [inputs.reportedOnField]: mapping.reportedOn ?? "",
    [inputs.narrativeField]: mapping.narrative ?? "",
  };
  for (const [code, source] of Object.entries(mapping.dimensions)) {
    values[inputs.dimensionField(code)] = source.field;
    values[inputs.dimensionChoices(code)] = Object.entries(source.choices)
      .map(([choice, value]) => `${choice} = ${value}`)
      .join("\n");
  }
  for (const source of mapping.indicators) {
    values[inputs.indicatorValue(source.indicator)] = source.value ?? "";
    values[inputs.indicatorCells(source.indicator)] = source.cells
      .map(
        (cell) =>
          `${cell.field} = ${Object.entries(cell.at)
            .map(([code, value]) => `${code}:${value}`)
            .join(", ")}`,
      )
      .join("\n");
    if (source.totalOnly) values[inputs.indicatorTotalOnly(source.indicator)] = "on";
  }
  return values;
}

/** The form fields a mapping reads (to tell a changed form: mapped fields no submission has). */
export function mappedFields(mapping: KoboMapping): string[] {
  const fields = new Set<string>();
  if (mapping.period) fields.add(mapping.period.field);
  if (mapping.reportedOn) fields.add(mapping.reportedOn);
  if (mapping.narrative) fields.add(mapping.narrative);
  for (const source of Object.values(mapping.dimensions)) fields.add(source.field);
  for (const source of mapping.indicators) {
    if (source.value) fields.add(source.value);
    for (const cell of source.cells) fields.add(cell.field);
  }
  return [...fields];
}
