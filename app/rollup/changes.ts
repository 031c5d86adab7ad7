import { type Frequency, planPeriods } from "../indicators/periods";
import type { RollUpPlan } from "./indicator";
import { isJudged, judgedStatuses, type RollUpStatus } from "./rules";

/**
 * "What changed since the last period": the statuses that differ between two roll-ups of one plan. Pure. See
 * docs/rollup.md ("What changed").
 */

/** The part of a roll-up this compares (a `PlanRollUp` has it). */
export type ComparableRollUp = {
  plan: { status: RollUpStatus; score: number | null };
  elements: readonly { elementId: string; status: RollUpStatus; score: number | null }[];
  indicators: readonly { indicatorId: string; status: RollUpStatus; score: number | null }[];
};

/**
 * `improved` / `worsened`: from one judged band to a better / worse one; `changed`: to or from a status that is not
 * judged (e.g. `no_data` → `on_track`); `added` / `removed`: present in only one of the two roll-ups.
 */
export type ChangeKind = "improved" | "worsened" | "changed" | "added" | "removed";

export type StatusChange = {
  subject: "plan" | "element" | "indicator";
  /** The element's or indicator's id; "" for the plan. */
  id: string;
  from: RollUpStatus | null;
  to: RollUpStatus | null;
  fromScore: number | null;
  toScore: number | null;
  change: ChangeKind;
};

function kindOf(from: RollUpStatus | null, to: RollUpStatus | null): ChangeKind {
  if (from === null) return "added";
  if (to === null) return "removed";
  if (isJudged(from) && isJudged(to))
    return judgedStatuses.indexOf(to) > judgedStatuses.indexOf(from) ? "improved" : "worsened";
  return "changed";
}

/** Status changes from `previous` to `current`: the plan first, then elements and indicators by id. */
export function compareRollUps(previous: ComparableRollUp, current: ComparableRollUp): StatusChange[] {
  const changes: StatusChange[] = [];
  const compare = (
    subject: StatusChange["subject"],
    before: ReadonlyMap<string, { status: RollUpStatus; score: number | null }>,
    after: ReadonlyMap<string, { status: RollUpStatus; score: number | null }>,
  ) => {
    const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
    for (const id of ids) {
      const from = before.get(id) ?? null;
      const to = after.get(id) ?? null;
      if (from?.status === to?.status) continue;
      changes.push({
        subject,
        id,
        from: from?.status ?? null,
        to: to?.status ?? null,
        fromScore: from?.score ?? null,
        toScore: to?.score ?? null,
        change: kindOf(from?.status ?? null, to?.status ?? null),
      });
    }
  };
  compare("plan", new Map([["", previous.plan]]), new Map([["", current.plan]]));
  compare(
    "element",
    new Map(previous.elements.map((e) => [e.elementId, e])),
    new Map(current.elements.map((e) => [e.elementId, e])),
  );
  compare(
    "indicator",
    new Map(previous.indicators.map((i) => [i.indicatorId, i])),
    new Map(current.indicators.map((i) => [i.indicatorId, i])),
  );
  return changes;
}

/**
 * The day to compare `asOf` with for "since the last period": the last day of the latest period (at `frequency`)
 * that ended before `asOf`; null when none has.
 */
export function previousPeriodEnd({
  plan,
  frequency,
  asOf,
}: {
  plan: RollUpPlan;
  frequency: Frequency;
  asOf: string;
}): string | null {
  return planPeriods(plan, frequency).findLast((period) => period.end < asOf)?.end ?? null;
}
