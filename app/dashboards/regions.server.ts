import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { indicators } from "../../db/schema";
import type { Viewer } from "../auth/policy";
import { type Period, planPeriods } from "../indicators/periods";
import { elementsOf } from "../indicators/snapshot.server";
import { compareCodes } from "../plan-graph/graph";
import { entryInScope, inScope, visiblePlan } from "../plan-graph/scope.server";
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
import { readOverviewFilters } from "./overview.server";

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
 */

/** The newest entries listed per region; the counts and figures include them all. */
const entriesPerRegion = 25;

export async function getRegionDashboard({
  db,
  slug,
  viewer,
  url,
  today,
}: {
  db: Db;
  slug: string;
  viewer: Viewer;
  url: URL;
  today: string;
}) {
  const found = await visiblePlan({ db, slug, viewer });
  if (!found) return null;
  const { plan, scope } = found;
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
  });

  type Reported = {
    id: string;
    indicatorCode: string;
    periodKey: string;
    reportedOn: string;
    value: number | null;
    visible: boolean;
    canOpen: boolean;
  };
  const reportedIn = new Map<string, Reported[]>(regionCodes.map((code) => [code, []]));
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
          const visible = entryInScope(scope, entry);
          reportedIn.get(region)?.push({
            id: entry.id,
            indicatorCode: row.code,
            periodKey: entry.periodKey,
            reportedOn: entry.reportedOn,
            value: selectedValue(entry, there, row.measure) ?? null,
            visible,
            canOpen: visible && maySee(viewer, entry),
          });
        }
      }

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
        result.values.map((value) => [
          value.code,
          shows ? overRange(value.actuals, rangeKeys, reading, row.measure) : null,
        ]),
      ),
      notBrokenDown:
        shows && result.notBrokenDown
          ? overRange(result.notBrokenDown, rangeKeys, reading, row.measure)
          : null,
      hasNotBrokenDown: result.notBrokenDown !== null,
      total: genderApplies ? overRange(result.total, rangeKeys, reading, row.measure) : null,
    };
  });

  const byNewest = (a: Reported, b: Reported) =>
    b.reportedOn.localeCompare(a.reportedOn) || compareCodes(a.indicatorCode, b.indicatorCode);
  const regions = references.region.map((region) => {
    const reported = [...(reportedIn.get(region.code) ?? [])].sort(byNewest);
    const visible = reported.filter((entry) => entry.visible);
    return {
      code: region.code,
      label: region.label,
      entryCount: reported.length,
      indicatorCount: indicatorsIn.get(region.code)?.size ?? 0,
      entries: visible.slice(0, entriesPerRegion).map(({ visible: _, ...entry }) => entry),
      entriesHidden: reported.length - visible.length,
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
