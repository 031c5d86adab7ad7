import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frequencies, periodContaining, planPeriods } from "./periods";

const plan = { startDate: "2010-01-01", endDate: "2012-12-31" };

describe("planPeriods", () => {
  it("gives the calendar periods of a plan at each frequency", () => {
    expect(planPeriods(plan, "life_of_plan")).toEqual([
      { key: "lop", start: "2010-01-01", end: "2012-12-31" },
    ]);
    expect(planPeriods(plan, "annual").map((p) => p.key)).toEqual(["2010", "2011", "2012"]);
    expect(planPeriods(plan, "semi_annual").map((p) => p.key)).toEqual([
      "2010-H1",
      "2010-H2",
      "2011-H1",
      "2011-H2",
      "2012-H1",
      "2012-H2",
    ]);
    expect(planPeriods(plan, "quarterly")).toHaveLength(12);
    expect(planPeriods(plan, "quarterly")[1]).toEqual({
      key: "2010-Q2",
      start: "2010-04-01",
      end: "2010-06-30",
    });
    expect(planPeriods(plan, "monthly")).toHaveLength(36);
    expect(planPeriods({ startDate: "2012-01-01", endDate: "2012-12-31" }, "monthly")[1]).toEqual({
      key: "2012-02",
      start: "2012-02-01",
      end: "2012-02-29",
    });
  });

  it("clips the first and last periods to a plan that does not start or end with the calendar", () => {
    const periods = planPeriods({ startDate: "2013-04-15", endDate: "2014-02-10" }, "quarterly");
    expect(periods.map((p) => [p.key, p.start, p.end])).toEqual([
      ["2013-Q2", "2013-04-15", "2013-06-30"],
      ["2013-Q3", "2013-07-01", "2013-09-30"],
      ["2013-Q4", "2013-10-01", "2013-12-31"],
      ["2014-Q1", "2014-01-01", "2014-02-10"],
    ]);
  });

  it("finds the period of a day, and none outside the plan", () => {
    const periods = planPeriods(plan, "quarterly");
    expect(periodContaining(periods, "2011-08-15")?.key).toBe("2011-Q3");
    expect(periodContaining(periods, "2013-01-01")).toBeUndefined();
  });

  const isoDay = fc
    .date({
      min: new Date("2000-01-01T00:00:00Z"),
      max: new Date("2040-12-31T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString().slice(0, 10));

  it("tiles any plan exactly: contiguous, non-overlapping, from its first to its last day (property)", () => {
    fc.assert(
      fc.property(isoDay, isoDay, fc.constantFrom(...frequencies), (a, b, frequency) => {
        const [startDate, endDate] = a <= b ? [a, b] : [b, a];
        const periods = planPeriods({ startDate, endDate }, frequency);
        expect(periods[0]?.start).toBe(startDate);
        expect(periods.at(-1)?.end).toBe(endDate);
        for (const [i, period] of periods.entries()) {
          expect(period.start <= period.end).toBe(true);
          const next = periods[i + 1];
          if (next) {
            const dayAfter = new Date(`${period.end}T00:00:00Z`);
            dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
            expect(next.start).toBe(dayAfter.toISOString().slice(0, 10));
            expect(next.key > period.key).toBe(true);
          }
        }
      }),
    );
  });
});
