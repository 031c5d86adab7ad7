import { asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoAccounts } from "../../app/auth/demo.server";
import { demoReturnNotes } from "../../app/demo-data/content";
import { DemoDataRefused, generateDemoData } from "../../app/demo-data/generate.server";
import { periodContaining, planPeriods } from "../../app/indicators/periods";
import { seedNswp } from "../../app/plan-graph/seed.server";
import { checkEntry, loadIndicatorRules } from "../../app/progress/entries.server";
import type { Database, Db } from "../../db/client";
import {
  auditEvents,
  elementAssignees,
  elements,
  entryNotes,
  indicatorElements,
  indicators,
  indicatorTargets,
  periodLocks,
  plans,
  progressEntries,
  users,
} from "../../db/schema";
import { createTestDatabase, inRollback } from "../support/database";

const today = "2026-05-15";
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedNswp({ db: database.db, actor: "test" });
  await seedDemoAccounts({ db: database.db, appSecret: "a-test-secret-of-at-least-32-characters" });
});
afterAll(async () => {
  await database?.close();
});

async function demoPlan(db: Db) {
  const [plan] = await db.select().from(plans).where(eq(plans.slug, "synthetic-demo"));
  return plan;
}

/** Everything the generator wrote, without database ids and creation times: what a reader of the plan sees. */
async function contents(db: Db) {
  const plan = await demoPlan(db);
  if (!plan) return null;
  const elementRows = await db
    .select()
    .from(elements)
    .where(eq(elements.planId, plan.id))
    .orderBy(asc(elements.code));
  const codeOf = new Map(elementRows.map((row) => [row.id, row.code]));
  const indicatorRows = await db
    .select()
    .from(indicators)
    .where(eq(indicators.planId, plan.id))
    .orderBy(asc(indicators.code));
  const indicatorCode = new Map(indicatorRows.map((row) => [row.id, row.code]));
  const ids = indicatorRows.map((row) => row.id);
  const entries = await db.select().from(progressEntries).where(inArray(progressEntries.indicatorId, ids));
  const targets = await db.select().from(indicatorTargets).where(inArray(indicatorTargets.indicatorId, ids));
  const locks = await db.select().from(periodLocks).where(inArray(periodLocks.indicatorId, ids));
  const sorted = <T>(rows: T[]) => rows.map((row) => JSON.stringify(row)).sort();
  return {
    plan: [plan.title, plan.summary, plan.startDate, plan.endDate, plan.synthetic],
    elements: elementRows.map((row) => [row.code, row.kind, row.title]),
    indicators: indicatorRows.map(({ id: _id, planId: _p, createdAt: _c, updatedAt: _u, ...rest }) => rest),
    targets: sorted(
      targets.map(({ indicatorId, ...rest }) => ({ ...rest, indicator: indicatorCode.get(indicatorId) })),
    ),
    entries: sorted(
      entries.map((entry) => ({
        indicator: indicatorCode.get(entry.indicatorId),
        period: entry.periodKey,
        status: entry.status,
        value: entry.value,
        breakdown: entry.breakdown,
        narrative: entry.narrative,
        reportedOn: entry.reportedOn,
        element: entry.elementId ? codeOf.get(entry.elementId) : null,
        submittedAt: entry.submittedAt?.toISOString(),
        decidedAt: entry.decidedAt?.toISOString(),
      })),
    ),
    locks: sorted(locks.map((lock) => [indicatorCode.get(lock.indicatorId), lock.periodKey])),
  };
}

