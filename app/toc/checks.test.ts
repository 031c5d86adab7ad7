import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { translator } from "../i18n/i18n";
import type { ElementKind, ElementStatus } from "../plan-graph/vocabulary";
import { causalCycles, describeFinding, type Finding, tocChecks } from "./checks";
import type { LinkKind, TocElement, TocLink } from "./pathways";

const element = (code: string, kind: ElementKind, status: ElementStatus = "active"): TocElement => ({
  id: `id-${code}`,
  code,
  kind,
  status,
});
const link = (from: string, kind: LinkKind, to: string, assumption: string | null = "because"): TocLink => ({
  kind,
  fromId: `id-${from}`,
  toId: `id-${to}`,
  rationale: assumption === null ? null : { en: assumption },
});
const measures = (...codes: string[]) =>
  codes.map((code) => ({ indicatorId: "ind", elementId: `id-${code}` }));
const summary = (findings: Finding[]) =>
  findings.map((finding) =>
    finding.check === "cycle"
      ? `cycle ${finding.path.map((node) => node.code).join(">")}`
      : `${finding.check} ${finding.nodes.map((node) => node.code).join(" ")}`.trim(),
  );

/** The example of docs/toc.md ("Checks"). */
const example = {
  elements: [
    element("IMP", "impact"),
    element("OC1", "outcome"),
    element("OC2", "outcome"),
    element("O1", "objective"),
    element("O1.S1", "strategy"),
    element("O1.S1.A1", "activity"),
    element("O1.S1.A2", "activity"),
    element("O1.S2", "strategy"),
    element("O1.S2.A1", "activity"),
    element("O1.S2.A2", "activity", "dropped"),
    element("OP1", "output"),
    element("O1.S3", "strategy"),
    element("O1.S3.A1", "activity"),
  ],
  links: [
    link("O1.S1", "part_of", "O1", null),
    link("O1.S1.A1", "part_of", "O1.S1", null),
    link("O1.S1.A2", "part_of", "O1.S1", null),
    link("O1.S2", "part_of", "O1", null),
    link("O1.S2.A1", "part_of", "O1.S2", null),
    link("O1.S2.A2", "part_of", "O1.S2", null),
    link("O1.S3", "part_of", "O1", null),
    link("O1.S3.A1", "part_of", "O1.S3", null),
    // O1.S1 has a pathway: its activities share it through the outline.
    link("O1.S1", "contributes_to", "OC1"),
    link("OC1", "contributes_to", "IMP", ""),
    // O1.S2.A1 contributes to an output that is only part of an outcome: the causal chain stops at OP1.
    link("O1.S2.A1", "contributes_to", "OP1"),
    link("OP1", "part_of", "OC2", null),
    link("OC2", "precondition_of", "OC1"),
    // O1.S3.A1 reaches the impact through OC2, a precondition of OC1.
    link("O1.S3.A1", "contributes_to", "OC2"),
  ],
  indicatorElements: measures("OC1", "OP1"),
};

