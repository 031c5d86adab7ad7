import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Period, planPeriods } from "../indicators/periods";
import {
  assessIndicator,
  elapsedShare,
  entryStateOn,
  expectedLevel,
  type RollUpEntry,
  type RollUpIndicator,
} from "./indicator";
import { defaultRollUpRules, judgedStatuses, type RollUpStatus } from "./rules";

// The worked examples of docs/rollup.md: a plan over 2023–2024, quarterly reports. 2023-Q1 has 90 days, Q2 91,
// Q3 and Q4 92; 2023-08-15 is day 46 of Q3, half-way through it.
const plan = { startDate: "2023-01-01", endDate: "2024-12-31" };
const rules = defaultRollUpRules;

const indicator = (fields: Partial<RollUpIndicator>): RollUpIndicator => ({
  id: "I",
  measure: "number",
  scaleLevels: null,
  direction: "increase",
  tolerance: null,
  aggregation: "per_period",
  frequency: "quarterly",
  baselineValue: null,
  targets: [],
  elementIds: [],
  ...fields,
});
const targets = (pairs: Record<string, number>) =>
  Object.entries(pairs).map(([periodKey, value]) => ({ periodKey, value }));
/** Approved entries, decided on their period's last day (or on `decidedOn`). */
const approved = (pairs: Record<string, number>, decidedOn: string | null = null): RollUpEntry[] =>
  Object.entries(pairs).map(([periodKey, value], order) => ({
    indicatorId: "I",
    periodKey,
    value,
    order,
    status: "approved",
    submittedOn: decidedOn,
    decidedOn,
  }));
const assess = (subject: RollUpIndicator, entries: RollUpEntry[], asOf: string) =>
  assessIndicator({ plan, indicator: subject, entries, asOf, rules });

describe("days and the expected path", () => {
  it("counts the day asOf as elapsed: 2023-08-15 is half of 2023-Q3", () => {
    const q3 = planPeriods(plan, "quarterly")[2] as Period;
    expect(q3).toEqual({ key: "2023-Q3", start: "2023-07-01", end: "2023-09-30" });
    expect(elapsedShare(q3, "2023-08-15")).toBe(0.5);
    expect(elapsedShare(q3, "2023-06-30")).toBe(0);
    expect(elapsedShare(q3, "2023-09-30")).toBe(1);
  });

  it("draws the expected level from the baseline at the plan's start through each target at its period's end", () => {
    const periods = planPeriods(plan, "quarterly");
    const path = (day: string) =>
      expectedLevel({
        plan,
        periods,
        targets: new Map([
          ["2023-Q2", 60],
          ["2023-Q4", 120],
        ]),
        baseline: 0,
        day,
      });
    expect(path("2022-12-31")).toBe(0);
    expect(path("2023-06-30")).toBe(60);
    expect(path("2023-12-31")).toBe(120);
    expect(path("2024-06-30")).toBe(120); // held after the last target
    expect(path("2023-09-30")).toBeCloseTo(60 + (92 / 184) * 60, 10); // Q3 and Q4 share the way from 60 to 120
  });
});

describe("E1–E2: per-period indicators (workshops, 20 a quarter)", () => {
  const entries = approved({ "2023-Q1": 20, "2023-Q2": 18, "2023-Q3": 8 });

  it("E1: sums the reported quarters, the current one pro-rated: 46 of 50 expected is behind", () => {
    const result = assess(
      indicator({ targets: targets({ "2023-Q1": 20, "2023-Q2": 20, "2023-Q3": 20, "2023-Q4": 20 }) }),
      entries,
      "2023-08-15",
    );
    expect(result).toMatchObject({
      status: "behind",
      judgedAt: "2023-08-15",
      periodKey: "2023-Q3",
      actual: 46,
      expected: 50,
      reference: 0,
      percentOfExpected: 92,
      score: 92,
    });
  });

  it("E2: with a baseline of 10 a quarter, progress is read from 25: 21 of 25 is at risk", () => {
    const result = assess(
      indicator({
        baselineValue: 10,
        targets: targets({ "2023-Q1": 20, "2023-Q2": 20, "2023-Q3": 20, "2023-Q4": 20 }),
      }),
      entries,
      "2023-08-15",
    );
    expect(result).toMatchObject({ status: "at_risk", actual: 46, expected: 50, reference: 25 });
    expect(result.percentOfExpected).toBeCloseTo(84, 10);
  });

  it("E2b: a reported quarter without a target is not counted, nor is an unreported one", () => {
    const result = assess(
      indicator({ targets: targets({ "2023-Q1": 20, "2023-Q3": 20 }) }),
      approved({ "2023-Q1": 20, "2023-Q2": 18 }),
      "2023-10-31",
    );
    // Q1 counts (20 of 20); Q2 has no target; Q3 ended 31 days ago with no report: left to completeness.
    expect(result).toMatchObject({ status: "on_track", actual: 20, expected: 20, percentOfExpected: 100 });
  });
});

