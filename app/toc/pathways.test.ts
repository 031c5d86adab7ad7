import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ElementKind, ElementStatus } from "../plan-graph/vocabulary";
import {
  hasPathway,
  type LinkKind,
  type Pathway,
  pathwayGraph,
  pathwayLimits,
  pathwaysFrom,
  type TocElement,
  type TocLink,
} from "./pathways";
import { bruteForcePathways, layeredPlanArb, randomPlanArb } from "./random-toc.testing";

const element = (code: string, kind: ElementKind, status: ElementStatus = "active"): TocElement => ({
  id: `id-${code}`,
  code,
  kind,
  status,
});
const link = (from: string, kind: LinkKind, to: string): TocLink => ({
  kind,
  fromId: `id-${from}`,
  toId: `id-${to}`,
});
const story = (pathway: Pathway) =>
  pathway.map((step) => (step.via === null ? step.code : `-${step.via}-> ${step.code}`)).join(" ");

/** An objective's strategy with two activities, an output, two outcomes and two impacts (one long-term). */
const plan = pathwayGraph(
  [
    element("I1", "impact"),
    element("I2", "impact"),
    element("OC1", "outcome"),
    element("OC2", "outcome"),
    element("OC3", "outcome", "dropped"),
    element("OP1", "output"),
    element("O1", "objective"),
    element("O1.S1", "strategy"),
    element("O1.S1.A1", "activity"),
    element("O1.S1.A2", "activity"),
  ],
  [
    link("O1.S1", "part_of", "O1"),
    link("O1.S1.A1", "part_of", "O1.S1"),
    link("O1.S1.A2", "part_of", "O1.S1"),
    link("O1.S1.A1", "contributes_to", "OP1"),
    link("OP1", "contributes_to", "OC1"),
    link("O1.S1", "contributes_to", "OC2"),
    link("OC2", "precondition_of", "OC1"),
    link("OC1", "contributes_to", "I1"),
    link("I1", "contributes_to", "I2"),
    link("OP1", "contributes_to", "OC3"),
    link("OC3", "contributes_to", "I2"),
  ],
);

describe("causal pathways", () => {
  it("lists every pathway from an activity, its own and those it shares with its strategy, shortest first", () => {
    const result = pathwaysFrom(plan, "id-O1.S1.A1");
    expect(result?.target).toBe("impact");
    expect(result?.limitReached).toBeNull();
    expect(result?.pathways.map(story)).toEqual([
      "O1.S1.A1 -contributes_to-> OP1 -contributes_to-> OC1 -contributes_to-> I1",
      "O1.S1.A1 -part_of-> O1.S1 -contributes_to-> OC2 -precondition_of-> OC1 -contributes_to-> I1",
    ]);
    // A pathway ends at the first impact (I1 → I2 is not walked on), and never goes through the dropped OC3.
    expect(pathwaysFrom(plan, "id-O1.S1.A2")?.pathways.map(story)).toEqual([
      "O1.S1.A2 -part_of-> O1.S1 -contributes_to-> OC2 -precondition_of-> OC1 -contributes_to-> I1",
    ]);
  });

  it("has nothing for a dropped element or an element of another plan; an impact may lead to another", () => {
    expect(pathwaysFrom(plan, "id-I1")?.pathways.map(story)).toEqual(["I1 -contributes_to-> I2"]);
    expect(pathwaysFrom(plan, "id-I2")?.pathways).toEqual([]);
    expect(pathwaysFrom(plan, "id-OC3")?.pathways).toEqual([]);
    expect(pathwaysFrom(plan, "id-elsewhere")).toBeNull();
  });

  it("without an impact, ends where the causal links stop", () => {
    const graph = pathwayGraph(
      [element("A", "activity"), element("B", "output"), element("C", "outcome"), element("D", "outcome")],
      [link("A", "contributes_to", "B"), link("B", "contributes_to", "C"), link("A", "contributes_to", "D")],
    );
    const result = pathwaysFrom(graph, "id-A");
    expect(result?.target).toBe("end");
    expect(result?.pathways.map((pathway) => pathway.map((step) => step.code).join(">"))).toEqual([
      "A>D",
      "A>B>C",
    ]);
  });

  it("says which limit cut the answer short", () => {
    // A ladder of diamonds: 2^k pathways of k + 1 links.
    const elements = [element("S", "activity"), element("I", "impact")];
    const links: TocLink[] = [];
    let previous = "S";
    for (let rung = 1; rung <= 6; rung++) {
      elements.push(
        element(`L${rung}`, "output"),
        element(`R${rung}`, "output"),
        element(`J${rung}`, "outcome"),
      );
      links.push(
        link(previous, "contributes_to", `L${rung}`),
        link(previous, "contributes_to", `R${rung}`),
        link(`L${rung}`, "contributes_to", `J${rung}`),
        link(`R${rung}`, "contributes_to", `J${rung}`),
      );
      previous = `J${rung}`;
    }
    links.push(link(previous, "contributes_to", "I"));
    const graph = pathwayGraph(elements, links);
    const all = pathwaysFrom(graph, "id-S", { maxDepth: 13, maxPathways: 64 });
    expect(all?.pathways).toHaveLength(64);
    expect(all?.limitReached).toBeNull();
    const few = pathwaysFrom(graph, "id-S", { maxDepth: 13, maxPathways: 10 });
    expect(few?.pathways).toHaveLength(10);
    expect(few?.limitReached).toBe("pathways");
    const shallow = pathwaysFrom(graph, "id-S", { maxDepth: 12, maxPathways: 1000 });
    expect(shallow?.pathways).toEqual([]);
    expect(shallow?.limitReached).toBe("depth");
  });

  it("clamps limits to what a request may ask, and falls back to the defaults for nonsense", () => {
    expect(pathwayLimits({ maxDepth: 1e9, maxPathways: -3 })).toEqual({ maxDepth: 100, maxPathways: 1 });
    expect(pathwayLimits({ maxDepth: Number.NaN })).toEqual({ maxDepth: 25, maxPathways: 100 });
  });
});

