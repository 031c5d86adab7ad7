import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../../app/auth/policy";
import { frequencies, planPeriods } from "../../app/indicators/periods";
import { aggregationModes, directions } from "../../app/indicators/values";
import { elementStatuses } from "../../app/plan-graph/vocabulary";
import { approveEntry } from "../../app/progress/workflow.server";
import {
  type EntryStatus,
  previousPeriodEnd,
  type RollUpData,
  type RollUpEntry,
  rollUp,
} from "../../app/rollup/rollup";
import { storedPlanRollUp, storedPlanRollUps } from "../../app/rollup/store.server";
import type { Database, Db } from "../../db/client";
import {
  elementLinks,
  elements,
  indicatorElements,
  indicators,
  indicatorTargets,
  plans,
  progressEntries,
  rollupCells,
  userRoles,
  users,
} from "../../db/schema";
import { createTestDatabase, inRollback } from "../support/database";

/**
 * The database roll-up (summaries kept by triggers on progress_entries, app/rollup/store.server.ts) answers as the
 * pure engine does from the raw entries: random plans are written through the normal tables, changed the ways
 * entries change (approval, correction, reopening, a move to another period, deletion), and rolled up on several
 * days both ways. Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

// ---------------------------------------------------------------- helpers

const addDays = (isoDay: string, days: number) => {
  const [y, m, d] = isoDay.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
};
const noon = (isoDay: string) => new Date(`${isoDay}T12:00:00Z`);

/** Numbers rounded to 10 significant digits, so sums taken in another order compare equal. */
function normalise(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? Number(value.toPrecision(10)) : value;
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalise(item)]));
  return value;
}

// ---------------------------------------------------------------- generators

const weightArb = fc.constantFrom(1, 1, 1, 2, 0.5, 3);

const entryArb = fc.record({
  period: fc.nat(),
  value: fc.integer({ min: 0, max: 120 }),
  half: fc.boolean(),
  status: fc.constantFrom<EntryStatus>("draft", "submitted", "returned", "approved", "approved", "approved"),
  reportedOffset: fc.integer({ min: -10, max: 40 }),
  /** Days after the period's end it was submitted; null: imported, no date. */
  submittedOffset: fc.option(fc.integer({ min: -20, max: 60 }), { nil: null, freq: 6 }),
  decidedDelay: fc.option(fc.integer({ min: 0, max: 45 }), { nil: null, freq: 6 }),
  change: fc.constantFrom("none", "none", "none", "none", "approve", "correct", "reopen", "move", "delete"),
  moveTo: fc.nat(),
});

const indicatorArb = fc.record({
  measure: fc.constantFrom("number", "number", "percentage", "qualitative"),
  levels: fc.integer({ min: 2, max: 5 }),
  direction: fc.constantFrom(...directions),
  aggregation: fc.constantFrom(...aggregationModes),
  frequency: fc.constantFrom(...frequencies),
  tolerance: fc.option(fc.constantFrom(0, 2, 5, 10), { nil: null }),
  baseline: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  weight: weightArb,
  /** A target per period index (undefined: none). */
  targets: fc.array(fc.option(fc.integer({ min: 0, max: 150 }), { nil: undefined, freq: 3 }), {
    maxLength: 30,
  }),
  measures: fc.uniqueArray(fc.nat({ max: 7 }), { maxLength: 3 }),
  entries: fc.array(entryArb, { maxLength: 10 }),
});

const planArb = fc.record({
  startOffset: fc.integer({ min: 0, max: 120 }),
  lengthDays: fc.integer({ min: 150, max: 900 }),
  elements: fc.array(
    fc.record({
      status: fc.constantFrom(...elementStatuses, "active", "active"),
      weight: weightArb,
      parent: fc.option(fc.nat(), { nil: null, freq: 3 }),
    }),
    { minLength: 1, maxLength: 8 },
  ),
  causal: fc.array(
    fc.tuple(fc.nat(), fc.nat(), fc.constantFrom("contributes_to", "contributes_to", "precondition_of")),
    { maxLength: 6 },
  ),
  indicators: fc.array(indicatorArb, { minLength: 1, maxLength: 5 }),
  days: fc.array(fc.integer({ min: -20, max: 1000 }), { minLength: 1, maxLength: 3 }),
});

