import type { Frequency, Period } from "../indicators/periods";
import { dayNumber, daysBetween, planPeriods } from "../indicators/periods";
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
  // A null day is "before any day asked about". No inner helper: this runs for every entry on every day.
  const submitted = entry.submittedOn === null || entry.submittedOn <= asOf;
  if (entry.status === "approved") {
    if (entry.decidedOn === null || entry.decidedOn <= asOf) return "approved";
    return submitted ? "submitted" : "none";
  }
  if (entry.status === "submitted") return submitted ? "submitted" : "none";
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

const dayIndex = (plan: RollUpPlan, isoDay: string) => daysBetween(plan.startDate, isoDay);

/** Whole days from a period's last day to `day` (0 on its last day, negative before). */
export const daysAfterEnd = (period: Period, day: string) => daysBetween(period.end, day);

/** The share of a period that has elapsed at the end of `day`, by days (the day itself counts as elapsed). */
export function elapsedShare(period: Period, day: string): number {
  const length = daysBetween(period.start, period.end) + 1;
  const elapsed = daysBetween(period.start, day) + 1;
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
  return levelAt(expectedPoints({ plan, periods, targets, baseline }), dayIndex(plan, day) + 1);
}

type Point = { at: number; value: number };

/** The line's points: positions count days from the plan's start, the baseline at 0, a period's target at the end
 *  of its last day. */
function expectedPoints({
  plan,
  periods,
  targets,
  baseline,
}: {
  plan: RollUpPlan;
  periods: readonly Period[];
  targets: ReadonlyMap<string, number>;
  baseline: number;
}): Point[] {
  const points = [{ at: 0, value: baseline }];
  for (const period of periods) {
    const target = targets.get(period.key);
    if (target !== undefined) points.push({ at: dayIndex(plan, period.end) + 1, value: target });
  }
  return points;
}

/** The line's value at position `at` (the end of a day is its day index + 1). */
function levelAt(points: readonly Point[], at: number): number {
  const first = points[0] as Point;
  if (at <= 0) return first.value;
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1] as Point;
    const to = points[i] as Point;
    if (at <= to.at) return from.value + ((at - from.at) / (to.at - from.at)) * (to.value - from.value);
  }
  return (points.at(-1) as Point).value;
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

type Prepared = {
  /** What it was worked out from: reused only while these are still the indicator's (and the plan's). */
  basis: readonly unknown[];
  reading: Aggregation;
  periods: readonly Period[];
  targets: ReadonlyMap<string, number>;
  /** The whole plan's target, as the indicator page reads it: the sum for `per_period`, else the last one. */
  target: number | null;
  /** The expected line's points (expectedLevel), for level readings. */
  points: readonly Point[];
  /** Each period's first and last day as day numbers (daysBetween). */
  startDays: readonly number[];
  endDays: readonly number[];
};

/** What does not depend on the day, worked out once per indicator (a dashboard rolls one plan up on many days). */
const preparedFor = new WeakMap<RollUpIndicator, Prepared>();

