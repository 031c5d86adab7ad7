import { and, asc, eq, inArray } from "drizzle-orm";
import { entryEvidence, indicators, indicatorTargets } from "../../db/schema";
import { cellKey, genders, resolveDimensions } from "../indicators/dimensions";
import { type Period, planPeriods } from "../indicators/periods";
import { elementsOf } from "../indicators/snapshot.server";
import { actualsByPeriod, type Measure } from "../indicators/values";
import { citationFormatter } from "../plan-graph/queries.server";
import { inScope } from "../plan-graph/scope.server";
import { referenceLists } from "../progress/entries.server";
import { evidenceShown } from "../progress/evidence.server";
import { maySee } from "../progress/queries.server";
import { readingOf } from "../rollup/indicator";
import { storedPlanRollUps } from "../rollup/store.server";
import {
  type ApprovedValue,
  breakdownBy,
  filtersFor,
  overRange,
  readCellFilters,
  selectedSeries,
  selectedValue,
  selectionOf,
} from "./breakdown";
import { approvedEntriesAsOf } from "./entries.server";
import { expectedProgress } from "./expected";
import type { DashboardQuery } from "./load.server";
import { readOverviewFilters } from "./overview.server";
import { cellId, SmallCounts } from "./small-counts";
import { thresholdFor } from "./small-counts.server";

/**
 * One indicator on the dashboards (`/plans/:slug/dashboard/indicators/:code`): its status as of the overview's day
 * (from `storedPlanRollUps`, so the figures are those of the overview and the drill-down), its actual against target
 * and expected progress over the periods of the range, its breakdown by region and gender, and the approved entries
 * behind each period with their evidence.
 *
 * The status is the roll-up's. The series and the breakdowns are read from the indicator's approved entries (one
 * indicator's: a handful of rows) with the roll-up's own rules: the entries approved by `asOf`
 * (`approvedEntriesAsOf`, ./entries.server.ts), ranked as the roll-up ranks them, combined by `actualsByPeriod` under the
 * indicator's reading (a qualitative milestone is a level, whatever its aggregation says); expected progress is the
 * engine's `expectedLevel` for levels and the pro-rated period target for flows. Breakdown cells exist only in the
 * entries, not in the roll-up summaries.
 *
 * Targets are set for totals, so the status and expected progress are always judged on the total; with a region or
 * gender filter the page shows the selection's actual beside them, and the selection's own target when
 * `indicator_targets` has one for exactly that cell.
 *
 * A funder's page counts only the entries in its scope (`entryInScope`), in every figure: the status (its roll-up
 * is computed from those entries), the series, the breakdowns and the entries listed; it says nothing of the
 * others, not even how many there are. Its breakdown cells of counts below the small-count threshold are sent as
 * `{ lessThan: 5 }`, with their complements (./small-counts.ts); docs/rollup.md, "What a funder's figures count".
 */

/** Evidence as the page lists it: a link, or a file (with its address only for those who may download it). */
type EvidenceShown = {
  id: string;
  kind: "link" | "file";
  url: string | null;
  name: string;
  size: number | null;
};

/** The newest entries listed under the chart; the figures count them all (a funder's: all those in its scope). */
const entryListLimit = 200;