describe("E3–E5: cumulative and latest indicators (levels)", () => {
  const trained = indicator({
    aggregation: "cumulative",
    baselineValue: 0,
    targets: targets({ "2023-Q1": 30, "2023-Q2": 60, "2023-Q3": 90, "2023-Q4": 120 }),
  });

  it("E3: cumulative: the running total against the target pro-rated in the quarter: 67 of 75 is behind", () => {
    const result = assess(trained, approved({ "2023-Q1": 25, "2023-Q2": 30, "2023-Q3": 12 }), "2023-08-15");
    expect(result).toMatchObject({ status: "behind", actual: 67, expected: 75, judgedAt: "2023-08-15" });
    expect(result.percentOfExpected).toBeCloseTo((67 / 75) * 100, 10);
  });

  it("E4: latest: a level above the path is on track, and its score is capped at 100", () => {
    const members = indicator({
      aggregation: "latest",
      baselineValue: 150,
      targets: targets({ "2023-Q1": 160, "2023-Q2": 170, "2023-Q3": 180, "2023-Q4": 190 }),
    });
    const result = assess(members, approved({ "2023-Q1": 156 }), "2023-02-14");
    expect(result).toMatchObject({
      status: "on_track",
      actual: 156,
      expected: 155,
      reference: 150,
      score: 100,
    });
    expect(result.percentOfExpected).toBeCloseTo(120, 10);
  });

  it("E5: a quarter in progress with no report yet is judged at the last quarter's end", () => {
    const result = assess(trained, approved({ "2023-Q1": 25, "2023-Q2": 30 }), "2023-08-15");
    expect(result).toMatchObject({
      status: "behind",
      judgedAt: "2023-06-30",
      periodKey: "2023-Q2",
      actual: 55,
    });
    expect(result.expected).toBe(60);
  });

  it("E5b: a report within its 30 reporting days is not held against the indicator; then it is", () => {
    const onlyQ1 = approved({ "2023-Q1": 25 });
    const within = assess(trained, onlyQ1, "2023-07-30"); // 30 days after Q2 ended
    expect(within).toMatchObject({ status: "at_risk", judgedAt: "2023-03-31", actual: 25, expected: 30 });
    expect(within.percentOfExpected).toBeCloseTo((25 / 30) * 100, 10);
    const after = assess(trained, onlyQ1, "2023-07-31"); // 31 days: Q2 is overdue, the running total stays 25
    expect(after).toMatchObject({ status: "at_risk", judgedAt: "2023-06-30", actual: 25, expected: 60 });
  });
});

describe("E6: decreasing indicators (days to respond to a rights violation)", () => {
  const response = indicator({
    aggregation: "latest",
    direction: "decrease",
    baselineValue: 40,
    targets: targets({ "2023-Q1": 35, "2023-Q2": 30, "2023-Q3": 25, "2023-Q4": 20 }),
  });
  const at = (value: number) => assess(response, approved({ "2023-Q2": value }), "2023-06-30");

  it("E6: the bands are inverted: above the expected 30 is bad, below it good", () => {
    expect(at(33)).toMatchObject({ status: "at_risk", expected: 30, percentOfExpected: 70 });
    expect(at(31)).toMatchObject({ status: "behind", percentOfExpected: 90 });
    expect(at(30)).toMatchObject({ status: "on_track", percentOfExpected: 100 });
    expect(at(28)).toMatchObject({ status: "on_track", percentOfExpected: 120, score: 100 });
  });
});

describe("E7: maintain (members satisfied, 90% ± 5)", () => {
  const satisfied = indicator({
    measure: "percentage",
    aggregation: "latest",
    direction: "maintain",
    tolerance: 5,
    frequency: "annual",
    baselineValue: 90,
    targets: targets({ "2023": 90, "2024": 90 }),
  });
  const at = (value: number) => assess(satisfied, approved({ "2023": value }), "2023-12-31");

  it("E7: on track within the tolerance, behind up to half a tolerance beyond, at risk further out", () => {
    expect(at(93)).toMatchObject({ status: "on_track", expected: 90, percentOfExpected: 100, score: 100 });
    expect(at(85)).toMatchObject({ status: "on_track", percentOfExpected: 100 });
    const behind = at(84);
    expect(behind).toMatchObject({ status: "behind" });
    expect(behind.percentOfExpected).toBeCloseTo(80, 10);
    expect(behind.score).toBeCloseTo(91, 10);
    const atRisk = at(81);
    expect(atRisk).toMatchObject({ status: "at_risk" });
    expect(atRisk.percentOfExpected).toBeCloseTo(20, 10);
    expect(atRisk.score).toBeCloseTo(34, 10);
  });
});

describe("E8: qualitative milestones (a policy: none, drafted, consulted, submitted, adopted)", () => {
  const policy = indicator({
    measure: "qualitative",
    scaleLevels: 5,
    aggregation: "per_period", // read as a level whatever it says
    frequency: "annual",
    targets: targets({ "2023": 2, "2024": 4 }),
  });

  it("E8: scored on the scale: level 3 of a target of 4 is 75% (at risk); the scale score is 3/4", () => {
    const result = assess(policy, approved({ "2023": 2, "2024": 3 }), "2024-12-31");
    expect(result).toMatchObject({
      status: "at_risk",
      actual: 3,
      expected: 4,
      percentOfExpected: 75,
      percentOfTarget: 75,
      scaleScore: 0.75,
    });
  });

  it("E8b: level 2 reached at the end of 2023 is on track; the scale score is 1/2", () => {
    const result = assess(policy, approved({ "2023": 2 }), "2023-12-31");
    expect(result).toMatchObject({ status: "on_track", percentOfExpected: 100, scaleScore: 0.5 });
  });
});

