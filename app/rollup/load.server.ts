import { and, asc, eq, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  elementLinks,
  elements,
  indicatorElements,
  indicators,
  indicatorTargets,
  plans,
  progressEntries,
} from "../../db/schema";
import { entryInScope, type PlanScope } from "../plan-graph/scope.server";
import { countCompleteness } from "./completeness";
import type { NodeRollUp } from "./graph";
import { type PlanRollUp, type RollUpData, type RollUpRules, rollUp, withLazyCompleteness } from "./rollup";
import { bandOf, defaultRollUpRules, isJudged } from "./rules";

/**
 * The roll-up read straight from the tables: a plan's elements, links, indicators with their total targets and
 * every progress entry, handed to the pure engine (`rollUp`, ./rollup.ts). This is the "plain aggregation over raw
 * entries" the benchmark compares against; app/rollup/store.server.ts answers the same question from summaries kept
 * current by each approval, and comes here for a partial scope (a funder's), whose figures count only the entries
 * in it, which the summaries cannot tell apart.
 */

/** UTC day of a moment, as the roll-up reads `submitted_at` and `decided_at` (the dashboards read them so too). */
export const utcDay = (moment: Date | null) => (moment ? moment.toISOString().slice(0, 10) : null);

export type Structure = Omit<RollUpData, "entries">;

/** The plan's structure: dates, elements and links, indicators with their weights and total targets. */
export async function loadRollUpStructure(db: Db, planId: string): Promise<Structure | null> {
  const [plan] = await db
    .select({ startDate: plans.startDate, endDate: plans.endDate })
    .from(plans)
    .where(eq(plans.id, planId));
  if (!plan) return null;
  const [elementRows, linkRows, indicatorRows, measured, targetRows] = await Promise.all([
    db
      .select({ id: elements.id, status: elements.status, weight: elements.weight })
      .from(elements)
      // Assumptions are conditions a theory of change rests on, not results: they do not roll up (docs/rollup.md).
      .where(and(eq(elements.planId, planId), ne(elements.kind, "assumption"))),
    db
      .select({ kind: elementLinks.kind, fromId: elementLinks.fromElementId, toId: elementLinks.toElementId })
      .from(elementLinks)
      .where(eq(elementLinks.planId, planId)),
    db
      .select({
        id: indicators.id,
        measure: indicators.measure,
        scale: indicators.scale,
        direction: indicators.direction,
        tolerance: indicators.tolerance,
        aggregation: indicators.aggregation,
        frequency: indicators.frequency,
        baselineValue: indicators.baselineValue,
        weight: indicators.weight,
      })
      .from(indicators)
      .where(eq(indicators.planId, planId)),
    db
      .select({ indicatorId: indicatorElements.indicatorId, elementId: indicatorElements.elementId })
      .from(indicatorElements)
      .where(eq(indicatorElements.planId, planId)),
    db
      .select({
        indicatorId: indicatorTargets.indicatorId,
        periodKey: indicatorTargets.periodKey,
        value: indicatorTargets.value,
      })
      .from(indicatorTargets)
      .innerJoin(indicators, eq(indicators.id, indicatorTargets.indicatorId))
      .where(and(eq(indicators.planId, planId), eq(indicatorTargets.cellKey, ""))),
  ]);
  const targetsOf = new Map<string, { periodKey: string; value: number }[]>();
  for (const { indicatorId, periodKey, value } of targetRows) {
    const list = targetsOf.get(indicatorId);
    if (list) list.push({ periodKey, value });
    else targetsOf.set(indicatorId, [{ periodKey, value }]);
  }
  const elementsOf = new Map<string, string[]>();
  for (const { indicatorId, elementId } of measured) {
    const list = elementsOf.get(indicatorId);
    if (list) list.push(elementId);
    else elementsOf.set(indicatorId, [elementId]);
  }
  const rolledUp = new Set(elementRows.map((element) => element.id));
  return {
    plan,
    elements: elementRows,
    links: linkRows.filter((link) => rolledUp.has(link.fromId) && rolledUp.has(link.toId)),
    indicators: indicatorRows.map((row) => ({
      id: row.id,
      measure: row.measure,
      scaleLevels: row.scale?.length ?? null,
      direction: row.direction,
      tolerance: row.tolerance,
      aggregation: row.aggregation,
      frequency: row.frequency,
      baselineValue: row.baselineValue,
      weight: row.weight,
      targets: targetsOf.get(row.id) ?? [],
      elementIds: elementsOf.get(row.id) ?? [],
    })),
  };
}

/**
 * Everything the roll-up reads for one plan. Entries are ranked per indicator as the indicator page ranks them.
 * With a partial `scope` (a funder's), only the entries `entryInScope` allows are read: logged from what it funds,
 * cited from a published source, or logged from no element for an indicator of what it funds alone (docs/rollup.md,
 * "What a funder's figures count").
 */
