import type { Period } from "./periods";

/**
 * Pure rules for reported values: how they combine over time, how a breakdown gives a total, how progress is read
 * against a target, and which values are refused. No I/O: the database layer and the pages call these.
 */

/** How values combine over time. */
export const aggregationModes = ["per_period", "cumulative", "latest"] as const;
export type Aggregation = (typeof aggregationModes)[number];

export const directions = ["increase", "decrease", "maintain"] as const;
export type Direction = (typeof directions)[number];

export const measures = ["number", "percentage", "qualitative"] as const;
export type Measure = (typeof measures)[number];

/** One approved value: the total of an entry for a period. `order` breaks ties within a period (later wins). */
export type ReportedValue = { periodKey: string; value: number; order: number };

export type PeriodActual = {
  key: string;
  /** What was reported in this period (summed when several entries), or null when nothing was. */
  reported: number | null;
  /** The indicator's value at the end of this period under its aggregation mode, or null before any report. */
  actual: number | null;
};

/**
 * The actual per period, in period order:
 * - `per_period`: the sum of what was reported in that period (periods are independent);
 * - `cumulative`: reports are increments; the actual is the running total up to and including the period;
 * - `latest`: reports are levels (e.g. members today); the actual is the last level reported up to the period.
 * Computed from all approved values each time, so correcting an earlier period changes every later actual.
 */
export function actualsByPeriod(
  periods: readonly Period[],
  values: readonly ReportedValue[],
  mode: Aggregation,
): PeriodActual[] {
  // Per period: the sum of its values, and the value ranked last (highest `order`; the later one on a tie).
  const byPeriod = new Map<string, { sum: number; last: ReportedValue }>();
  for (const value of values) {
    const found = byPeriod.get(value.periodKey);
    if (!found) byPeriod.set(value.periodKey, { sum: value.value, last: value });
    else {
      found.sum += value.value;
      if (value.order >= found.last.order) found.last = value;
    }
  }
  let running: number | null = null;
  return periods.map((period) => {
    const reports = byPeriod.get(period.key);
    const reported = reports ? reports.sum : null;
    if (mode === "per_period") return { key: period.key, reported, actual: reported };
    if (mode === "cumulative") {
      if (reported !== null) running = (running ?? 0) + reported;
      return { key: period.key, reported, actual: running };
    }
    if (reports) running = reports.last.value;
    return { key: period.key, reported, actual: running };
  });
}

/** The indicator's value over the whole plan: the sum for `per_period`, the last actual otherwise. */
export function actualOverPlan(actuals: readonly PeriodActual[], mode: Aggregation): number | null {
  if (mode === "per_period") {
    const reported = actuals.filter((actual) => actual.reported !== null);
    return reported.length ? reported.reduce((sum, actual) => sum + (actual.reported as number), 0) : null;
  }
  return actuals.at(-1)?.actual ?? null;
}

/**
 * How far the actual has gone from the baseline towards the target, as a percentage (100 = target met). For
 * `decrease` the way is down; for `maintain` the actual must stay within ± tolerance of the target (100 when it
 * does, and the share of the tolerance by which it is kept otherwise, never below 0).
 */
export function percentOfTarget({
  direction,
  baseline,
  target,
  actual,
  tolerance = 0,
}: {
  direction: Direction;
  baseline: number;
  target: number;
  actual: number;
  tolerance?: number;
}): number | null {
  if (direction === "maintain") {
    const gap = Math.abs(actual - target);
    if (gap <= tolerance) return 100;
    return tolerance > 0 ? Math.max(0, 100 - ((gap - tolerance) / tolerance) * 100) : 0;
  }
  const way = direction === "increase" ? target - baseline : baseline - target;
  if (way <= 0) return null; // the target is not in the indicator's direction from the baseline
  const gone = direction === "increase" ? actual - baseline : baseline - actual;
  return (gone / way) * 100;
}

// ---------------------------------------------------------------- totals and breakdowns

