import { describe, expect, it } from "vitest";
import { planPeriods } from "../indicators/periods";
import { assessIndicator, defaultRollUpRules } from "../rollup/rollup";
import {
  type ApprovedValue,
  breakdownBy,
  filtersFor,
  overRange,
  readCellFilters,
  selectedSeries,
  selectedValue,
} from "./breakdown";
import { expectedProgress } from "./expected";

const regions = ["africa", "europe", "asia-pacific"];
const url = (query: string) => new URL(`http://localhost/plans/p/dashboard/indicators/I1${query}`);
const plan = { startDate: "2023-01-01", endDate: "2024-12-31" };
const quarters = planPeriods(plan, "quarterly");
const everyQuarter = new Set(quarters.map((quarter) => quarter.key));

/** An entry of counts by region × gender. */
const entry = (
  periodKey: string,
  order: number,
  cells: [string, string, number][] | null,
  value?: number,
): ApprovedValue => ({
  periodKey,
  order,
  breakdown: cells?.map(([region, gender, n]) => ({ values: { region, gender }, value: n })) ?? null,
  value: value ?? cells?.reduce((sum, [, , n]) => sum + n, 0) ?? 0,
});

describe("the region and gender filters of the address", () => {
  it("keeps a region of the organisation's list and a known gender", () => {
    expect(readCellFilters(url("?region=africa&gender=trans"), regions)).toEqual({
      region: "africa",
      gender: "trans",
    });
  });

  it("reads an unknown or empty value as no filter, never an error", () => {
    expect(readCellFilters(url("?region=atlantis&gender=robots"), regions)).toEqual({
      region: null,
      gender: null,
    });
    expect(readCellFilters(url("?region=&gender="), regions)).toEqual({ region: null, gender: null });
    expect(readCellFilters(url("?region=AFRICA"), regions).region).toBeNull();
  });

  it("drops a filter on a dimension the indicator does not have", () => {
    expect(filtersFor({ region: "africa", gender: "women" }, ["gender"])).toEqual({
      region: null,
      gender: "women",
    });
  });
});

describe("what an entry reports for a selection", () => {
  const counts = entry("2023-Q1", 0, [
    ["africa", "women", 5],
    ["africa", "trans", 2],
    ["europe", "women", 4],
  ]);

  it("adds up counts: a region is the sum of its cells, whatever their gender", () => {
    expect(selectedValue(counts, { region: "africa" }, "number")).toBe(7);
    expect(selectedValue(counts, { gender: "women" }, "number")).toBe(9);
    expect(selectedValue(counts, { region: "africa", gender: "trans" }, "number")).toBe(2);
    // A region the breakdown does not name reported nothing there.
    expect(selectedValue(counts, { region: "asia-pacific" }, "number")).toBe(0);
    expect(selectedValue(counts, {}, "number")).toBe(11);
  });

  it("never adds up percentages or levels: one reported cell, or nothing", () => {
    const shares = entry("2023-Q1", 0, [
      ["africa", "women", 60],
      ["africa", "men", 40],
    ]);
    expect(selectedValue(shares, { region: "africa" }, "percentage")).toBeNull();
    expect(selectedValue(shares, { region: "africa", gender: "men" }, "percentage")).toBe(40);
    expect(selectedValue(shares, { region: "africa", gender: "trans" }, "percentage")).toBeUndefined();
    expect(selectedValue(shares, { region: "africa" }, "qualitative")).toBeNull();
  });

  it("has nothing to say for an entry without a breakdown, or broken down by other dimensions", () => {
    expect(selectedValue(entry("2023-Q1", 0, null, 12), { region: "africa" }, "number")).toBeUndefined();
    const byLanguage: ApprovedValue = {
      periodKey: "2023-Q1",
      order: 0,
      value: 3,
      breakdown: [{ values: { language: "fr" }, value: 3 }],
    };
    expect(selectedValue(byLanguage, { region: "africa" }, "number")).toBeUndefined();
  });
});

