import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../../app/auth/policy";
import { getElementDashboard } from "../../app/dashboards/element.server";
import { getPlanOverview, readOverviewFilters } from "../../app/dashboards/overview.server";
import { demoPlanSlug } from "../../app/demo-data/content";
import { generateDemoData } from "../../app/demo-data/generate.server";
import { seedNswp } from "../../app/plan-graph/seed.server";
import { approveEntry, todayUtc } from "../../app/progress/workflow.server";
import { loadPlanRollUps, loadRollUpData } from "../../app/rollup/load.server";
import { rollUp } from "../../app/rollup/rollup";
import type { Database } from "../../db/client";
import { elements, indicators, plans, progressEntries, userRoles, users } from "../../db/schema";
import { createTestDatabase, inRollback } from "../support/database";
import { asPlanPage } from "../support/plan-query";

/**
 * The dashboards' domain functions on a real database holding the synthetic demo plan: the overview reads the
 * roll-up engine's figures, an approval shows in the next overview, the filters come from the address, and a
 * partial scope (a funder's) keeps to its elements.
 */

let database: Database;
const today = "2026-11-22";
const board: Viewer = {
  id: "00000000-0000-0000-0000-000000000001",
  email: "board@dashboards.example",
  name: "Board",
  roles: ["board"],
  funderCode: null,
  hasSecondFactor: false,
};
const url = (query = "") => new URL(`http://localhost/plans/${demoPlanSlug}/dashboard${query}`);

beforeAll(async () => {
  database = await createTestDatabase();
  await seedNswp({ db: database.db, actor: "test" });
  await generateDemoData({ db: database.db, entries: 300, seed: 11, actor: "test", today });
});
afterAll(async () => {
  await database?.close();
});