describe("the synthetic demo data generator", () => {
  it("creates a synthetic plan over the expected years with N entries that the entry rules accept", async () => {
    await inRollback(database.db, async (tx) => {
      const summary = await generateDemoData({ db: tx, entries: 400, seed: 7, actor: "test", today });
      expect(summary?.entries).toBe(400);
      const plan = await demoPlan(tx);
      expect(plan).toMatchObject({ synthetic: true, startDate: "2024-01-01", endDate: "2027-12-31" });
      const planIndicators = await tx
        .select()
        .from(indicators)
        .where(eq(indicators.planId, plan?.id ?? ""));
      expect(planIndicators.length).toBeGreaterThanOrEqual(10);
      expect(planIndicators.length).toBeLessThanOrEqual(20);
      expect(new Set(planIndicators.map((i) => i.frequency))).toEqual(
        expect.objectContaining(new Set(["quarterly", "annual", "semi_annual"])),
      );
      expect(new Set(planIndicators.map((i) => i.aggregation))).toEqual(
        new Set(["per_period", "cumulative", "latest"]),
      );
      expect(new Set(planIndicators.map((i) => i.measure))).toEqual(
        new Set(["number", "percentage", "qualitative"]),
      );
      const regionByGender = planIndicators.filter(
        (i) => i.frequency === "quarterly" && i.dimensions.map((d) => d.code).join() === "region,gender",
      );
      expect(regionByGender.length).toBeGreaterThan(0);

      const entries = await tx
        .select()
        .from(progressEntries)
        .where(
          inArray(
            progressEntries.indicatorId,
            planIndicators.map((i) => i.id),
          ),
        );
      expect(entries).toHaveLength(400);
      const approved = entries.filter((entry) => entry.status === "approved").length;
      expect(approved / entries.length).toBeGreaterThan(0.7);
      expect(entries.some((entry) => entry.status === "submitted")).toBe(true);
      expect(entries.some((entry) => entry.status === "returned")).toBe(true);
      expect(entries.some((entry) => entry.breakdown && entry.breakdown.length > 1)).toBe(true);

      // Valid under the shared rules (locks aside: the generator locks old periods after writing their entries).
      const rules = await loadIndicatorRules(
        tx,
        planIndicators.map((i) => i.id),
      );
      for (const entry of entries) {
        const rule = rules.get(entry.indicatorId);
        if (!rule) throw new Error("no rules");
        const result = checkEntry(
          { ...rule, lockedPeriods: new Set() },
          {
            indicatorId: entry.indicatorId,
            periodKey: entry.periodKey,
            total: entry.breakdown ? null : entry.value,
            breakdown: entry.breakdown,
            narrative: null,
            reportedOn: entry.reportedOn,
          },
          today,
        );
        expect(result.problems).toEqual([]);
        expect(result.total).toBe(entry.value);
        // None in the future, and the current period is left open.
        expect(entry.reportedOn <= today).toBe(true);
        const current = periodContaining(rule.periods, today);
        expect(entry.periodKey).not.toBe(current?.key);
      }
      // Returned entries carry the M&E officer's note.
      const returned = entries.filter((entry) => entry.status === "returned").map((entry) => entry.id);
      const notes = await tx.select().from(entryNotes).where(inArray(entryNotes.entryId, returned));
      expect(new Set(notes.map((note) => note.entryId)).size).toBe(returned.length);
      // They are written in English, and stored as English, so that a French page marks them lang="en".
      for (const note of notes) {
        expect(demoReturnNotes).toContain(note.body);
        expect(note.language).toBe("en");
      }
      // Locked periods hold only approved entries, and no lock is on a current period.
      const locks = await tx
        .select()
        .from(periodLocks)
        .where(
          inArray(
            periodLocks.indicatorId,
            planIndicators.map((i) => i.id),
          ),
        );
      expect(locks.length).toBeGreaterThan(0);
      for (const lock of locks) {
        const inLocked = entries.filter(
          (entry) => entry.indicatorId === lock.indicatorId && entry.periodKey === lock.periodKey,
        );
        expect(inLocked.every((entry) => entry.status === "approved")).toBe(true);
      }

      // The demo staff user is responsible for several activities, one with a region × gender quarterly indicator.
      const [staff] = await tx.select().from(users).where(eq(users.email, "staff@example.org"));
      const assigned = await tx
        .select({ elementId: elementAssignees.elementId })
        .from(elementAssignees)
        .where(eq(elementAssignees.userId, staff?.id ?? ""));
      expect(assigned.length).toBeGreaterThanOrEqual(3);
      const measured = await tx
        .select({ elementId: indicatorElements.elementId })
        .from(indicatorElements)
        .where(
          inArray(
            indicatorElements.indicatorId,
            regionByGender.map((i) => i.id),
          ),
        );
      expect(assigned.some((a) => measured.some((m) => m.elementId === a.elementId))).toBe(true);

      const [audit] = await tx.select().from(auditEvents).where(eq(auditEvents.action, "demo_data.generate"));
      expect(audit?.entityId).toBe("synthetic-demo");
    });
  });

  it("gives identical data for the same seed, and different data for another seed", async () => {
    await inRollback(database.db, async (tx) => {
      await generateDemoData({ db: tx, entries: 250, seed: 42, actor: "test", today });
      const first = await contents(tx);
      const summary = await generateDemoData({ db: tx, entries: 250, seed: 42, actor: "test", today });
      expect(summary?.replaced).toBe(true);
      const second = await contents(tx);
      expect(second).toEqual(first);
      expect(await tx.select().from(plans).where(eq(plans.slug, "synthetic-demo"))).toHaveLength(1);
      await generateDemoData({ db: tx, entries: 250, seed: 43, actor: "test", today });
      const other = await contents(tx);
      expect(other?.entries).not.toEqual(first?.entries);
      expect(other?.entries).toHaveLength(250);
    });
  });

  it("never touches a sourced plan, and refuses a non-synthetic plan that holds its slug", async () => {
    await inRollback(database.db, async (tx) => {
      const sourced = async () => {
        const planRows = await tx
          .select()
          .from(plans)
          .where(eq(plans.synthetic, false))
          .orderBy(asc(plans.slug));
        const ids = planRows.map((plan) => plan.id);
        return {
          plans: planRows,
          elements: await tx
            .select()
            .from(elements)
            .where(inArray(elements.planId, ids))
            .orderBy(asc(elements.id)),
          indicators: await tx
            .select()
            .from(indicators)
            .where(inArray(indicators.planId, ids))
            .orderBy(asc(indicators.id)),
          entries: await tx.select().from(progressEntries).orderBy(asc(progressEntries.id)),
        };
      };
      const before = await sourced();
      await generateDemoData({ db: tx, entries: 120, seed: 3, actor: "test", today });
      await generateDemoData({ db: tx, entries: 60, seed: 4, actor: "test", today });
      const after = await sourced();
      expect(after.plans).toEqual(before.plans);
      expect(after.elements).toEqual(before.elements);
      expect(after.indicators).toEqual(before.indicators);
      // The sourced plans' entries are all still there, unchanged.
      const ids = new Set(after.entries.map((entry) => entry.id));
      expect(before.entries.every((entry) => ids.has(entry.id))).toBe(true);
      const byId = new Map(after.entries.map((entry) => [entry.id, entry]));
      for (const entry of before.entries) expect(byId.get(entry.id)).toEqual(entry);
    });

    await inRollback(database.db, async (tx) => {
      await tx.insert(plans).values({
        slug: "synthetic-demo",
        title: { en: "A real plan that happens to use this slug" },
        startDate: "2024-01-01",
        endDate: "2024-12-31",
      });
      const failure = await generateDemoData({ db: tx, entries: 10, seed: 1, actor: "test", today }).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(DemoDataRefused);
      expect(String((failure as Error).message)).toContain("not synthetic");
      const [plan] = await tx.select().from(plans).where(eq(plans.slug, "synthetic-demo"));
      expect(plan?.title).toEqual({ en: "A real plan that happens to use this slug" });
      expect(
        await tx
          .select()
          .from(elements)
          .where(eq(elements.planId, plan?.id ?? "")),
      ).toEqual([]);
    });
  });

  it("creates the plan at start-up only when it is absent", async () => {
    await inRollback(database.db, async (tx) => {
      const { ensureDemoData } = await import("../../app/demo-data/generate.server");
      const first = await ensureDemoData({ db: tx });
      expect(first?.entries).toBe(300);
      expect(await ensureDemoData({ db: tx })).toBeNull();
      const plan = await demoPlan(tx);
      const periods = planPeriods(plan as { startDate: string; endDate: string }, "quarterly");
      expect(periods).toHaveLength(16);
    });
  });
});