describe("breakdowns over the periods", () => {
  const entries = [
    entry("2023-Q1", 0, [
      ["africa", "women", 5],
      ["europe", "men", 3],
    ]),
    entry("2023-Q1", 1, null, 4),
    entry("2023-Q2", 2, [
      ["africa", "trans", 6],
      ["asia-pacific", "women", 1],
    ]),
  ];

  it("adds up to the total: the regions plus what was not broken down, period by period (per period)", () => {
    const result = breakdownBy({
      periods: quarters,
      entries,
      reading: "per_period",
      measure: "number",
      dimension: "region",
      values: regions,
      within: {},
      rangeKeys: everyQuarter,
    });
    for (const [i, total] of result.total.entries()) {
      const parts =
        result.values.reduce((sum, value) => sum + (value.actuals[i]?.actual ?? 0), 0) +
        (result.notBrokenDown?.[i]?.actual ?? 0);
      expect(parts, quarters[i]?.key).toBe(total.actual ?? 0);
    }
    expect(result.values.find((value) => value.code === "africa")?.actuals.slice(0, 2)).toEqual([
      { key: "2023-Q1", reported: 5, actual: 5 },
      { key: "2023-Q2", reported: 6, actual: 6 },
    ]);
    expect(result.entriesNotBrokenDown).toBe(1);
  });

  it("counts the entries without a breakdown of the periods shown only", () => {
    const of = (keys: string[]) =>
      breakdownBy({
        periods: quarters,
        entries,
        reading: "per_period",
        measure: "number",
        dimension: "region",
        values: regions,
        within: {},
        rangeKeys: new Set(keys),
      });
    // The one entry without a breakdown is of 2023-Q1: shown from Q2 on, it is not among these periods' entries.
    expect(of(["2023-Q2", "2023-Q3"]).entriesNotBrokenDown).toBe(0);
    expect(of(["2023-Q1"]).entriesNotBrokenDown).toBe(1);
    // The series still cover every period (a running total starts before the range).
    expect(of(["2023-Q2"]).notBrokenDown?.[0]?.actual).toBe(4);
  });

  it("adds up for running totals too, and narrows to a gender when one is chosen", () => {
    const result = breakdownBy({
      periods: quarters,
      entries,
      reading: "cumulative",
      measure: "number",
      dimension: "region",
      values: regions,
      within: { gender: "women" },
      rangeKeys: everyQuarter,
    });
    expect(result.total.map((actual) => actual.actual).slice(0, 3)).toEqual([5, 6, 6]);
    expect(result.values.find((value) => value.code === "asia-pacific")?.actuals[1]?.actual).toBe(1);
    // The entry without a breakdown says nothing about women: it is in no figure of this selection.
    expect(result.notBrokenDown?.every((actual) => actual.actual === null)).toBe(true);
  });

  it("does not show a 'not broken down' share for levels, which do not add up over entries", () => {
    const result = breakdownBy({
      periods: quarters,
      entries,
      reading: "latest",
      measure: "number",
      dimension: "gender",
      values: ["women", "men", "trans"],
      within: {},
      rangeKeys: everyQuarter,
    });
    expect(result.notBrokenDown).toBeNull();
  });

  it("says when a percentage would have to be combined across cells", () => {
    const shares = [
      entry("2023-Q1", 0, [
        ["africa", "women", 60],
        ["africa", "men", 40],
      ]),
    ];
    const byRegion = breakdownBy({
      periods: quarters,
      entries: shares,
      reading: "latest",
      measure: "percentage",
      dimension: "region",
      values: regions,
      within: {},
      rangeKeys: everyQuarter,
    });
    expect(byRegion.notCombinable).toBe(true);
    const withinMen = breakdownBy({
      periods: quarters,
      entries: shares,
      reading: "latest",
      measure: "percentage",
      dimension: "region",
      values: regions,
      within: { gender: "men" },
      rangeKeys: everyQuarter,
    });
    expect(withinMen.notCombinable).toBe(false);
    expect(withinMen.values[0]?.actuals[0]?.actual).toBe(40);
  });

  it("counts the entries of a selection, those not broken down and those that cannot combine", () => {
    const series = selectedSeries({
      periods: quarters,
      entries,
      reading: "per_period",
      measure: "number",
      selection: { region: "africa" },
    });
    expect(series).toMatchObject({ counted: 2, notBrokenDown: 1, notCombinable: 0 });
  });
});

