import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planPeriods } from "./periods";
import {
  actualOverPlan,
  actualsByPeriod,
  deriveTotal,
  parseReportedNumber,
  percentOfTarget,
  type ReportedValue,
  valueProblem,
  whenProblem,
} from "./values";

const years = planPeriods({ startDate: "2010-01-01", endDate: "2012-12-31" }, "annual");
const reports = (...pairs: [string, number][]): ReportedValue[] =>
  pairs.map(([periodKey, value], order) => ({ periodKey, value, order }));

describe("the three ways values combine over time", () => {
  // Worked example: workshops held 4 in 2010, nothing reported in 2011, 6 in 2012.
  const workshops = reports(["2010", 4], ["2012", 6]);

  it("per period: each period on its own; the plan total is the sum", () => {
    const actuals = actualsByPeriod(years, workshops, "per_period");
    expect(actuals.map((a) => a.actual)).toEqual([4, null, 6]);
    expect(actualOverPlan(actuals, "per_period")).toBe(10);
  });

  it("cumulative: a running total that carries over periods without reports", () => {
    const actuals = actualsByPeriod(years, workshops, "cumulative");
    expect(actuals.map((a) => a.actual)).toEqual([4, 4, 10]);
    expect(actualOverPlan(actuals, "cumulative")).toBe(10);
  });

  it("latest: the last level reported (members: 150 in 2010, 237 in 2012)", () => {
    const members = reports(["2010", 150], ["2012", 237]);
    const actuals = actualsByPeriod(years, members, "latest");
    expect(actuals.map((a) => a.actual)).toEqual([150, 150, 237]);
    expect(actualOverPlan(actuals, "latest")).toBe(237);
  });

  it("latest: within one period, the entry approved last wins", () => {
    const actuals = actualsByPeriod(years, reports(["2011", 200], ["2011", 210]), "latest");
    expect(actuals.map((a) => a.actual)).toEqual([null, 210, 210]);
  });

  it("cumulative: correcting an earlier period changes every later actual, and no earlier one (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom("2010", "2011", "2012"), fc.integer({ min: 0, max: 1000 })), {
          minLength: 1,
        }),
        fc.nat(),
        fc.integer({ min: -500, max: 500 }),
        (pairs, pick, delta) => {
          const values = reports(...pairs);
          const edited = values.map((value, i) =>
            i === pick % values.length ? { ...value, value: value.value + delta } : value,
          );
          const before = actualsByPeriod(years, values, "cumulative").map((a) => a.actual ?? 0);
          const after = actualsByPeriod(years, edited, "cumulative").map((a) => a.actual ?? 0);
          const editedIndex = years.findIndex((y) => y.key === values[pick % values.length]?.periodKey);
          for (const i of years.keys()) {
            expect(after[i]).toBe((before[i] as number) + (i >= editedIndex ? delta : 0));
          }
        },
      ),
    );
  });

  it("agree with each other (property): the per-period sum is the cumulative total, latest is a reported value", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom("2010", "2011", "2012"), fc.integer({ min: 0, max: 1000 }))),
        (pairs) => {
          const values = reports(...pairs);
          const perPeriod = actualOverPlan(actualsByPeriod(years, values, "per_period"), "per_period");
          const cumulative = actualOverPlan(actualsByPeriod(years, values, "cumulative"), "cumulative");
          expect(perPeriod).toBe(cumulative);
          const latest = actualOverPlan(actualsByPeriod(years, values, "latest"), "latest");
          if (values.length === 0) expect(latest).toBeNull();
          else expect(values.map((v) => v.value)).toContain(latest);
        },
      ),
    );
  });
});

describe("progress against a target, by direction", () => {
  it("reads increase, decrease and maintain", () => {
    expect(percentOfTarget({ direction: "increase", baseline: 100, target: 200, actual: 150 })).toBe(50);
    expect(percentOfTarget({ direction: "decrease", baseline: 40, target: 20, actual: 25 })).toBe(75);
    expect(
      percentOfTarget({ direction: "maintain", baseline: 90, target: 90, actual: 93, tolerance: 5 }),
    ).toBe(100);
    expect(
      percentOfTarget({ direction: "maintain", baseline: 90, target: 90, actual: 97, tolerance: 5 }),
    ).toBe(60);
    expect(percentOfTarget({ direction: "increase", baseline: 100, target: 80, actual: 90 })).toBeNull();
  });
});

