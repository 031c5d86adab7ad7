import { planPeriods } from "../indicators/periods";
import {
  daysAfterEnd,
  entryStateOn,
  type RollUpEntry,
  type RollUpIndicator,
  type RollUpPlan,
} from "./indicator";
import type { RollUpRules } from "./rules";

/**
 * Data completeness: which reports (indicator × period) are due, received and approved as of a day. Pure. The
 * rules, with worked examples, are in docs/rollup.md ("Data completeness").
 */

/**
 * A report's state for the heat map. A period is due once it has ended (its last day is on or before `asOf`);
 * until then its cell is `not_due` unless something already arrived. A due report with nothing received is
 * `missing` for `reportDueDays` days after the period's end, then `overdue`. Drafts and returned entries are not
 * received.
 */
export const reportStates = ["approved", "submitted", "missing", "overdue", "not_due"] as const;
export type ReportState = (typeof reportStates)[number];

export type ReportCell = { indicatorId: string; periodKey: string; due: boolean; state: ReportState };

/** Counts over due reports only: approved + submitted + missing + overdue = due. */
export type Completeness = {
  due: number;
  approved: number;
  submitted: number;
  missing: number;
  overdue: number;
  /** approved / due, in percent; null when nothing is due. */
  percentApproved: number | null;
};

export type IndicatorCompleteness = Completeness & { indicatorId: string };

export type CompletenessReport = {
  total: Completeness;
  byIndicator: IndicatorCompleteness[];
  /** Every indicator × period of its frequency, indicators by id, periods in order. */
  cells: ReportCell[];
};

export function countCompleteness(cells: readonly ReportCell[]): Completeness {
  let due = 0;
  const counts = { approved: 0, submitted: 0, missing: 0, overdue: 0, not_due: 0 };
  for (const cell of cells)
    if (cell.due) {
      due += 1;
      counts[cell.state] += 1;
    }
  return {
    due,
    approved: counts.approved,
    submitted: counts.submitted,
    missing: counts.missing,
    overdue: counts.overdue,
    percentApproved: due ? (counts.approved / due) * 100 : null,
  };
}

export function reportCompleteness({
  plan,
  indicators,
  entries,
  asOf,
  rules,
}: {
  plan: RollUpPlan;
  indicators: readonly RollUpIndicator[];
  entries: readonly RollUpEntry[];
  asOf: string;
  rules: RollUpRules;
}): CompletenessReport {
  // What arrived, by indicator and period: approved wins over submitted.
  const received = new Map<string, Map<string, "approved" | "submitted">>();
  for (const entry of entries) {
    const state = entryStateOn(entry, asOf);
    if (state === "none") continue;
    let periods = received.get(entry.indicatorId);
    if (!periods) {
      periods = new Map();
      received.set(entry.indicatorId, periods);
    }
    if (state === "approved" || !periods.has(entry.periodKey)) periods.set(entry.periodKey, state);
  }
  const cells: ReportCell[] = [];
  const byIndicator: IndicatorCompleteness[] = [];
  for (const indicator of [...indicators].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const arrivedIn = received.get(indicator.id);
    const own = planPeriods(plan, indicator.frequency).map((period): ReportCell => {
      const due = period.end <= asOf;
      const arrived = arrivedIn?.get(period.key);
      const state: ReportState =
        arrived ??
        (!due ? "not_due" : daysAfterEnd(period, asOf) > rules.reportDueDays ? "overdue" : "missing");
      return { indicatorId: indicator.id, periodKey: period.key, due, state };
    });
    for (const cell of own) cells.push(cell);
    byIndicator.push({ indicatorId: indicator.id, ...countCompleteness(own) });
  }
  return { total: countCompleteness(cells), byIndicator, cells };
}
