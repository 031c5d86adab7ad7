import { compareCodes } from "../plan-graph/graph";
import type {
  ElementKind,
  ElementLevel,
  ElementStatus,
  LocalizedText,
  linkKinds,
} from "../plan-graph/vocabulary";

/**
 * Causal pathways through a plan graph, pure (no I/O). `pathways.server.ts` computes the same answers with a
 * recursive query; this module is the reference its tests compare against, and what the checks (`checks.ts`) use
 * to decide which activities have a pathway. The rules are in docs/toc.md ("Pathways"):
 *
 * - a pathway starts at an element, may first climb the outline (`part_of`, child → parent: an activity shares the
 *   pathways of the strategy it carries out), then follows causal links (`contributes_to`, `precondition_of`,
 *   cause → effect) only, and needs at least one causal link;
 * - it ends at the first impact it reaches, or, in a plan without an impact, at an element with no outgoing causal
 *   link;
 * - dropped elements carry no pathway (nothing leads into, out of or through them), and a pathway never visits an
 *   element twice (bad data with causal cycles still gives a finite answer).
 */

export type LinkKind = (typeof linkKinds)[number];
export const causalLinkKinds = ["contributes_to", "precondition_of"] as const satisfies readonly LinkKind[];
export const isCausal = (kind: LinkKind) => kind !== "part_of";

export type TocElement = {
  id: string;
  code: string;
  kind: ElementKind;
  status: ElementStatus;
  level?: ElementLevel | null;
};
export type TocLink = { kind: LinkKind; fromId: string; toId: string; rationale?: LocalizedText | null };
export type ElementRef = { id: string; code: string };

/** An element of a pathway and the kind of link that led to it (null for the element it starts from). */
export type PathwayStep = ElementRef & { via: LinkKind | null };
export type Pathway = PathwayStep[];

/**
 * `maxDepth`: the most links a pathway may have; `maxPathways`: the most pathways returned. Both bound the work as
 * well as the answer.
 */
export type PathwayLimits = { maxDepth: number; maxPathways: number };
export const defaultPathwayLimits: PathwayLimits = { maxDepth: 25, maxPathways: 100 };
/** What callers may ask for at most, so that a typed-in limit cannot make a request run for ever. */
export const pathwayLimitCeiling: PathwayLimits = { maxDepth: 100, maxPathways: 1000 };

/** Limits clamped to 1…ceiling; anything unreadable falls back to the default. */
export function pathwayLimits(requested: Partial<PathwayLimits> = {}): PathwayLimits {
  const clamp = (value: number | undefined, fallback: number, ceiling: number) =>
    value === undefined || !Number.isFinite(value)
      ? fallback
      : Math.min(Math.max(Math.trunc(value), 1), ceiling);
  return {
    maxDepth: clamp(requested.maxDepth, defaultPathwayLimits.maxDepth, pathwayLimitCeiling.maxDepth),
    maxPathways: clamp(
      requested.maxPathways,
      defaultPathwayLimits.maxPathways,
      pathwayLimitCeiling.maxPathways,
    ),
  };
}

/** `impact`: pathways end at impacts; `end`: the plan has no impact, so they end where causal links stop. */
export type PathwayTarget = "impact" | "end";

export type PathwaysResult = {
  from: ElementRef;
  target: PathwayTarget;
  /** The limits the search ran with (after clamping). */
  limits: PathwayLimits;
  /** Shortest first, then by the codes along them. */
  pathways: Pathway[];
  /**
   * Which limit cut the search short, if any. `pathways`: more than `maxPathways` pathways were found, or more
   * than `maxPathways` walks were under way at once (each leads to at least one pathway, perhaps longer than
   * `maxDepth`) and only some were walked on; the pathways listed are the shortest found, at most `maxPathways`.
   * `depth`: a walk was cut at `maxDepth` links with steps left to take (longer pathways may exist).
   */
  limitReached: "pathways" | "depth" | null;
};

type Step = { to: string; kind: LinkKind };