describe("a value over the periods shown", () => {
  const actuals = [
    { key: "2023-Q1", reported: 5, actual: 5 },
    { key: "2023-Q2", reported: 3, actual: 8 },
    { key: "2023-Q3", reported: 2, actual: 10 },
  ];
  const shown = new Set(["2023-Q2", "2023-Q3"]);

  it("sums the periods shown for flows, and reads running totals and levels at the last one", () => {
    expect(overRange(actuals, shown, "per_period", "number")).toBe(5);
    expect(overRange(actuals, shown, "cumulative", "number")).toBe(10);
    expect(overRange(actuals, shown, "latest", "number")).toBe(10);
  });

  it("never sums percentages reported per period", () => {
    expect(overRange(actuals, shown, "per_period", "percentage")).toBeNull();
  });
});

describe("expected progress per period (docs/rollup.md)", () => {
  const targets = new Map([
    ["2023-Q1", 30],
    ["2023-Q2", 60],
    ["2023-Q3", 90],
    ["2023-Q4", 120],
  ]);
  const q3 = quarters[2] as (typeof quarters)[number];

  it("E3: a running total's expected value follows the targets, pro-rated in the quarter in progress", () => {
    const expected = expectedProgress({
      plan,
      periods: quarters,
      targets,
      baseline: 0,
      direction: "increase",
      reading: "cumulative",
      asOf: "2023-08-15",
    });
    expect(expected(quarters[1] as (typeof quarters)[number])).toBe(60);
    expect(expected(q3)).toBe(75);
    expect(expected(quarters[3] as (typeof quarters)[number])).toBeNull();
  });

  it("is the roll-up's own expected value on the day it judges the indicator", () => {
    const assessment = assessIndicator({
      plan,
      indicator: {
        id: "T",
        measure: "number",
        scaleLevels: null,
        direction: "increase",
        tolerance: null,
        aggregation: "cumulative",
        frequency: "quarterly",
        baselineValue: 0,
        targets: [...targets].map(([periodKey, value]) => ({ periodKey, value })),
        elementIds: [],
      },
      entries: [
        {
          indicatorId: "T",
          periodKey: "2023-Q1",
          value: 25,
          order: 0,
          status: "approved",
          submittedOn: null,
          decidedOn: null,
        },
        {
          indicatorId: "T",
          periodKey: "2023-Q3",
          value: 12,
          order: 1,
          status: "approved",
          submittedOn: null,
          decidedOn: null,
        },
      ],
      asOf: "2023-08-15",
      rules: defaultRollUpRules,
    });
    const expected = expectedProgress({
      plan,
      periods: quarters,
      targets,
      baseline: 0,
      direction: "increase",
      reading: "cumulative",
      asOf: "2023-08-15",
    });
    expect(assessment.periodKey).toBe("2023-Q3");
    expect(expected(q3)).toBe(assessment.expected);
  });

  it("E1: a flow's expected value is the period's target, pro-rated while the period runs", () => {
    const expected = expectedProgress({
      plan,
      periods: quarters,
      targets: new Map(quarters.map((quarter) => [quarter.key, 20])),
      baseline: 0,
      direction: "increase",
      reading: "per_period",
      asOf: "2023-08-15",
    });
    expect(expected(quarters[0] as (typeof quarters)[number])).toBe(20);
    expect(expected(q3)).toBe(10);
  });

  it("has no expected value without a target", () => {
    const expected = expectedProgress({
      plan,
      periods: quarters,
      targets: new Map(),
      baseline: 0,
      direction: "increase",
      reading: "latest",
      asOf: "2023-08-15",
    });
    expect(expected(q3)).toBeNull();
  });
});