export async function loadRollUpData({
  db,
  planId,
  scope = { all: true },
}: {
  db: Db;
  planId: string;
  scope?: PlanScope;
}): Promise<RollUpData | null> {
  const structure = await loadRollUpStructure(db, planId);
  if (!structure) return null;
  const entryRows = await db
    .select({
      indicatorId: progressEntries.indicatorId,
      periodKey: progressEntries.periodKey,
      value: progressEntries.value,
      status: progressEntries.status,
      submittedAt: progressEntries.submittedAt,
      decidedAt: progressEntries.decidedAt,
      elementId: progressEntries.elementId,
      citationSourceId: progressEntries.citationSourceId,
    })
    .from(progressEntries)
    .innerJoin(indicators, eq(indicators.id, progressEntries.indicatorId))
    .where(eq(indicators.planId, planId))
    .orderBy(
      asc(progressEntries.indicatorId),
      asc(progressEntries.reportedOn),
      asc(progressEntries.createdAt),
      asc(progressEntries.id),
    );
  const measures = new Map(structure.indicators.map((indicator) => [indicator.id, indicator.elementIds]));
  return {
    ...structure,
    entries: entryRows.flatMap((entry, order) =>
      entryInScope(scope, entry, measures.get(entry.indicatorId))
        ? [
            {
              indicatorId: entry.indicatorId,
              periodKey: entry.periodKey,
              value: entry.value,
              order,
              status: entry.status,
              submittedOn: utcDay(entry.submittedAt),
              decidedOn: utcDay(entry.decidedAt),
            },
          ]
        : [],
    ),
  };
}

/**
 * What a viewer with a partial scope (a funder) sees of a roll-up: the elements in scope, the indicators measuring
 * one of them, the completeness of those indicators, and the plan read from its top-level elements in scope only
 * (so nothing outside the scope weighs on the figure shown). Give it a roll-up of the entries in the scope only
 * (`loadRollUpData` with the scope): of every entry, its figures would count what the viewer may not see.
 */
export function scopeRollUp(
  result: PlanRollUp,
  scope: PlanScope,
  measuredBy: ReadonlyMap<string, readonly string[]>,
): PlanRollUp {
  if (scope.all) return result;
  const elementIds = scope.elementIds;
  const indicators = result.indicators.filter((indicator) =>
    (measuredBy.get(indicator.indicatorId) ?? []).some((id) => elementIds.has(id)),
  );
  const shown = new Set(indicators.map((indicator) => indicator.indicatorId));
  const inputs = result.plan.inputs.filter((input) => input.kind === "element" && elementIds.has(input.id));
  const judged = inputs.filter((input) => isJudged(input.status) && input.score !== null);
  const judgedWeight = judged.reduce((sum, input) => sum + input.weight, 0);
  const score = judgedWeight
    ? judged.reduce((sum, input) => sum + input.weight * (input.score as number), 0) / judgedWeight
    : null;
  const plan: NodeRollUp = {
    status:
      score !== null
        ? bandOf(score, defaultRollUpRules.bands)
        : inputs.some((input) => input.status === "no_data")
          ? "no_data"
          : inputs.some((input) => input.status === "not_yet_due")
            ? "not_yet_due"
            : "not_applicable",
    reason:
      score === null && inputs.every((input) => input.status !== "no_data" && input.status !== "not_yet_due")
        ? "notMeasured"
        : null,
    score,
    judgedWeight,
    totalWeight: inputs.reduce((sum, input) => sum + input.weight, 0),
    inputs,
  };
  return withLazyCompleteness(
    {
      asOf: result.asOf,
      plan,
      elements: result.elements.filter((element) => elementIds.has(element.elementId)),
      indicators,
      ignoredLinks: [],
    },
    () => {
      const cells = result.completeness.cells.filter((cell) => shown.has(cell.indicatorId));
      return {
        total: countCompleteness(cells),
        byIndicator: result.completeness.byIndicator.filter((row) => shown.has(row.indicatorId)),
        cells,
      };
    },
  );
}

/**
 * The plan's roll-up on each of `days` (ISO days), for a viewer's scope. The data is read once and rolled up for
 * every day (the overview needs today, the end of the last period and the trend's period ends). With a partial
 * scope, only the entries in it are read (`loadRollUpData`), so every figure of the result — statuses, actuals,
 * scores, completeness — counts those alone; `storedPlanRollUps` comes here for funders.
 */
export async function loadPlanRollUps({
  db,
  planId,
  days,
  scope,
  rules,
}: {
  db: Db;
  planId: string;
  days: readonly string[];
  scope: PlanScope;
  rules?: Partial<RollUpRules>;
}): Promise<PlanRollUp[]> {
  const data = await loadRollUpData({ db, planId, scope });
  if (!data) return [];
  const measuredBy = new Map(data.indicators.map((indicator) => [indicator.id, indicator.elementIds]));
  return days.map((asOf) => scopeRollUp(rollUp(data, { asOf, rules }), scope, measuredBy));
}
