import { differenceInCalendarDays, parseISO } from "date-fns";
import type { Frequency, Period } from "../indicators/periods";
import { planPeriods } from "../indicators/periods";
import {
  type Aggregation,
  actualOverPlan,
  actualsByPeriod,
  type Direction,
  type Measure,
  type PeriodActual,
  percentOfTarget,
} from "../indicators/values";
import {
  bandOf,
  cappedScore,
  maintainScore,
  type NotApplicableReason,
  type RollUpRules,
  type RollUpStatus,
} from "./rules";

/**
 * One indicator judged as of a day: its actual to date, the progress expected by then, and its status. Pure.
 * The rules, with worked examples, are in docs/rollup.md ("Indicators").
 */

export type RollUpPlan = { startDate: string; endDate: string };

export type RollUpIndicator = {
  id: string;
  measure: Measure;
  /** For `qualitative`: how many levels its scale has (a reported value is a level's index). */
  scaleLevels: number | null;
  direction: Direction;
  tolerance: number | null;
  aggregation: Aggregation;
  frequency: Frequency;
  baselineValue: number | null;
  /** Targets for the total (cell ""), by period key of the indicator's frequency. Per-value targets are not used. */
  targets: readonly { periodKey: string; value: number }[];
  /** The elements it measures. */
  elementIds: readonly string[];
  /** Its weight among the inputs of each element it measures; default 1, must be > 0. */
  weight?: number;
};

export type EntryStatus = "draft" | "submitted" | "returned" | "approved";

/**
 * A progress entry as the roll-up reads it. `order` ranks the entries of one indicator as the indicator page does
 * (reported_on, then created_at): within a period, the later one wins for `latest`. `submittedOn` and `decidedOn` are
 * the days (UTC) of `submitted_at` and `decided_at`; null means "before any day asked about" (figures imported from
 * source documents).
 */
export type RollUpEntry = {
  indicatorId: string;
  periodKey: string;
  value: number;
  order: number;
  status: EntryStatus;
  submittedOn: string | null;
  decidedOn: string | null;
};

/** What an entry was on `asOf`: approved, submitted (awaiting verification), or not received. */
export function entryStateOn(entry: RollUpEntry, asOf: string): "approved" | "submitted" | "none" {
  const by = (day: string | null) => day === null || day <= asOf;
  if (entry.status === "approved") {
    if (by(entry.decidedOn)) return "approved";
    return by(entry.submittedOn) ? "submitted" : "none";
  }
  if (entry.status === "submitted") return by(entry.submittedOn) ? "submitted" : "none";
  return "none"; // a draft, or returned to its author: not received
}

export type IndicatorAssessment = {
  indicatorId: string;
  status: RollUpStatus;
  /** Set when `status` is `not_applicable`. */
  reason: NotApplicableReason | null;
  /** The day progress is judged at: `asOf` when the current period has an approved report, otherwise the last
   *  day of the last period that has ended; null when nothing is judged. */
  judgedAt: string | null;
  /** The period `judgedAt` falls in. */
  periodKey: string | null;
  /** The actual at `judgedAt`: a level for `latest`, `cumulative` and qualitative; for `per_period` the sum of the
   *  reported periods counted. */
  actual: number | null;
  /** The value expected at `judgedAt` (for `maintain`: the target in force). */
  expected: number | null;
  /** The value progress is measured from (the baseline; for `per_period` the baseline over the periods counted). */
  reference: number | null;
  /** How far the actual has gone from `reference` towards `expected`, in percent (`maintain`: against tolerance). */
  percentOfExpected: number | null;
  /** What the indicator brings to a roll-up: `percentOfExpected` (mapped for `maintain`) within [0, scoreCap]. */
  score: number | null;
  /** The whole-plan target and actual and the percent between them, as the indicator page shows them. */
  target: number | null;
  actualOverPlan: number | null;
  percentOfTarget: number | null;
  /** For qualitative milestones: the level reached as a share of the scale, level / (levels − 1). */
  scaleScore: number | null;
};

/** How an indicator's values are read: a qualitative milestone is a level, whatever its aggregation says. */
export const readingOf = (indicator: Pick<RollUpIndicator, "measure" | "aggregation">): Aggregation =>
  indicator.measure === "qualitative" ? "latest" : indicator.aggregation;

