import type { ElementStatus, linkKinds } from "../plan-graph/vocabulary";
import type { IndicatorAssessment, RollUpIndicator } from "./indicator";
import { bandOf, isJudged, type NotApplicableReason, type RollUpRules, type RollUpStatus } from "./rules";

/**
 * Element status rolled up the plan graph: a weighted mean of the scores of an element's judged inputs (its own
 * indicators, its `part_of` children and the elements that `contributes_to` it), N/A ignored. Pure. The rules, with
 * worked examples, are in docs/rollup.md ("Elements and the plan").
 */

export type RollUpElement = {
  id: string;
  status: ElementStatus;
  /** Its weight among the inputs of each element it rolls up into; default 1, must be > 0. */
  weight?: number;
};

export type LinkKind = (typeof linkKinds)[number];
export type RollUpLink = { kind: LinkKind; fromId: string; toId: string };

/** One input of an element (or of the plan) as it was counted. */
export type RollUpInput = {
  kind: "indicator" | "element";
  id: string;
  weight: number;
  status: RollUpStatus;
  score: number | null;
};

/** An element's (or the plan's) roll-up. */
export type NodeRollUp = {
  status: RollUpStatus;
  reason: NotApplicableReason | null;
  /** The weighted mean of the judged inputs' scores; null when none is judged. */
  score: number | null;
  /** Weight of the judged inputs, and of all inputs: the share of the roll-up that rests on data. */
  judgedWeight: number;
  totalWeight: number;
  /** Every input, judged or not, in a stable order: indicators, then elements, each by id. */
  inputs: RollUpInput[];
};

export type ElementRollUp = NodeRollUp & { elementId: string };

/** The roll-up graph: for each element, what it is computed from, after cycles and shortcuts are removed. */
export type RollUpGraph = {
  /** Element id → ids of the child elements it is computed from. */
  children: Map<string, string[]>;
  /** Element id → ids of the indicators it is computed from directly. */
  indicators: Map<string, string[]>;
  /** Elements with no roll-up parent (not dropped): the inputs of the plan. */
  roots: string[];
  /** `contributes_to` links left out because they would close a cycle with the outline or other causal links. */
  ignoredLinks: RollUpLink[];
};

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function weightOf(item: { weight?: number }): number {
  const weight = item.weight ?? 1;
  if (!(Number.isFinite(weight) && weight > 0))
    throw new RangeError(`weights must be positive, got ${weight}`);
  return weight;
}

/**
 * Builds the roll-up graph:
 * 1. edges child → parent from `part_of` and `contributes_to` (`precondition_of` does not roll up); a child linked
 *    to the same parent both ways counts once; links touching a dropped element are left out, so nothing rolls up
 *    into or through a dropped element (a dropped child is still listed as a not-applicable input of its parent);
 * 2. `part_of` first, then `contributes_to`, each in (from, to) order: a link that would close a cycle is ignored;
 * 3. shortcuts are removed: a child that is also a descendant of another child of the same parent counts only
 *    through that child, and an indicator measuring an element and one of its descendants counts only below.
 */
export function buildRollUpGraph({
  elements,
  links,
  indicators,
}: {
  elements: readonly RollUpElement[];
  links: readonly RollUpLink[];
  indicators: readonly RollUpIndicator[];
}): RollUpGraph {
  const known = new Map(elements.map((element) => [element.id, element]));
  const dropped = (id: string) => known.get(id)?.status === "dropped";
  const parents = new Map<string, Set<string>>();
  const childrenOf = new Map<string, Set<string>>();
  const ignoredLinks: RollUpLink[] = [];

  const reachesUp = (from: string, target: string): boolean => {
    const stack = [from];
    const seen = new Set<string>();
    while (stack.length) {
      const id = stack.pop() as string;
      if (id === target) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const parent of parents.get(id) ?? []) stack.push(parent);
    }
    return false;
  };

  const ordered = (kind: LinkKind) =>
    links
      .filter((link) => link.kind === kind)
      .sort((a, b) => byId(a.fromId, b.fromId) || byId(a.toId, b.toId));
  for (const link of [...ordered("part_of"), ...ordered("contributes_to")]) {
    const { fromId: child, toId: parent } = link;
    if (!known.has(child) || !known.has(parent) || child === parent) continue;
    if (parents.get(child)?.has(parent)) continue; // linked both ways: counted once
    // A dropped parent takes no inputs; a dropped child is kept as an input but passes nothing up.
    if (dropped(parent)) continue;
    if (reachesUp(parent, child)) {
      ignoredLinks.push(link);
      continue;
    }
    parents.set(child, (parents.get(child) ?? new Set()).add(parent));
    childrenOf.set(parent, (childrenOf.get(parent) ?? new Set()).add(child));
  }

  // What lies below each element, through elements that are not dropped.
  const below = new Map<string, Set<string>>();
  const descendants = (id: string): Set<string> => {
    const cached = below.get(id);
    if (cached) return cached;
    const found = new Set<string>();
    below.set(id, found);
    if (!dropped(id))
      for (const child of childrenOf.get(id) ?? []) {
        found.add(child);
        for (const further of descendants(child)) found.add(further);
      }
    return found;
  };

  const measuredBy = new Map<string, string[]>();
  for (const indicator of indicators)
    for (const elementId of new Set(indicator.elementIds))
      if (known.has(elementId))
        measuredBy.set(elementId, [...(measuredBy.get(elementId) ?? []), indicator.id]);

  const children = new Map<string, string[]>();
  const direct = new Map<string, string[]>();
  for (const element of elements) {
    if (dropped(element.id)) {
      children.set(element.id, []);
      direct.set(element.id, []);
      continue;
    }
    const own = [...(childrenOf.get(element.id) ?? [])];
    const kept = own.filter(
      (child) => !own.some((other) => other !== child && descendants(other).has(child)),
    );
    children.set(element.id, kept.sort(byId));
    const measuredBelow = new Set(
      [...descendants(element.id)].filter((id) => !dropped(id)).flatMap((id) => measuredBy.get(id) ?? []),
    );
    direct.set(
      element.id,
      [...new Set(measuredBy.get(element.id) ?? [])].filter((id) => !measuredBelow.has(id)).sort(byId),
    );
  }
  const roots = elements
    .filter((element) => !dropped(element.id) && !parents.has(element.id))
    .map((element) => element.id)
    .sort(byId);
  return { children, indicators: direct, roots, ignoredLinks };
}

