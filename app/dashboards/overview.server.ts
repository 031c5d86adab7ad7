import { z } from "zod";
import { planPeriods } from "../indicators/periods";
import { compareCodes } from "../plan-graph/graph";
import type { LocalizedText } from "../plan-graph/vocabulary";
import type { loadPlanRollUps } from "../rollup/load.server";
import {
  compareRollUps,
  countByStatus,
  type PlanRollUp,
  previousPeriodEnd,
  type RollUpStatus,
  type StatusChange,
} from "../rollup/rollup";
import { storedPlanRollUps } from "../rollup/store.server";
import { latestFiguresReader } from "./figures.server";
import { planLabels } from "./labels.server";
import type { DashboardQuery } from "./load.server";
import { emptyChartReason, indicatorUnjudgedReason, type UnjudgedReason, unjudgedReasons } from "./unjudged";

/**
 * The board's plan overview: the plan's health as of a day, its objectives (top-level elements) with status and
 * progress against expected, their trend over the quarters, counts by status, data completeness and what changed
 * since the last quarter. Everything comes from one call, `storedPlanRollUps` (app/rollup/store.server.ts: the
 * roll-up engine over summaries kept current by each approval, decision 008), so the figures are those of every
 * other page; `loadPlanRollUps` (app/rollup/load.server.ts) answers the same over the raw entries.
 */

