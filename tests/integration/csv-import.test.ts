import { and, count, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  commitImport,
  ImportRefused,
  importAction,
  previewImport,
  templateFor,
} from "../../app/imports/csv.server";
import { seedNswp } from "../../app/plan-graph/seed.server";
import type { Database, Db } from "../../db/client";
import { auditEvents, indicators, periodLocks, progressEntries } from "../../db/schema";
import { createImportFixture, type ImportFixture, progressCsv } from "../fixtures/progress-csv";
import { createTestDatabase, inRollback } from "../support/database";

let database: Database;
let fixture: ImportFixture;
const on = "2013-06-01";

beforeAll(async () => {
  database = await createTestDatabase();
  await seedNswp({ db: database.db, actor: "test" });
  fixture = await createImportFixture(database.db);
});
afterAll(async () => {
  await database?.close();
});

async function entriesOfFixture(db: Db) {
  const ids = (
    await db.select({ id: indicators.id }).from(indicators).where(eq(indicators.planId, fixture.planId))
  ).map((row) => row.id);
  return db.select().from(progressEntries).where(inArray(progressEntries.indicatorId, ids));
}

async function importAudits(db: Db) {
  return db.select().from(auditEvents).where(eq(auditEvents.action, importAction));
}

const commit = (db: Db, text: string) =>
  commitImport({ db, planId: fixture.planId, text, fileName: "progress.csv", userId: fixture.userId, on });

describe("a 10,000-row file", () => {
  // Data row 5,000 is spreadsheet row 5,002 (the header is row 1).
  const bad = progressCsv({ rows: 10_000, change: { index: 5_000, column: "value", to: "12a" } });
  const fixed = progressCsv({ rows: 10_000 });

  it("with one bad row writes nothing, and names that row and column", async () => {
    const preview = await previewImport({ db: database.db, planId: fixture.planId, text: bad, on });
    expect(preview.rows).toBe(10_000);
    expect(preview.problems).toEqual([
      {
        row: 5_002,
        column: "value",
        message: { key: "imports.problem.notANumber", values: { value: "12a" } },
      },
    ]);
    const refusal = await commit(database.db, bad).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ImportRefused);
    expect((refusal as ImportRefused).preview?.problems.map((problem) => problem.row)).toEqual([5_002]);
    expect(await entriesOfFixture(database.db)).toEqual([]);
    expect(await importAudits(database.db)).toEqual([]);
  });

  it("fixed, is written whole by one commit: every row, submitted, with one audit row", async () => {
    await inRollback(database.db, async (tx) => {
      const result = await commit(tx, fixed);
      expect(result).toMatchObject({ imported: 667, skipped: 0, rows: 10_000 });
      const entries = await entriesOfFixture(tx);
      expect(entries).toHaveLength(667);
      expect(entries.reduce((cells, entry) => cells + (entry.breakdown?.length ?? 0), 0)).toBe(10_000);
      for (const entry of entries) {
        expect(entry.status).toBe("submitted");
        expect(entry.enteredBy).toBe(fixture.userId);
        expect(entry.externalSource).toBe("csv");
        expect(entry.value).toBe(entry.breakdown?.reduce((sum, cell) => sum + cell.value, 0));
      }
      const audits = await importAudits(tx);
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({
        id: result.auditId,
        actor: `user:${fixture.userId}`,
        entityType: "plan",
        entityId: fixture.planId,
        after: { file: "progress.csv", rows: 10_000, entries: 667, skipped: 0 },
      });
    });
  });

  it("fixed, is rolled back whole when the last write of the commit fails", async () => {
    // A failure injected after every entry is inserted: the audit row, written last, is refused.
    await database.db.execute(sql`
      create function refuse_import_audit() returns trigger language plpgsql as $$
      begin
        if new.action = ${sql.raw(`'${importAction}'`)} then raise exception 'injected failure'; end if;
        return new;
      end $$`);
    await database.db.execute(
      sql`create trigger refuse_import_audit before insert on audit_events for each row execute function refuse_import_audit()`,
    );
    try {
      const failure = await commit(database.db, fixed).catch((error: unknown) => error);
      expect(String((failure as { cause?: unknown }).cause ?? failure)).toContain("injected failure");
      expect(await entriesOfFixture(database.db)).toEqual([]);
      expect(await importAudits(database.db)).toEqual([]);
    } finally {
      await database.db.execute(sql`drop trigger refuse_import_audit on audit_events`);
      await database.db.execute(sql`drop function refuse_import_audit()`);
    }
  });
});