// ---------------------------------------------------------------- against a brute-force reading of the rules

const flat = (pathway: Pathway) =>
  `${pathway.map((step) => step.id).join(">")} ${pathway
    .slice(1)
    .map((step) => step.via)
    .join(",")}`;

describe("pathways on random plans", () => {
  it("are exactly the walks the rules allow, and an element has one exactly when the checks say so", () => {
    fc.assert(
      fc.property(fc.oneof(randomPlanArb(9), layeredPlanArb({ cycles: false })), (randomPlan) => {
        const graph = pathwayGraph(randomPlan.elements, randomPlan.links);
        for (const { id } of randomPlan.elements) {
          const expected = bruteForcePathways(randomPlan, id);
          const result = pathwaysFrom(graph, id, { maxDepth: 100, maxPathways: 100_000 });
          expect(result?.limitReached).toBeNull();
          expect(result?.pathways.map(flat).sort()).toEqual(expected);
          expect(hasPathway(graph, id)).toBe(expected.length > 0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("with limits, stay bounded, return real pathways, and say which limit cut them short", () => {
    fc.assert(
      fc.property(
        fc.oneof(randomPlanArb(9), layeredPlanArb({ cycles: false })),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        (randomPlan, maxDepth, maxPathways) => {
          const graph = pathwayGraph(randomPlan.elements, randomPlan.links);
          for (const { id } of randomPlan.elements) {
            const all = bruteForcePathways(randomPlan, id);
            const linksOf = (line: string) => (line.split(" ")[0]?.split(">").length ?? 1) - 1;
            const within = all.filter((line) => linksOf(line) <= maxDepth);
            const result = pathwaysFrom(graph, id, { maxDepth, maxPathways });
            const listed = result?.pathways.map(flat) ?? [];
            expect(listed.length).toBeLessThanOrEqual(maxPathways);
            for (const line of listed) expect(within).toContain(line);
            if (within.length > maxPathways) expect(result?.limitReached).toBe("pathways");
            if (result?.limitReached !== "pathways") {
              expect([...listed].sort()).toEqual(within);
              if (all.length > within.length) expect(result?.limitReached).toBe("depth");
            }
            if (result?.limitReached === null) expect(all).toEqual(within);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