/** A breakdown cell: one value per dimension (e.g. region = africa, gender = trans) and the number for it. */
export type BreakdownCell = { values: Record<string, string>; value: number };
export type Dimension = { code: string; allowed: readonly string[] };

export type ValueProblem = { field: string; problem: string; detail?: Record<string, string | number> };

/**
 * The total of an entry. With a breakdown, the total is its sum; a total typed as well must equal that sum. Every
 * cell names a known value of each of the indicator's dimensions, and no combination appears twice.
 */
export function deriveTotal({
  total,
  breakdown,
  dimensions,
}: {
  total: number | null;
  breakdown: readonly BreakdownCell[] | null;
  dimensions: readonly Dimension[];
}): { total: number; problems: [] } | { total: null; problems: ValueProblem[] } {
  if (!breakdown || breakdown.length === 0) {
    return total === null
      ? { total: null, problems: [{ field: "total", problem: "required" }] }
      : { total, problems: [] };
  }
  const problems: ValueProblem[] = [];
  const seen = new Set<string>();
  breakdown.forEach((cell, i) => {
    for (const dimension of dimensions) {
      const value = cell.values[dimension.code];
      if (value === undefined)
        problems.push({ field: `breakdown[${i}].${dimension.code}`, problem: "missing" });
      else if (!dimension.allowed.includes(value)) {
        problems.push({ field: `breakdown[${i}].${dimension.code}`, problem: "unknown", detail: { value } });
      }
    }
    const key = dimensions.map((dimension) => cell.values[dimension.code]).join("|");
    if (seen.has(key)) problems.push({ field: `breakdown[${i}]`, problem: "repeated" });
    seen.add(key);
  });
  const sum = breakdown.reduce((acc, cell) => acc + cell.value, 0);
  if (total !== null && Math.abs(total - sum) > 1e-9) {
    problems.push({ field: "total", problem: "contradictsBreakdown", detail: { total, sum } });
  }
  return problems.length ? { total: null, problems } : { total: sum, problems: [] };
}

// ---------------------------------------------------------------- what may be reported

/**
 * Reads a number as a person types it: spaces group thousands; the decimal separator is "." (and "," in French).
 * Returns null for anything else ("12a", "1,234" in English, "=1+1").
 */
export function parseReportedNumber(text: string, locale: "en" | "fr"): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, "");
  const pattern = locale === "fr" ? /^-?\d+([.,]\d+)?$/ : /^-?\d+(\.\d+)?$/;
  if (!pattern.test(compact)) return null;
  return Number(compact.replace(",", "."));
}

/**
 * Why a value cannot be reported for a measure, or undefined when it can. A `number` indicator counts (people,
 * countries, meetings): its values, targets and baseline are whole numbers ≥ 0 (`notWhole`, `negative`).
 */
export function valueProblem(measure: Measure, value: number, scaleLevels = 0): string | undefined {
  if (!Number.isFinite(value)) return "notANumber";
  if (measure === "number") return value < 0 ? "negative" : Number.isInteger(value) ? undefined : "notWhole";
  if (measure === "percentage") return value < 0 || value > 100 ? "percentageRange" : undefined;
  return Number.isInteger(value) && value >= 0 && value < scaleLevels ? undefined : "notOnScale";
}

/** Why an entry's period or date cannot be reported, or undefined when they can. */
export function whenProblem({
  periods,
  periodKey,
  reportedOn,
  today,
}: {
  periods: readonly Period[];
  periodKey: string;
  reportedOn: string;
  today: string;
}): ValueProblem | undefined {
  const period = periods.find((candidate) => candidate.key === periodKey);
  if (!period) return { field: "period", problem: "outsidePlan", detail: { period: periodKey } };
  if (reportedOn > today) return { field: "reportedOn", problem: "inFuture", detail: { date: reportedOn } };
  if (period.start > today) return { field: "period", problem: "notStarted", detail: { period: periodKey } };
  return undefined;
}
