import { periodContaining } from "../indicators/periods";
import type { BreakdownCell, ValueProblem } from "../indicators/values";
import { parseReportedNumber } from "../indicators/values";
import { checkEntry, type EntryDraft, type IndicatorRules } from "../progress/entries.server";
import { type Submission, submissionId } from "./client";
import type { KoboMapping } from "./format";

/**
 * From Kobo submissions to draft entries (pure: the caller loads the rules and writes). Each mapped indicator of a
 * submission becomes one entry, checked by the shared entry rules (`checkEntry`); what cannot become an entry is
 * skipped with its reason, naming the form field it came from.
 */

/** Why a submission (or one indicator of it) was skipped; `reason` is the English text, `code` + `params` translate. */
export type SkipCode =
  | "alreadyImported"
  | "noAnswer"
  | "notANumber"
  | "notADate"
  | "dateOutsidePlan"
  | "outsidePlan"
  | "notStarted"
  | "locked"
  | "inFuture"
  | "negative"
  | "notWhole"
  | "percentageRange"
  | "notOnScale"
  | "unknownValue"
  | "dimensionNoAnswer"
  | "contradictsBreakdown"
  | "repeated"
  | "invalid";

export type Skip = {
  /** The submission's `_uuid` (or `_id`). */
  submission: string;
  /** The indicator code, when only that indicator's entry was skipped. */
  indicator?: string;
  code: SkipCode;
  params: Record<string, string | number>;
};

/** Notes about the form as a whole: a changed form is reported, not a failure. */
export type FormNote =
  | { code: "fieldMissing"; params: { field: string } }
  | { code: "unmappedField"; params: { field: string } };

export type PlannedEntry = { externalId: string; indicatorCode: string; draft: EntryDraft; total: number };

/** Kobo's own fields and the metadata every form carries: never "unmapped". */
export const isKoboMetadata = (field: string) =>
  field.startsWith("_") ||
  /^(formhub|meta)\//.test(field) ||
  [
    "start",
    "end",
    "today",
    "deviceid",
    "username",
    "simserial",
    "subscriberid",
    "phonenumber",
    "audit",
  ].includes(field);

