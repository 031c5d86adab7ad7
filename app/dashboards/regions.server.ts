import { eq } from "drizzle-orm";
import { indicators } from "../../db/schema";
import { cellKey } from "../indicators/dimensions";
import { type Period, planPeriods } from "../indicators/periods";
import { elementsOf } from "../indicators/snapshot.server";
import { compareCodes } from "../plan-graph/graph";
import { inScope } from "../plan-graph/scope.server";
import { referenceLists } from "../progress/entries.server";
import { maySee } from "../progress/queries.server";
import { readingOf } from "../rollup/indicator";
import {
  type ApprovedValue,
  breakdownBy,
  overRange,
  readCellFilters,
  type Selection,
  selectedValue,
} from "./breakdown";
import { approvedEntriesAsOf } from "./entries.server";
import type { DashboardQuery } from "./load.server";
import { readOverviewFilters } from "./overview.server";
import { type Shown, SmallCounts } from "./small-counts";
import { thresholdFor } from "./small-counts.server";

/**
 * The region view (`/plans/:slug/dashboard/regions`): for each region of the organisation's list, what was reported
 * there in the period range (`from` … `asOf`, as on the overview) — the approved entries whose breakdown names it,
 * and for each indicator with a region dimension its actual there (the same reading as the indicator page: a sum
 * over the range's periods for flows, the running total or level at the range's end otherwise). The `gender` filter
 * narrows every figure to one gender; an indicator not broken down by gender then has no figure to show.
 *
 * Breakdowns live only in the entries (the roll-up summaries hold totals), so this view reads the approved entries
 * of the plan's indicators with a region dimension, approved by `asOf` (`approvedEntriesAsOf`), without their
 * narratives: for a flow only those of the periods in range, for a running total or a level those up to the range's
 * end (its figure includes what came before the range).
 *
 * A funder's view reads only the entries in its scope (`entryInScope`): its figures, its counts of entries and the
 * entries listed are those, and nothing says how many others there are. Its regions' counts below the small-count
 * threshold are sent as `{ lessThan: 5 }`, with their complements in each indicator's row (./small-counts.ts).
 */

/** The newest entries listed per region; the counts and figures include them all (a funder's: those in its scope). */
const entriesPerRegion = 25;

