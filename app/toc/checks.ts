import type { Translate } from "../i18n/i18n";
import { compareCodes } from "../plan-graph/graph";
import {
  type ElementRef,
  hasPathway,
  isCausal,
  type LinkKind,
  pathwayGraph,
  type TocElement,
  type TocLink,
} from "./pathways";

/**
 * The theory-of-change checks, pure (no I/O): what a canvas's side panel lists. Each finding has a stable `check`
 * (its message is `toc.check.<check>` in ./messages.ts) and names the elements involved, by id and code. What each
 * check means, with examples, is in docs/toc.md ("Checks").
 */

export const checkCodes = [
  "cycle",
  "noImpact",
  "noPathToImpact",
  "outcomeWithoutIndicator",
  "linkWithoutAssumption",
  "droppedOnCanvas",
] as const;
export type CheckCode = (typeof checkCodes)[number];

export type Finding =
  /** Causal links that go round: `path` is one cycle, its first element repeated at the end. */
  | { check: "cycle"; nodes: ElementRef[]; path: ElementRef[] }
  /** The plan has no impact (not dropped): no activity can have a pathway to one. Names no element. */
  | { check: "noImpact"; nodes: [] }
  /** An activity with no causal pathway to an impact (see docs/toc.md: the outline lends its pathways). */
  | { check: "noPathToImpact"; nodes: [ElementRef] }
  /** An outcome or objective that no indicator measures. */
  | { check: "outcomeWithoutIndicator"; nodes: [ElementRef] }
  /** A causal link with no assumption (rationale): `nodes` are its cause and its effect. */
  | { check: "linkWithoutAssumption"; nodes: [ElementRef, ElementRef]; linkKind: LinkKind }
  /** An element dropped from the plan that is still drawn on the canvas. */
  | { check: "droppedOnCanvas"; nodes: [ElementRef] };

export type CheckInput = {
  elements: readonly TocElement[];
  links: readonly TocLink[];
  /** Which indicator measures which element. */
  indicatorElements: readonly { indicatorId: string; elementId: string }[];
  /**
   * The elements drawn on the canvas being checked; absent or null: the whole plan is checked (and
   * `droppedOnCanvas` does not apply).
   */
  canvasElementIds?: readonly string[] | null;
};

const measuredKinds = new Set(["outcome", "objective"]);

export function tocChecks({ elements, links, indicatorElements, canvasElementIds }: CheckInput): Finding[] {
  const byId = new Map(elements.map((element) => [element.id, element]));
  const ref = (id: string): ElementRef => ({ id, code: byId.get(id)?.code ?? id });
  const canvas = canvasElementIds ? new Set(canvasElementIds.filter((id) => byId.has(id))) : null;
  const onCanvas = (id: string) => canvas === null || canvas.has(id);
  const live = (element: TocElement) => element.status !== "dropped";
  const ordered = [...elements].sort((a, b) => compareCodes(a.code, b.code));
  const findings: Finding[] = [];

  const causalLinks = links.filter(
    (link) => isCausal(link.kind) && byId.has(link.fromId) && byId.has(link.toId),
  );
  for (const cycle of causalCycles(elements, causalLinks))
    if (cycle.some(onCanvas)) {
      const nodes = cycle.map(ref);
      findings.push({ check: "cycle", nodes, path: [...nodes, nodes[0] as ElementRef] });
    }

  const graph = pathwayGraph(elements, links);
  if (graph.target === "end") findings.push({ check: "noImpact", nodes: [] });
  else
    for (const element of ordered)
      if (
        element.kind === "activity" &&
        live(element) &&
        onCanvas(element.id) &&
        !hasPathway(graph, element.id)
      )
        findings.push({ check: "noPathToImpact", nodes: [ref(element.id)] });

  const measured = new Set(indicatorElements.map((link) => link.elementId));
  for (const element of ordered)
    if (measuredKinds.has(element.kind) && live(element) && onCanvas(element.id) && !measured.has(element.id))
      findings.push({ check: "outcomeWithoutIndicator", nodes: [ref(element.id)] });

  const linkOrder = (a: TocLink, b: TocLink) =>
    compareCodes(ref(a.fromId).code, ref(b.fromId).code) ||
    compareCodes(ref(a.toId).code, ref(b.toId).code) ||
    (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0);
  for (const link of [...causalLinks].sort(linkOrder)) {
    const from = byId.get(link.fromId) as TocElement;
    const to = byId.get(link.toId) as TocElement;
    if (!live(from) || !live(to) || !onCanvas(from.id) || !onCanvas(to.id)) continue;
    if (link.rationale?.en?.trim()) continue;
    findings.push({
      check: "linkWithoutAssumption",
      nodes: [ref(from.id), ref(to.id)],
      linkKind: link.kind,
    });
  }

  if (canvas !== null)
    for (const element of ordered)
      if (!live(element) && canvas.has(element.id))
        findings.push({ check: "droppedOnCanvas", nodes: [ref(element.id)] });

  return findings;
}