describe("theory-of-change checks", () => {
  it("reports each problem of the documented example, naming its elements", () => {
    expect(summary(tocChecks(example))).toEqual([
      "noPathToImpact O1.S2.A1",
      "outcomeWithoutIndicator O1",
      "outcomeWithoutIndicator OC2",
      "linkWithoutAssumption OC1 IMP",
    ]);
  });

  it("an activity shares the pathway of the strategy it is part of, but a pathway is causal after that", () => {
    const findings = tocChecks(example);
    const flagged = findings.filter((f) => f.check === "noPathToImpact").map((f) => f.nodes[0].code);
    // O1.S1.A1 and A2 through O1.S1 → OC1 → IMP; O1.S3.A1 → OC2 → OC1 → IMP; O1.S2.A1 → OP1 stops there (OP1 is
    // only part of OC2); the dropped O1.S2.A2 is not checked.
    expect(flagged).toEqual(["O1.S2.A1"]);
    // Drawing the causal link from the output to the outcome gives it a pathway.
    const fixed = tocChecks({ ...example, links: [...example.links, link("OP1", "contributes_to", "OC2")] });
    expect(fixed.some((f) => f.check === "noPathToImpact")).toBe(false);
  });

  it("a pathway through a dropped element does not count, and a dropped impact is no impact", () => {
    const dropped = example.elements.map((e) =>
      e.code === "OC1" ? { ...e, status: "dropped" as const } : e,
    );
    const flagged = tocChecks({ ...example, elements: dropped })
      .filter((f) => f.check === "noPathToImpact")
      .map((f) => f.nodes[0].code);
    expect(flagged).toEqual(["O1.S1.A1", "O1.S1.A2", "O1.S2.A1", "O1.S3.A1"]);

    const noImpact = example.elements.map((e) =>
      e.code === "IMP" ? { ...e, status: "dropped" as const } : e,
    );
    expect(summary(tocChecks({ ...example, elements: noImpact })).slice(0, 1)).toEqual(["noImpact"]);
  });

  it("without an impact, says so once instead of flagging every activity", () => {
    const findings = tocChecks({
      elements: [element("O1", "objective"), element("O1.A1", "activity"), element("O1.A2", "activity")],
      links: [link("O1.A1", "part_of", "O1", null), link("O1.A2", "part_of", "O1", null)],
      indicatorElements: measures("O1"),
    });
    expect(summary(findings)).toEqual(["noImpact"]);
  });

  it("finds causal cycles, with their path, whatever the link kinds", () => {
    const findings = tocChecks({
      elements: [
        element("IMP", "impact"),
        element("A", "outcome"),
        element("B", "outcome"),
        element("C", "output"),
      ],
      links: [
        link("A", "contributes_to", "B"),
        link("B", "precondition_of", "C"),
        link("C", "contributes_to", "A"),
        link("A", "contributes_to", "IMP"),
        // The outline does not make cycles with causal links: this is a tree and a chain, not a loop.
        link("C", "part_of", "B", null),
      ],
      indicatorElements: measures("A", "B"),
    });
    expect(summary(findings)).toEqual(["cycle A>B>C>A"]);
    expect(describeFinding(findings[0] as Finding, translator("en"))).toBe(
      "These causal links go round in a circle: A → B → C → A. A change cannot cause itself: remove or reverse one of them.",
    );
  });

  it("a link without an assumption is a causal one whose rationale is missing or blank, between live elements", () => {
    const findings = tocChecks({
      elements: [
        element("IMP", "impact"),
        element("OC1", "outcome"),
        element("OC2", "outcome"),
        element("OC3", "outcome", "dropped"),
      ],
      links: [
        link("OC1", "contributes_to", "IMP", null),
        link("OC2", "precondition_of", "OC1", "   "),
        link("OC2", "contributes_to", "IMP", "Better laws, fewer arrests"),
        link("OC3", "contributes_to", "IMP", null),
        link("OC2", "part_of", "OC1", null),
      ],
      indicatorElements: measures("OC1", "OC2"),
    });
    expect(summary(findings)).toEqual(["linkWithoutAssumption OC1 IMP", "linkWithoutAssumption OC2 OC1"]);
    expect(findings[1]).toMatchObject({ linkKind: "precondition_of" });
    expect(describeFinding(findings[0] as Finding, translator("fr"))).toBe(
      "Le lien de OC1 vers IMP n’a pas d’hypothèse\u202f: expliquez pourquoi l’un devrait mener à l’autre.",
    );
  });

  it("an outcome or objective needs an indicator of its own; outputs and dropped outcomes do not", () => {
    const findings = tocChecks({
      elements: [
        element("IMP", "impact"),
        element("O1", "objective"),
        element("O1.S1", "strategy"),
        element("OC1", "outcome"),
        element("OC2", "outcome", "dropped"),
        element("OP1", "output"),
      ],
      links: [
        link("O1.S1", "part_of", "O1", null),
        link("O1", "contributes_to", "IMP"),
        link("OC1", "contributes_to", "IMP"),
      ],
      // An indicator of the strategy does not measure the objective it is part of.
      indicatorElements: measures("O1.S1", "OC1"),
    });
    expect(summary(findings)).toEqual(["outcomeWithoutIndicator O1"]);
  });

  it("on a canvas, reports only what the canvas draws, and the dropped elements it still shows", () => {
    const canvasCodes = ["IMP", "OC1", "O1.S1", "O1.S2.A1", "O1.S2.A2"];
    const findings = tocChecks({ ...example, canvasElementIds: canvasCodes.map((code) => `id-${code}`) });
    expect(summary(findings)).toEqual([
      // O1.S2.A1 is judged on the whole plan's graph, not only on what the canvas draws.
      "noPathToImpact O1.S2.A1",
      "linkWithoutAssumption OC1 IMP",
      "droppedOnCanvas O1.S2.A2",
    ]);
    expect(describeFinding(findings[2] as Finding, translator("en"))).toBe(
      "O1.S2.A2 was dropped from the plan but is still on this canvas. Remove it, or restore it in the plan.",
    );
    // An element of another plan (or none) named as a node is ignored.
    expect(summary(tocChecks({ ...example, canvasElementIds: ["nope"] }))).toEqual([]);
  });

  it("a cycle is reported on a canvas that draws any element of it", () => {
    const input = {
      elements: [element("IMP", "impact"), element("A", "outcome"), element("B", "outcome")],
      links: [
        link("A", "contributes_to", "B"),
        link("B", "contributes_to", "A"),
        link("B", "contributes_to", "IMP"),
      ],
      indicatorElements: measures("A", "B"),
    };
    expect(summary(tocChecks({ ...input, canvasElementIds: ["id-B"] }))).toEqual(["cycle A>B>A"]);
    expect(summary(tocChecks({ ...input, canvasElementIds: ["id-IMP"] }))).toEqual([]);
  });
});

