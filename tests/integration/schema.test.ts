import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "../../db/client";
import { auditEvents, elementLinks, elements, plans, sourceDocuments } from "../../db/schema";
import { createTestDatabase, databaseError, inRollback } from "../support/database";

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const title = { en: "A title" };

/** Two plans, with two elements in the first and one in the second. */
async function fixture(tx: Db) {
  await tx.insert(sourceDocuments).values({ id: "plan-doc", title, language: "en" });
  const [a, b] = await tx
    .insert(plans)
    .values([
      { slug: "plan-a", title, startDate: "2020-01-01", endDate: "2020-12-31" },
      { slug: "plan-b", title, startDate: "2021-01-01", endDate: "2021-12-31" },
    ])
    .returning({ id: plans.id });
  const planA = (a as { id: string }).id;
  const planB = (b as { id: string }).id;
  const [objective, strategy, other] = await tx
    .insert(elements)
    .values([
      { planId: planA, code: "O1", kind: "objective", title },
      { planId: planA, code: "O1.S1", kind: "strategy", title },
      { planId: planB, code: "O1", kind: "objective", title },
    ])
    .returning({ id: elements.id });
  return {
    planA,
    planB,
    objective: (objective as { id: string }).id,
    strategy: (strategy as { id: string }).id,
    otherPlanElement: (other as { id: string }).id,
  };
}

describe("the schema refuses what would break the plan graph", () => {
  it("a code used twice in one plan (the same code in another plan is fine)", async () => {
    await inRollback(database.db, async (tx) => {
      const { planA } = await fixture(tx);
      expect(
        await databaseError(tx, (t) =>
          t.insert(elements).values({ planId: planA, code: "O1", kind: "objective", title }),
        ),
      ).toMatch(/elements_plan_code_key/);
    });
  });

  it("a link whose ends are in different plans", async () => {
    await inRollback(database.db, async (tx) => {
      const { planA, objective, otherPlanElement } = await fixture(tx);
      expect(
        await databaseError(tx, (t) =>
          t.insert(elementLinks).values({
            planId: planA,
            kind: "contributes_to",
            fromElementId: objective,
            toElementId: otherPlanElement,
          }),
        ),
      ).toMatch(/element_links_to_fk/);
    });
  });

  it("a second parent in the outline, and a link from an element to itself", async () => {
    await inRollback(database.db, async (tx) => {
      const { planA, objective, strategy } = await fixture(tx);
      await tx
        .insert(elementLinks)
        .values({ planId: planA, kind: "part_of", fromElementId: strategy, toElementId: objective });
      const [second] = await tx
        .insert(elements)
        .values({ planId: planA, code: "O2", kind: "objective", title })
        .returning({ id: elements.id });
      expect(
        await databaseError(tx, (t) =>
          t.insert(elementLinks).values({
            planId: planA,
            kind: "part_of",
            fromElementId: strategy,
            toElementId: (second as { id: string }).id,
          }),
        ),
      ).toMatch(/element_links_one_parent_key/);
      expect(
        await databaseError(tx, (t) =>
          t.insert(elementLinks).values({
            planId: planA,
            kind: "contributes_to",
            fromElementId: objective,
            toElementId: objective,
          }),
        ),
      ).toMatch(/link_not_to_itself/);
    });
  });

  it("a plan that ends before it starts, a badly formed slug, a title without English", async () => {
    await inRollback(database.db, async (tx) => {
      const insertPlan = (values: Partial<typeof plans.$inferInsert>) =>
        databaseError(tx, (t) =>
          t
            .insert(plans)
            .values({ slug: "p", title, startDate: "2020-01-01", endDate: "2020-12-31", ...values }),
        );
      expect(await insertPlan({ endDate: "2019-12-31" })).toMatch(/plan_period_order/);
      expect(await insertPlan({ slug: "Plan 2020" })).toMatch(/plan_slug_format/);
      expect(await insertPlan({ title: { fr: "Un titre" } as never })).toMatch(/plan_title_has_en/);
    });
  });

  it("a reconstructed element without a citation, and a citation without its section", async () => {
    await inRollback(database.db, async (tx) => {
      const { planA } = await fixture(tx);
      const insertElement = (values: Partial<typeof elements.$inferInsert>) =>
        databaseError(tx, (t) =>
          t.insert(elements).values({ planId: planA, code: "X1", kind: "activity", title, ...values }),
        );
      expect(await insertElement({ reconstructed: true })).toMatch(/reconstructed_element_cited/);
      expect(await insertElement({ citationSourceId: "plan-doc" })).toMatch(/citation_complete/);
      expect(await insertElement({ citationSourceId: "nowhere", citationSection: "§1" })).toMatch(
        /foreign key/,
      );
      expect(await insertElement({ code: "O1 S1" })).toMatch(/element_code_format/);
    });
  });
});

describe("the audit trail", () => {
  it("is append-only: UPDATE, DELETE and TRUNCATE are refused", async () => {
    await inRollback(database.db, async (tx) => {
      await tx
        .insert(auditEvents)
        .values({ actor: "test", action: "test.write", entityType: "test", entityId: "1" });
      expect(await databaseError(tx, (t) => t.update(auditEvents).set({ actor: "someone else" }))).toMatch(
        /append-only: UPDATE/,
      );
      expect(await databaseError(tx, (t) => t.delete(auditEvents))).toMatch(/append-only: DELETE/);
      expect(await databaseError(tx, (t) => t.execute(sql`truncate audit_events`))).toMatch(
        /append-only: TRUNCATE/,
      );
    });
  });
});
