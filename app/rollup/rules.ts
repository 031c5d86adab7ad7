/**
 * Status bands: the configurable rules that turn a score into a status. Pure, no I/O. See docs/rollup.md.
 */

/** The three judged bands, worst first. */
export const judgedStatuses = ["at_risk", "behind", "on_track"] as const;
export type JudgedStatus = (typeof judgedStatuses)[number];

/**
 * Every status an indicator, an element or the plan can have. `no_data`, `not_yet_due` and `not_applicable` are
 * statuses of their own: never shown as green or red, and never averaged into a parent.
 */
export const statuses = [...judgedStatuses, "no_data", "not_yet_due", "not_applicable"] as const;
export type RollUpStatus = (typeof statuses)[number];

/** Why something has no judged status: the detail behind `not_applicable`. */
export type NotApplicableReason =
  /** The indicator has no target for its total in any period. */
  | "noTarget"
  /** The expected value is not in the indicator's direction from where progress is measured (e.g. an increase
   *  whose target is below its baseline), so progress cannot be read. */
  | "targetNotInDirection"
  /** The element is dropped: it and everything only reachable through it leave the roll-up. */
  | "dropped"
  /** The element has no indicator and no child that could be judged, reported missing or not yet due. */
  | "notMeasured";

/** Lower bounds, in percent, of the `on_track` and `behind` bands; below `behind` is `at_risk`. */
export type Bands = { onTrack: number; behind: number };

export type RollUpRules = {
  /** Bands for the percent of expected progress (and for every rolled-up score). Default 95 / 85. */
  bands: Bands;
  /**
   * Bands for `maintain` indicators, on the percent `percentOfTarget` gives them: 100 within tolerance, minus one
   * point per 1% of the tolerance by which the value strays beyond it. Default 100 / 50: on track within the
   * tolerance, behind up to half a tolerance beyond it, at risk further out.
   */
  maintainBands: Bands;
  /** The highest score an input brings to a roll-up, so over-achievement cannot hide a failing sibling. */
  scoreCap: number;
  /** Days after a period's end before a report that has not arrived is `overdue` rather than `missing`. */
  reportDueDays: number;
};

export const defaultRollUpRules: RollUpRules = {
  bands: { onTrack: 95, behind: 85 },
  maintainBands: { onTrack: 100, behind: 50 },
  scoreCap: 100,
  reportDueDays: 30,
};

/** The default rules with some replaced; refuses bands out of order or a cap below the on-track bound. */
export function rollUpRules(overrides: Partial<RollUpRules> = {}): RollUpRules {
  const rules = { ...defaultRollUpRules, ...overrides };
  const { bands, maintainBands } = rules;
  // Every band must be reachable on the common scale, so that a maintain band can be mapped onto it.
  if (!(bands.behind > 0 && bands.behind < bands.onTrack && bands.onTrack <= 100))
    throw new RangeError("bands must satisfy 0 < behind < onTrack ≤ 100");
  if (
    !(
      maintainBands.behind >= 0 &&
      maintainBands.behind <= maintainBands.onTrack &&
      maintainBands.onTrack <= 100
    )
  )
    throw new RangeError("maintainBands must satisfy 0 ≤ behind ≤ onTrack ≤ 100");
  if (!(rules.scoreCap >= rules.bands.onTrack))
    throw new RangeError("scoreCap must be at least bands.onTrack");
  if (!(Number.isInteger(rules.reportDueDays) && rules.reportDueDays >= 0))
    throw new RangeError("reportDueDays must be a whole number of days, 0 or more");
  return rules;
}

/** Scores are compared with this slack, so that 94.99999999 from floating point reads as 95. */
const slack = 1e-9;

/** The band of a score (percent of expected progress, or a rolled-up score). */
export function bandOf(score: number, bands: Bands): JudgedStatus {
  if (score + slack >= bands.onTrack) return "on_track";
  if (score + slack >= bands.behind) return "behind";
  return "at_risk";
}

/**
 * A `maintain` indicator's percent mapped onto the common score scale, piecewise linearly, so that its maintain
 * band and the band of its score agree (and a parent with only this child gets its status):
 * [maintain.onTrack, 100] → [onTrack, 100], [maintain.behind, maintain.onTrack) → [behind, onTrack),
 * [0, maintain.behind) → [0, behind).
 */
export function maintainScore(percent: number, rules: RollUpRules): number {
  const m = rules.maintainBands;
  const b = rules.bands;
  const between = (p: number, from: number, to: number, onto: number, ontoEnd: number) =>
    to === from ? ontoEnd : onto + ((p - from) / (to - from)) * (ontoEnd - onto);
  if (percent + slack >= m.onTrack)
    return m.onTrack >= 100 ? 100 : between(percent, m.onTrack, 100, b.onTrack, 100);
  if (percent + slack >= m.behind) return between(percent, m.behind, m.onTrack, b.behind, b.onTrack);
  return between(percent, 0, m.behind, 0, b.behind);
}

/** A score as it enters a roll-up: within [0, scoreCap]. */
export const cappedScore = (score: number, rules: RollUpRules) =>
  Math.min(rules.scoreCap, Math.max(0, score));

export const isJudged = (status: RollUpStatus): status is JudgedStatus =>
  (judgedStatuses as readonly string[]).includes(status);

/** How many of the items have each status (every status present, 0 when none). */
export function countByStatus(items: readonly { status: RollUpStatus }[]): Record<RollUpStatus, number> {
  const counts = Object.fromEntries(statuses.map((status) => [status, 0])) as Record<RollUpStatus, number>;
  for (const item of items) counts[item.status] += 1;
  return counts;
}