const dayIndex = (plan: RollUpPlan, isoDay: string) =>
  differenceInCalendarDays(parseISO(isoDay), parseISO(plan.startDate));

/** Whole days from a period's last day to `day` (0 on its last day, negative before). */
export const daysAfterEnd = (period: Period, day: string) =>
  differenceInCalendarDays(parseISO(day), parseISO(period.end));

/** The share of a period that has elapsed at the end of `day`, by days (the day itself counts as elapsed). */
export function elapsedShare(period: Period, day: string): number {
  const length = differenceInCalendarDays(parseISO(period.end), parseISO(period.start)) + 1;
  const elapsed = differenceInCalendarDays(parseISO(day), parseISO(period.start)) + 1;
  return Math.min(1, Math.max(0, elapsed / length));
}

/**
 * The expected level at the end of `day` for a level reading (`latest`, `cumulative`, qualitative): the straight
 * line, by days, from the baseline at the plan's start through each period's target at that period's end, held at
 * the last target afterwards. When every period has a target, that is the target pro-rated within the current period.
 */
export function expectedLevel({
  plan,
  periods,
  targets,
  baseline,
  day,
}: {
  plan: RollUpPlan;
  periods: readonly Period[];
  targets: ReadonlyMap<string, number>;
  baseline: number;
  day: string;
}): number {
  // Positions count days from the plan's start: the baseline sits at 0, the end of `day` at dayIndex + 1.
  const points = [{ at: 0, value: baseline }];
  for (const period of periods) {
    const target = targets.get(period.key);
    if (target !== undefined) points.push({ at: dayIndex(plan, period.end) + 1, value: target });
  }
  const at = dayIndex(plan, day) + 1;
  if (at <= 0) return baseline;
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1] as { at: number; value: number };
    const to = points[i] as { at: number; value: number };
    if (at <= to.at) return from.value + ((at - from.at) / (to.at - from.at)) * (to.value - from.value);
  }
  return (points.at(-1) as { value: number }).value;
}

type Judgement = Pick<
  IndicatorAssessment,
  | "status"
  | "reason"
  | "judgedAt"
  | "periodKey"
  | "actual"
  | "expected"
  | "reference"
  | "percentOfExpected"
  | "score"
>;

const unjudged = (status: RollUpStatus, reason: NotApplicableReason | null = null): Judgement => ({
  status,
  reason,
  judgedAt: null,
  periodKey: null,
  actual: null,
  expected: null,
  reference: null,
  percentOfExpected: null,
  score: null,
});

/** Judges one indicator as of `asOf` from its entries (any status; only those approved by `asOf` count). */
export function assessIndicator({
  plan,
  indicator,
  entries,
  asOf,
  rules,
}: {
  plan: RollUpPlan;
  indicator: RollUpIndicator;
  entries: readonly RollUpEntry[];
  asOf: string;
  rules: RollUpRules;
}): IndicatorAssessment {
  const reading = readingOf(indicator);
  const periods = planPeriods(plan, indicator.frequency);
  const approved = entries
    .filter((entry) => entry.indicatorId === indicator.id && entryStateOn(entry, asOf) === "approved")
    .map((entry) => ({ periodKey: entry.periodKey, value: entry.value, order: entry.order }));
  const actuals = actualsByPeriod(periods, approved, reading);
  const targets = new Map(indicator.targets.map((target) => [target.periodKey, target.value]));
  const baseline = indicator.baselineValue ?? 0;
  const tolerance = indicator.tolerance ?? 0;

  // The whole plan, as the indicator page reads it.
  const planTargets = periods.flatMap((period) => {
    const value = targets.get(period.key);
    return value === undefined ? [] : [value];
  });
  const target =
    planTargets.length === 0
      ? null
      : reading === "per_period"
        ? planTargets.reduce((sum, value) => sum + value, 0)
        : (planTargets.at(-1) as number);
  const overPlan = actualOverPlan(actuals, reading);
  const levels = indicator.scaleLevels ?? 0;
  const lastLevel = actuals.findLast((actual) => actual.actual !== null)?.actual ?? null;

  const judgement = judge({
    plan,
    indicator,
    reading,
    periods,
    actuals,
    targets,
    baseline,
    tolerance,
    asOf,
    rules,
  });
  return {
    indicatorId: indicator.id,
    ...judgement,
    target,
    actualOverPlan: overPlan,
    percentOfTarget:
      target === null || overPlan === null
        ? null
        : percentOfTarget({ direction: indicator.direction, baseline, target, actual: overPlan, tolerance }),
    scaleScore:
      indicator.measure === "qualitative" && levels >= 2 && lastLevel !== null
        ? lastLevel / (levels - 1)
        : null,
  };
}