export async function getIndicatorDashboard({
  db,
  plan,
  scope,
  code,
  viewer,
  url,
  today,
  smallCountThreshold,
}: DashboardQuery<{ code: string }> & {
  /** Instead of the installation's `SMALL_COUNT_THRESHOLD` (tests). */
  smallCountThreshold?: number;
}) {
  const [row] = await db
    .select()
    .from(indicators)
    .where(and(eq(indicators.planId, plan.id), eq(indicators.code, code)));
  if (!row) return null;
  const measured = (await elementsOf(db, [row.id])).filter((element) => inScope(scope, element.id));
  if (measured.length === 0) return null;

  const references = await referenceLists(db);
  const dimensions = resolveDimensions(row.dimensions, references);
  const dimensionCodes = row.dimensions.map((spec) => spec.code);
  const dates = readOverviewFilters(url, plan, today);
  const { asOf } = dates;
  const cellFilters = filtersFor(
    readCellFilters(
      url,
      references.region.map((region) => region.code),
    ),
    dimensionCodes,
  );
  const selection = selectionOf(cellFilters);
  const filtered = Object.keys(selection).length > 0;

  const [current] = await storedPlanRollUps({ db, planId: plan.id, days: [asOf], scope });
  const assessment = current?.indicators.find((candidate) => candidate.indicatorId === row.id);
  if (!current || !assessment) return null;
  const completeness =
    current.completeness.byIndicator.find((candidate) => candidate.indicatorId === row.id) ?? null;
  const reportState = new Map(
    current.completeness.cells
      .filter((cell) => cell.indicatorId === row.id)
      .map((cell) => [cell.periodKey, cell.state]),
  );

  const targetRows = await db
    .select({
      periodKey: indicatorTargets.periodKey,
      cellKey: indicatorTargets.cellKey,
      value: indicatorTargets.value,
      citationSourceId: indicatorTargets.citationSourceId,
      citationSection: indicatorTargets.citationSection,
      citationQuote: indicatorTargets.citationQuote,
    })
    .from(indicatorTargets)
    .where(eq(indicatorTargets.indicatorId, row.id));
  const targetsOf = (key: string) =>
    new Map(
      targetRows.filter((target) => target.cellKey === key).map((target) => [target.periodKey, target.value]),
    );
  const totalTargets = targetsOf("");
  const selectionKey = cellKey(selection);
  const selectionTargets = filtered ? targetsOf(selectionKey) : new Map<string, number>();

  const approved = (await approvedEntriesAsOf({ db, indicatorIds: [row.id], asOf, scope })).get(row.id) ?? [];
  const values: ApprovedValue[] = approved.map((entry, order) => ({
    periodKey: entry.periodKey,
    value: entry.value,
    order,
    breakdown: entry.breakdown,
  }));

  const measure: Measure = row.measure;
  const reading = readingOf(row);
  const periods = planPeriods(plan, row.frequency);
  const inRange = (period: Period) => period.end >= dates.from && period.start <= asOf;
  const rangeKeys = new Set(periods.filter(inRange).map((period) => period.key));
  const totals = actualsByPeriod(periods, values, reading);
  const selected = filtered
    ? selectedSeries({ periods, entries: values, reading, measure, selection })
    : null;
  const expectedOf = expectedProgress({
    plan,
    periods,
    targets: totalTargets,
    baseline: row.baselineValue ?? 0,
    direction: row.direction,
    reading,
    asOf,
  });

  // Every breakdown cell the page shows is registered here under what it counts, so that a funder's small counts
  // and their complements are suppressed alike wherever they appear (the series, both breakdowns, the entries).
  const counts = new SmallCounts(thresholdFor(scope, measure, smallCountThreshold));
  const rangePeriods = periods.filter(inRange);
  const lastRangeKey = rangePeriods.at(-1)?.key ?? "";
  // Over the range, a flow's figure is the sum of its periods; a running total's or a level's is its last period's.
  const rangeId = (key: string) => cellId(key, reading === "per_period" ? "range" : lastRangeKey);
  const register = (
    key: string,
    actuals: readonly { actual: number | null }[],
    over: number | null,
    total = false,
  ) => {
    periods.forEach((period, i) => {
      if (inRange(period)) counts.cell(cellId(key, period.key), actuals[i]?.actual ?? null, { total });
    });
    counts.cell(rangeId(key), over, { total });
    if (reading === "per_period")
      counts.line([...rangePeriods.map((period) => cellId(key, period.key)), rangeId(key)]);
  };
  register("", totals, overRange(totals, rangeKeys, reading, measure), true);
  if (selected)
    register(selectionKey, selected.actuals, overRange(selected.actuals, rangeKeys, reading, measure));

  const breakdownCells = (["region", "gender"] as const)
    .filter((dimension) => dimensionCodes.includes(dimension))
    .map((dimension) => {
      // Every value of the dimension, within the filter on the other one (the region breakdown of women, the
      // gender breakdown of Africa): a filter narrows the other breakdown, and the chosen value is one column here.
      const all = dimension === "region" ? references.region.map((region) => region.code) : [...genders];
      const { [dimension]: _, ...within } = selection;
      const result = breakdownBy({
        periods,
        entries: values,
        reading,
        measure,
        dimension,
        values: all,
        within,
        rangeKeys,
      });
      const withinKey = cellKey(within);
      const columns = result.values.map((value) => ({
        code: value.code,
        key: cellKey({ ...within, [dimension]: value.code }),
      }));
      const notBrokenDownKey = `${withinKey}~not-${dimension}`;
      for (const [i, column] of columns.entries()) {
        const actuals = result.values[i]?.actuals ?? [];
        register(column.key, actuals, overRange(actuals, rangeKeys, reading, measure));
      }
      if (result.notBrokenDown)
        register(
          notBrokenDownKey,
          result.notBrokenDown,
          overRange(result.notBrokenDown, rangeKeys, reading, measure),
        );
      register(
        withinKey,
        result.total,
        overRange(result.total, rangeKeys, reading, measure),
        withinKey === "",
      );
      // Each row adds up to its total: the values, the part not broken down and the total.
      const rowIds = (at: (key: string) => string) => [
        ...columns.map((column) => at(column.key)),
        ...(result.notBrokenDown ? [at(notBrokenDownKey)] : []),
        at(withinKey),
      ];
      for (const period of rangePeriods) counts.line(rowIds((key) => cellId(key, period.key)));
      counts.line(rowIds(rangeId));
      return { dimension, result, columns, notBrokenDownKey, withinKey };
    });

  // The entries behind the periods shown, newest first: for a funder, those in its scope, which are also all its
  // figures count (entryInScope, applied as they were read).
  const behind = approved.filter((entry) => rangeKeys.has(entry.periodKey)).reverse();
  const listed = behind.slice(0, entryListLimit);
  const entryCellId = (entry: { id: string }) => `entry:${entry.id}|${selectionKey}`;
  if (filtered) {
    for (const entry of listed)
      counts.cell(entryCellId(entry), selectedValue(entry, selection, measure) ?? null);
    // A period's entries make its selected figure (with the period before, for a running total).
    periods.forEach((period, i) => {
      if (!inRange(period)) return;
      const previous = periods[i - 1];
      counts.line([
        ...listed.filter((entry) => entry.periodKey === period.key).map(entryCellId),
        cellId(selectionKey, period.key),
        ...(reading === "cumulative" && previous ? [cellId(selectionKey, previous.key)] : []),
      ]);
    });
  }

  const series = periods.flatMap((period, i) => {
    if (!inRange(period)) return [];
    return [
      {
        key: period.key,
        start: period.start,
        end: period.end,
        state: reportState.get(period.key) ?? null,
        target: totalTargets.get(period.key) ?? null,
        expected: expectedOf(period),
        reported: totals[i]?.reported ?? null,
        actual: totals[i]?.actual ?? null,
        selected: selected ? counts.shown(cellId(selectionKey, period.key)) : null,
        selectionTarget: selectionTargets.get(period.key) ?? null,
      },
    ];
  });

  const breakdowns = breakdownCells.map(({ dimension, result, columns, notBrokenDownKey, withinKey }) => {
    const row = (at: (key: string) => string) => ({
      values: Object.fromEntries(columns.map((column) => [column.code, counts.shown(at(column.key))])),
      notBrokenDown: result.notBrokenDown ? counts.shown(at(notBrokenDownKey)) : null,
      total: counts.shown(at(withinKey)),
    });
    return {
      dimension,
      chosen: cellFilters[dimension],
      notCombinable: result.notCombinable,
      entriesNotBrokenDown: result.entriesNotBrokenDown,
      hasNotBrokenDown: result.notBrokenDown !== null,
      values: columns.map((column) => column.code),
      periods: rangePeriods.map((period) => ({
        key: period.key,
        ...row((key) => cellId(key, period.key)),
      })),
      overRange: row(rangeId),
    };
  });

  const cite = await citationFormatter(db);
  const evidence = listed.length
    ? await db
        .select({
          id: entryEvidence.id,
          entryId: entryEvidence.entryId,
          url: entryEvidence.url,
          fileName: entryEvidence.fileName,
          size: entryEvidence.size,
        })
        .from(entryEvidence)
        .where(
          and(
            inArray(
              entryEvidence.entryId,
              listed.map((entry) => entry.id),
            ),
            evidenceShown,
          ),
        )
        .orderBy(asc(entryEvidence.createdAt))
    : [];
  const entries = listed.map((entry) => {
    const canOpen = maySee(viewer, entry);
    return {
      id: entry.id,
      periodKey: entry.periodKey,
      reportedOn: entry.reportedOn,
      value: entry.value,
      selected: filtered ? counts.shown(entryCellId(entry)) : null,
      citation: cite(entry),
      canOpen,
      evidence: evidence
        .filter((item) => item.entryId === entry.id)
        .flatMap((item): EvidenceShown[] => {
          // Links are http(s) addresses (checked when typed); files are served to those who may open the entry.
          if (item.url !== null)
            return /^https?:\/\//i.test(item.url)
              ? [{ id: item.id, kind: "link", url: item.url, name: item.url, size: null }]
              : [];
          const file = canOpen ? `/entries/${entry.id}/evidence/${item.id}` : null;
          return [{ id: item.id, kind: "file", url: file, name: item.fileName ?? "", size: item.size }];
        }),
    };
  });

  return {
    plan: {
      slug: plan.slug,
      title: plan.title,
      synthetic: plan.synthetic,
      startDate: plan.startDate,
      endDate: plan.endDate,
    },
    filters: { ...dates, region: cellFilters.region, gender: cellFilters.gender },
    scoped: !scope.all,
    indicator: {
      code: row.code,
      name: row.name,
      measure: row.measure,
      unit: row.unit,
      scale: row.scale,
      direction: row.direction,
      aggregation: row.aggregation,
      reading,
      frequency: row.frequency,
      baselineValue: row.baselineValue,
      baselineDate: row.baselineDate,
      citation: cite(row),
      measuredElements: measured.map(({ code: elementCode, kind, title }) => ({
        code: elementCode,
        kind,
        title,
      })),
    },
    dimensions,
    status: {
      status: assessment.status,
      reason: assessment.reason,
      judgedAt: assessment.judgedAt,
      periodKey: assessment.periodKey,
      actual: assessment.actual,
      expected: assessment.expected,
      percentOfExpected: assessment.percentOfExpected,
      target: assessment.target,
      actualOverPlan: assessment.actualOverPlan,
      percentOfTarget: assessment.percentOfTarget,
      completeness: completeness?.percentApproved ?? null,
    },
    selection: filtered
      ? {
          key: selectionKey,
          hasTargets: selectionTargets.size > 0,
          counted: selected?.counted ?? 0,
          notBrokenDown: selected?.notBrokenDown ?? 0,
          notCombinable: (selected?.notCombinable ?? 0) > 0,
          overRange: selected ? counts.shown(rangeId(selectionKey)) : null,
        }
      : null,
    overRange: overRange(totals, rangeKeys, reading, measure),
    series,
    /** The total's targets of the periods shown that a source states, with their passage. */
    targetSources: periods.flatMap((period) => {
      const target = targetRows.find((row) => row.cellKey === "" && row.periodKey === period.key);
      return target?.citationSourceId && rangeKeys.has(period.key)
        ? [{ periodKey: period.key, value: target.value, citation: cite(target) }]
        : [];
    }),
    breakdowns,
    entries,
    /** The entries of the periods shown that the viewer may see (the list holds the newest of them). */
    entriesInRange: behind.length,
  };
}

export type IndicatorDashboard = NonNullable<Awaited<ReturnType<typeof getIndicatorDashboard>>>;