type Recipe = typeof planArb extends fc.Arbitrary<infer T> ? T : never;

// ---------------------------------------------------------------- writing a recipe

type Written = { planId: string; data: RollUpData; days: string[] };

/** Writes the recipe through the normal tables and returns the same data as the pure engine reads it. */
async function write(db: Db, recipe: Recipe, slug: string): Promise<Written> {
  const startDate = addDays("2023-01-01", recipe.startOffset);
  const endDate = addDays(startDate, recipe.lengthDays);
  const planId = randomUUID();
  await db.insert(plans).values({ id: planId, slug, title: { en: slug }, startDate, endDate });

  const elementRows = recipe.elements.map((element, i) => ({
    id: randomUUID(),
    planId,
    code: `E${i}`,
    kind: "strategy" as const,
    title: { en: `E${i}` },
    status: element.status,
    weight: element.weight,
  }));
  await db.insert(elements).values(elementRows);
  const links: RollUpData["links"][number][] = [];
  const seen = new Set<string>();
  // The outline: an element is part of an earlier one (a tree).
  recipe.elements.forEach((element, i) => {
    if (element.parent === null || i === 0) return;
    links.push({
      kind: "part_of",
      fromId: (elementRows[i] as { id: string }).id,
      toId: (elementRows[element.parent % i] as { id: string }).id,
    });
  });
  // Causal links in any direction: they may close cycles, which the roll-up leaves out.
  for (const [from, to, kind] of recipe.causal) {
    const a = from % elementRows.length;
    const b = to % elementRows.length;
    if (a === b) continue;
    const link = {
      kind: kind as "contributes_to" | "precondition_of",
      fromId: (elementRows[a] as { id: string }).id,
      toId: (elementRows[b] as { id: string }).id,
    };
    const key = `${link.kind}|${link.fromId}|${link.toId}`;
    if (!seen.has(key)) links.push(link);
    seen.add(key);
  }
  if (links.length)
    await db.insert(elementLinks).values(
      links.map((link) => ({
        planId,
        kind: link.kind,
        fromElementId: link.fromId,
        toElementId: link.toId,
      })),
    );

  const plan = { startDate, endDate };
  const indicatorData: RollUpData["indicators"][number][] = [];
  type EntryRow = typeof progressEntries.$inferInsert & { id: string };
  const entryRows: EntryRow[] = [];
  const changes: { row: EntryRow; change: string; moveTo: string }[] = [];
  let created = 0;
  for (const [n, spec] of recipe.indicators.entries()) {
    const id = randomUUID();
    const periods = planPeriods(plan, spec.frequency);
    const qualitative = spec.measure === "qualitative";
    const targets = periods.flatMap((period, i) => {
      const value = spec.targets[i];
      if (value === undefined) return [];
      return [{ periodKey: period.key, value: qualitative ? value % spec.levels : value }];
    });
    const elementIds = spec.measures
      .filter((i) => i < elementRows.length)
      .map((i) => (elementRows[i] as { id: string }).id);
    const baselineValue =
      spec.baseline === null ? null : qualitative ? spec.baseline % spec.levels : spec.baseline;
    await db.insert(indicators).values({
      id,
      planId,
      code: `I${n}`,
      name: { en: `I${n}` },
      measure: spec.measure as "number" | "percentage" | "qualitative",
      scale: qualitative ? Array.from({ length: spec.levels }, (_, i) => ({ label: { en: `L${i}` } })) : null,
      direction: spec.direction,
      aggregation: spec.aggregation,
      frequency: spec.frequency,
      tolerance: spec.tolerance,
      baselineValue,
      weight: spec.weight,
    });
    if (targets.length)
      await db.insert(indicatorTargets).values(targets.map((t) => ({ indicatorId: id, ...t })));
    if (elementIds.length)
      await db
        .insert(indicatorElements)
        .values(elementIds.map((elementId) => ({ planId, indicatorId: id, elementId })));
    indicatorData.push({
      id,
      measure: spec.measure as "number" | "percentage" | "qualitative",
      scaleLevels: qualitative ? spec.levels : null,
      direction: spec.direction,
      tolerance: spec.tolerance,
      aggregation: spec.aggregation,
      frequency: spec.frequency,
      baselineValue,
      weight: spec.weight,
      targets,
      elementIds,
    });

    const reported = (value: number, half: boolean) =>
      qualitative
        ? value % spec.levels
        : spec.measure === "percentage"
          ? value % 101
          : value + (half ? 0.5 : 0);
    for (const entry of spec.entries) {
      const period = periods[entry.period % periods.length] as { key: string; start: string; end: string };
      const submittedOn = entry.submittedOffset === null ? null : addDays(period.end, entry.submittedOffset);
      const decidable = entry.status === "approved" || entry.status === "returned";
      const decidedOn =
        !decidable || entry.decidedDelay === null
          ? null
          : addDays(submittedOn ?? period.end, entry.decidedDelay);
      const row: EntryRow = {
        id: randomUUID(),
        indicatorId: id,
        periodKey: period.key,
        status: entry.status,
        value: reported(entry.value, entry.half),
        reportedOn: addDays(period.start, entry.reportedOffset),
        submittedAt: entry.status === "draft" || submittedOn === null ? null : noon(submittedOn),
        decidedAt: decidedOn === null ? null : noon(decidedOn),
        // Distinct creation moments, so the rank of entries (reported_on, created_at) has no ties.
        createdAt: new Date(Date.UTC(2022, 0, 1) + created++ * 1000),
      };
      entryRows.push(row);
      const moveTo = (periods[entry.moveTo % periods.length] as { key: string }).key;
      changes.push({ row, change: entry.change, moveTo });
    }
  }
  // One statement for all entries (the triggers refresh many cells at once), then each change on its own.
  if (entryRows.length) await db.insert(progressEntries).values(entryRows);
  const deleted = new Set<string>();
  for (const { row, change, moveTo } of changes) {
    let set: Partial<EntryRow> | null = null;
    if (change === "approve" && row.status === "submitted")
      set = { status: "approved", decidedAt: noon(addDays(row.reportedOn as string, 20)) };
    else if (change === "correct" && row.status === "approved") set = { value: (row.value as number) + 3 };
    else if (change === "reopen" && row.status === "approved") set = { status: "submitted", decidedAt: null };
    else if (change === "move") set = { periodKey: moveTo };
    else if (change === "delete") {
      await db.delete(progressEntries).where(eq(progressEntries.id, row.id));
      deleted.add(row.id);
    }
    if (set) {
      await db.update(progressEntries).set(set).where(eq(progressEntries.id, row.id));
      Object.assign(row, set);
    }
  }

  const utcDay = (moment: Date | null | undefined) => (moment ? moment.toISOString().slice(0, 10) : null);
  const live = entryRows
    .filter((row) => !deleted.has(row.id))
    .sort((a, b) =>
      (a.reportedOn as string) !== (b.reportedOn as string)
        ? (a.reportedOn as string) < (b.reportedOn as string)
          ? -1
          : 1
        : (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime(),
    );
  const entries: RollUpEntry[] = live.map((row, order) => ({
    indicatorId: row.indicatorId,
    periodKey: row.periodKey,
    value: row.value,
    order,
    status: row.status as EntryStatus,
    submittedOn: utcDay(row.submittedAt),
    decidedOn: utcDay(row.decidedAt),
  }));

  const days = recipe.days.map((offset) => addDays(startDate, offset));
  const first = days[0] as string;
  const previous = previousPeriodEnd({ plan, frequency: "quarterly", asOf: first });
  if (previous) days.push(previous);
  return {
    planId,
    data: {
      plan,
      elements: elementRows.map(({ id, status, weight }) => ({ id, status, weight })),
      links,
      indicators: indicatorData,
      entries,
    },
    days,
  };
}

// ---------------------------------------------------------------- tests

describe("the database roll-up", () => {
  it("equals the pure engine on random plans, entries and changes, on every day asked", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(planArb, async (recipe) => {
        await inRollback(database.db, async (tx) => {
          const { planId, data, days } = await write(tx, recipe, `property-${run++}`);
          const stored = await storedPlanRollUps({ db: tx, planId, days });
          expect(stored).toHaveLength(days.length);
          days.forEach((asOf, i) => {
            expect(normalise(stored[i])).toEqual(normalise(rollUp(data, { asOf })));
          });
          // A later change (every approved value corrected) is read at once, not from the roll-ups just computed.
          const ids = data.indicators.map((indicator) => indicator.id);
          await tx
            .update(progressEntries)
            .set({ value: sql`${progressEntries.value} + 1` })
            .where(and(inArray(progressEntries.indicatorId, ids), eq(progressEntries.status, "approved")));
          const corrected: RollUpData = {
            ...data,
            entries: data.entries.map((entry) =>
              entry.status === "approved" ? { ...entry, value: entry.value + 1 } : entry,
            ),
          };
          const again = await storedPlanRollUps({ db: tx, planId, days });
          days.forEach((asOf, i) => {
            expect(normalise(again[i])).toEqual(normalise(rollUp(corrected, { asOf })));
          });
        });
      }),
      { numRuns: 100 },
    );
  });

  it("keeps every approval when two transactions approve in the same period at once", async () => {
    const db = database.db;
    const [plan] = await db
      .insert(plans)
      .values({
        slug: "concurrent",
        title: { en: "Concurrent" },
        startDate: "2024-01-01",
        endDate: "2024-12-31",
      })
      .returning({ id: plans.id });
    const [indicator] = await db
      .insert(indicators)
      .values({
        planId: (plan as { id: string }).id,
        code: "I1",
        name: { en: "Workshops" },
        measure: "number",
        direction: "increase",
        aggregation: "per_period",
        frequency: "quarterly",
      })
      .returning({ id: indicators.id });
    const indicatorId = (indicator as { id: string }).id;
    const approved = (value: number) => ({
      indicatorId,
      periodKey: "2024-Q1",
      status: "approved" as const,
      value,
      reportedOn: "2024-03-31",
      decidedAt: new Date("2024-04-02T12:00:00Z"),
    });
    let firstWrote: () => void = () => {};
    const wrote = new Promise<void>((resolve) => {
      firstWrote = resolve;
    });
    // The first transaction holds its refresh until the second has written its own entry.
    const first = db.transaction(async (tx) => {
      await tx.insert(progressEntries).values(approved(5));
      firstWrote();
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    await wrote;
    const second = db.transaction(async (tx) => {
      await tx.insert(progressEntries).values(approved(7));
    });
    await Promise.all([first, second]);
    const [cell] = await db.select().from(rollupCells).where(eq(rollupCells.indicatorId, indicatorId));
    expect(cell?.approvedCount).toBe(2);
    expect(cell?.approvedSum).toBe(12);
  });

  it("lets a plan be deleted with its elements, links, indicators and targets", async () => {
    const db = database.db;
    const recipe = fc.sample(planArb, { numRuns: 1, seed: 5 })[0] as Recipe;
    const noEntries = { ...recipe, indicators: recipe.indicators.map((spec) => ({ ...spec, entries: [] })) };
    const { planId } = await write(db, noEntries, "deleted-plan");
    expect(await storedPlanRollUp({ db, planId, asOf: "2024-01-01" })).not.toBeNull();
    await db.delete(plans).where(eq(plans.id, planId));
    expect(await storedPlanRollUp({ db, planId, asOf: "2024-01-01" })).toBeNull();
  });

  it("is null for a plan that does not exist", async () => {
    expect(await storedPlanRollUp({ db: database.db, planId: randomUUID(), asOf: "2024-01-01" })).toBeNull();
  });

  it("shows an approval through the verification workflow in the very next roll-up", async () => {
    const db = database.db;
    const today = new Date().toISOString().slice(0, 10);
    const person = async (email: string, role: "staff" | "me_officer"): Promise<Viewer> => {
      const [row] = await db
        .insert(users)
        .values({ email, name: email, passwordHash: "not-used" })
        .returning({ id: users.id });
      const id = (row as { id: string }).id;
      await db.insert(userRoles).values({ userId: id, role });
      return { id, email, name: email, roles: [role], funderCode: null, hasSecondFactor: false };
    };
    const staff = await person("staff@rollup.example", "staff");
    const officer = await person("meo@rollup.example", "me_officer");
    const [plan] = await db
      .insert(plans)
      .values({
        slug: "approval-visible",
        title: { en: "Approval visible" },
        startDate: addDays(today, -400),
        endDate: addDays(today, 400),
        status: "active",
      })
      .returning({ id: plans.id });
    const planId = (plan as { id: string }).id;
    const [element] = await db
      .insert(elements)
      .values({ planId, code: "O1", kind: "objective", title: { en: "Objective" }, status: "active" })
      .returning({ id: elements.id });
    const elementId = (element as { id: string }).id;
    // A life-of-plan count with a target of 100: judged only once a report for its one period is approved.
    const [indicator] = await db
      .insert(indicators)
      .values({
        planId,
        code: "I1",
        name: { en: "People reached" },
        measure: "number",
        direction: "increase",
        aggregation: "cumulative",
        frequency: "life_of_plan",
      })
      .returning({ id: indicators.id });
    const indicatorId = (indicator as { id: string }).id;
    await db.insert(indicatorTargets).values({ indicatorId, periodKey: "lop", value: 100 });
    await db.insert(indicatorElements).values({ planId, indicatorId, elementId });
    const [entry] = await db
      .insert(progressEntries)
      .values({
        indicatorId,
        periodKey: "lop",
        status: "submitted",
        value: 90,
        reportedOn: today,
        enteredBy: staff.id,
        submittedAt: new Date(),
      })
      .returning({ id: progressEntries.id });

    const before = await storedPlanRollUp({ db, planId, asOf: today });
    expect(before?.plan.status).toBe("not_yet_due");
    expect(before?.completeness.cells).toEqual([
      { indicatorId, periodKey: "lop", due: false, state: "submitted" },
    ]);

    await approveEntry({ db, viewer: officer, entryId: (entry as { id: string }).id });

    const after = await storedPlanRollUp({ db, planId, asOf: today });
    // 90 people against the half of 100 expected about halfway through the plan: on track.
    expect(after?.indicators[0]?.status).toBe("on_track");
    expect(after?.indicators[0]?.actual).toBe(90);
    expect(after?.elements[0]?.status).toBe("on_track");
    expect(after?.plan.status).toBe("on_track");
    expect(after?.completeness.cells[0]?.state).toBe("approved");
    // The day before, nothing had been approved yet: the roll-up of an earlier day is unchanged.
    const yesterday = await storedPlanRollUp({ db, planId, asOf: addDays(today, -1) });
    expect(yesterday?.plan.status).toBe("not_yet_due");
    // Asked again with nothing changed, the roll-up is the one already computed.
    expect(await storedPlanRollUp({ db, planId, asOf: today })).toBe(after);
    // A change of target shows in the next request too: the plan's version moved in the change's transaction.
    await db
      .update(indicatorTargets)
      .set({ value: 1000 })
      .where(eq(indicatorTargets.indicatorId, indicatorId));
    const retargeted = await storedPlanRollUp({ db, planId, asOf: today });
    expect(retargeted?.indicators[0]?.status).toBe("at_risk");
    expect(retargeted?.plan.status).toBe("at_risk");
    // As does a correction written straight to the table.
    await db.update(progressEntries).set({ value: 950 }).where(eq(progressEntries.indicatorId, indicatorId));
    expect((await storedPlanRollUp({ db, planId, asOf: today }))?.indicators[0]?.actual).toBe(950);
    // The summary row was written by the approval's own transaction.
    const [cell] = await db
      .select()
      .from(rollupCells)
      .where(inArray(rollupCells.indicatorId, [indicatorId]));
    expect(cell?.approvedCount).toBe(1);
    expect(cell?.approvedSum).toBe(950);
  });
});
