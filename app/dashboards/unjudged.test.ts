import { describe, expect, it } from "vitest";
import { type RollUpData, type RollUpIndicator, rollUp } from "../rollup/rollup";
import { emptyChartReason, indicatorsBelow, unjudgedReasons } from "./unjudged";

// A plan like NSWP's: objective O1 has two strategies whose indicators have no target, one of them with a figure
// taken from a source; objective O2 has an indicator with a target.
const indicator = (id: string, elementId: string, targets: RollUpIndicator["targets"]): RollUpIndicator => ({
  id,
  measure: "number",
  scaleLevels: null,
  direction: "increase",
  tolerance: null,
  aggregation: "latest",
  frequency: "annual",
  baselineValue: null,
  targets,
  elementIds: [elementId],
});

// The figures reported on the day asked about (on the dashboards: `latestFigures`).
const reported = (indicatorId: string) => indicatorId === "members" || indicatorId === "case-studies";

const plan: RollUpData = {
  plan: { startDate: "2013-01-01", endDate: "2015-12-31" },
  elements: [
    { id: "O1", status: "active" },
    { id: "O1.S1", status: "active" },
    { id: "O1.S2", status: "active" },
    { id: "O2", status: "active" },
  ],
  links: [
    { kind: "part_of", fromId: "O1.S1", toId: "O1" },
    { kind: "part_of", fromId: "O1.S2", toId: "O1" },
  ],
  indicators: [
    indicator("members", "O1.S1", []),
    indicator("countries", "O1.S2", []),
    indicator("case-studies", "O2", [{ periodKey: "2013", value: 20 }]),
  ],
  entries: [
    // Figures from source documents have no submitted or decided day: they count on every day.
    {
      indicatorId: "members",
      periodKey: "2015",
      value: 237,
      order: 0,
      status: "approved",
      submittedOn: null,
      decidedOn: null,
    },
    {
      indicatorId: "case-studies",
      periodKey: "2013",
      value: 20,
      order: 0,
      status: "approved",
      submittedOn: null,
      decidedOn: null,
    },
  ],
};

describe("what is not judged for want of targets", () => {
  it("says so for an objective whose indicators have figures but no target, and for one with neither", () => {
    const result = rollUp(plan, { asOf: "2015-12-31" });
    const reasons = unjudgedReasons(result, reported);
    const status = (id: string) => result.elements.find((element) => element.elementId === id)?.status;
    // The engine's words: not applicable; the dashboards' words say why.
    expect(status("O1")).toBe("not_applicable");
    expect(reasons.elements.get("O1")).toBe("figuresWithoutTargets");
    expect(reasons.elements.get("O1.S1")).toBe("figuresWithoutTargets");
    expect(reasons.elements.get("O1.S2")).toBe("noTargets");
    // O2 is judged, and so is the plan through it.
    expect(status("O2")).toBe("on_track");
    expect(reasons.elements.has("O2")).toBe(false);
    expect(reasons.plan).toBeNull();
  });

  it("says so for the whole plan when no indicator has a target", () => {
    const withoutTargets = {
      ...plan,
      indicators: plan.indicators.map((candidate) => ({ ...candidate, targets: [] })),
    };
    const result = rollUp(withoutTargets, { asOf: "2015-12-31" });
    expect(result.plan.status).toBe("not_applicable");
    expect(unjudgedReasons(result, reported).plan).toBe("figuresWithoutTargets");
    expect(emptyChartReason(result.indicators)).toBe("noTargets");
  });

  it("leaves other unjudged statuses alone: nothing measures a dropped or unmeasured element", () => {
    const result = rollUp(
      {
        ...plan,
        elements: [...plan.elements, { id: "O3", status: "dropped" }, { id: "O4", status: "active" }],
      },
      { asOf: "2015-12-31" },
    );
    const reasons = unjudgedReasons(result, reported);
    expect(reasons.elements.has("O3")).toBe(false);
    expect(reasons.elements.has("O4")).toBe(false);
  });

  it("finds the indicators below an element through its parts", () => {
    const below = indicatorsBelow(rollUp(plan, { asOf: "2015-12-31" }));
    expect([...below("O1")].sort()).toEqual(["countries", "members"]);
    expect([...below(null)].sort()).toEqual(["case-studies", "countries", "members"]);
    expect(below("no-such-element").size).toBe(0);
  });

  it("tells why a chart of progress has nothing to draw", () => {
    expect(emptyChartReason([])).toBe("noIndicators");
    expect(emptyChartReason([{ status: "not_applicable", reason: "noTarget" }])).toBe("noTargets");
    expect(
      emptyChartReason([
        { status: "not_applicable", reason: "noTarget" },
        { status: "not_yet_due", reason: null },
      ]),
    ).toBe("nothingJudged");
  });
});
