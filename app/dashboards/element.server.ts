import { and, eq } from "drizzle-orm";
import { elements } from "../../db/schema";
import { inScope } from "../plan-graph/scope.server";
import type { ElementKind, LocalizedText } from "../plan-graph/vocabulary";
import type { RollUpStatus } from "../rollup/rollup";
import { storedPlanRollUps } from "../rollup/store.server";
import { type LatestFigure, latestFigures } from "./figures.server";
import { planLabels } from "./labels.server";
import type { FigureMeasure } from "./latest-figure";
import type { DashboardQuery } from "./load.server";
import { readOverviewFilters } from "./overview.server";
import {
  emptyChartReason,
  indicatorsBelow,
  indicatorUnjudgedReason,
  type UnjudgedReason,
  unjudgedReasons,
} from "./unjudged";

/**
 * The drill-down below the plan overview: one element's roll-up and every input it is computed from (its
 * indicators, its parts and the elements that contribute to it), each with its status, score and weight, as of the
 * overview's day. Inputs outside a funder's scope are left out.
 */
export async function getElementDashboard({
  db,
  plan,
  scope,
  code,
  url,
  today,
}: DashboardQuery<{ code: string }>) {
  const [element] = await db
    .select({ id: elements.id, code: elements.code, kind: elements.kind, title: elements.title })
    .from(elements)
    .where(and(eq(elements.planId, plan.id), eq(elements.code, code)));
  if (!element || !inScope(scope, element.id)) return null;
  const filters = readOverviewFilters(url, plan, today);
  const [current] = await storedPlanRollUps({ db, planId: plan.id, days: [filters.asOf], scope });
  const node = current?.elements.find((candidate) => candidate.elementId === element.id);
  if (!current || !node) return null;

  const { elementById, indicatorById, indicatorRows } = await planLabels(db, plan.id);
  const assessments = new Map(current.indicators.map((assessment) => [assessment.indicatorId, assessment]));
  const shownIndicators = new Set(current.indicators.map((assessment) => assessment.indicatorId));
  // Inputs not judged for want of targets say so; an indicator among them shows its latest figure.
  const withoutTarget = new Set(
    current.indicators
      .filter((assessment) => indicatorUnjudgedReason(assessment) === "noTarget")
      .map((assessment) => assessment.indicatorId),
  );
  const figures = await latestFigures({
    db,
    plan,
    indicators: indicatorRows.filter((row) => withoutTarget.has(row.id)),
    asOf: filters.asOf,
    scope,
  });
  const unjudged = unjudgedReasons(current, (indicatorId) => figures.has(indicatorId));

  type InputRow = {
    kind: "indicator" | "element";
    code: string;
    title: LocalizedText;
    elementKind: ElementKind | null;
    status: RollUpStatus;
    unjudged: UnjudgedReason | null;
    score: number | null;
    weight: number;
    actual: number | null;
    expected: number | null;
    percentOfExpected: number | null;
    /** How a figure of the input reads (an indicator's; null for an element). */
    measured: FigureMeasure | null;
    latestFigure: LatestFigure | null;
  };
  const inputs = node.inputs.flatMap((input): InputRow[] => {
    if (input.kind === "indicator") {
      const row = indicatorById.get(input.id);
      const assessment = assessments.get(input.id);
      if (!row || !shownIndicators.has(input.id)) return [];
      return [
        {
          kind: "indicator",
          code: row.code,
          title: row.name,
          elementKind: null,
          status: input.status,
          unjudged: assessment ? indicatorUnjudgedReason(assessment) : null,
          score: input.score,
          weight: input.weight,
          actual: assessment?.actual ?? null,
          expected: assessment?.expected ?? null,
          percentOfExpected: assessment?.percentOfExpected ?? null,
          measured: { measure: row.measure, unit: row.unit, scale: row.scale },
          latestFigure: figures.get(input.id) ?? null,
        },
      ];
    }
    const row = elementById.get(input.id);
    if (!row || !inScope(scope, input.id)) return [];
    return [
      {
        kind: "element",
        code: row.code,
        title: row.title,
        elementKind: row.kind,
        status: input.status,
        unjudged: unjudged.elements.get(input.id) ?? null,
        score: input.score,
        weight: input.weight,
        actual: null,
        expected: null,
        percentOfExpected: null,
        measured: null,
        latestFigure: null,
      },
    ];
  });

  return {
    plan: { slug: plan.slug, title: plan.title, synthetic: plan.synthetic },
    filters,
    scoped: !scope.all,
    element: {
      code: element.code,
      kind: element.kind,
      title: element.title,
      status: node.status,
      unjudged: unjudged.elements.get(element.id) ?? null,
      score: node.score,
      judgedWeight: node.judgedWeight,
      totalWeight: node.totalWeight,
    },
    inputs,
    /** Why the inputs' chart has nothing to draw (no input judged), or null when it has. */
    chartEmpty: inputs.some((input) => input.score !== null)
      ? null
      : emptyChartReason(
          [...indicatorsBelow(current)(element.id)].flatMap((id) => {
            const assessment = assessments.get(id);
            return assessment ? [assessment] : [];
          }),
        ),
  };
}
