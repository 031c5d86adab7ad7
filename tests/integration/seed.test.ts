import { readFileSync } from "node:fs";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indicatorForEdit, updateIndicator } from "../../app/indicators/manage.server";
import type { OrganisationFile } from "../../app/plan-graph/format";
import { seedNswp } from "../../app/plan-graph/seed.server";
import { ImportRejected, importOrganisationFile } from "../../app/plan-graph/store.server";
import type { Database, Db } from "../../db/client";
import * as schema from "../../db/schema";
import { createTestDatabase, inRollback } from "../support/database";

/**
 * `seed` only adds, in all its parts: the organisation, the plans and the indicators. Run twice it changes nothing;
 * after people changed what it loaded, it refuses, naming what it would undo, and leaves their work as it is.
 */
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedNswp({ db: database.db, actor: "test" });
});
afterAll(() => database?.close());

async function rowCounts(db: Db) {
  const tables = {
    organisation: schema.organisation,
    referenceItems: schema.referenceItems,
    indicators: schema.indicators,
    targets: schema.indicatorTargets,
    indicatorElements: schema.indicatorElements,
    entries: schema.progressEntries,
    revisions: schema.indicatorRevisions,
    audit: schema.auditEvents,
  };
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await db.select({ n: count() }).from(table);
    counts[name] = row?.n ?? 0;
  }
  return counts;
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("the seed was not refused");
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(ImportRejected);
      return (error as ImportRejected).problems.map((problem) => problem.message).join("\n");
    },
  );

async function indicatorRow(db: Db, plan: string, code: string) {
  const [row] = await db
    .select({ indicator: schema.indicators })
    .from(schema.indicators)
    .innerJoin(schema.plans, eq(schema.plans.id, schema.indicators.planId))
    .where(and(eq(schema.plans.slug, plan), eq(schema.indicators.code, code)));
  if (!row) throw new Error(`no indicator ${plan} ${code}`);
  return row.indicator;
}

describe("seed, run again", () => {
  it("changes nothing in the organisation, the indicators, their targets and figures: same rows, no audit row", async () => {
    await inRollback(database.db, async (tx) => {
      const before = await rowCounts(tx);
      const indicatorsBefore = await tx.select().from(schema.indicators);
      await seedNswp({ db: tx, actor: "test" });
      expect(await rowCounts(tx)).toEqual(before);
      expect(await tx.select().from(schema.indicators)).toEqual(indicatorsBefore);
    });
  });

  it("leaves an indicator a person edited on its page, and says which", async () => {
    await inRollback(database.db, async (tx) => {
      const row = await indicatorRow(tx, "2013-2015", "I4");
      const editing = await indicatorForEdit({ db: tx, planId: row.planId, code: "I4" });
      if (!editing) throw new Error("no I4");
      const renamed = { en: "Academy cycles held (all regions)", fr: "Cycles de l’Académie tenus" };
      await updateIndicator({
        db: tx,
        by: { id: null, actor: "person" },
        indicatorId: row.id,
        expectedRevision: row.revision,
        definition: { ...editing.snapshot, name: renamed },
        rationale: null,
      });
      const before = await rowCounts(tx);
      const message = await refusal(seedNswp({ db: tx, actor: "test" }));
      expect(message).toContain("indicators whose stored definition differs from the file: 2013-2015 I4");
      expect((await indicatorRow(tx, "2013-2015", "I4")).name).toEqual(renamed);
      expect(await rowCounts(tx)).toEqual(before);
    });
  });

  it("leaves a sourced figure a person corrected, naming it", async () => {
    await inRollback(database.db, async (tx) => {
      const i1 = await indicatorRow(tx, "2013-2015", "I1");
      await tx
        .update(schema.progressEntries)
        .set({ value: 240 })
        .where(eq(schema.progressEntries.indicatorId, i1.id));
      const message = await refusal(seedNswp({ db: tx, actor: "test" }));
      expect(message).toContain("sourced figures changed or not in the file: 2013-2015 I1 2015");
      const [entry] = await tx
        .select({ value: schema.progressEntries.value })
        .from(schema.progressEntries)
        .where(eq(schema.progressEntries.indicatorId, i1.id));
      expect(entry?.value).toBe(240);
    });
  });

  it("leaves an organisation record a person changed (by importing their own file), and says which", async () => {
    await inRollback(database.db, async (tx) => {
      const file = JSON.parse(readFileSync("seeds/nswp/organisation.json", "utf8")) as OrganisationFile;
      const region = file.referenceLists.region?.[0];
      if (!region) throw new Error("no region");
      const ours = {
        ...file,
        organisation: { ...file.organisation, shortName: "NSWP+" },
        referenceLists: {
          ...file.referenceLists,
          region: [
            { ...region, label: { en: "Africa (all of it)" } },
            ...(file.referenceLists.region ?? []).slice(1),
          ],
        },
      } as OrganisationFile;
      await importOrganisationFile({ db: tx, file: ours, actor: "person" });
      const message = await refusal(seedNswp({ db: tx, actor: "test" }));
      expect(message).toContain("the organisation's profile differs from the file: shortName");
      expect(message).toContain(
        `reference items whose stored values differ from the file: region ${region.code}`,
      );
      const [profile] = await tx.select().from(schema.organisation);
      expect(profile?.shortName).toBe("NSWP+");
      const [item] = await tx
        .select()
        .from(schema.referenceItems)
        .where(and(eq(schema.referenceItems.list, "region"), eq(schema.referenceItems.code, region.code)));
      expect(item?.label).toEqual({ en: "Africa (all of it)" });
    });
  });

  it("adds what is missing: a reference item and an indicator's sourced figure removed since come back", async () => {
    await inRollback(database.db, async (tx) => {
      const before = await rowCounts(tx);
      const i2 = await indicatorRow(tx, "2010-2012", "I2");
      await tx.delete(schema.progressEntries).where(eq(schema.progressEntries.indicatorId, i2.id));
      await tx
        .delete(schema.referenceItems)
        .where(and(eq(schema.referenceItems.list, "funder"), eq(schema.referenceItems.code, "hivos")));
      await seedNswp({ db: tx, actor: "test" });
      const after = await rowCounts(tx);
      expect({ ...after, audit: before.audit }).toEqual(before);
    });
  });
});