describe("the plan overview", () => {
  it("shows the engine's roll-up of the plan: objectives, counts, completeness and a trend ending today", async () => {
    const db = database.db;
    const overview = await asPlanPage(getPlanOverview, {
      db,
      slug: demoPlanSlug,
      viewer: board,
      url: url(),
      today,
    });
    expect(overview).not.toBeNull();
    if (!overview) return;
    const [plan] = await db.select().from(plans).where(eq(plans.slug, demoPlanSlug));
    const data = await loadRollUpData({ db, planId: plan?.id as string });
    const engine = rollUp(data as NonNullable<typeof data>, { asOf: today });

    expect(overview.plan.synthetic).toBe(true);
    expect(overview.filters.asOf).toBe(today);
    expect(overview.health.status).toBe(engine.plan.status);
    expect(overview.health.score).toBe(engine.plan.score);
    expect(overview.objectives.map((objective) => objective.code)).toEqual(["O1", "O2", "O3"]);
    const indicatorCount = Object.values(overview.indicatorCounts).reduce((sum, n) => sum + n, 0);
    expect(indicatorCount).toBe(engine.indicators.length);
    expect(overview.indicators).toHaveLength(engine.indicators.length);
    const { due, approved, submitted, missing, overdue } = overview.completeness;
    expect(approved + submitted + missing + overdue).toBe(due);
    expect(overview.trend.at(-1)?.day).toBe(today);
    expect(overview.trend.at(-1)?.plan).toBe(engine.plan.score);
    expect(overview.comparedWith).toBe("2026-09-30");
  });

  it("counts an approval in the next overview", async () => {
    await inRollback(database.db, async (tx) => {
      // A submitted report of an ended quarter that has no approved report yet.
      const [waiting] = await tx
        .select({ id: progressEntries.id, indicatorId: progressEntries.indicatorId })
        .from(progressEntries)
        .innerJoin(indicators, eq(indicators.id, progressEntries.indicatorId))
        .innerJoin(plans, eq(plans.id, indicators.planId))
        .where(
          and(
            eq(plans.slug, demoPlanSlug),
            eq(progressEntries.status, "submitted"),
            sql`${progressEntries.periodKey} < '2026-Q4'`,
            sql`not exists (select 1 from progress_entries other where other.indicator_id = ${progressEntries.indicatorId}
              and other.period_key = ${progressEntries.periodKey} and other.status = 'approved')`,
          ),
        )
        .limit(1);
      expect(waiting, "the demo plan has a submitted report waiting").toBeDefined();
      // The approval is stamped with the real clock: the overview is read as of the real day, as the board sees it.
      const now = todayUtc();
      const before = await asPlanPage(getPlanOverview, {
        db: tx,
        slug: demoPlanSlug,
        viewer: board,
        url: url(),
        today: now,
      });
      const [officer] = await tx
        .insert(users)
        .values({ email: "meo@dashboards.example", name: "M&E", passwordHash: "not-used" })
        .returning({ id: users.id });
      await tx.insert(userRoles).values({ userId: officer?.id as string, role: "me_officer" });
      await approveEntry({
        db: tx,
        viewer: { ...board, id: officer?.id as string, roles: ["me_officer"] },
        entryId: waiting?.id as string,
      });
      const after = await asPlanPage(getPlanOverview, {
        db: tx,
        slug: demoPlanSlug,
        viewer: board,
        url: url(),
        today: now,
      });
      expect(after?.completeness.approved).toBe((before?.completeness.approved ?? 0) + 1);
      expect(after?.completeness.submitted).toBe((before?.completeness.submitted ?? 0) - 1);
    });
  });

  it("reads its filters from the address, within the plan", () => {
    const plan = { startDate: "2024-01-01", endDate: "2027-12-31" };
    expect(readOverviewFilters(url(), plan, today)).toEqual({ asOf: today, from: "2024-01-01" });
    expect(readOverviewFilters(url("?asOf=2030-01-01&from=2020-05-05"), plan, today)).toEqual({
      asOf: "2027-12-31",
      from: "2024-01-01",
    });
    expect(readOverviewFilters(url("?asOf=2025-06-30&from=2026-01-01"), plan, today)).toEqual({
      asOf: "2025-06-30",
      from: "2025-06-30",
    });
    expect(readOverviewFilters(url("?asOf=yesterday&from=2025-13-45x"), plan, today).asOf).toBe(today);
  });

  it("drills down into an element: its inputs with the statuses the overview shows", async () => {
    const db = database.db;
    const overview = await asPlanPage(getPlanOverview, {
      db,
      slug: demoPlanSlug,
      viewer: board,
      url: url(),
      today,
    });
    const detail = await asPlanPage(getElementDashboard, {
      db,
      slug: demoPlanSlug,
      code: "O3",
      viewer: board,
      url: url(),
      today,
    });
    expect(detail?.element.status).toBe(overview?.objectives.find((o) => o.code === "O3")?.status);
    expect(detail?.inputs.map((input) => input.code)).toEqual(expect.arrayContaining(["O3.S1", "O3.S2"]));
    expect(
      await asPlanPage(getElementDashboard, {
        db,
        slug: demoPlanSlug,
        code: "NO.SUCH",
        viewer: board,
        url: url(),
        today,
      }),
    ).toBeNull();
  });
});

describe("a partial scope (a funder's)", () => {
  it("keeps to the elements in scope and the indicators measuring them", async () => {
    const db = database.db;
    const [plan] = await db.select().from(plans).where(eq(plans.slug, demoPlanSlug));
    const planId = plan?.id as string;
    const rows = await db
      .select({ id: elements.id, code: elements.code })
      .from(elements)
      .where(eq(elements.planId, planId));
    const inO2 = new Set(rows.filter((row) => row.code.startsWith("O2")).map((row) => row.id));
    const [whole] = await loadPlanRollUps({ db, planId, days: [today], scope: { all: true } });
    const [scoped] = await loadPlanRollUps({
      db,
      planId,
      days: [today],
      scope: { all: false, elementIds: inO2 },
    });
    if (!whole || !scoped) throw new Error("no roll-up");
    expect(scoped.elements.every((element) => inO2.has(element.elementId))).toBe(true);
    expect(scoped.plan.inputs.map((input) => input.id)).toEqual(
      [...inO2].filter((id) => whole.plan.inputs.some((input) => input.id === id)),
    );
    const o2 = whole.elements.find((element) => element.elementId === scoped.plan.inputs[0]?.id);
    // One top-level element in scope: the plan's health there is that element's.
    expect(scoped.plan.score).toBe(o2?.score ?? null);
    expect(scoped.indicators.length).toBeLessThan(whole.indicators.length);
    const shown = new Set(scoped.indicators.map((indicator) => indicator.indicatorId));
    expect(scoped.completeness.cells.every((cell) => shown.has(cell.indicatorId))).toBe(true);
  });
});