/** The walkable graph of a plan: live (not dropped) elements and the links between them, with what can be reached. */
export type PathwayGraph = {
  elements: ReadonlyMap<string, TocElement>;
  target: PathwayTarget;
  targets: ReadonlySet<string>;
  /** Live element id → its links out to live elements, outline and causal, in a stable order. */
  stepsFrom: ReadonlyMap<string, readonly Step[]>;
  /** Elements from which causal links lead to a target (targets included). */
  reaching: ReadonlySet<string>;
  /**
   * Elements that may have a pathway: those with a causal link into `reaching`, and everything below them in the
   * outline. A `part_of` step is only worth taking towards one of these. It is exact but for a pathway that
   * would have to end at an element it started from or climbed through (an impact the element is part of):
   * `hasPathway` decides.
   */
  withPathway: ReadonlySet<string>;
};

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `planHasImpact`: whether the whole plan has an impact (not dropped), when `elements` is only the part a reader
 * may see; pathways end at impacts or where causal links stop according to the whole plan (docs/toc.md, "Who sees
 * what"). By default it is read from `elements`.
 */
export function pathwayGraph(
  elements: readonly TocElement[],
  links: readonly TocLink[],
  planHasImpact?: boolean,
): PathwayGraph {
  const all = new Map(elements.map((element) => [element.id, element]));
  const live = new Set(
    elements.filter((element) => element.status !== "dropped").map((element) => element.id),
  );
  const stepsFrom = new Map<string, Step[]>();
  const causalInto = new Map<string, string[]>();
  const outlineInto = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const link of links) {
    if (!live.has(link.fromId) || !live.has(link.toId) || link.fromId === link.toId) continue;
    const key = `${link.kind} ${link.fromId} ${link.toId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const steps = stepsFrom.get(link.fromId) ?? [];
    steps.push({ to: link.toId, kind: link.kind });
    stepsFrom.set(link.fromId, steps);
    const into = isCausal(link.kind) ? causalInto : outlineInto;
    into.set(link.toId, [...(into.get(link.toId) ?? []), link.fromId]);
  }
  for (const steps of stepsFrom.values()) steps.sort((a, b) => byKey(a.to, b.to) || byKey(a.kind, b.kind));

  const impacts = [...live].filter((id) => all.get(id)?.kind === "impact");
  const target: PathwayTarget = (planHasImpact ?? impacts.length > 0) ? "impact" : "end";
  const targets = new Set(
    target === "impact"
      ? impacts
      : [...live].filter((id) => !(stepsFrom.get(id) ?? []).some((step) => isCausal(step.kind))),
  );

  const closure = (start: Iterable<string>, into: ReadonlyMap<string, readonly string[]>) => {
    const found = new Set(start);
    const queue = [...found];
    while (queue.length > 0) {
      const id = queue.pop() as string;
      for (const previous of into.get(id) ?? [])
        if (!found.has(previous)) {
          found.add(previous);
          queue.push(previous);
        }
    }
    return found;
  };
  const reaching = closure(targets, causalInto);
  const carriers = [...live].filter((id) =>
    (stepsFrom.get(id) ?? []).some((step) => isCausal(step.kind) && reaching.has(step.to)),
  );
  const withPathway = closure(carriers, outlineInto);
  return { elements: all, target, targets, stepsFrom, reaching, withPathway };
}

/**
 * Whether an element has at least one pathway, without listing them: for some element on its way up the outline
 * (itself included), causal links lead to a target that is not the element or one it climbed through.
 */
export function hasPathway(graph: PathwayGraph, id: string): boolean {
  if (!graph.withPathway.has(id)) return false;
  const leadsOut = (from: string, climbed: ReadonlySet<string>) => {
    const seen = new Set<string>();
    const queue = [from];
    while (queue.length > 0) {
      const node = queue.pop() as string;
      for (const step of graph.stepsFrom.get(node) ?? []) {
        if (!isCausal(step.kind) || seen.has(step.to) || !graph.reaching.has(step.to)) continue;
        if (graph.targets.has(step.to) && !climbed.has(step.to)) return true;
        seen.add(step.to);
        queue.push(step.to);
      }
    }
    return false;
  };
  const climb = (node: string, climbed: Set<string>): boolean => {
    if (leadsOut(node, climbed)) return true;
    for (const step of graph.stepsFrom.get(node) ?? [])
      if (step.kind === "part_of" && !climbed.has(step.to) && graph.withPathway.has(step.to)) {
        climbed.add(step.to);
        if (climb(step.to, climbed)) return true;
        climbed.delete(step.to);
      }
    return false;
  };
  return climb(id, new Set([id]));
}

const refOf = (graph: PathwayGraph, id: string): ElementRef => ({
  id,
  code: graph.elements.get(id)?.code ?? id,
});

/** Shortest first, then element by element by code, then by the kinds of the links. */
export function comparePathways(a: Pathway, b: Pathway): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let index = 0; index < a.length; index++) {
    const left = a[index] as PathwayStep;
    const right = b[index] as PathwayStep;
    const order = compareCodes(left.code, right.code) || byKey(left.id, right.id);
    if (order !== 0) return order;
  }
  for (let index = 0; index < a.length; index++) {
    const order = byKey(a[index]?.via ?? "", b[index]?.via ?? "");
    if (order !== 0) return order;
  }
  return 0;
}

type Walk = { id: string; path: string[]; kinds: LinkKind[]; causal: boolean; terminal: boolean };

/** The fixed order in which the walks of one level are taken when there are too many: by element ids, then link
 *  kinds, compared as PostgreSQL compares `uuid[]` and text in the "C" collation (the same on every server). */
const walkKey = (walk: Walk) => `${walk.path.join(" ")}|${walk.kinds.join(",")}`;

/**
 * Every pathway from an element (see the module's rules), breadth first, exactly as the recursive query of
 * ./pathways.server.ts walks: all walks of n links, then of n + 1; a walk stops at a target; of a level with more
 * walks than `maxPathways`, only the first `maxPathways` in a fixed order are walked on, and nothing past
 * `maxDepth`. So the work is bounded by about `maxDepth × maxPathways` walks times the links out of an element,
 * whatever the shape of the graph. Null when the element is not in the graph.
 */
export function pathwaysFrom(
  graph: PathwayGraph,
  startId: string,
  limits: PathwayLimits = defaultPathwayLimits,
): PathwaysResult | null {
  if (!graph.elements.has(startId)) return null;
  const found: Walk[] = [];
  let wide = false;
  let depthCut = false;
  let level: Walk[] = [{ id: startId, path: [startId], kinds: [], causal: false, terminal: false }];
  for (let depth = 1; depth <= limits.maxDepth + 1 && level.length > 0; depth++) {
    const next: Walk[] = [];
    for (const walk of level.slice(0, limits.maxPathways)) {
      if (walk.terminal) continue;
      for (const step of graph.stepsFrom.get(walk.id) ?? []) {
        if (walk.path.includes(step.to)) continue;
        const causal = isCausal(step.kind);
        if (causal ? !graph.reaching.has(step.to) : walk.causal || !graph.withPathway.has(step.to)) continue;
        const seenCausal = walk.causal || causal;
        next.push({
          id: step.to,
          path: [...walk.path, step.to],
          kinds: [...walk.kinds, step.kind],
          causal: seenCausal,
          terminal: seenCausal && graph.targets.has(step.to),
        });
      }
    }
    if (depth > limits.maxDepth) {
      if (next.length > 0) depthCut = true;
    } else {
      found.push(...next.filter((walk) => walk.terminal));
      // More walks under way than pathways wanted (each leads to at least one pathway): only the first are
      // walked on.
      if (next.length > limits.maxPathways) {
        wide = true;
        next.sort((a, b) => byKey(walkKey(a), walkKey(b)));
      }
    }
    level = next;
  }
  const limitReached: PathwaysResult["limitReached"] =
    wide || found.length > limits.maxPathways ? "pathways" : depthCut ? "depth" : null;
  const pathways = found
    .map((walk) =>
      walk.path.map(
        (id, index): PathwayStep => ({
          ...refOf(graph, id),
          via: index === 0 ? null : (walk.kinds[index - 1] as LinkKind),
        }),
      ),
    )
    .sort(comparePathways)
    .slice(0, limits.maxPathways);
  return { from: refOf(graph, startId), target: graph.target, limits, pathways, limitReached };
}
