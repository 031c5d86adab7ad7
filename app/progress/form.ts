import { type FieldProblem, problem as fieldProblem, type MessageValues } from "../forms/problem";
import type { MessageKey } from "../i18n/messages";
import { cellKey, type ResolvedDimension } from "../indicators/dimensions";
import type { Period } from "../indicators/periods";
import { type BreakdownCell, parseReportedNumber, type ValueProblem } from "../indicators/values";

/**
 * The logging form as typed, and how it becomes an entry: pure (no I/O), so the rules for reading numbers, the
 * disaggregation grid and where each problem is shown are unit-tested. The server (workflow.server.ts) checks the
 * result with the shared entry rules (checkEntry).
 */

/** Evidence files: at most this many bytes in total per save (documented in docs/guides/staff.md). */
export const evidenceLimitBytes = 5 * 1024 * 1024;
/** The whole logging form may be this large: the files plus the typed fields (413 above it). */
export const entryFormLimitBytes = evidenceLimitBytes + 64 * 1024;
/** Evidence items (links and files) per entry. */
export const maxEvidenceItems = 10;
export const maxNarrativeLength = 4000;
export const maxNoteLength = 2000;

/** The group of the grid's inputs: each is named `cell.gender=women|region=africa` (then the cell's canonical key). */
export const cellsField = "cell";
/** The prefix of a grid input's name. */
export const cellFieldPrefix = `${cellsField}.`;
export const cellField = (values: Record<string, string>) => `${cellFieldPrefix}${cellKey(values)}`;

/** What the form sends, as strings (numbers are read here, the French way in French). */
export type EntryFields = {
  period: string;
  reportedOn: string;
  /** A number for `number` / `percentage`; for `qualitative`, the chosen level's index. */
  total: string;
  narrative: string;
  /** Grid inputs by field name (`cell.<key>`). */
  cells: Record<string, string>;
};

/** What the form needs to know of an indicator to read it. */
export type IndicatorShape = {
  measure: "number" | "percentage" | "qualitative";
  dimensions: readonly ResolvedDimension[];
};

/** A size as the person reads it on the page. */
export const mib = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;

/** The entry rules' problems the catalogue words (`progress.problem.<code>`); any other is "cannot be recorded". */
const problemCodes = new Set([
  "outsidePlan",
  "inFuture",
  "notStarted",
  "locked",
  "required",
  "levelRequired",
  "missing",
  "unknown",
  "repeated",
  "contradictsBreakdown",
  "notANumber",
  "negative",
  "notWhole",
  "percentageRange",
  "notOnScale",
  "dateFormat",
  "tooLong",
  "filesTooLarge",
  "tooManyEvidence",
  "badLink",
  "requestTooLarge",
]);

/** A problem of the logging form, shown next to `field`: `progress.problem.<code>` with its values. */
export function entryProblem(field: string, code: string, detail?: MessageValues): FieldProblem {
  const values: MessageValues = { ...(detail ?? {}) };
  // Sizes are said in MiB (the limit as the person reads it on the page).
  if ((code === "filesTooLarge" || code === "requestTooLarge") && typeof values.max === "number")
    values.max = mib(values.max);
  const key = `progress.problem.${problemCodes.has(code) ? code : "invalid"}` as MessageKey;
  return fieldProblem(field, key, Object.keys(values).length ? values : undefined);
}

/** The code of a logging-form problem (`progress.problem.notANumber` → `notANumber`), for checks and tests. */
export const problemCode = (found: FieldProblem) => found.message.key.replace(/^progress\.problem\./, "");

/** Every combination of dimension values, in grid order (first dimension slowest). */
export function gridCells(dimensions: readonly ResolvedDimension[]): Record<string, string>[] {
  let combinations: Record<string, string>[] = [{}];
  for (const dimension of dimensions) {
    combinations = combinations.flatMap((partial) =>
      dimension.values.map((value) => ({ ...partial, [dimension.code]: value.code })),
    );
  }
  return dimensions.length ? combinations : [];
}

/**
 * The grid's layout: the last dimension across (columns), the others down (rows), so region × gender reads as one
 * row per region and one column per gender. One dimension gives one column.
 */
export function gridLayout(dimensions: readonly ResolvedDimension[]) {
  if (dimensions.length === 0) return null;
  const across = dimensions.length > 1 ? (dimensions.at(-1) as ResolvedDimension) : null;
  const down = across ? dimensions.slice(0, -1) : dimensions;
  return { down, across, rows: gridCells(down) };
}