describe("E9: statuses of their own", () => {
  const workshops = indicator({ targets: targets({ "2023-Q1": 20, "2023-Q2": 20 }) });

  it("E9: not yet due before the plan and while the first quarter runs unreported", () => {
    expect(assess(workshops, [], "2022-12-01").status).toBe("not_yet_due");
    expect(assess(workshops, [], "2023-02-14").status).toBe("not_yet_due");
    expect(assess(workshops, [], "2023-04-30").status).toBe("not_yet_due"); // Q1's report is within its 30 days
  });

  it("E9b: no data once a targeted quarter's report is overdue and nothing was approved", () => {
    expect(assess(workshops, [], "2023-05-01")).toMatchObject({ status: "no_data", score: null });
  });

  it("E9c: not applicable without a target, or with a target against the direction", () => {
    expect(assess(indicator({}), approved({ "2023-Q1": 5 }), "2023-06-30")).toMatchObject({
      status: "not_applicable",
      reason: "noTarget",
    });
    const wrongWay = indicator({
      aggregation: "latest",
      baselineValue: 100,
      targets: targets({ "2023-Q1": 80 }),
    });
    expect(assess(wrongWay, approved({ "2023-Q1": 90 }), "2023-03-31")).toMatchObject({
      status: "not_applicable",
      reason: "targetNotInDirection",
    });
  });
});

describe("E10: entries count as they stood on asOf", () => {
  it("E10: an entry approved on 2023-04-20 is submitted as of 2023-04-15 and approved as of 2023-04-20", () => {
    const entry: RollUpEntry = {
      indicatorId: "I",
      periodKey: "2023-Q1",
      value: 20,
      order: 0,
      status: "approved",
      submittedOn: "2023-04-10",
      decidedOn: "2023-04-20",
    };
    expect(entryStateOn(entry, "2023-04-09")).toBe("none");
    expect(entryStateOn(entry, "2023-04-15")).toBe("submitted");
    expect(entryStateOn(entry, "2023-04-20")).toBe("approved");
    expect(entryStateOn({ ...entry, status: "returned" }, "2023-05-01")).toBe("none");
    expect(entryStateOn({ ...entry, status: "draft" }, "2023-05-01")).toBe("none");
    expect(entryStateOn({ ...entry, submittedOn: null, decidedOn: null }, "2000-01-01")).toBe("approved");
    const workshops = indicator({ targets: targets({ "2023-Q1": 20 }) });
    expect(assess(workshops, [entry], "2023-04-15").status).toBe("not_yet_due");
    expect(assess(workshops, [entry], "2023-04-20").status).toBe("on_track");
  });
});

describe("properties", () => {
  const rank = (status: RollUpStatus) => judgedStatuses.indexOf(status as never);

  it("status is monotone in the actual: better with more for an increase, with less for a decrease", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("increase" as const, "decrease" as const),
        fc.constantFrom("latest" as const, "cumulative" as const, "per_period" as const),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 700 }),
        fc.float({ min: 0, max: 2000, noNaN: true }),
        fc.float({ min: 0, max: 2000, noNaN: true }),
        (direction, aggregation, baseline, way, day, a, b) => {
          const target = direction === "increase" ? baseline + way : Math.max(0, baseline - way);
          if (target === baseline) return;
          const subject = indicator({
            direction,
            aggregation,
            baselineValue: baseline,
            targets: planPeriods(plan, "quarterly").map((p) => ({ periodKey: p.key, value: target })),
          });
          const asOf = new Date(Date.UTC(2023, 0, 1 + day)).toISOString().slice(0, 10);
          const period = planPeriods(plan, "quarterly").findLast((p) => p.start <= asOf)?.key as string;
          const [low, high] = a <= b ? [a, b] : [b, a];
          const one = (value: number) => assess(subject, approved({ [period]: value }), asOf);
          const [lower, higher] = [one(low), one(high)];
          if (lower.status === "not_yet_due" || lower.status === "no_data") return;
          const better = direction === "increase" ? higher : lower;
          const worse = direction === "increase" ? lower : higher;
          expect(rank(better.status)).toBeGreaterThanOrEqual(rank(worse.status));
        },
      ),
    );
  });

  it("a judged indicator's status is the band of its percent of expected, and its score lies in [0, cap]", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), (value) => {
        const result = assess(
          indicator({ aggregation: "latest", targets: targets({ "2023-Q1": 200 }) }),
          approved({ "2023-Q1": value }),
          "2023-03-31",
        );
        expect(result.score).toBe(Math.min(100, Math.max(0, result.percentOfExpected as number)));
        expect(result.status).toBe(value >= 190 ? "on_track" : value >= 170 ? "behind" : "at_risk");
      }),
    );
  });
});