function judge({
  plan,
  indicator,
  reading,
  periods,
  actuals,
  targets,
  baseline,
  tolerance,
  asOf,
  rules,
}: {
  plan: RollUpPlan;
  indicator: RollUpIndicator;
  reading: Aggregation;
  periods: readonly Period[];
  actuals: readonly PeriodActual[];
  targets: ReadonlyMap<string, number>;
  baseline: number;
  tolerance: number;
  asOf: string;
  rules: RollUpRules;
}): Judgement {
  if (!periods.some((period) => targets.has(period.key))) return unjudged("not_applicable", "noTarget");
  if (asOf < plan.startDate) return unjudged("not_yet_due");
  const { direction } = indicator;
  const pastReportingDays = (period: Period) => daysAfterEnd(period, asOf) > rules.reportDueDays;
  const current = periods.findIndex((period) => period.start <= asOf && asOf < period.end);
  // The last period that has ended and is either reported or past its reporting days: a report still within them
  // is not held against the indicator.
  const lastEnded = periods.findLastIndex(
    (period, i) => period.end <= asOf && (actuals[i]?.reported !== null || pastReportingDays(period)),
  );

  // Where progress is judged: today when the period in progress has an approved report, else that last period.
  // A `maintain` per-period indicator is judged on whole periods only.
  const currentCounts =
    current >= 0 &&
    actuals[current]?.reported !== null &&
    !(direction === "maintain" && reading === "per_period");
  const at = currentCounts ? current : lastEnded;
  if (at < 0) return unjudged("not_yet_due");
  const period = periods[at] as Period;
  const judgedAt = currentCounts ? asOf : period.end;

  if (direction === "maintain") {
    const actual = actuals[at]?.actual ?? null;
    if (actual === null) return unjudged("no_data");
    const inForce =
      targets.get(period.key) ??
      periods
        .slice(0, at)
        .map((p) => targets.get(p.key))
        .findLast((value) => value !== undefined) ??
      (periods.map((p) => targets.get(p.key)).find((value) => value !== undefined) as number);
    const percent = percentOfTarget({ direction, baseline, target: inForce, actual, tolerance }) as number;
    return {
      status: bandOf(maintainScore(percent, rules), rules.bands),
      reason: null,
      judgedAt,
      periodKey: period.key,
      actual,
      expected: inForce,
      reference: null,
      percentOfExpected: percent,
      score: cappedScore(maintainScore(percent, rules), rules),
    };
  }

  let actual: number | null;
  let expected: number;
  let reference: number;
  if (reading === "per_period") {
    // Each targeted period that has started and has an approved report counts, the current one pro-rated.
    let counted = 0;
    actual = 0;
    expected = 0;
    reference = 0;
    for (const [i, p] of periods.entries()) {
      const periodTarget = targets.get(p.key);
      const reported = actuals[i]?.reported ?? null;
      if (p.start > judgedAt || periodTarget === undefined || reported === null) continue;
      const share = elapsedShare(p, judgedAt);
      counted += 1;
      actual += reported;
      expected += periodTarget * share;
      reference += baseline * share;
    }
    if (counted === 0) {
      const targetDue = periods.some((p) => p.end <= asOf && targets.has(p.key) && pastReportingDays(p));
      return unjudged(targetDue ? "no_data" : "not_yet_due");
    }
  } else {
    actual = actuals[at]?.actual ?? null;
    if (actual === null) return unjudged("no_data");
    expected = expectedLevel({ plan, periods, targets, baseline, day: judgedAt });
    reference = baseline;
  }
  const percent = percentOfTarget({ direction, baseline: reference, target: expected, actual });
  if (percent === null) return unjudged("not_applicable", "targetNotInDirection");
  return {
    status: bandOf(percent, rules.bands),
    reason: null,
    judgedAt,
    periodKey: period.key,
    actual,
    expected,
    reference,
    percentOfExpected: percent,
    score: cappedScore(percent, rules),
  };
}