describe("totals derived from a breakdown", () => {
  const dimensions = [
    { code: "region", allowed: ["africa", "europe"] },
    { code: "gender", allowed: ["women", "men", "trans"] },
  ];
  const cell = (region: string, gender: string, value: number) => ({ values: { region, gender }, value });

  it("derives the total from the breakdown", () => {
    expect(
      deriveTotal({
        total: null,
        breakdown: [cell("africa", "women", 7), cell("europe", "trans", 3)],
        dimensions,
      }),
    ).toEqual({
      total: 10,
      problems: [],
    });
    expect(deriveTotal({ total: 12, breakdown: null, dimensions })).toEqual({ total: 12, problems: [] });
  });

  it("refuses a total that contradicts its breakdown, an unknown region, a repeated cell", () => {
    expect(
      deriveTotal({
        total: 11,
        breakdown: [cell("africa", "women", 7), cell("europe", "men", 3)],
        dimensions,
      }).problems,
    ).toEqual([{ field: "total", problem: "contradictsBreakdown", detail: { total: 11, sum: 10 } }]);
    expect(
      deriveTotal({ total: null, breakdown: [cell("atlantis", "women", 1)], dimensions }).problems,
    ).toEqual([{ field: "breakdown[0].region", problem: "unknown", detail: { value: "atlantis" } }]);
    expect(
      deriveTotal({
        total: null,
        breakdown: [cell("africa", "men", 1), cell("africa", "men", 2)],
        dimensions,
      }).problems,
    ).toEqual([{ field: "breakdown[1]", problem: "repeated" }]);
  });

  it("the derived total is always the sum of the cells (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 6 }),
        (numbers) => {
          const genders = ["women", "men", "trans"];
          const breakdown = numbers.map((value, i) =>
            cell(i < 3 ? "africa" : "europe", genders[i % 3] as string, value),
          );
          const result = deriveTotal({ total: null, breakdown, dimensions });
          expect(result.total).toBe(numbers.reduce((a, b) => a + b, 0));
        },
      ),
    );
  });
});

describe("values that are refused", () => {
  it("non-numbers, negative counts, percentages over 100, values off a milestone scale", () => {
    expect(parseReportedNumber("12a", "en")).toBeNull();
    expect(parseReportedNumber("=1+1", "en")).toBeNull();
    expect(parseReportedNumber("1,234", "en")).toBeNull();
    expect(parseReportedNumber("1 234", "en")).toBe(1234);
    expect(parseReportedNumber("12,5", "fr")).toBe(12.5);
    expect(valueProblem("number", -1)).toBe("negative");
    expect(valueProblem("number", 0)).toBeUndefined();
    expect(valueProblem("percentage", 100.5)).toBe("percentageRange");
    expect(valueProblem("qualitative", 2, 4)).toBeUndefined();
    expect(valueProblem("qualitative", 4, 4)).toBe("notOnScale");
    expect(valueProblem("number", Number.NaN)).toBe("notANumber");
  });

  it("a count is a whole number; a percentage may have decimals", () => {
    expect(valueProblem("number", 12.5)).toBe("notWhole");
    expect(valueProblem("number", 0.1)).toBe("notWhole");
    expect(valueProblem("number", -0.5)).toBe("negative");
    expect(valueProblem("number", 12)).toBeUndefined();
    expect(valueProblem("number", 1e6)).toBeUndefined();
    expect(valueProblem("percentage", 12.5)).toBeUndefined();
  });

  it("a period outside the plan, a date in the future, a period that has not started", () => {
    const today = "2011-06-15";
    expect(whenProblem({ periods: years, periodKey: "2013", reportedOn: "2011-06-01", today })).toMatchObject(
      { problem: "outsidePlan" },
    );
    expect(whenProblem({ periods: years, periodKey: "2011", reportedOn: "2011-07-01", today })).toMatchObject(
      { problem: "inFuture" },
    );
    expect(whenProblem({ periods: years, periodKey: "2012", reportedOn: "2011-06-01", today })).toMatchObject(
      { problem: "notStarted" },
    );
    expect(
      whenProblem({ periods: years, periodKey: "2011", reportedOn: "2011-06-15", today }),
    ).toBeUndefined();
  });
});
