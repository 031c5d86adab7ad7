import { describe, expect, it } from "vitest";
import { canvasElementIds, provisionalPositions } from "./new-canvas";

const elements = [
  { id: "im", code: "IM1", kind: "impact" as const },
  { id: "o1", code: "O1", kind: "objective" as const },
  { id: "s1", code: "O1.S1", kind: "strategy" as const },
  { id: "a1", code: "O1.S1.A1", kind: "activity" as const },
  { id: "o2", code: "O2", kind: "objective" as const },
  { id: "s2", code: "O2.S1", kind: "strategy" as const },
  { id: "o3", code: "O3", kind: "objective" as const },
];
const links = [
  { kind: "part_of" as const, from: "s1", to: "o1" },
  { kind: "part_of" as const, from: "a1", to: "s1" },
  { kind: "part_of" as const, from: "s2", to: "o2" },
  { kind: "contributes_to" as const, from: "o1", to: "im" },
  { kind: "precondition_of" as const, from: "s2", to: "s1" },
];

describe("what a new canvas draws", () => {
  it("the whole plan without a focus", () => {
    expect(canvasElementIds({ elements, links, focusId: null })).toHaveLength(elements.length);
  });

  it("an element's pathway: its parts, their causes and their effects up to the impact, nothing else", () => {
    expect(canvasElementIds({ elements, links, focusId: "o1" })).toEqual(["im", "o1", "s1", "a1", "s2"]);
    expect(canvasElementIds({ elements, links, focusId: "o3" })).toEqual(["o3"]);
  });
});

describe("provisional positions", () => {
  it("put causes before effects in the layout's direction, one column per kind, not overlapping", () => {
    const right = provisionalPositions(elements, "RIGHT");
    expect((right.get("a1")?.x ?? 0) < (right.get("s1")?.x ?? 0)).toBe(true);
    expect((right.get("s1")?.x ?? 0) < (right.get("o1")?.x ?? 0)).toBe(true);
    expect((right.get("o1")?.x ?? 0) < (right.get("im")?.x ?? 0)).toBe(true);
    const spots = new Set([...right.values()].map((at) => `${at.x},${at.y}`));
    expect(spots.size).toBe(elements.length);
    const up = provisionalPositions(elements, "UP");
    expect((up.get("a1")?.y ?? 0) > (up.get("im")?.y ?? 0)).toBe(true);
  });
});