/** A day of the calendar: `2025-02-30` has the shape but is no day (and PostgreSQL would refuse it as a date). */
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((day) => {
    const date = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
  });

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
  plan,
  scope,
  url,
  today,
  rollUps = storedPlanRollUps,
}: DashboardQuery & {
  /** Where the roll-ups come from: the summaries (default), or `loadPlanRollUps` over the raw entries (the
   *  benchmark's baseline, bench/rollup.ts). */
  rollUps?: typeof storedPlanRollUps | typeof loadPlanRollUps;
}) {
  const filters = readOverviewFilters(url, plan, today);
  const previousDay = previousPeriodEnd({ plan, frequency: dashboardFrequency, asOf: filters.asOf });
  const trendDays = [
    ...planPeriods(plan, dashboardFrequency)
      .map((period) => period.end)
      .filter((end) => end >= filters.from && end < filters.asOf),
    filters.asOf,
  ];
  const days = [filters.asOf, ...(previousDay ? [previousDay] : []), ...trendDays];
  const rolled = await rollUps({ db, planId: plan.id, days, scope });
  const current = rolled[0];
  if (!current) return null;
  const previous = previousDay ? rolled[1] : undefined;
  const trend = rolled.slice(previousDay ? 2 : 1);
  const { elementById, indicatorById, indicatorRows } = await planLabels(db, plan.id);
  // What is not judged for want of targets says so, and shows its latest figure (NSWP's sourced figures). Whether
  // an indicator has a target does not depend on the day, so the figures are read once for every day shown.
  const withoutTarget = new Set(
    current.indicators
      .filter((assessment) => indicatorUnjudgedReason(assessment) === "noTarget")
      .map((assessment) => assessment.indicatorId),
  );
  const figuresOn = await latestFiguresReader({
    db,
    plan,
    indicators: indicatorRows.filter((row) => withoutTarget.has(row.id)),
    upTo: filters.asOf, // every day shown is on or before it
    scope,
  });
  const unjudgedOn = (rollUp: PlanRollUp, day: string) => {
    const figures = figuresOn(day);
    return { figures, reasons: unjudgedReasons(rollUp, (indicatorId) => figures.has(indicatorId)) };
  };
  const { figures, reasons: unjudged } = unjudgedOn(current, filters.asOf);
  const previousUnjudged = previous && previousDay ? unjudgedOn(previous, previousDay).reasons : null;

  const byCode = (a: { code: string }, b: { code: string }) => compareCodes(a.code, b.code);

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
          unjudged: unjudged.elements.get(row.id) ?? null,
          score: node.score,
          judgedWeight: node.judgedWeight,
          totalWeight: node.totalWeight,
          previousStatus: previousStatus.get(row.id) ?? null,
          previousUnjudged: previousUnjudged?.elements.get(row.id) ?? null,
        },
      ];
    })
    .sort(byCode);

  const completenessOf = new Map(current.completeness.byIndicator.map((row) => [row.indicatorId, row]));
  const trendSeries = trendDays.map((day, i) => {
    const point = trend[i];
    const scores: Record<string, number | null> = {};
    const scoreOf = new Map(point?.elements.map((element) => [element.elementId, element.score]));
    for (const objective of objectives) scores[objective.code] = scoreOf.get(objective.id) ?? null;
    return {
      day,
      plan: point?.plan.score ?? null,
      planStatus: point?.plan.status ?? null,
      /** Why the plan is not judged on that day for want of targets, in words, as on the other pages. */
      planUnjudged: point?.plan.status === "not_applicable" ? unjudgedOn(point, day).reasons.plan : null,
      scores,
    };
  });

  type LabelledChange = StatusChange & {
    code: string;
    label: LocalizedText | null;
    fromUnjudged: UnjudgedReason | null;
    toUnjudged: UnjudgedReason | null;
  };
  const assessmentsOf = (rollUp: PlanRollUp | undefined) =>
    new Map(rollUp?.indicators.map((assessment) => [assessment.indicatorId, assessment]));
  const assessedBefore = assessmentsOf(previous);
  const assessedNow = assessmentsOf(current);
  const changes: LabelledChange[] = previous
    ? compareRollUps(previous, current).flatMap((change): LabelledChange[] => {
        if (change.subject === "plan")
          return [
            {
              ...change,
              code: "",
              label: null,
              fromUnjudged: previousUnjudged?.plan ?? null,
              toUnjudged: unjudged.plan,
            },
          ];
        if (change.subject === "element") {
          const row = elementById.get(change.id);
          const fromUnjudged = previousUnjudged?.elements.get(change.id) ?? null;
          const toUnjudged = unjudged.elements.get(change.id) ?? null;
          return row ? [{ ...change, code: row.code, label: row.title, fromUnjudged, toUnjudged }] : [];
        }
        const row = indicatorById.get(change.id);
        const before = assessedBefore.get(change.id);
        const after = assessedNow.get(change.id);
        return row
          ? [
              {
                ...change,
                code: row.code,
                label: row.name,
                fromUnjudged: before ? indicatorUnjudgedReason(before) : null,
                toUnjudged: after ? indicatorUnjudgedReason(after) : null,
              },
            ]
          : [];
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
          unit: row.unit,
          measure: row.measure,
          scale: row.scale,
          status: assessment.status,
          unjudged: indicatorUnjudgedReason(assessment),
          percentOfExpected: assessment.percentOfExpected,
          actual: assessment.actual,
          expected: assessment.expected,
          judgedAt: assessment.judgedAt,
          /** The target over the plan (the sum of per-period targets, else the last one); null when none. */
          target: assessment.target,
          latestFigure: figures.get(assessment.indicatorId) ?? null,
          completeness: completenessOf.get(assessment.indicatorId)?.percentApproved ?? null,
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
      unjudged: unjudged.plan,
      score: current.plan.score,
      judgedWeight: current.plan.judgedWeight,
      totalWeight: current.plan.totalWeight,
    },
    objectives,
    trend: trendSeries,
    /** Why the trend has nothing to draw (no score on any day), or null when it has. */
    trendEmpty: trendSeries.some(
      (point) => point.plan !== null || Object.values(point.scores).some((score) => score !== null),
    )
      ? null
      : emptyChartReason(current.indicators),
    indicatorCounts: countByStatus(current.indicators) as Record<RollUpStatus, number>,
    elementCounts: countByStatus(current.elements) as Record<RollUpStatus, number>,
    completeness: current.completeness.total,
    changes,
    indicators: indicatorList,
  };
}

export type PlanOverview = NonNullable<Awaited<ReturnType<typeof getPlanOverview>>>;
