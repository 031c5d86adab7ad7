import { describe, expect, it } from "vitest";
import { planPeriods } from "../indicators/periods";
import { targetInForce } from "../rollup/indicator";
import { assessIndicator, defaultRollUpRules, type RollUpIndicator } from "../rollup/rollup";
import { expectedProgress } from "./expected";

const plan = { startDate: "2023-01-01", endDate: "2023-12-31" };
const quarters = planPeriods(plan, "quarterly");

describe("the target in force (a maintain indicator)", () => {
  const targets = new Map([
    ["2023-Q2", 90],
    ["2023-Q4", 80],
  ]);

  it("is the period's own target, else the latest earlier one, else the first one set", () => {
    expect(quarters.map((_, i) => targetInForce(quarters, targets, i))).toEqual([90, 90, 90, 80]);
    expect(targetInForce(quarters, new Map(), 2)).toBeNull();
  });

  it("is what the indicator page plots as expected, and what the roll-up judges against", () => {
    const expected = expectedProgress({
      plan,
      periods: quarters,
      targets,
      baseline: 85,
      direction: "maintain",
      reading: "latest",
      asOf: "2023-12-31",
    });
    // Not a line between targets: the target in force, period by period.
    expect(quarters.map(expected)).toEqual([90, 90, 90, 80]);
    const satisfied: RollUpIndicator = {
      id: "M",
      measure: "percentage",
      scaleLevels: null,
      direction: "maintain",
      tolerance: 5,
      aggregation: "latest",
      frequency: "quarterly",
      baselineValue: 85,
      targets: [...targets].map(([periodKey, value]) => ({ periodKey, value })),
      elementIds: [],
    };
    const judged = assessIndicator({
      plan,
      indicator: satisfied,
      entries: [
        {
          indicatorId: "M",
          periodKey: "2023-Q3",
          value: 88,
          order: 0,
          status: "approved",
          submittedOn: null,
          decidedOn: null,
        },
      ],
      asOf: "2023-10-31",
      rules: defaultRollUpRules,
    });
    expect(judged).toMatchObject({
      periodKey: "2023-Q3",
      expected: expected(quarters[2] as (typeof quarters)[number]),
    });
  });
});