export async function getRegionDashboard({
  db,
  plan,
  scope,
  viewer,
  url,
  today,
  smallCountThreshold,
}: DashboardQuery & {
  /** Instead of the installation's `SMALL_COUNT_THRESHOLD` (tests). */
  smallCountThreshold?: number;
}) {
  const references = await referenceLists(db);
  const regionCodes = references.region.map((region) => region.code);
  const dates = readOverviewFilters(url, plan, today);
  const { asOf } = dates;
  const { gender } = readCellFilters(url, regionCodes);

  const rows = (
    await db
      .select({
        id: indicators.id,
        code: indicators.code,
        name: indicators.name,
        measure: indicators.measure,
        unit: indicators.unit,
        scale: indicators.scale,
        aggregation: indicators.aggregation,
        frequency: indicators.frequency,
        dimensions: indicators.dimensions,
      })
      .from(indicators)
      .where(eq(indicators.planId, plan.id))
  ).filter((row) => row.dimensions.some((spec) => spec.code === "region"));
  const measured = await elementsOf(
    db,
    rows.map((row) => row.id),
  );
  const shown = rows
    .filter((row) => measured.some((element) => element.indicatorId === row.id && inScope(scope, element.id)))
    .sort((a, b) => compareCodes(a.code, b.code));

  // What each indicator's figure needs: the periods in range for a flow (summed over them); every period up to the
  // range's end for a running total or a level (read at its last period, with what came before).
  const readings = shown.map((row) => {
    const reading = readingOf(row);
    const periods = planPeriods(plan, row.frequency);
    const inRange = (period: Period) => period.end >= dates.from && period.start <= asOf;
    const needed = periods.filter((period) =>
      reading === "per_period" ? inRange(period) : period.start <= asOf,
    );
    const rangeKeys = new Set(periods.filter(inRange).map((period) => period.key));
    return { row, reading, periods, rangeKeys, needed };
  });
  const approvedOf = await approvedEntriesAsOf({
    db,
    indicatorIds: shown.map((row) => row.id),
    asOf,
    periodKeys: [...new Set(readings.flatMap(({ needed }) => needed.map((period) => period.key)))],
    scope,
  });

  type Reported = {
    id: string;
    indicatorCode: string;
    periodKey: string;
    reportedOn: string;
    value: Shown;
    canOpen: boolean;
  };
  // An entry's value there is named by its cell until every cell of its indicator is registered.
  const reportedIn = new Map<string, (Omit<Reported, "value"> & { value: string })[]>(
    regionCodes.map((code) => [code, []]),
  );
  const shownOf = new Map<string, SmallCounts>();
  const indicatorsIn = new Map<string, Set<string>>(regionCodes.map((code) => [code, new Set()]));

  const indicatorRows = readings.map(({ row, reading, periods, rangeKeys }) => {
    const hasGender = row.dimensions.some((spec) => spec.code === "gender");
    const genderApplies = gender === null || hasGender;
    const within: Selection = gender && hasGender ? { gender } : {};
    // Grouped by indicator once, each group in the roll-up's order.
    const own = approvedOf.get(row.id) ?? [];
    const values: ApprovedValue[] = own.map((entry, order) => ({
      periodKey: entry.periodKey,
      value: entry.value,
      order,
      breakdown: entry.breakdown,
    }));
    const result = breakdownBy({
      periods,
      entries: values,
      reading,
      measure: row.measure,
      dimension: "region",
      values: regionCodes,
      within,
      rangeKeys,
    });
    // The row's cells over the range: the regions, the part not broken down and the total add up.
    const counts = new SmallCounts(thresholdFor(scope, row.measure, smallCountThreshold));
    const over = (actuals: Parameters<typeof overRange>[0]) =>
      overRange(actuals, rangeKeys, reading, row.measure);
    const withinKey = cellKey(within);
    const regionKey = (region: string) => cellKey({ ...within, region });
    const notBrokenDownKey = `${withinKey}~not-region`;
    for (const value of result.values) counts.cell(regionKey(value.code), over(value.actuals));
    if (result.notBrokenDown) counts.cell(notBrokenDownKey, over(result.notBrokenDown));
    counts.cell(withinKey, over(result.total), { total: withinKey === "" });
    counts.line([
      ...regionCodes.map(regionKey),
      ...(result.notBrokenDown ? [notBrokenDownKey] : []),
      withinKey,
    ]);
    const entryCells = new Map<string, { id: string; region: string }[]>();

    if (genderApplies)
      for (const entry of own) {
        if (!rangeKeys.has(entry.periodKey)) continue;
        for (const region of regionCodes) {
          const there = { ...within, region };
          const named = (entry.breakdown ?? []).some((cell) =>
            Object.entries(there).every(([dimension, code]) => cell.values[dimension] === code),
          );
          if (!named) continue;
          indicatorsIn.get(region)?.add(row.code);
          const id = `entry:${entry.id}|${cellKey(there)}`;
          counts.cell(id, selectedValue(entry, there, row.measure) ?? null);
          entryCells.set(region, [...(entryCells.get(region) ?? []), { id, region }]);
          reportedIn.get(region)?.push({
            id: entry.id,
            indicatorCode: row.code,
            periodKey: entry.periodKey,
            reportedOn: entry.reportedOn,
            value: id,
            canOpen: maySee(viewer, entry),
          });
        }
      }
    // A flow's figure in a region is the sum of its entries there over the range.
    if (reading === "per_period")
      for (const [region, cells] of entryCells)
        counts.line([...cells.map((cell) => cell.id), regionKey(region)]);
    shownOf.set(row.code, counts);

    const shows = genderApplies && !result.notCombinable;
    return {
      code: row.code,
      name: row.name,
      measure: row.measure,
      unit: row.unit,
      scale: row.scale,
      reading,
      genderApplies,
      notCombinable: result.notCombinable,
      values: Object.fromEntries(
        result.values.map((value) => [value.code, shows ? counts.shown(regionKey(value.code)) : null]),
      ),
      notBrokenDown: shows && result.notBrokenDown ? counts.shown(notBrokenDownKey) : null,
      hasNotBrokenDown: result.notBrokenDown !== null,
      total: genderApplies ? counts.shown(withinKey) : null,
    };
  });

  const byNewest = (a: { reportedOn: string; indicatorCode: string }, b: typeof a) =>
    b.reportedOn.localeCompare(a.reportedOn) || compareCodes(a.indicatorCode, b.indicatorCode);
  const regions = references.region.map((region) => {
    const reported = [...(reportedIn.get(region.code) ?? [])].sort(byNewest);
    return {
      code: region.code,
      label: region.label,
      entryCount: reported.length,
      indicatorCount: indicatorsIn.get(region.code)?.size ?? 0,
      entries: reported.slice(0, entriesPerRegion).map(
        (entry): Reported => ({
          ...entry,
          value: shownOf.get(entry.indicatorCode)?.shown(entry.value) ?? null,
        }),
      ),
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
    filters: { ...dates, gender },
    scoped: !scope.all,
    regions,
    indicators: indicatorRows,
    entriesPerRegion,
  };
}

export type RegionDashboard = NonNullable<Awaited<ReturnType<typeof getRegionDashboard>>>;