/**
 * Combines inputs: the weighted mean of the judged ones' scores, banded. With none judged: `no_data` if any input
 * is `no_data`, else `not_yet_due` if any is, else `not_applicable` (`notMeasured`).
 */
export function combineInputs(inputs: RollUpInput[], rules: RollUpRules): NodeRollUp {
  const judged = inputs.filter((input) => isJudged(input.status) && input.score !== null);
  const totalWeight = inputs.reduce((sum, input) => sum + input.weight, 0);
  const judgedWeight = judged.reduce((sum, input) => sum + input.weight, 0);
  if (judged.length > 0) {
    const score =
      judged.reduce((sum, input) => sum + input.weight * (input.score as number), 0) / judgedWeight;
    return { status: bandOf(score, rules.bands), reason: null, score, judgedWeight, totalWeight, inputs };
  }
  const status: RollUpStatus = inputs.some((input) => input.status === "no_data")
    ? "no_data"
    : inputs.some((input) => input.status === "not_yet_due")
      ? "not_yet_due"
      : "not_applicable";
  return {
    status,
    reason: status === "not_applicable" ? "notMeasured" : null,
    score: null,
    judgedWeight,
    totalWeight,
    inputs,
  };
}

/** Rolls the indicator assessments up the graph: every element, and the plan (over the roots). */
export function rollUpElements({
  elements,
  indicators,
  graph,
  assessments,
  rules,
}: {
  elements: readonly RollUpElement[];
  indicators: readonly RollUpIndicator[];
  graph: RollUpGraph;
  assessments: ReadonlyMap<string, IndicatorAssessment>;
  rules: RollUpRules;
}): { elements: ElementRollUp[]; plan: NodeRollUp } {
  const elementById = new Map(elements.map((element) => [element.id, element]));
  const indicatorWeight = new Map(indicators.map((indicator) => [indicator.id, weightOf(indicator)]));
  const done = new Map<string, ElementRollUp>();

  const elementInput = (id: string): RollUpInput => {
    const result = rollUpOf(id);
    return {
      kind: "element",
      id,
      weight: weightOf(elementById.get(id) as RollUpElement),
      status: result.status,
      score: result.score,
    };
  };
  const rollUpOf = (id: string): ElementRollUp => {
    const cached = done.get(id);
    if (cached) return cached;
    let result: ElementRollUp;
    if (elementById.get(id)?.status === "dropped") {
      result = {
        elementId: id,
        status: "not_applicable",
        reason: "dropped",
        score: null,
        judgedWeight: 0,
        totalWeight: 0,
        inputs: [],
      };
    } else {
      const inputs: RollUpInput[] = [
        ...(graph.indicators.get(id) ?? []).map((indicatorId): RollUpInput => {
          const assessment = assessments.get(indicatorId) as IndicatorAssessment;
          return {
            kind: "indicator",
            id: indicatorId,
            weight: indicatorWeight.get(indicatorId) ?? 1,
            status: assessment.status,
            score: assessment.score,
          };
        }),
        ...(graph.children.get(id) ?? []).map(elementInput),
      ];
      result = { elementId: id, ...combineInputs(inputs, rules) };
    }
    done.set(id, result);
    return result;
  };

  const all = [...elements].sort((a, b) => byId(a.id, b.id)).map((element) => rollUpOf(element.id));
  return { elements: all, plan: combineInputs(graph.roots.map(elementInput), rules) };
}
