import type { IndicatorAssessment, NodeRollUp, PlanRollUp } from "../rollup/rollup";

/**
 * Why the dashboards show something as not judged, in words a reader can act on, read from a roll-up without
 * changing it. The engine says `not_applicable` with reason `noTarget` for an indicator without a target, and
 * `notMeasured` for an element none of whose inputs can be judged; for a plan whose sourced figures have no targets
 * (NSWP's) that would read "Not applicable" everywhere. Pure: no I/O.
 *
 * - `noTarget`: an indicator with no target in any period (it may have figures: they are shown, not judged);
 * - `figuresWithoutTargets`: an element (or the plan) whose indicators, all the way down, have no target, and at
 *   least one of them has figures reported;
 * - `noTargets`: the same, with no figure reported either.
 */
export type UnjudgedReason = "noTarget" | "figuresWithoutTargets" | "noTargets";

/** An indicator's reason, when the engine could not judge it for want of a target. */
export function indicatorUnjudgedReason(
  assessment: Pick<IndicatorAssessment, "status" | "reason">,
): UnjudgedReason | null {
  return assessment.status === "not_applicable" && assessment.reason === "noTarget" ? "noTarget" : null;
}

/**
 * The indicators each element is computed from, through its inputs, all the way down (the roll-up graph is
 * acyclic); `null` stands for the plan. Memoised, so a whole plan costs one walk.
 */
export function indicatorsBelow(rollUp: Pick<PlanRollUp, "plan" | "elements">) {
  const nodes = new Map(rollUp.elements.map((element) => [element.elementId, element]));
  const below = new Map<string, Set<string>>();
  const walk = (node: NodeRollUp, id: string | null): Set<string> => {
    const known = id === null ? undefined : below.get(id);
    if (known) return known;
    const found = new Set<string>();
    for (const input of node.inputs) {
      if (input.kind === "indicator") found.add(input.id);
      else {
        const child = nodes.get(input.id);
        if (child) for (const indicatorId of walk(child, input.id)) found.add(indicatorId);
      }
    }
    if (id !== null) below.set(id, found);
    return found;
  };
  return (elementId: string | null): Set<string> => {
    if (elementId === null) return walk(rollUp.plan, null);
    const node = nodes.get(elementId);
    return node ? walk(node, elementId) : new Set();
  };
}

/**
 * Reasons for the plan and for each element of a roll-up that is `not_applicable` for want of targets.
 * `figureReported` says whether an indicator has a figure to show on the roll-up's day (`latestFigures`).
 */
export function unjudgedReasons(
  rollUp: Pick<PlanRollUp, "plan" | "elements" | "indicators">,
  figureReported: (indicatorId: string) => boolean,
): {
  plan: UnjudgedReason | null;
  elements: Map<string, UnjudgedReason>;
} {
  const assessments = new Map(rollUp.indicators.map((assessment) => [assessment.indicatorId, assessment]));
  const below = indicatorsBelow(rollUp);
  const reasonOf = (node: NodeRollUp, id: string | null): UnjudgedReason | null => {
    if (node.status !== "not_applicable") return null;
    const indicators = [...below(id)].flatMap((indicatorId) => {
      const assessment = assessments.get(indicatorId);
      return assessment ? [assessment] : [];
    });
    if (indicators.length === 0 || !indicators.every((a) => indicatorUnjudgedReason(a) === "noTarget"))
      return null;
    return indicators.some((a) => figureReported(a.indicatorId)) ? "figuresWithoutTargets" : "noTargets";
  };
  const elements = new Map<string, UnjudgedReason>();
  for (const element of rollUp.elements) {
    const reason = reasonOf(element, element.elementId);
    if (reason) elements.set(element.elementId, reason);
  }
  return { plan: reasonOf(rollUp.plan, null), elements };
}

/** Why a chart of progress against expected has nothing to draw, for the sentence that replaces it. */
export type EmptyChartReason = "noIndicators" | "noTargets" | "nothingJudged";

export function emptyChartReason(
  indicators: readonly Pick<IndicatorAssessment, "status" | "reason">[],
): EmptyChartReason {
  if (indicators.length === 0) return "noIndicators";
  if (indicators.every((assessment) => indicatorUnjudgedReason(assessment) === "noTarget"))
    return "noTargets";
  return "nothingJudged";
}