/** Reads a grid field name back into its dimension values, or null when it is not one. */
export function cellOfField(field: string): Record<string, string> | null {
  if (!field.startsWith(cellFieldPrefix)) return null;
  const values: Record<string, string> = {};
  for (const part of field.slice(cellFieldPrefix.length).split("|")) {
    const at = part.indexOf("=");
    if (at <= 0) return null;
    values[part.slice(0, at)] = part.slice(at + 1);
  }
  return values;
}

/**
 * Reads the typed fields into an entry draft. Empty grid cells are not reported (they are not zeros); when no cell
 * is filled the total is required; when cells are filled a typed total must match their sum (checked later by
 * checkEntry). A text that is not a number is a problem on its own field.
 */
export function readEntryFields(
  indicator: IndicatorShape,
  fields: EntryFields,
  locale: "en" | "fr",
): {
  total: number | null;
  breakdown: BreakdownCell[] | null;
  /** The grid field of each breakdown cell, by index, to place checkEntry's `breakdown[i]…` problems. */
  cellFields: string[];
  problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const number = (field: string, text: string) => {
    const trimmed = text.trim();
    if (trimmed === "") return null;
    if (indicator.measure === "qualitative") {
      const level = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
      if (Number.isNaN(level)) problems.push(entryProblem(field, "notOnScale"));
      return Number.isNaN(level) ? undefined : level;
    }
    const value = parseReportedNumber(trimmed, locale);
    if (value === null) {
      problems.push(entryProblem(field, "notANumber", { value: trimmed.slice(0, 40) }));
      return undefined;
    }
    return value;
  };
  const total = number("total", fields.total);
  const breakdown: BreakdownCell[] = [];
  const cellFields: string[] = [];
  if (indicator.dimensions.length > 0 && indicator.measure !== "qualitative") {
    // Every grid field that was sent, known or not: an unknown region sent by a tampered form is reported.
    for (const [field, text] of Object.entries(fields.cells)) {
      const values = cellOfField(field);
      if (!values) continue;
      const value = number(field, text);
      if (value === null || value === undefined) continue;
      breakdown.push({ values, value });
      cellFields.push(field);
    }
  }
  return {
    total: total ?? null,
    breakdown: breakdown.length ? breakdown : null,
    cellFields,
    problems,
  };
}

/** Where a problem of checkEntry is shown on the form: `breakdown[2].value` → the grid field of cell 2. */
export function formFieldOf(
  problem: ValueProblem,
  cellFields: readonly string[],
  measure: IndicatorShape["measure"],
): FieldProblem {
  const cell = /^breakdown\[(\d+)\]/.exec(problem.field);
  if (cell) return entryProblem(cellFields[Number(cell[1])] ?? "grid", problem.problem, problem.detail);
  if (problem.field === "total" && problem.problem === "required")
    return entryProblem("total", measure === "qualitative" ? "levelRequired" : "required", problem.detail);
  return entryProblem(problem.field, problem.problem, problem.detail);
}

/** The periods a person may log into: started ones; locked ones are listed but cannot be chosen. */
export function loggablePeriods(
  periods: readonly Period[],
  locked: ReadonlySet<string>,
  today: string,
): { key: string; start: string; end: string; locked: boolean }[] {
  return periods
    .filter((period) => period.start <= today)
    .map((period) => ({ ...period, locked: locked.has(period.key) }));
}

/** The period to offer first: the one containing today, else the latest started one that is not locked. */
export function defaultPeriod(
  periods: readonly { key: string; start: string; end: string; locked: boolean }[],
  today: string,
): string {
  const open = periods.filter((period) => !period.locked);
  const current = open.find((period) => period.start <= today && today <= period.end);
  return current?.key ?? open.at(-1)?.key ?? "";
}

/** Evidence links: http(s) addresses, one per line. Returns the links and the problem with the first bad one. */
export function readEvidenceLinks(text: string): { links: string[]; problem: FieldProblem | null } {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  for (const line of lines) {
    let url: URL | null = null;
    try {
      url = new URL(line);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || line.length > 2000) {
      return { links: [], problem: entryProblem("evidenceLinks", "badLink", { value: line.slice(0, 80) }) };
    }
  }
  return { links: lines, problem: null };
}
