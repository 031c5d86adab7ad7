import { describe, expect, it } from "vitest";
import { type ComparableRollUp, compareRollUps, previousPeriodEnd } from "./changes";

const plan = { startDate: "2023-01-01", endDate: "2024-12-31" };

describe("W1: what changed since the last period", () => {
  it("W1: compares the roll-up of 2023-08-15 with that of 2023-06-30, the last quarter's end", () => {
    expect(previousPeriodEnd({ plan, frequency: "quarterly", asOf: "2023-08-15" })).toBe("2023-06-30");
    expect(previousPeriodEnd({ plan, frequency: "quarterly", asOf: "2023-06-30" })).toBe("2023-03-31");
    expect(previousPeriodEnd({ plan, frequency: "annual", asOf: "2025-03-01" })).toBe("2024-12-31");
    expect(previousPeriodEnd({ plan, frequency: "quarterly", asOf: "2023-03-31" })).toBeNull();

    const previous: ComparableRollUp = {
      plan: { status: "behind", score: 90 },
      elements: [
        { elementId: "O1", status: "behind", score: 90 },
        { elementId: "O2", status: "on_track", score: 100 },
        { elementId: "O3", status: "no_data", score: null },
      ],
      indicators: [
        { indicatorId: "I1", status: "at_risk", score: 60 },
        { indicatorId: "I2", status: "on_track", score: 98 },
        { indicatorId: "I3", status: "on_track", score: 97 },
      ],
    };
    const current: ComparableRollUp = {
      plan: { status: "behind", score: 88 },
      elements: [
        { elementId: "O1", status: "on_track", score: 96 },
        { elementId: "O2", status: "at_risk", score: 70 },
        { elementId: "O3", status: "behind", score: 86 },
      ],
      indicators: [
        { indicatorId: "I1", status: "at_risk", score: 75 },
        { indicatorId: "I2", status: "not_applicable", score: null },
        { indicatorId: "I4", status: "not_yet_due", score: null },
      ],
    };
    expect(compareRollUps(previous, current)).toEqual([
      {
        subject: "element",
        id: "O1",
        from: "behind",
        to: "on_track",
        fromScore: 90,
        toScore: 96,
        change: "improved",
      },
      {
        subject: "element",
        id: "O2",
        from: "on_track",
        to: "at_risk",
        fromScore: 100,
        toScore: 70,
        change: "worsened",
      },
      {
        subject: "element",
        id: "O3",
        from: "no_data",
        to: "behind",
        fromScore: null,
        toScore: 86,
        change: "changed",
      },
      {
        subject: "indicator",
        id: "I2",
        from: "on_track",
        to: "not_applicable",
        fromScore: 98,
        toScore: null,
        change: "changed",
      },
      {
        subject: "indicator",
        id: "I3",
        from: "on_track",
        to: null,
        fromScore: 97,
        toScore: null,
        change: "removed",
      },
      {
        subject: "indicator",
        id: "I4",
        from: null,
        to: "not_yet_due",
        fromScore: null,
        toScore: null,
        change: "added",
      },
    ]);
  });
});