/**
 * Cycles among causal links, each as the ordered list of its elements (an edge leads from each to the next, and
 * from the last back to the first), enough of them that every element on some cycle is on one of them: for each
 * strongly connected component, a shortest cycle through each element not yet covered, in code order. A tangle of
 * n elements gives at most n cycles, never the exponential number of all of them.
 */
export function causalCycles(elements: readonly TocElement[], links: readonly TocLink[]): string[][] {
  const codeOf = new Map(elements.map((element) => [element.id, element.code]));
  const byCode = (a: string, b: string) =>
    compareCodes(codeOf.get(a) ?? a, codeOf.get(b) ?? b) || (a < b ? -1 : 1);
  const next = new Map<string, string[]>();
  for (const link of links) {
    if (!isCausal(link.kind)) continue;
    const targets = next.get(link.fromId) ?? [];
    if (!targets.includes(link.toId)) targets.push(link.toId);
    next.set(link.fromId, targets);
  }
  for (const targets of next.values()) targets.sort(byCode);
  const nodes = [...new Set([...next.keys(), ...[...next.values()].flat()])].sort(byCode);

  const cycles: string[][] = [];
  for (const component of stronglyConnected(nodes, next)) {
    const members = new Set(component);
    const selfLoop =
      component.length === 1 && (next.get(component[0] as string) ?? []).includes(component[0] as string);
    if (component.length === 1 && !selfLoop) continue;
    const covered = new Set<string>();
    for (const start of [...component].sort(byCode)) {
      if (covered.has(start)) continue;
      const cycle = shortestCycleThrough(start, next, members);
      for (const node of cycle) covered.add(node);
      cycles.push(cycle);
    }
  }
  return cycles.sort((a, b) => byCode(a[0] as string, b[0] as string) || a.length - b.length);
}

/** Tarjan's algorithm, iterative (a large graph must not overflow the stack). */
function stronglyConnected(
  nodes: readonly string[],
  next: ReadonlyMap<string, readonly string[]>,
): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const frames: { node: string; edge: number }[] = [{ node: root, edge: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as { node: string; edge: number };
      const targets = next.get(frame.node) ?? [];
      if (frame.edge < targets.length) {
        const target = targets[frame.edge++] as string;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          frames.push({ node: target, edge: 0 });
        } else if (onStack.has(target))
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(target) as number));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent)
        low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}

/** A shortest cycle through `start` within its component (breadth first, neighbours in code order). */
function shortestCycleThrough(
  start: string,
  next: ReadonlyMap<string, readonly string[]>,
  members: ReadonlySet<string>,
): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as string;
    for (const target of next.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const cycle = [node];
        for (let back = node; back !== start; ) {
          back = previous.get(back) as string;
          cycle.unshift(back);
        }
        return cycle;
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start]; // unreachable: every member of a strongly connected component lies on a cycle
}

/** A finding in words, in the reader's language, with the elements' codes. */
export function describeFinding(finding: Finding, t: Translate): string {
  switch (finding.check) {
    case "cycle":
      return t("toc.check.cycle", { path: finding.path.map((node) => node.code).join(" → ") });
    case "noImpact":
      return t("toc.check.noImpact");
    case "linkWithoutAssumption":
      return t("toc.check.linkWithoutAssumption", { from: finding.nodes[0].code, to: finding.nodes[1].code });
    default:
      return t(`toc.check.${finding.check}`, { code: finding.nodes[0].code });
  }
}
