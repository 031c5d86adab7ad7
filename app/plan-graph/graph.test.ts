import { describe, expect, it } from "vitest";
import { compareCodes, findCycle, outlineOrder } from "./graph";

describe("findCycle", () => {
  it("finds none in a DAG, even with shared descendants", () => {
    expect(
      findCycle([
        { from: "a", to: "b" },
        { from: "a", to: "c" },
        { from: "b", to: "d" },
        { from: "c", to: "d" },
      ]),
    ).toBeUndefined();
  });

  it("returns the nodes along a cycle, closing on the first", () => {
    expect(
      findCycle([
        { from: "x", to: "a" },
        { from: "a", to: "b" },
        { from: "b", to: "c" },
        { from: "c", to: "a" },
      ]),
    ).toEqual(["a", "b", "c", "a"]);
  });

  it("treats a two-node loop as a cycle", () => {
    expect(
      findCycle([
        { from: "O1", to: "O2" },
        { from: "O2", to: "O1" },
      ]),
    ).toEqual(["O1", "O2", "O1"]);
  });
});

describe("element codes and outline order", () => {
  it("sorts codes numerically within each level", () => {
    expect(["O1.S1.A10", "O1.S1.A2", "O10", "O2", "O1.S1"].sort(compareCodes)).toEqual([
      "O1.S1",
      "O1.S1.A2",
      "O1.S1.A10",
      "O2",
      "O10",
    ]);
  });

  it("reads depth first: each parent followed by its children", () => {
    const parentOf = new Map([
      ["O1.S1", "O1"],
      ["O1.S1.A1", "O1.S1"],
      ["O2.S1", "O2"],
      ["O1.S2", "O1"],
    ]);
    expect(outlineOrder(["O2.S1", "O1.S2", "O2", "O1.S1.A1", "O1", "O1.S1"], parentOf)).toEqual([
      "O1",
      "O1.S1",
      "O1.S1.A1",
      "O1.S2",
      "O2",
      "O2.S1",
    ]);
  });
});
