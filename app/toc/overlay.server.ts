/**
 * What the theory-of-change editor draws over the plan graph: each element's roll-up status and progress against
 * expected (the dashboards' numbers: `storedPlanRollUp`, decision 008), and, for the element a reader selects, its
 * indicators, their latest approved entries in the reader's scope and its causal pathways to impact.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { indicatorElements, indicators } from "../../db/schema";
import type { Viewer } from "../auth/policy";
import { getElementDashboard } from "../dashboards/element.server";
import { approvedEntriesAsOf } from "../dashboards/entries.server";
import { latestFigures } from "../dashboards/figures.server";
import { indicatorUnjudgedReason, type UnjudgedReason, unjudgedReasons } from "../dashboards/unjudged";
import { compareCodes } from "../plan-graph/graph";
import { citationFormatter } from "../plan-graph/queries.server";
import { inScope, type VisiblePlan } from "../plan-graph/scope.server";
import type { RollUpStatus } from "../rollup/rollup";
import { storedPlanRollUp } from "../rollup/store.server";
import { causalPathways } from "./pathways.server";
import { figuresScope, type TocScope } from "./scope.server";

export type NodeOverlay = { status: RollUpStatus; score: number | null; unjudged: UnjudgedReason | null };

type OverlayPlan = { id: string; startDate: string; endDate: string };

/**
 * Each element's roll-up as of `asOf`, for the reader's scope, by element id; elements the roll-up does not know
 * (none yet) are absent, and the editor says "no data" for them. Also which elements an indicator measures (for the
 * checks the editor runs again as the canvas changes).
 */
export async function canvasOverlay({
  db,
  plan,
  scope,
  asOf,
}: {
  db: Db;
  plan: OverlayPlan;
  /** The theory-of-change scope (`tocScope`); figures are read in its dashboards' part. */
  scope: TocScope;
  asOf: string;
}): Promise<{
  elements: Record<string, NodeOverlay>;
  measured: { indicatorId: string; elementId: string }[];
}> {
  const [rollUp, measuredRows] = await Promise.all([
    storedPlanRollUp({ db, planId: plan.id, asOf, scope: figuresScope(scope) }),
    db
      .select({ indicatorId: indicatorElements.indicatorId, elementId: indicatorElements.elementId })
      .from(indicatorElements)
      .where(eq(indicatorElements.planId, plan.id)),
  ]);
  const measured = measuredRows.filter((row) => inScope(figuresScope(scope), row.elementId));
  if (!rollUp) return { elements: {}, measured };
  // Not judged for want of targets says so, as on the dashboards (NSWP's sourced figures have no targets).
  const withoutTarget = new Set(
    rollUp.indicators
      .filter((assessment) => indicatorUnjudgedReason(assessment) === "noTarget")
      .map((assessment) => assessment.indicatorId),
  );
  const indicatorRows = withoutTarget.size
    ? (
        await db
          .select({
            id: indicators.id,
            measure: indicators.measure,
            aggregation: indicators.aggregation,
            frequency: indicators.frequency,
          })
          .from(indicators)
          .where(eq(indicators.planId, plan.id))
      ).filter((row) => withoutTarget.has(row.id))
    : [];
  const figures = await latestFigures({
    db,
    plan,
    indicators: indicatorRows,
    asOf,
    scope: figuresScope(scope),
  });
  const unjudged = unjudgedReasons(rollUp, (indicatorId) => figures.has(indicatorId));
  const elements: Record<string, NodeOverlay> = {};
  for (const element of rollUp.elements)
    elements[element.elementId] = {
      status: element.status,
      score: element.score,
      unjudged: unjudged.elements.get(element.elementId) ?? null,
    };
  return { elements, measured };
}

/** How many approved entries the panel lists per indicator, latest first. */
const entriesPerIndicator = 3;

/**
 * The side panel of one element: its indicators (status, actual and expected as of the overview's day), the latest
 * approved entries of each that the reader may see (`entryInScope`: for a funder, those logged from activities in
 * its scope and the figures cited from sources, which are also all its figures count), and its causal pathways.
 * Null when the reader may not see the element.
 */
export async function nodePanel({
  db,
  plan,
  scope,
  viewer,
  element,
  url,
  today,
}: {
  db: Db;
  plan: VisiblePlan["plan"];
  scope: TocScope;
  viewer: Viewer;
  element: { id: string; code: string };
  url: URL;
  today: string;
}) {
  if (!inScope(scope, element.id)) return null;
  const dashboard = await getElementDashboard({
    db,
    plan,
    scope: figuresScope(scope),
    code: element.code,
    viewer,
    url,
    today,
  });
  const indicatorInputs = (dashboard?.inputs ?? []).filter((input) => input.kind === "indicator");
  const indicatorRows = await db
    .select({ id: indicators.id, code: indicators.code })
    .from(indicators)
    .where(eq(indicators.planId, plan.id));
  const idOf = new Map(indicatorRows.map((row) => [row.code, row.id]));
  const asOf = dashboard?.filters.asOf ?? today;
  const ids = indicatorInputs.flatMap((input) => idOf.get(input.code) ?? []);
  const entries = await approvedEntriesAsOf({ db, indicatorIds: ids, asOf, scope: figuresScope(scope) });
  const cite = await citationFormatter(db);
  const pathways = await causalPathways({ db, planId: plan.id, elementId: element.id, scope });
  return {
    asOf,
    status: dashboard
      ? {
          status: dashboard.element.status,
          score: dashboard.element.score,
          unjudged: dashboard.element.unjudged,
        }
      : null,
    indicators: indicatorInputs
      .map((input) => {
        const id = idOf.get(input.code) ?? "";
        const latest = (entries.get(id) ?? [])
          .slice(-entriesPerIndicator)
          .reverse()
          .map((entry) => ({
            periodKey: entry.periodKey,
            value: entry.value,
            reportedOn: entry.reportedOn,
            citation: cite(entry),
          }));
        return {
          code: input.code,
          title: input.title,
          status: input.status,
          unjudged: input.unjudged,
          score: input.score,
          actual: input.actual,
          expected: input.expected,
          percentOfExpected: input.percentOfExpected,
          latestFigure: input.latestFigure,
          measured: input.measured,
          entries: latest,
        };
      })
      .sort((a, b) => compareCodes(a.code, b.code)),
    pathways,
  };
}

export type NodePanel = NonNullable<Awaited<ReturnType<typeof nodePanel>>>;
