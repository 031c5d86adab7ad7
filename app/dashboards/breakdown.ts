import { genders } from "../indicators/dimensions";
import type { Period } from "../indicators/periods";
import {
  type Aggregation,
  actualOverPlan,
  actualsByPeriod,
  type BreakdownCell,
  type Measure,
  type PeriodActual,
} from "../indicators/values";

/**
 * The region and gender filters of the dashboards, and what approved entries report for a selection of
 * disaggregation values (a region, a gender, or both). Pure: the indicator page and the region view call it with the
 * entries they loaded.
 *
 * Counts add up: the value of "Africa" is the sum of the entry's breakdown cells naming Africa, whatever their
 * gender. Percentages and milestone levels do not (the rule of `checkEntry` in app/progress/entries.server.ts): they
 * are read from one reported cell only, so a selection must name a value of every dimension the entry was broken
 * down by. Over time, the values of a selection combine as the indicator's totals do (`actualsByPeriod`).
 */

export type Gender = (typeof genders)[number];

/** The filters in the address: a region of the organisation's list and a gender; null for "all". */
export type CellFilters = { region: string | null; gender: Gender | null };

/** Reads `region` and `gender` from the address; a value that is not on the lists means "all" (no filter). */
export function readCellFilters(url: URL, regions: readonly string[]): CellFilters {
  const region = url.searchParams.get("region");
  const gender = url.searchParams.get("gender");
  return {
    region: region !== null && regions.includes(region) ? region : null,
    gender: gender !== null && (genders as readonly string[]).includes(gender) ? (gender as Gender) : null,
  };
}

/** The filters an indicator can answer: those on dimensions it has. The others are dropped. */
export function filtersFor(filters: CellFilters, dimensions: readonly string[]): CellFilters {
  return {
    region: dimensions.includes("region") ? filters.region : null,
    gender: dimensions.includes("gender") ? filters.gender : null,
  };
}

/** A selection of dimension values, `{ region: "africa", gender: "women" }`; `{}` is the total. */
export type Selection = Readonly<Record<string, string>>;

export function selectionOf(filters: CellFilters): Selection {
  return {
    ...(filters.region ? { region: filters.region } : {}),
    ...(filters.gender ? { gender: filters.gender } : {}),
  };
}

/** An approved entry as the breakdowns read it; `order` ranks entries as the roll-up does (later wins). */
export type ApprovedValue = {
  periodKey: string;
  value: number;
  order: number;
  breakdown: readonly BreakdownCell[] | null;
};

/**
 * What an entry reports for a selection: a number; `undefined` when it was not broken down by the selection's
 * dimensions (no breakdown, or one by other dimensions), or when a percentage or level has no cell for it; `null`
 * when the selection would combine several cells of a percentage or level, which are never added up.
 */
export function selectedValue(
  entry: Pick<ApprovedValue, "value" | "breakdown">,
  selection: Selection,
  measure: Measure,
): number | null | undefined {
  const dimensions = Object.keys(selection);
  if (dimensions.length === 0) return entry.value;
  const cells = entry.breakdown ?? [];
  if (cells.length === 0 || cells.some((cell) => dimensions.some((d) => !(d in cell.values))))
    return undefined;
  const matching = cells.filter((cell) => dimensions.every((d) => cell.values[d] === selection[d]));
  if (measure === "number") return matching.reduce((sum, cell) => sum + cell.value, 0);
  const pinned = cells.every((cell) => Object.keys(cell.values).every((d) => d in selection));
  if (!pinned) return null;
  return matching.length === 1 ? (matching[0] as BreakdownCell).value : undefined;
}

/** Whether every cell of the entry's breakdown names a value of the dimension. */
export const brokenDownBy = (entry: Pick<ApprovedValue, "breakdown">, dimension: string) =>
  (entry.breakdown?.length ?? 0) > 0 && (entry.breakdown ?? []).every((cell) => dimension in cell.values);