describe("importing again", () => {
  it("reports the entries already imported and writes only the new ones", async () => {
    await inRollback(database.db, async (tx) => {
      const first = progressCsv({ rows: 150 });
      expect(await commit(tx, first)).toMatchObject({ imported: 10, skipped: 0 });
      const again = await previewImport({ db: tx, planId: fixture.planId, text: first, on });
      expect(again.problems).toEqual([]);
      expect(again.toImport).toHaveLength(0);
      expect(again.alreadyImported).toHaveLength(10);
      expect(await commit(tx, first)).toMatchObject({ imported: 0, skipped: 10, auditId: null });
      expect(await importAudits(tx)).toHaveLength(1);

      // The same rows and 15 more (one more entry): only that entry is new.
      expect(await commit(tx, progressCsv({ rows: 165 }))).toMatchObject({ imported: 1, skipped: 10 });
      expect(await entriesOfFixture(tx)).toHaveLength(11);
      expect(await importAudits(tx)).toHaveLength(2);
    });
  });
});

describe("a period locked after the dry run", () => {
  it("makes the commit refuse the file, naming the rows, and write nothing", async () => {
    await inRollback(database.db, async (tx) => {
      const text = progressCsv({ rows: 45 });
      expect((await previewImport({ db: tx, planId: fixture.planId, text, on })).problems).toEqual([]);
      const [indicator] = await tx
        .select({ id: indicators.id })
        .from(indicators)
        .where(and(eq(indicators.planId, fixture.planId), eq(indicators.code, "I2")));
      await tx
        .insert(periodLocks)
        .values({ indicatorId: (indicator as { id: string }).id, periodKey: "2010-01" });
      const refusal = (await commit(tx, text).catch((error: unknown) => error)) as ImportRefused;
      expect(refusal).toBeInstanceOf(ImportRefused);
      // I2's entry is the second: data rows 15–29, spreadsheet rows 17–31.
      expect(
        new Set(
          refusal.preview?.problems.map(
            (problem) => `${problem.column} ${problem.message.key.replace("imports.problem.", "")}`,
          ),
        ),
      ).toEqual(new Set(["period locked"]));
      expect(refusal.preview?.problems.map((problem) => problem.row)).toEqual(
        Array.from({ length: 15 }, (_, i) => 17 + i),
      );
      const [{ n } = { n: -1 }] = await tx
        .select({ n: count() })
        .from(progressEntries)
        .where(eq(progressEntries.externalSource, "csv"));
      expect(n).toBe(0);
    });
  });
});

describe("templates", () => {
  it("hold the header row with the set's dimension columns, and nothing else", async () => {
    const plan = await templateFor({ db: database.db, planSlug: fixture.slug, elementCode: null });
    expect(plan).toEqual({
      fileName: "progress-csv-fixture.csv",
      csv: "\uFEFFindicator,period,reported_on,region,gender,value,narrative\r\n",
    });
    const element = await templateFor({ db: database.db, planSlug: fixture.slug, elementCode: "O1" });
    expect(element?.fileName).toBe("progress-csv-fixture-O1.csv");
    // The NSWP indicators have no breakdown: no dimension column.
    const nswp = await templateFor({ db: database.db, planSlug: "2010-2012", elementCode: null });
    expect(nswp?.csv).toBe("\uFEFFindicator,period,reported_on,value,narrative\r\n");
    expect(await templateFor({ db: database.db, planSlug: "no-such-plan", elementCode: null })).toBeNull();
    expect(await templateFor({ db: database.db, planSlug: fixture.slug, elementCode: "O9" })).toBeNull();
  });

  it("filled in, import without a problem", async () => {
    await inRollback(database.db, async (tx) => {
      const template = (await templateFor({ db: tx, planSlug: fixture.slug, elementCode: null }))?.csv ?? "";
      const text = `${template}I7,2011-03,2011-04-02,,,12,Trainings\r\nI7,2011-03,2011-04-02,europe,trans,12,\r\n`;
      expect(await commit(tx, text)).toMatchObject({ imported: 1 });
    });
  });
});
