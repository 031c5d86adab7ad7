import { createHash } from "node:crypto";
import { formulaPrefix, parseCsv, type SyntaxProblem } from "../csv/csv";
import type { Message, MessageValues } from "../forms/problem";
import type { MessageKey } from "../i18n/messages";
import { cellKey } from "../indicators/dimensions";
import { parseReportedNumber } from "../indicators/values";
import { checkEntry, type EntryDraft, type IndicatorRules } from "../progress/entries.server";

/**
 * The progress CSV (docs/formats/progress-csv.md): turning its rows (read by app/csv/csv.ts) into progress entries
 * with every problem named by row (as a spreadsheet numbers them: the header is row 1) and column. The value rules
 * are those of `checkEntry`, the one place they live; this module only maps its fields back to rows and columns. A
 * cell that would run as a formula in a spreadsheet is refused, by the one formula guard (`formulaPrefix`).
 * No I/O: the import (csv.server.ts) loads the rules and writes.
 */

// ---------------------------------------------------------------- cells

const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day written YYYY-MM-DD (2011-02-30 is not one). */
export function isIsoDay(text: string): boolean {
  const match = isoDay.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** Period keys as people type them: `2011-q3` → `2011-Q3`, `LOP` → `lop`. */
export function normalisePeriod(text: string): string {
  const trimmed = text.trim();
  if (/^lop$/i.test(trimmed)) return "lop";
  return trimmed.replace(
    /^(\d{4})-([hq])(\d)$/i,
    (_, year: string, half: string, n: string) => `${year}-${half.toUpperCase()}${n}`,
  );
}

// ---------------------------------------------------------------- rows → entries

export const requiredColumns = ["indicator", "period", "reported_on", "value"] as const;
export const optionalColumns = ["narrative"] as const;
const maxNarrativeLength = 10_000;

export type ProblemCode =
  | SyntaxProblem["code"]
  | "emptyFile"
  | "unknownColumn"
  | "missingColumn"
  | "repeatedColumn"
  | "cellCount"
  | "formula"
  | "required"
  | "unknownIndicator"
  | "notADate"
  | "notANumber"
  | "negative"
  | "notWhole"
  | "percentageRange"
  | "notOnScale"
  | "notDisaggregated"
  | "outsidePlan"
  | "notStarted"
  | "inFuture"
  | "locked"
  | "unknownValue"
  | "missingDimension"
  | "contradictsBreakdown"
  | "duplicateRow"
  | "dateDiffers"
  | "narrativeTooLong";

/** A problem as the checks find it: its code (`imports.problem.<code>` in the catalogue) and values. */
type RowProblem = {
  row: number;
  column: string;
  code: ProblemCode;
  params?: MessageValues;
};

/**
 * A problem named as a spreadsheet shows it: row (header = 1) and column name ("" for a whole row or file), with
 * the message that says it (`imports.problem.<code>` and its values).
 */
export type CsvProblem = { row: number; column: string; message: Message };

const shown = ({ row, column, code, params }: RowProblem): CsvProblem => ({
  row,
  column,
  message: { key: `imports.problem.${code}` as MessageKey, ...(params ? { values: params } : {}) },
});

/** An indicator the file may name: its rules, and its milestone levels' labels (any language) for qualitative ones. */
export type ImportIndicator = IndicatorRules & { scaleLabels: readonly (readonly string[])[] };

export type ImportContext = {
  /** The plan's indicators by code. */
  indicators: ReadonlyMap<string, ImportIndicator>;
  /** Every dimension the plan's indicators use (built in or custom): each may be a column. */
  dimensionColumns: readonly string[];
  today: string;
};

export type CheckedEntry = {
  draft: EntryDraft;
  total: number;
  /** The rows it was read from. */
  rows: number[];
  /** Identifies the entry's content (indicator, period, date, figures), so importing it again is recognised. */
  externalId: string;
};

export type ImportCheck = {
  /** Data rows read (blank rows are skipped and not counted). */
  rows: number;
  /** Entries the rows form (indicator + period), whether or not they have problems. */
  entryCount: number;
  /** The entries, complete only when `problems` is empty. */
  entries: CheckedEntry[];
  problems: CsvProblem[];
};

type RowCheck = Omit<ImportCheck, "problems"> & { problems: RowProblem[] };

type RowCell = { row: number; values: Record<string, string>; value: number | null };
type Group = {
  indicator: ImportIndicator;
  periodKey: string;
  reportedOn: { value: string; row: number } | null;
  total: RowCell | null;
  cells: RowCell[];
  rows: number[];
  narratives: string[];
  /** A row of the entry was left out (its value or a dimension could not be read): sums cannot be judged. */
  incomplete: boolean;
};

const lower = (text: string) => text.trim().toLowerCase();

/** The code of the dimension value typed: its code or one of its labels, in any case; the text as typed otherwise. */
function dimensionValue(indicator: ImportIndicator, dimension: string, typed: string): string {
  const wanted = lower(typed);
  const spec = indicator.dimensions.find((candidate) => candidate.code === dimension);
  const match = spec?.values.find(
    (value) =>
      value.code.toLowerCase() === wanted ||
      Object.values(value.label).some((label) => label && lower(label) === wanted),
  );
  return match?.code ?? typed.trim();
}

/** A reported value: a number, or for a milestone its level's number or label. */
function readValue(indicator: ImportIndicator, typed: string): number | null {
  const number = parseReportedNumber(typed, "en");
  if (number !== null || indicator.measure !== "qualitative") return number;
  const level = indicator.scaleLabels.findIndex((labels) =>
    labels.some((label) => lower(label) === lower(typed)),
  );
  return level === -1 ? null : level;
}

/** The content hash that identifies an entry across imports. */
function entryIdentity(draft: EntryDraft, total: number): string {
  const cells = (draft.breakdown ?? [])
    .map((cell) => [cellKey(cell.values), cell.value] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash("sha256")
    .update(JSON.stringify([draft.indicatorId, draft.periodKey, draft.reportedOn, total, cells]))
    .digest("hex");
}

/**
 * Checks a whole file against a plan's indicators: the header, every cell, then every entry with `checkEntry`.
 * Rows with the same indicator and period form one entry: a row whose dimension cells are all empty gives its
 * total, the others its breakdown cells (the total is derived from them, and a total given as well must match).
 */
export function checkImport(text: string, context: ImportContext): ImportCheck {
  const checked = checkRows(text, context);
  return { ...checked, problems: checked.problems.map(shown) };
}

function checkRows(text: string, context: ImportContext): RowCheck {
  const problems: RowProblem[] = [];
  const parsed = parseCsv(text);
  const header = (parsed.records[0] ?? []).map(lower);
  const columnName = (cell: number) => parsed.records[0]?.[cell]?.trim() || `#${cell + 1}`;
  for (const problem of parsed.problems)
    problems.push({
      row: problem.row,
      column: problem.row === 1 ? "" : columnName(problem.cell),
      code: problem.code,
    });
  if (problems.some((problem) => problem.code === "unterminatedQuote"))
    return { rows: 0, entryCount: 0, entries: [], problems };
  if (parsed.records.length === 0 || header.every((name) => name === "")) {
    return {
      rows: 0,
      entryCount: 0,
      entries: [],
      problems: [...problems, { row: 1, column: "", code: "emptyFile" }],
    };
  }

  // The header: every required column once, nothing unknown.
  const known = [...requiredColumns, ...context.dimensionColumns, ...optionalColumns];
  const expected = known.join(", ");
  // A column without a name is tolerated while it is empty (spreadsheets sometimes add one at the end).
  const emptyColumn = (i: number) => parsed.records.every((record) => !record[i]?.trim());
  header.forEach((name, i) => {
    if (name === "" && emptyColumn(i)) return;
    if (!known.includes(name))
      problems.push({
        row: 1,
        column: columnName(i),
        code: "unknownColumn",
        params: { column: columnName(i), expected },
      });
    else if (header.indexOf(name) !== i)
      problems.push({ row: 1, column: name, code: "repeatedColumn", params: { column: name } });
  });
  for (const name of requiredColumns)
    if (!header.includes(name))
      problems.push({ row: 1, column: name, code: "missingColumn", params: { column: name } });
  if (problems.some((problem) => problem.row === 1))
    return { rows: Math.max(0, parsed.records.length - 1), entryCount: 0, entries: [], problems };

  const at = (record: string[], name: string) => {
    const i = header.indexOf(name);
    return i === -1 ? "" : (record[i] ?? "");
  };
  const dimensionsInFile = context.dimensionColumns.filter((code) => header.includes(code));
  const groups = new Map<string, Group>();
  const seenCells = new Map<string, number>();
  let rows = 0;

  parsed.records.slice(1).forEach((record, index) => {
    const row = index + 2;
    if (record.every((cell) => cell.trim() === "")) return;
    rows++;
    if (record.length !== header.length) {
      problems.push({
        row,
        column: "",
        code: "cellCount",
        params: { found: record.length, expected: header.length },
      });
      return;
    }
    let usable = true;
    const refuse = (column: string, code: ProblemCode, params?: RowProblem["params"]) => {
      problems.push({ row, column, code, ...(params ? { params } : {}) });
      usable = false;
    };
    // A cell that would run as a formula is refused and read no further (as if empty); the row still joins its
    // entry when its indicator and period can be read, so the entry is known to be incomplete.
    const formulas = new Set<string>();
    record.forEach((cell, i) => {
      const prefix = formulaPrefix(cell);
      if (!prefix) return;
      formulas.add(header[i] as string);
      refuse(header[i] as string, "formula", { prefix });
    });
    const cellOf = (name: string) => (formulas.has(name) ? "" : at(record, name));

    const code = cellOf("indicator").trim();
    const periodText = cellOf("period");
    const reportedOn = cellOf("reported_on").trim();
    const valueText = cellOf("value").trim();
    const narrative = cellOf("narrative").trim();
    for (const name of requiredColumns)
      if (!formulas.has(name) && at(record, name).trim() === "") refuse(name, "required");
    const indicator =
      context.indicators.get(code) ??
      [...context.indicators.values()].find((candidate) => lower(candidate.code) === lower(code));
    if (code && !indicator) refuse("indicator", "unknownIndicator", { value: code });
    if (reportedOn && !isIsoDay(reportedOn)) refuse("reported_on", "notADate", { value: reportedOn });
    if (narrative.length > maxNarrativeLength)
      refuse("narrative", "narrativeTooLong", { max: maxNarrativeLength });
    if (!indicator || !periodText.trim()) return;

    // The dimension cells: only the indicator's own dimensions may be filled in.
    const values: Record<string, string> = {};
    for (const dimension of dimensionsInFile) {
      const typed = cellOf(dimension).trim();
      if (!typed) continue;
      if (!indicator.dimensions.some((candidate) => candidate.code === dimension))
        refuse(dimension, "notDisaggregated", { dimension, indicator: indicator.code });
      else values[dimension] = dimensionValue(indicator, dimension, typed);
    }
    const value = valueText ? readValue(indicator, valueText) : null;
    if (valueText && value === null) refuse("value", "notANumber", { value: valueText });

    const periodKey = normalisePeriod(periodText);
    const groupKey = `${indicator.id}\u0000${periodKey}`;
    let group = groups.get(groupKey);
    if (!group) {
      group = {
        indicator,
        periodKey,
        reportedOn: null,
        total: null,
        cells: [],
        rows: [],
        narratives: [],
        incomplete: false,
      };
      groups.set(groupKey, group);
    }
    group.rows.push(row);
    if (!usable) {
      group.incomplete = true;
      return;
    }
    const cell = cellKey(values);
    const twin = seenCells.get(`${groupKey}\u0000${cell}`);
    if (twin !== undefined) {
      problems.push({ row: twin, column: "", code: "duplicateRow", params: { other: row } });
      problems.push({ row, column: "", code: "duplicateRow", params: { other: twin } });
      group.incomplete = true;
      return;
    }
    seenCells.set(`${groupKey}\u0000${cell}`, row);
    if (group.reportedOn && group.reportedOn.value !== reportedOn) {
      problems.push({
        row,
        column: "reported_on",
        code: "dateDiffers",
        params: { other: group.reportedOn.row, date: group.reportedOn.value },
      });
    } else group.reportedOn ??= { value: reportedOn, row };
    if (narrative && !group.narratives.includes(narrative)) group.narratives.push(narrative);
    if (cell === "") group.total = { row, values, value };
    else group.cells.push({ row, values, value });
  });

  const entries: CheckedEntry[] = [];
  for (const group of groups.values()) {
    if (!group.reportedOn || (!group.total && group.cells.length === 0)) continue;
    const draft: EntryDraft = {
      indicatorId: group.indicator.id,
      periodKey: group.periodKey,
      total: group.total?.value ?? null,
      breakdown: group.cells.length
        ? group.cells.map((cell) => ({ values: cell.values, value: cell.value as number }))
        : null,
      narrative: group.narratives.length ? group.narratives.join("\n\n") : null,
      reportedOn: group.reportedOn.value,
    };
    const result = checkEntry(group.indicator, draft, context.today);
    for (const problem of result.problems) {
      const breakdownAt = /^breakdown\[(\d+)\](?:\.(.+))?$/.exec(problem.field);
      if (breakdownAt) {
        const cell = group.cells[Number(breakdownAt[1])] as RowCell;
        const field = breakdownAt[2];
        if (field === "value")
          problems.push({ row: cell.row, column: "value", code: problem.problem as ProblemCode });
        else if (field && problem.problem === "missing")
          problems.push({
            row: cell.row,
            column: field,
            code: "missingDimension",
            params: { dimension: field },
          });
        else if (field && problem.problem === "unknown")
          problems.push({
            row: cell.row,
            column: field,
            code: "unknownValue",
            params: { value: String(problem.detail?.value ?? ""), dimension: field },
          });
        // (A repeated cell is caught above by its cell key; should checkEntry find one, the row is still named.)
        else problems.push({ row: cell.row, column: "", code: "duplicateRow", params: { other: cell.row } });
        continue;
      }
      if (problem.field === "total") {
        // With a row left out, the sum of the others says nothing.
        if (
          group.incomplete &&
          (problem.problem === "contradictsBreakdown" || problem.problem === "required")
        )
          continue;
        const row = group.total?.row ?? (group.rows[0] as number);
        problems.push({
          row,
          column: "value",
          code: problem.problem as ProblemCode,
          ...(problem.detail ? { params: problem.detail } : {}),
        });
        continue;
      }
      // Period and date problems concern every row of the entry.
      const column = problem.field === "reportedOn" ? "reported_on" : "period";
      for (const row of group.rows)
        problems.push({
          row,
          column,
          code: problem.problem as ProblemCode,
          ...(problem.detail ? { params: problem.detail } : {}),
        });
    }
    if (result.total !== null && !group.incomplete)
      entries.push({
        draft,
        total: result.total,
        rows: group.rows,
        externalId: entryIdentity(draft, result.total),
      });
  }
  problems.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  return { rows, entryCount: groups.size, entries: problems.length ? [] : entries, problems };
}
