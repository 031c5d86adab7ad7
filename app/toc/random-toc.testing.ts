import fc from "fast-check";
import type { ElementKind, ElementStatus } from "../plan-graph/vocabulary";
import { isCausal, type LinkKind, type TocElement, type TocLink } from "./pathways";

/**
 * Random plan graphs for the theory-of-change tests (app/toc/*.test.ts, tests/integration/toc-*.test.ts). Test code,
 * kept beside the unit tests that use it because app/ never imports from tests/; no app module imports it.
 */

export type RandomPlan = { elements: TocElement[]; links: TocLink[] };

/**
 * A random plan: an outline (each element part of at most one earlier one) and causal links in any direction
 * (so there may be cycles), some dropped elements, and an impact or not.
 */
export const randomPlanArb = (maxElements: number) =>
  fc.integer({ min: 2, max: maxElements }).chain((n) =>
    fc
      .record({
        kinds: fc.array(fc.constantFrom<ElementKind>("impact", "outcome", "output", "strategy", "activity"), {
          minLength: n,
          maxLength: n,
        }),
        dropped: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        parents: fc.array(fc.option(fc.nat(n - 1), { freq: 2 }), { minLength: n, maxLength: n }),
        causal: fc.uniqueArray(
          fc.tuple(
            fc.nat(n - 1),
            fc.nat(n - 1),
            fc.constantFrom<LinkKind>("contributes_to", "precondition_of"),
          ),
          { maxLength: n * 3, selector: ([a, b, kind]) => `${a} ${b} ${kind}` },
        ),
        dropRate: fc.constantFrom(0, 0, 0.2),
      })
      .map(({ kinds, dropped, parents, causal, dropRate }): RandomPlan => {
        const elements = kinds.map((kind, index) => ({
          id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
          code: `E${index}`,
          kind,
          status: (dropRate > 0 && dropped[index] ? "dropped" : "active") as ElementStatus,
        }));
        const id = (index: number) => (elements[index] as TocElement).id;
        const links: TocLink[] = [];
        parents.forEach((parent, index) => {
          if (parent !== null && parent < index)
            links.push({ kind: "part_of", fromId: id(index), toId: id(parent) });
        });
        for (const [a, b, kind] of causal) if (a !== b) links.push({ kind, fromId: id(a), toId: id(b) });
        return { elements, links };
      }),
  );

/** Every pathway by depth-first search over all simple walks, straight from the rules, with no pruning. */
export function bruteForcePathways({ elements, links }: RandomPlan, start: string): string[] {
  const live = new Set(elements.filter((e) => e.status !== "dropped").map((e) => e.id));
  const steps = links.filter((l) => live.has(l.fromId) && live.has(l.toId));
  const impacts = elements.filter((e) => live.has(e.id) && e.kind === "impact").map((e) => e.id);
  const targets = new Set(
    impacts.length > 0
      ? impacts
      : [...live].filter((id) => !steps.some((l) => l.fromId === id && isCausal(l.kind))),
  );
  const found: string[] = [];
  const walk = (node: string, path: string[], kinds: string[], causal: boolean) => {
    for (const step of steps) {
      if (step.fromId !== node || path.includes(step.toId)) continue;
      if (!isCausal(step.kind) && causal) continue;
      const seenCausal = causal || isCausal(step.kind);
      const next = [...path, step.toId];
      const nextKinds = [...kinds, step.kind];
      if (seenCausal && targets.has(step.toId)) found.push(`${next.join(">")} ${nextKinds.join(",")}`);
      else walk(step.toId, next, nextKinds, seenCausal);
    }
  };
  walk(start, [start], [], false);
  return found.sort();
}

/**
 * A random plan with many pathways: activities (some part of a strategy), then layers of outputs and outcomes,
 * then impacts, with links from each layer to the next, a few skipping a layer and, with `cycles`, a few going
 * back (the number of simple walks then explodes: fine for the bounded search, not for a brute-force one).
 */
export const layeredPlanArb = ({ cycles }: { cycles: boolean }) =>
  fc
    .record({
      widths: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 6 }),
      density: fc.double({ min: 0.3, max: 1, noNaN: true }),
      coins: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 400, maxLength: 400 }),
    })
    .map(({ widths, density, coins }): RandomPlan => {
      let coin = 0;
      const flip = (p: number) => (coins[coin++ % coins.length] as number) < p;
      const elements: TocElement[] = [];
      const layers: string[][] = widths.map((width, layer) =>
        Array.from({ length: width }, (_, index) => {
          const kind: ElementKind =
            layer === 0
              ? "activity"
              : layer === widths.length - 1
                ? "impact"
                : layer % 2
                  ? "output"
                  : "outcome";
          const id = `00000000-0000-4000-8000-${String(elements.length).padStart(12, "0")}`;
          elements.push({ id, code: `L${layer}.E${index}`, kind, status: "active" });
          return id;
        }),
      );
      const strategy = `00000000-0000-4000-8000-${String(elements.length).padStart(12, "0")}`;
      elements.push({ id: strategy, code: "S", kind: "strategy", status: "active" });
      const links: TocLink[] = [];
      const add = (fromId: string, kind: LinkKind, toId: string) => {
        if (fromId !== toId && !links.some((l) => l.kind === kind && l.fromId === fromId && l.toId === toId))
          links.push({ kind, fromId, toId });
      };
      for (const activity of layers[0] ?? []) if (flip(0.5)) add(activity, "part_of", strategy);
      layers.forEach((layer, index) => {
        for (const from of layer) {
          for (const to of layers[index + 1] ?? [])
            if (flip(density)) add(from, flip(0.8) ? "contributes_to" : "precondition_of", to);
          for (const to of layers[index + 2] ?? []) if (flip(0.1)) add(from, "contributes_to", to);
          if (cycles)
            for (const to of layers[index - 1] ?? [])
              if (index > 1 && flip(0.05)) add(from, "contributes_to", to);
        }
      });
      for (const to of layers[1] ?? []) if (flip(0.5)) add(strategy, "contributes_to", to);
      return { elements, links };
    });
