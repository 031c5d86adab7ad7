import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { elements, indicators } from "../../db/schema";
import type { Viewer } from "../auth/policy";
import { inScope, visiblePlan } from "../plan-graph/scope.server";
import type { ElementKind, LocalizedText } from "../plan-graph/vocabulary";
import type { RollUpStatus } from "../rollup/rollup";
import { storedPlanRollUps } from "../rollup/store.server";
import { readOverviewFilters } from "./overview.server";

/**
 * The drill-down below the plan overview: one element's roll-up and every input it is computed from (its
 * indicators, its parts and the elements that contribute to it), each with its status, score and weight, as of the
 * overview's day. Inputs outside a funder's scope are left out.
 */
export async function getElementDashboard({
  db,
  slug,
  code,
  viewer,
  url,
  today,
}: {
  db: Db;
  slug: string;
  code: string;
  viewer: Viewer;
  url: URL;
  today: string;
}) {
  const found = await visiblePlan({ db, slug, viewer });
  if (!found) return null;
  const { plan, scope } = found;
  const [element] = await db
    .select({ id: elements.id, code: elements.code, kind: elements.kind, title: elements.title })
    .from(elements)
    .where(and(eq(elements.planId, plan.id), eq(elements.code, code)));
  if (!element || !inScope(scope, element.id)) return null;
  const filters = readOverviewFilters(url, plan, today);
  const [current] = await storedPlanRollUps({ db, planId: plan.id, days: [filters.asOf], scope });
  const node = current?.elements.find((candidate) => candidate.elementId === element.id);
  if (!current || !node) return null;

  const elementRows = await db
    .select({ id: elements.id, code: elements.code, kind: elements.kind, title: elements.title })
    .from(elements)
    .where(eq(elements.planId, plan.id));
  const indicatorRows = await db
    .select({ id: indicators.id, code: indicators.code, name: indicators.name })
    .from(indicators)
    .where(eq(indicators.planId, plan.id));
  const elementById = new Map(elementRows.map((row) => [row.id, row]));
  const indicatorById = new Map(indicatorRows.map((row) => [row.id, row]));
  const assessments = new Map(current.indicators.map((assessment) => [assessment.indicatorId, assessment]));
  const shownIndicators = new Set(current.indicators.map((assessment) => assessment.indicatorId));

  type InputRow = {
    kind: "indicator" | "element";
    code: string;
    title: LocalizedText;
    elementKind: ElementKind | null;
    status: RollUpStatus;
    score: number | null;
    weight: number;
    actual: number | null;
    expected: number | null;
    percentOfExpected: number | null;
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
          score: input.score,
          weight: input.weight,
          actual: assessment?.actual ?? null,
          expected: assessment?.expected ?? null,
          percentOfExpected: assessment?.percentOfExpected ?? null,
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
        score: input.score,
        weight: input.weight,
        actual: null,
        expected: null,
        percentOfExpected: null,
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
      score: node.score,
      judgedWeight: node.judgedWeight,
      totalWeight: node.totalWeight,
    },
    inputs,
  };
}
