import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { elkGraph, type LayoutRequest, placeLaidOut, runLayout } from "./layout";

const elk = new ELK();

/** activity → output → outcome → impact, and a second activity into the output. */
function request(
  direction: LayoutRequest["direction"],
  pinned: Record<string, { x: number; y: number }> = {},
) {
  const ids = ["act1", "act2", "out", "outc", "imp"];
  return {
    direction,
    nodes: ids.map((id) => ({
      id,
      width: 220,
      height: 90,
      x: pinned[id]?.x ?? 0,
      y: pinned[id]?.y ?? 0,
      pinned: id in pinned,
    })),
    edges: [
      { id: "e1", source: "act1", target: "out" },
      { id: "e2", source: "act2", target: "out" },
      { id: "e3", source: "out", target: "outc" },
      { id: "e4", source: "outc", target: "imp" },
    ],
  } satisfies LayoutRequest;
}

describe("auto-layout", () => {
  it("lays causes before their effects in the direction chosen", async () => {
    for (const [direction, axis, sign] of [
      ["RIGHT", "x", 1],
      ["LEFT", "x", -1],
      ["DOWN", "y", 1],
      ["UP", "y", -1],
    ] as const) {
      const { positions } = await runLayout(elk, request(direction));
      const at = new Map(positions.map((position) => [position.key, position]));
      const along = (id: string) => sign * (at.get(id)?.[axis] ?? Number.NaN);
      expect(along("act1"), direction).toBeLessThan(along("out"));
      expect(along("act2"), direction).toBeLessThan(along("out"));
      expect(along("out"), direction).toBeLessThan(along("outc"));
      expect(along("outc"), direction).toBeLessThan(along("imp"));
    }
  });

  it("leaves pinned nodes where they are and lays the others out around them", async () => {
    const pinnedAt = { imp: { x: 5000, y: 300 } };
    const { positions } = await runLayout(elk, request("RIGHT", pinnedAt));
    expect(positions.map((position) => position.key).sort()).toEqual(["act1", "act2", "out", "outc"]);
    const outcome = positions.find((position) => position.key === "outc");
    // The layout is shifted to the pinned impact: its cause sits in the layer just before it.
    expect(outcome?.x).toBeLessThan(5000);
    expect(outcome?.x).toBeGreaterThan(5000 - 700);
  });

  it("keeps an unpinned drawing where it was", () => {
    const laidOut = {
      id: "canvas",
      children: [
        { id: "a", x: 0, y: 0 },
        { id: "b", x: 300, y: 10 },
      ],
    };
    const positions = placeLaidOut(
      {
        direction: "RIGHT",
        nodes: [
          { id: "a", width: 1, height: 1, x: 100, y: 200, pinned: false },
          { id: "b", width: 1, height: 1, x: 900, y: 900, pinned: false },
        ],
        edges: [],
      },
      laidOut,
    );
    expect(positions).toEqual([
      { key: "a", x: 100, y: 200 },
      { key: "b", x: 400, y: 210 },
    ]);
  });

  it("leaves out links to nodes not on the canvas, and self-links", () => {
    const graph = elkGraph({
      direction: "DOWN",
      nodes: [{ id: "a", width: 0, height: 0, x: 0, y: 0, pinned: false }],
      edges: [
        { id: "e1", source: "a", target: "gone" },
        { id: "e2", source: "a", target: "a" },
      ],
    });
    expect(graph.edges).toEqual([]);
    expect(graph.children?.[0]).toMatchObject({ width: 220, height: 96 });
    expect(graph.layoutOptions?.["elk.direction"]).toBe("DOWN");
  });
});