/** A selection's values over the periods, with how many entries counted, gave no breakdown, or could not combine. */
export type SelectedSeries = {
  actuals: PeriodActual[];
  counted: number;
  notBrokenDown: number;
  notCombinable: number;
};

export function selectedSeries({
  periods,
  entries,
  reading,
  measure,
  selection,
}: {
  periods: readonly Period[];
  entries: readonly ApprovedValue[];
  reading: Aggregation;
  measure: Measure;
  selection: Selection;
}): SelectedSeries {
  const values: { periodKey: string; value: number; order: number }[] = [];
  let notBrokenDown = 0;
  let notCombinable = 0;
  for (const entry of entries) {
    const value = selectedValue(entry, selection, measure);
    if (value === undefined) notBrokenDown += 1;
    else if (value === null) notCombinable += 1;
    else values.push({ periodKey: entry.periodKey, value, order: entry.order });
  }
  return {
    actuals: actualsByPeriod(periods, values, reading),
    counted: values.length,
    notBrokenDown,
    notCombinable,
  };
}

/**
 * The value over a range of periods (those whose keys are given), as the indicator page reads the whole plan:
 * the sum of the periods for `per_period`, the actual at the range's last period otherwise (a running total or a
 * level, which includes what came before the range). Percentages and levels reported per period are not summed.
 */
export function overRange(
  actuals: readonly PeriodActual[],
  rangeKeys: ReadonlySet<string>,
  reading: Aggregation,
  measure: Measure,
): number | null {
  if (reading === "per_period" && measure !== "number") return null;
  return actualOverPlan(
    actuals.filter((actual) => rangeKeys.has(actual.key)),
    reading,
  );
}

/**
 * A breakdown of the entries by one dimension, within a selection of the others: per value, the series of the
 * selection narrowed to that value; the selection's own series (the total when nothing is selected); and, for
 * counts combined per period or cumulatively (where the parts add up to the whole), the series of the entries not
 * broken down by the dimension, so values + not broken down = total.
 */
export type DimensionBreakdown = {
  dimension: string;
  values: { code: string; actuals: PeriodActual[] }[];
  total: PeriodActual[];
  notBrokenDown: PeriodActual[] | null;
  /** Entries of the periods in range that reported a value for the selection but none by this dimension. */
  entriesNotBrokenDown: number;
  /** True when a percentage or level would have to be combined across cells: no values are shown. */
  notCombinable: boolean;
};

export function breakdownBy({
  periods,
  entries,
  reading,
  measure,
  dimension,
  values,
  within,
  rangeKeys,
}: {
  periods: readonly Period[];
  entries: readonly ApprovedValue[];
  reading: Aggregation;
  measure: Measure;
  dimension: string;
  /** The dimension's values to show (the filter's value alone when the dimension is filtered). */
  values: readonly string[];
  /** The selection on the other dimensions. */
  within: Selection;
  /** The periods shown: the entries without a breakdown are counted in these only (the series cover them all). */
  rangeKeys: ReadonlySet<string>;
}): DimensionBreakdown {
  const total = selectedSeries({ periods, entries, reading, measure, selection: within });
  const perValue = values.map((code) => ({
    code,
    series: selectedSeries({
      periods,
      entries,
      reading,
      measure,
      selection: { ...within, [dimension]: code },
    }),
  }));
  const unassigned = entries.flatMap((entry) => {
    const whole = selectedValue(entry, within, measure);
    return typeof whole === "number" && !brokenDownBy(entry, dimension)
      ? [{ periodKey: entry.periodKey, value: whole, order: entry.order }]
      : [];
  });
  const adds = measure === "number" && reading !== "latest";
  return {
    dimension,
    values: perValue.map(({ code, series }) => ({ code, actuals: series.actuals })),
    total: total.actuals,
    notBrokenDown: adds ? actualsByPeriod(periods, unassigned, reading) : null,
    entriesNotBrokenDown: unassigned.filter((entry) => rangeKeys.has(entry.periodKey)).length,
    notCombinable: perValue.some(({ series }) => series.notCombinable > 0),
  };
}