// ---------------------------------------------------------------- properties of the cycle check

/** A random DAG: n elements in a hidden order, edges only from earlier to later ones. */
const dagArb = fc
  .integer({ min: 2, max: 14 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      order: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
      edges: fc.uniqueArray(
        fc
          .tuple(fc.nat(n - 1), fc.nat(n - 1), fc.constantFrom<LinkKind>("contributes_to", "precondition_of"))
          .filter(([a, b]) => a < b),
        { maxLength: 30, selector: ([a, b, kind]) => `${a} ${b} ${kind}` },
      ),
    }),
  )
  .map(({ order, edges }) => {
    const elements = order.map((_, index) => element(`E${index}`, "outcome"));
    const at = (rank: number) => `E${order.indexOf(rank)}`;
    return {
      elements,
      links: edges.map(([a, b, kind]) => link(at(a), kind, at(b))),
    };
  });

const edgeSet = (links: readonly TocLink[]) =>
  new Set(links.filter((l) => l.kind !== "part_of").map((l) => `${l.fromId}>${l.toId}`));

/** Whether a node can reach itself through one or more links: exactly the nodes on some cycle. */
function onSomeCycle(links: readonly TocLink[]): Set<string> {
  const next = new Map<string, string[]>();
  for (const l of links)
    if (l.kind !== "part_of") next.set(l.fromId, [...(next.get(l.fromId) ?? []), l.toId]);
  const result = new Set<string>();
  for (const start of next.keys()) {
    const seen = new Set<string>();
    const stack = [...(next.get(start) ?? [])];
    while (stack.length > 0) {
      const node = stack.pop() as string;
      if (node === start) {
        result.add(start);
        break;
      }
      if (seen.has(node)) continue;
      seen.add(node);
      stack.push(...(next.get(node) ?? []));
    }
  }
  return result;
}

describe("the cycle check on random graphs", () => {
  it("a directed acyclic graph gives no cycle finding", () => {
    fc.assert(
      fc.property(dagArb, ({ elements, links }) => {
        expect(causalCycles(elements, links)).toEqual([]);
        expect(
          tocChecks({ elements, links, indicatorElements: [] }).filter((f) => f.check === "cycle"),
        ).toEqual([]);
      }),
    );
  });

  it("adding back edges yields cycles that are real, and name every element on a cycle", () => {
    fc.assert(
      fc.property(
        dagArb,
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }),
        ({ elements, links }, picks) => {
          // A back edge goes from an element to one of the elements upstream of it, closing at least one cycle.
          const ids = elements.map((e) => e.id);
          const extra: TocLink[] = [];
          for (const [x, y] of picks) {
            const from = ids[x % ids.length] as string;
            const upstream = [...ids].filter((id) => reaches([...links, ...extra], id, from));
            const to = upstream[y % upstream.length] ?? from;
            if (to !== from) extra.push(link(from.slice(3), "contributes_to", to.slice(3)));
          }
          fc.pre(extra.length > 0);
          const all = [...links, ...extra];
          const edges = edgeSet(all);
          const cycles = causalCycles(elements, all);
          expect(cycles.length).toBeGreaterThan(0);
          for (const cycle of cycles) {
            expect(new Set(cycle).size).toBe(cycle.length);
            cycle.forEach((node, index) => {
              const next = cycle[(index + 1) % cycle.length] as string;
              expect(edges.has(`${node}>${next}`)).toBe(true);
            });
          }
          expect(new Set(cycles.flat())).toEqual(onSomeCycle(all));
          const findings = tocChecks({ elements, links: all, indicatorElements: [] }).filter(
            (f) => f.check === "cycle",
          );
          expect(findings.map((f) => (f.check === "cycle" ? f.path.map((n) => n.id) : []))).toEqual(
            cycles.map((cycle) => [...cycle, cycle[0]]),
          );
        },
      ),
    );
  });
});

/** Whether `from` reaches `to` through causal links (or is it). */
function reaches(links: readonly TocLink[], from: string, to: string): boolean {
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length > 0) {
    const node = stack.pop() as string;
    if (node === to) return true;
    for (const l of links)
      if (l.fromId === node && l.kind !== "part_of" && !seen.has(l.toId)) {
        seen.add(l.toId);
        stack.push(l.toId);
      }
  }
  return false;
}
