import { eq } from "drizzle-orm";
import { indicators } from "../../db/schema";
import { frequencies } from "../indicators/periods";
import { compareCodes } from "../plan-graph/graph";
import { storedPlanRollUps } from "../rollup/store.server";
import type { DashboardQuery } from "./load.server";
import { readOverviewFilters } from "./overview.server";

/**
 * The data-completeness heat map: every indicator × period of its frequency with its report's state as of the
 * overview's day (approved, submitted, missing, overdue, not yet due), one grid per reporting frequency so the
 * columns line up. The states are the roll-up engine's (`reportCompleteness`, docs/rollup.md "Data completeness").
 */
export async function getCompletenessDashboard({ db, plan, scope, url, today }: DashboardQuery) {
  const filters = readOverviewFilters(url, plan, today);
  const [current] = await storedPlanRollUps({ db, planId: plan.id, days: [filters.asOf], scope });
  if (!current) return null;
  const rows = await db
    .select({
      id: indicators.id,
      code: indicators.code,
      name: indicators.name,
      frequency: indicators.frequency,
    })
    .from(indicators)
    .where(eq(indicators.planId, plan.id));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const cellsOf = new Map<string, typeof current.completeness.cells>();
  for (const cell of current.completeness.cells)
    cellsOf.set(cell.indicatorId, [...(cellsOf.get(cell.indicatorId) ?? []), cell]);
  const totals = new Map(current.completeness.byIndicator.map((row) => [row.indicatorId, row]));

  const grids = frequencies.flatMap((frequency) => {
    const members = current.indicators
      .map((assessment) => byId.get(assessment.indicatorId))
      .filter((row) => row !== undefined && row.frequency === frequency)
      .map((row) => row as NonNullable<typeof row>)
      .sort((a, b) => compareCodes(a.code, b.code));
    if (members.length === 0) return [];
    const periodKeys = [
      ...new Set(members.flatMap((row) => (cellsOf.get(row.id) ?? []).map((c) => c.periodKey))),
    ];
    periodKeys.sort();
    return [
      {
        frequency,
        periodKeys,
        rows: members.map((row) => {
          const cells = new Map((cellsOf.get(row.id) ?? []).map((cell) => [cell.periodKey, cell.state]));
          return {
            code: row.code,
            name: row.name,
            percentApproved: totals.get(row.id)?.percentApproved ?? null,
            states: periodKeys.map((key) => cells.get(key) ?? null),
          };
        }),
      },
    ];
  });

  return {
    plan: { slug: plan.slug, title: plan.title, synthetic: plan.synthetic },
    filters,
    scoped: !scope.all,
    total: current.completeness.total,
    grids,
  };
}
