import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { elements, indicators } from "../../db/schema";
import type { Viewer } from "../auth/policy";
import { planPeriods } from "../indicators/periods";
import { visiblePlan } from "../plan-graph/scope.server";
import type { LocalizedText } from "../plan-graph/vocabulary";
import {
  compareRollUps,
  countByStatus,
  previousPeriodEnd,
  type RollUpStatus,
  type StatusChange,
} from "../rollup/rollup";
import { storedPlanRollUps } from "../rollup/store.server";

/**
 * The board's plan overview: the plan's health as of a day, its objectives (top-level elements) with status and
 * progress against expected, their trend over the quarters, counts by status, data completeness and what changed
 * since the last quarter. Everything comes from one call, `storedPlanRollUps` (app/rollup/store.server.ts: the
 * roll-up engine over summaries kept current by each approval, decision 008), so the figures are those of every
 * other page; `loadPlanRollUps` (app/rollup/load.server.ts) answers the same over the raw entries.
 */

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The overview's filters, read from the address so a view can be shared. Unreadable values fall back to defaults. */
export type OverviewFilters = { asOf: string; from: string };

export function readOverviewFilters(
  url: URL,
  plan: { startDate: string; endDate: string },
  today: string,
): OverviewFilters {
  const clip = (day: string) =>
    day < plan.startDate ? plan.startDate : day > plan.endDate ? plan.endDate : day;
  const asOfParam = isoDay.safeParse(url.searchParams.get("asOf"));
  const asOf = clip(asOfParam.success ? asOfParam.data : today);
  const fromParam = isoDay.safeParse(url.searchParams.get("from"));
  const from = clip(fromParam.success ? fromParam.data : plan.startDate);
  return { asOf, from: from > asOf ? asOf : from };
}

/** The frequency "what changed since the last period" and the trend are read at. */
const dashboardFrequency = "quarterly" as const;

export async function getPlanOverview({
  db,
  slug,
  viewer,
  url,
  today,
}: {
  db: Db;
  slug: string;
  viewer: Viewer;
  url: URL;
  today: string;
}) {
  const found = await visiblePlan({ db, slug, viewer });
  if (!found) return null;
  const { plan, scope } = found;
  const filters = readOverviewFilters(url, plan, today);
  const previousDay = previousPeriodEnd({ plan, frequency: dashboardFrequency, asOf: filters.asOf });
  const trendDays = [
    ...planPeriods(plan, dashboardFrequency)
      .map((period) => period.end)
      .filter((end) => end >= filters.from && end < filters.asOf),
    filters.asOf,
  ];
  const days = [filters.asOf, ...(previousDay ? [previousDay] : []), ...trendDays];
  const rolled = await storedPlanRollUps({ db, planId: plan.id, days, scope });
  const current = rolled[0];
  if (!current) return null;
  const previous = previousDay ? rolled[1] : undefined;
  const trend = rolled.slice(previousDay ? 2 : 1);

  const elementRows = await db
    .select({ id: elements.id, code: elements.code, kind: elements.kind, title: elements.title })
    .from(elements)
    .where(eq(elements.planId, plan.id));
  const indicatorRows = await db
    .select({ id: indicators.id, code: indicators.code, name: indicators.name, unit: indicators.unit })
    .from(indicators)
    .where(eq(indicators.planId, plan.id));
  const elementById = new Map(elementRows.map((row) => [row.id, row]));
  const indicatorById = new Map(indicatorRows.map((row) => [row.id, row]));
  const byCode = (a: { code: string }, b: { code: string }) =>
    a.code.localeCompare(b.code, "en", { numeric: true });

  const elementRollUps = new Map(current.elements.map((element) => [element.elementId, element]));
  const previousStatus = new Map(previous?.elements.map((element) => [element.elementId, element.status]));
  const objectives = current.plan.inputs
    .filter((input) => input.kind === "element")
    .flatMap((input) => {
      const row = elementById.get(input.id);
      const node = elementRollUps.get(input.id);
      if (!row || !node) return [];
      return [
        {
          id: row.id,
          code: row.code,
          kind: row.kind,
          title: row.title,
          status: node.status,
          score: node.score,
          judgedWeight: node.judgedWeight,
          totalWeight: node.totalWeight,
          previousStatus: previousStatus.get(row.id) ?? null,
        },
      ];
    })
    .sort(byCode);

  const trendSeries = trendDays.map((day, i) => {
    const point = trend[i];
    const scores: Record<string, number | null> = {};
    for (const objective of objectives)
      scores[objective.code] = point?.elements.find((e) => e.elementId === objective.id)?.score ?? null;
    return { day, plan: point?.plan.score ?? null, planStatus: point?.plan.status ?? null, scores };
  });

  type LabelledChange = StatusChange & { code: string; label: LocalizedText | null };
  const changes: LabelledChange[] = previous
    ? compareRollUps(previous, current).flatMap((change): LabelledChange[] => {
        if (change.subject === "plan") return [{ ...change, code: "", label: null }];
        if (change.subject === "element") {
          const row = elementById.get(change.id);
          return row ? [{ ...change, code: row.code, label: row.title }] : [];
        }
        const row = indicatorById.get(change.id);
        return row ? [{ ...change, code: row.code, label: row.name }] : [];
      })
    : [];

  const indicatorList = current.indicators
    .flatMap((assessment) => {
      const row = indicatorById.get(assessment.indicatorId);
      if (!row) return [];
      return [
        {
          code: row.code,
          name: row.name,
          status: assessment.status,
          percentOfExpected: assessment.percentOfExpected,
          actual: assessment.actual,
          expected: assessment.expected,
          judgedAt: assessment.judgedAt,
          completeness:
            current.completeness.byIndicator.find((c) => c.indicatorId === assessment.indicatorId)
              ?.percentApproved ?? null,
        },
      ];
    })
    .sort(byCode);

  return {
    plan: {
      slug: plan.slug,
      title: plan.title,
      startDate: plan.startDate,
      endDate: plan.endDate,
      synthetic: plan.synthetic,
      reconstructed: plan.reconstructed,
    },
    filters,
    scoped: !scope.all,
    comparedWith: previousDay,
    health: {
      status: current.plan.status,
      score: current.plan.score,
      judgedWeight: current.plan.judgedWeight,
      totalWeight: current.plan.totalWeight,
    },
    objectives,
    trend: trendSeries,
    indicatorCounts: countByStatus(current.indicators) as Record<RollUpStatus, number>,
    elementCounts: countByStatus(current.elements) as Record<RollUpStatus, number>,
    completeness: current.completeness.total,
    changes,
    indicators: indicatorList,
  };
}

export type PlanOverview = NonNullable<Awaited<ReturnType<typeof getPlanOverview>>>;