/** The text of an answer, or null when the question was not answered (Kobo leaves unanswered fields out). */
function answer(submission: Submission, field: string): string | null {
  const value = Object.hasOwn(submission, field) ? submission[field] : undefined;
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value.trim() === "" ? null : value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** `2014-05-03`, or the day of `2014-05-03T10:22:11+02:00`; null for anything else. */
function dayOf(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(text);
  if (!match) return null;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text.slice(0, 10)
    ? null
    : text.slice(0, 10);
}

const problemCodes = new Set<string>([
  "outsidePlan",
  "notStarted",
  "locked",
  "inFuture",
  "negative",
  "notWhole",
  "percentageRange",
  "notOnScale",
  "contradictsBreakdown",
  "repeated",
]);

/**
 * The entries a submission gives, and what it skips. `known` holds the external ids already imported (re-runs never
 * duplicate); `elementOf` gives the element an indicator measures when it measures exactly one.
 */
export function readSubmission({
  submission,
  mapping,
  rules,
  known,
  elementOf = () => null,
  today,
}: {
  submission: Submission;
  mapping: KoboMapping;
  rules: ReadonlyMap<string, IndicatorRules>;
  known: ReadonlySet<string>;
  elementOf?: (indicatorCode: string) => string | null;
  today: string;
}): { entries: PlannedEntry[]; skipped: Skip[] } {
  const id = submissionId(submission);
  const skipped: Skip[] = [];
  const skip = (code: SkipCode, params: Skip["params"], indicator?: string) =>
    skipped.push({ submission: id, ...(indicator ? { indicator } : {}), code, params });
  const entries: PlannedEntry[] = [];
  if (!mapping.period) return { entries, skipped };

  const pending = mapping.indicators.filter((source) => !known.has(`${id}:${source.indicator}`));
  if (pending.length === 0) {
    skip("alreadyImported", {});
    return { entries, skipped };
  }
  for (const source of mapping.indicators)
    if (!pending.includes(source)) skip("alreadyImported", {}, source.indicator);

  // What the whole submission shares: its period, date and narrative.
  const periodField = mapping.period.field;
  const periodText = answer(submission, periodField);
  if (periodText === null) {
    skip("noAnswer", { field: periodField });
    return { entries, skipped };
  }
  const periodDay = mapping.period.from === "date" ? dayOf(periodText) : null;
  if (mapping.period.from === "date" && !periodDay) {
    skip("notADate", { field: periodField, value: periodText });
    return { entries, skipped };
  }
  const reportedOnField = mapping.reportedOn ?? "_submission_time";
  const reportedOnText = answer(submission, reportedOnField);
  const reportedOn = reportedOnText === null ? null : dayOf(reportedOnText);
  if (reportedOnText === null) {
    skip("noAnswer", { field: reportedOnField });
    return { entries, skipped };
  }
  if (!reportedOn) {
    skip("notADate", { field: reportedOnField, value: reportedOnText });
    return { entries, skipped };
  }
  const narrative = mapping.narrative ? answer(submission, mapping.narrative) : null;

  for (const source of pending) {
    const code = source.indicator;
    const rule = rules.get(code);
    if (!rule) continue; // the mapping was checked against the plan before the run
    const count = skipped.length;

    let periodKey = periodText;
    if (periodDay) {
      const period = periodContaining(rule.periods, periodDay);
      if (!period) {
        skip("dateOutsidePlan", { field: periodField, value: periodDay }, code);
        continue;
      }
      periodKey = period.key;
    }

    const number = (field: string): number | null | undefined => {
      const text = answer(submission, field);
      if (text === null) return null;
      const value = parseReportedNumber(text, "en");
      if (value === null) {
        skip("notANumber", { field, value: text }, code);
        return undefined;
      }
      return value;
    };

    // The breakdown's dimension values that come from the form's dimension fields.
    const own = rule.dimensions.map((dimension) => dimension.code);
    const fromFields = source.totalOnly
      ? []
      : own.filter((dimension) => Object.hasOwn(mapping.dimensions, dimension));
    const shared: Record<string, string> = {};
    for (const dimension of fromFields) {
      const dimensionSource = mapping.dimensions[dimension];
      if (!dimensionSource) continue;
      const raw = answer(submission, dimensionSource.field);
      if (raw === null) skip("dimensionNoAnswer", { field: dimensionSource.field, dimension }, code);
      else
        shared[dimension] = Object.hasOwn(dimensionSource.choices, raw)
          ? (dimensionSource.choices[raw] as string)
          : raw;
    }

    const total = source.value ? number(source.value) : null;
    let breakdown: BreakdownCell[] | null = null;
    const cellFields: string[] = [];
    if (source.cells.length) {
      breakdown = [];
      for (const cell of source.cells) {
        const value = number(cell.field);
        if (value === null || value === undefined) continue; // not answered: not reported
        breakdown.push({ values: { ...cell.at, ...shared }, value });
        cellFields.push(cell.field);
      }
      if (breakdown.length === 0) breakdown = null;
    } else if (fromFields.length === own.length && own.length > 0 && typeof total === "number") {
      // One cell: the submission's value for its region × gender × …
      breakdown = [{ values: shared, value: total }];
      cellFields.push(source.value as string);
    }
    if (skipped.length > count) continue;
    if (total === null && breakdown === null) {
      skip("noAnswer", { field: source.value ?? source.cells.map((cell) => cell.field).join(", ") }, code);
      continue;
    }

    const draft: EntryDraft = {
      indicatorId: rule.id,
      periodKey,
      // The total as the form gives it (for counts, the shared rules check it against the breakdown's sum).
      total: total ?? null,
      breakdown,
      narrative,
      reportedOn,
      elementId: elementOf(code),
    };
    const checked = checkEntry(rule, draft, today);
    if (checked.total === null) {
      const told = new Set<string>();
      for (const problem of checked.problems) {
        const item = explain(problem, {
          submission: id,
          indicator: code,
          periodField,
          reportedOnField,
          valueField: source.value,
          cellFields,
          dimensionField: (dimension) =>
            source.cells.length && !fromFields.includes(dimension)
              ? null
              : (mapping.dimensions[dimension]?.field ?? null),
          draft,
        });
        // An unknown region is the same problem in every cell of the breakdown: say it once.
        const key = JSON.stringify([item.code, item.params]);
        if (!told.has(key)) skipped.push(item);
        told.add(key);
      }
      continue;
    }
    entries.push({ externalId: `${id}:${code}`, indicatorCode: code, draft, total: checked.total });
  }
  return { entries, skipped };
}

/** A problem of the shared entry rules, told in terms of the form's fields. */
function explain(
  problem: ValueProblem,
  context: {
    submission: string;
    indicator: string;
    periodField: string;
    reportedOnField: string;
    valueField: string | null;
    cellFields: string[];
    dimensionField: (dimension: string) => string | null;
    draft: EntryDraft;
  },
): Skip {
  const { submission, indicator, draft } = context;
  const base = { submission, indicator };
  const code = (problemCodes.has(problem.problem) ? problem.problem : "invalid") as SkipCode;
  if (problem.field === "period")
    return { ...base, code, params: { period: draft.periodKey, field: context.periodField } };
  if (problem.field === "reportedOn")
    return { ...base, code, params: { field: context.reportedOnField, value: draft.reportedOn } };
  if (problem.field === "total") {
    const detail = problem.detail ?? {};
    return {
      ...base,
      code,
      params: { field: context.valueField ?? "", value: draft.total ?? "", ...detail },
    };
  }
  const cell = /^breakdown\[(\d+)\](?:\.(.+))?$/.exec(problem.field);
  if (cell) {
    const index = Number(cell[1]);
    const part = cell[2];
    const item = draft.breakdown?.[index];
    if (part === "value")
      return {
        ...base,
        code,
        params: { field: context.cellFields[index] ?? context.valueField ?? "", value: item?.value ?? "" },
      };
    if (part && problem.problem === "unknown")
      return {
        ...base,
        code: "unknownValue",
        params: {
          field: context.dimensionField(part) ?? context.cellFields[index] ?? "",
          value: String(problem.detail?.value ?? ""),
          dimension: part,
        },
      };
    if (part && problem.problem === "missing")
      return {
        ...base,
        code: "dimensionNoAnswer",
        params: { field: context.dimensionField(part) ?? "", dimension: part },
      };
    return { ...base, code: "repeated", params: { field: context.cellFields[index] ?? "" } };
  }
  return { ...base, code: "invalid", params: { field: problem.field, problem: problem.problem } };
}

/**
 * What changed in the form, seen from the submissions of a run: mapped fields that none of them had (the question
 * was renamed or removed), and fields they had that the mapping does not use (new questions). Nothing is said when
 * the run fetched no submission.
 */
export function formNotes(submissions: readonly Submission[], mapped: readonly string[]): FormNote[] {
  if (submissions.length === 0) return [];
  const present = new Set<string>();
  for (const submission of submissions) for (const field of Object.keys(submission)) present.add(field);
  const notes: FormNote[] = [];
  for (const field of mapped)
    if (!present.has(field) && field !== "_submission_time")
      notes.push({ code: "fieldMissing", params: { field } });
  const used = new Set(mapped);
  for (const field of [...present].sort())
    if (!used.has(field) && !isKoboMetadata(field)) notes.push({ code: "unmappedField", params: { field } });
  return notes;
}