function prepared(plan: RollUpPlan, indicator: RollUpIndicator): Prepared {
  const basis = [
    plan.startDate,
    plan.endDate,
    indicator.targets,
    indicator.baselineValue,
    indicator.frequency,
    indicator.measure,
    indicator.aggregation,
  ];
  const known = preparedFor.get(indicator);
  if (known?.basis.every((value, i) => value === basis[i])) return known;
  const reading = readingOf(indicator);
  const periods = planPeriods(plan, indicator.frequency);
  const targets = new Map(indicator.targets.map((target) => [target.periodKey, target.value]));
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
  const result = {
    basis,
    reading,
    periods,
    targets,
    target,
    points: expectedPoints({ plan, periods, targets, baseline: indicator.baselineValue ?? 0 }),
    startDays: periods.map((period) => dayNumber(period.start)),
    endDays: periods.map((period) => dayNumber(period.end)),
  };
  // Kept beside the indicator (frozen or shared objects are fine), and used again only while the basis is the same:
  // a caller that changes an indicator gives it another targets list or values, never edits the list in place.
  preparedFor.set(indicator, result);
  return result;
}

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
  const preparation = prepared(plan, indicator);
  const { reading, periods, target } = preparation;
  const approved = [];
  for (const entry of entries)
    if (entry.indicatorId === indicator.id && entryStateOn(entry, asOf) === "approved") approved.push(entry);
  const actuals = actualsByPeriod(periods, approved, reading);
  const baseline = indicator.baselineValue ?? 0;
  const tolerance = indicator.tolerance ?? 0;
  const overPlan = actualOverPlan(actuals, reading);
  const levels = indicator.scaleLevels ?? 0;
  const lastLevel = actuals.findLast((actual) => actual.actual !== null)?.actual ?? null;

  const judgement = judge({
    plan,
    indicator,
    prepared: preparation,
    actuals,
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

/**
 * The target in force in the period at `index` (a `maintain` indicator is held to it): that period's own target,
 * else the latest earlier one, else the first one set; null when the indicator has no target at all.
 */
export function targetInForce(
  periods: readonly Period[],
  targets: ReadonlyMap<string, number>,
  index: number,
): number | null {
  const period = periods[index];
  const own = period ? targets.get(period.key) : undefined;
  if (own !== undefined) return own;
  for (let i = Math.min(index, periods.length) - 1; i >= 0; i--) {
    const earlier = targets.get((periods[i] as Period).key);
    if (earlier !== undefined) return earlier;
  }
  for (const candidate of periods) {
    const first = targets.get(candidate.key);
    if (first !== undefined) return first;
  }
  return null;
}

function judge({
  plan,
  indicator,
  prepared: { reading, periods, targets, target, points, startDays, endDays },
  actuals,
  baseline,
  tolerance,
  asOf,
  rules,
}: {
  plan: RollUpPlan;
  indicator: RollUpIndicator;
  prepared: Prepared;
  actuals: readonly PeriodActual[];
  baseline: number;
  tolerance: number;
  asOf: string;
  rules: RollUpRules;
}): Judgement {
  if (target === null) return unjudged("not_applicable", "noTarget");
  if (asOf < plan.startDate) return unjudged("not_yet_due");
  const { direction } = indicator;
  // Loops rather than callbacks: this runs for every indicator on every day a dashboard asks about.
  const asOfDay = dayNumber(asOf);
  let current = -1;
  for (let i = 0; i < periods.length && current < 0; i++) {
    const period = periods[i] as Period;
    if (period.start <= asOf && asOf < period.end) current = i;
  }
  // The last period that has ended and is either reported or past its reporting days: a report still within them
  // is not held against the indicator.
  const pastReportingDays = (i: number) => asOfDay - (endDays[i] as number) > rules.reportDueDays;
  let lastEnded = -1;
  for (let i = periods.length - 1; i >= 0 && lastEnded < 0; i--)
    if ((periods[i] as Period).end <= asOf && (actuals[i]?.reported !== null || pastReportingDays(i)))
      lastEnded = i;

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
    const inForce = targetInForce(periods, targets, at) as number;
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
    const judgedDay = dayNumber(judgedAt);
    for (const [i, p] of periods.entries()) {
      const periodTarget = targets.get(p.key);
      const reported = actuals[i]?.reported ?? null;
      if (p.start > judgedAt || periodTarget === undefined || reported === null) continue;
      const start = startDays[i] as number;
      const share = Math.min(1, Math.max(0, (judgedDay - start + 1) / ((endDays[i] as number) - start + 1)));
      counted += 1;
      actual += reported;
      expected += periodTarget * share;
      reference += baseline * share;
    }
    if (counted === 0) {
      const targetDue = periods.some((p, i) => p.end <= asOf && targets.has(p.key) && pastReportingDays(i));
      return unjudged(targetDue ? "no_data" : "not_yet_due");
    }
  } else {
    actual = actuals[at]?.actual ?? null;
    if (actual === null) return unjudged("no_data");
    expected = levelAt(points, dayIndex(plan, judgedAt) + 1);
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
