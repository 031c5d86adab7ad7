import type { Db } from "../../db/client";
import { type Frequency, planPeriods } from "../indicators/periods";
import { type Aggregation, actualsByPeriod, type Measure } from "../indicators/values";
import { type CitationView, citationFormatter } from "../plan-graph/queries.server";
import type { PlanScope } from "../plan-graph/scope.server";
import { readingOf } from "../rollup/indicator";
import { utcDay } from "../rollup/load.server";
import { type ApprovedEntry, approvedEntriesAsOf } from "./entries.server";

/**
 * The figure the dashboards show for an indicator the roll-up cannot judge (no target): its actual in the last
 * period that has a report, among the periods started by the day asked about — the number the indicator page shows
 * for that period, and the one the roll-up would judge. Values combine as the roll-up combines them:
 * `actualsByPeriod` under the indicator's reading (`readingOf`: the sum of the period for `per_period`, the running
 * total for `cumulative`, the last level for `latest` and for qualitative milestones), over every entry approved by
 * that day — for a funder, every entry approved by then in its scope (`entryInScope`), as on every page
 * (docs/rollup.md, "What a funder's figures count").
 *
 * The figure carries the passage of its source when it is one entry's own number: the last level reported for a
 * level, the period's only entry for a flow, the only entry so far for a running total. A sum of several entries
 * has no single passage to quote.
 *
 * Only the few indicators without a target are read this way (their raw approved entries, no narrative): the
 * judged ones are read from the roll-up's summaries, as decision 008 wants of the dashboards' hot path.
 */
export type LatestFigure = {
  periodKey: string;
  value: number;
  /** The day the last entry of that period was reported. */
  reportedOn: string;
  citation: CitationView | null;
};

export type FigureIndicator = {
  id: string;
  measure: Measure;
  aggregation: Aggregation;
  frequency: Frequency;
};

/**
 * Reads the approved entries of `indicators` once, up to `upTo`, and answers the latest figures on any day up to
 * it (the overview needs them on the chosen day, at the end of the last quarter and on each day of its trend).
 */
export async function latestFiguresReader({
  db,
  plan,
  indicators,
  upTo,
  scope,
}: {
  db: Db;
  plan: { startDate: string; endDate: string };
  indicators: readonly FigureIndicator[];
  upTo: string;
  /** The viewer's: a funder's figures count the entries in its scope only. */
  scope: PlanScope;
}): Promise<(asOf: string) => Map<string, LatestFigure>> {
  if (indicators.length === 0) return () => new Map();
  // Only periods started by `upTo` can give a figure on any day asked about.
  const started = new Set(
    [...new Set(indicators.map((indicator) => indicator.frequency))].flatMap((frequency) =>
      planPeriods(plan, frequency)
        .filter((period) => period.start <= upTo)
        .map((period) => period.key),
    ),
  );
  const entries = await approvedEntriesAsOf({
    db,
    indicatorIds: indicators.map((indicator) => indicator.id),
    asOf: upTo,
    periodKeys: [...started],
    scope,
  });
  const cite = entries.size > 0 ? await citationFormatter(db) : () => null;
  return (asOf) => {
    const figures = new Map<string, LatestFigure>();
    for (const indicator of indicators) {
      const figure = latestFigure({
        periods: planPeriods(plan, indicator.frequency).filter((period) => period.start <= asOf),
        entries: entries.get(indicator.id) ?? [],
        reading: readingOf(indicator),
        asOf,
      });
      if (figure)
        figures.set(indicator.id, {
          periodKey: figure.periodKey,
          value: figure.value,
          reportedOn: figure.last.reportedOn,
          citation: figure.quoted ? cite(figure.last) : null,
        });
    }
    return figures;
  };
}

/** The latest figures of `indicators` on `asOf`: `latestFiguresReader` for one day. */
export async function latestFigures(args: {
  db: Db;
  plan: { startDate: string; endDate: string };
  indicators: readonly FigureIndicator[];
  asOf: string;
  scope: PlanScope;
}): Promise<Map<string, LatestFigure>> {
  return (await latestFiguresReader({ ...args, upTo: args.asOf }))(args.asOf);
}

function latestFigure({
  periods,
  entries,
  reading,
  asOf,
}: {
  periods: readonly { key: string; start: string; end: string }[];
  entries: readonly ApprovedEntry[];
  reading: Aggregation;
  asOf: string;
}) {
  const keys = new Set(periods.map((period) => period.key));
  // The entries counted on `asOf`, in the roll-up's order (the list is ranked already).
  const counted = entries.filter((entry) => {
    const day = utcDay(entry.decidedAt);
    return keys.has(entry.periodKey) && (day === null || day <= asOf);
  });
  const actuals = actualsByPeriod(
    periods,
    counted.map((entry, order) => ({ periodKey: entry.periodKey, value: entry.value, order })),
    reading,
  );
  const at = actuals.findLastIndex((actual) => actual.reported !== null);
  const actual = actuals[at];
  if (!actual || actual.actual === null) return null;
  const ofPeriod = counted.filter((entry) => entry.periodKey === actual.key);
  const last = ofPeriod.at(-1) as ApprovedEntry;
  const quoted =
    reading === "latest" || (reading === "per_period" ? ofPeriod.length === 1 : counted.length === 1);
  return { periodKey: actual.key, value: actual.actual, last, quoted };
}
