import { describe, expect, it } from "vitest";
import {
  compareRollUps,
  countByStatus,
  previousPeriodEnd,
  type RollUpData,
  type RollUpEntry,
  rollUp,
} from "./rollup";

// P1, the plan of docs/rollup.md ("A whole plan"): objective O1 with strategies O1.S1 and O1.S2; outcome OC1, to
// which O1.S1 contributes. W (workshops, 20 a quarter) measures O1.S1; T (people trained, cumulative) measures
// O1.S2; P (a policy milestone, level 2 by the end of 2023) measures OC1.
const entry = (
  indicatorId: string,
  periodKey: string,
  value: number,
  decidedOn: string,
  order = 0,
): RollUpEntry => ({
  indicatorId,
  periodKey,
  value,
  order,
  status: "approved",
  submittedOn: decidedOn,
  decidedOn,
});
const quarterly = (value: (i: number) => number) =>
  ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"].map((periodKey, i) => ({ periodKey, value: value(i) }));

const p1: RollUpData = {
  plan: { startDate: "2023-01-01", endDate: "2024-12-31" },
  elements: [
    { id: "O1", status: "active" },
    { id: "O1.S1", status: "active" },
    { id: "O1.S2", status: "active" },
    { id: "OC1", status: "active" },
  ],
  links: [
    { kind: "part_of", fromId: "O1.S1", toId: "O1" },
    { kind: "part_of", fromId: "O1.S2", toId: "O1" },
    { kind: "contributes_to", fromId: "O1.S1", toId: "OC1" },
  ],
  indicators: [
    {
      id: "W",
      measure: "number",
      scaleLevels: null,
      direction: "increase",
      tolerance: null,
      aggregation: "per_period",
      frequency: "quarterly",
      baselineValue: 0,
      targets: quarterly(() => 20),
      elementIds: ["O1.S1"],
    },
    {
      id: "T",
      measure: "number",
      scaleLevels: null,
      direction: "increase",
      tolerance: null,
      aggregation: "cumulative",
      frequency: "quarterly",
      baselineValue: 0,
      targets: quarterly((i) => 30 * (i + 1)),
      elementIds: ["O1.S2"],
    },
    {
      id: "P",
      measure: "qualitative",
      scaleLevels: 5,
      direction: "increase",
      tolerance: null,
      aggregation: "latest",
      frequency: "annual",
      baselineValue: 0,
      targets: [{ periodKey: "2023", value: 2 }],
      elementIds: ["OC1"],
    },
  ],
  entries: [
    entry("W", "2023-Q1", 20, "2023-04-10"),
    entry("W", "2023-Q2", 18, "2023-07-12", 1),
    entry("W", "2023-Q3", 8, "2023-08-10", 2),
    entry("T", "2023-Q1", 25, "2023-04-12"),
    entry("T", "2023-Q2", 30, "2023-07-10", 1),
  ],
};

const scoreOf = (result: ReturnType<typeof rollUp>, id: string) =>
  result.elements.find((element) => element.elementId === id);

describe("P1: a whole plan", () => {
  it("P1: as of 2023-08-15 every element is behind, and so is the plan", () => {
    const result = rollUp(p1, { asOf: "2023-08-15" });
    expect(result.indicators.map((i) => [i.indicatorId, i.status])).toEqual([
      ["P", "not_yet_due"],
      ["T", "behind"],
      ["W", "behind"],
    ]);
    expect(scoreOf(result, "O1.S1")).toMatchObject({ status: "behind", score: 92 });
    expect(scoreOf(result, "O1.S2")?.score).toBeCloseTo((55 / 60) * 100, 10);
    expect(scoreOf(result, "O1")?.score).toBeCloseTo((92 + (55 / 60) * 100) / 2, 10);
    expect(scoreOf(result, "OC1")).toMatchObject({
      status: "behind",
      score: 92,
      judgedWeight: 1,
      totalWeight: 2,
    });
    expect(result.plan.inputs.map((input) => input.id)).toEqual(["O1", "OC1"]);
    expect(result.plan.status).toBe("behind");
    expect(result.plan.score).toBeCloseTo(((92 + (55 / 60) * 100) / 2 + 92) / 2, 10);
    expect(countByStatus(result.indicators)).toMatchObject({ behind: 2, not_yet_due: 1 });
    expect(result.completeness.total).toMatchObject({ due: 4, approved: 4, percentApproved: 100 });
  });

  it("P1b: as of 2023-06-30, with only what had been approved by then, the plan was on track", () => {
    const result = rollUp(p1, { asOf: "2023-06-30" });
    expect(result.indicators.map((i) => [i.indicatorId, i.status, i.judgedAt])).toEqual([
      ["P", "not_yet_due", null],
      ["T", "at_risk", "2023-03-31"],
      ["W", "on_track", "2023-03-31"],
    ]);
    expect(result.plan.status).toBe("on_track");
    expect(result.completeness.total).toMatchObject({ due: 4, approved: 2, missing: 2, overdue: 0 });
  });

  it("P1c: what changed since the last quarter", () => {
    const asOf = "2023-08-15";
    const since = previousPeriodEnd({ plan: p1.plan, frequency: "quarterly", asOf }) as string;
    expect(since).toBe("2023-06-30");
    const changes = compareRollUps(rollUp(p1, { asOf: since }), rollUp(p1, { asOf }));
    expect(changes.map((c) => [c.subject, c.id, c.from, c.to, c.change])).toEqual([
      ["plan", "", "on_track", "behind", "worsened"],
      ["element", "O1.S1", "on_track", "behind", "worsened"],
      ["element", "O1.S2", "at_risk", "behind", "improved"],
      ["element", "OC1", "on_track", "behind", "worsened"],
      ["indicator", "T", "at_risk", "behind", "improved"],
      ["indicator", "W", "on_track", "behind", "worsened"],
    ]);
  });

  it("refuses an asOf that is not an ISO day, and weights that are not positive", () => {
    expect(() => rollUp(p1, { asOf: "15/08/2023" })).toThrow(RangeError);
    expect(() =>
      rollUp({ ...p1, elements: p1.elements.map((e) => ({ ...e, weight: 0 })) }, { asOf: "2023-08-15" }),
    ).toThrow(RangeError);
  });
});

describe("rolling one plan up on many days", () => {
  it("answers from the data as it is at each call: a changed target or a later entry is never served stale", () => {
    const data: RollUpData = structuredClone(p1);
    const before = rollUp(data, { asOf: "2023-08-15" });
    const w = data.indicators.find((indicator) => indicator.id === "W");
    if (!w) throw new Error("W is in P1");
    // The same indicator object, given other targets and another baseline.
    (w as { targets: typeof w.targets }).targets = quarterly(() => 10);
    (w as { baselineValue: number }).baselineValue = 2;
    data.entries = [...data.entries, entry("T", "2023-Q3", 5, "2023-08-01", 2)];
    const after = rollUp(data, { asOf: "2023-08-15" });
    expect(after).toEqual(rollUp(structuredClone(data), { asOf: "2023-08-15" }));
    expect(after.indicators.find((i) => i.indicatorId === "W")?.status).toBe("on_track");
    // The first result's completeness, read only now, is still that of the data it was rolled up from.
    expect(before.completeness).toEqual(rollUp(p1, { asOf: "2023-08-15" }).completeness);
  });

  it("computes the completeness only when it is read, and keeps it", () => {
    const result = rollUp(p1, { asOf: "2023-08-15" });
    const first = result.completeness;
    expect(result.completeness).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(JSON.parse(JSON.stringify(result)).completeness.total).toEqual(first.total);
  });
});
