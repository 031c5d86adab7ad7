import { readFileSync } from "node:fs";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndicatorSnapshot } from "../../app/indicators/definition";
import type { IndicatorsFile } from "../../app/indicators/format";
import { importIndicators } from "../../app/indicators/store.server";
import { seedNswp } from "../../app/plan-graph/seed.server";
import { ImportRejected } from "../../app/plan-graph/store.server";
import { parseIndicatorsFile } from "../../app/plan-graph/validate";
import type { Database, Db } from "../../db/client";
import { indicatorRevisions, indicators, indicatorTargets, plans, progressEntries } from "../../db/schema";
import { citedTarget, indicatorsFileWithCitedTarget } from "../fixtures/cited-targets";
import { createTestDatabase, inRollback } from "../support/database";
import { sourceTexts } from "../support/sources";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedNswp({ db: database.db, actor: "test" });
});
afterAll(async () => {
  await database?.close();
});

const seedFile = () => JSON.parse(readFileSync("seeds/nswp/indicators.json", "utf8")) as IndicatorsFile;

async function indicatorIdOf(db: Db, plan: string, code: string) {
  const [row] = await db
    .select({ id: indicators.id })
    .from(indicators)
    .innerJoin(plans, eq(plans.id, indicators.planId))
    .where(and(eq(plans.slug, plan), eq(indicators.code, code)));
  if (!row) throw new Error(`no indicator ${plan} ${code}`);
  return row.id;
}

/** An indicator's targets as stored, with their citations, in period order. */
const targetsOf = (db: Db, indicatorId: string) =>
  db
    .select({
      periodKey: indicatorTargets.periodKey,
      cellKey: indicatorTargets.cellKey,
      value: indicatorTargets.value,
      citationSourceId: indicatorTargets.citationSourceId,
      citationSection: indicatorTargets.citationSection,
      citationQuote: indicatorTargets.citationQuote,
    })
    .from(indicatorTargets)
    .where(eq(indicatorTargets.indicatorId, indicatorId))
    .orderBy(asc(indicatorTargets.periodKey), asc(indicatorTargets.cellKey));

describe("the NSWP indicators", () => {
  it("are loaded with the sources' figures as approved entries, each citing its passage", async () => {
    const rows = await database.db.select().from(indicators);
    expect(rows.length).toBeGreaterThanOrEqual(8);
    const entries = await database.db.select().from(progressEntries);
    expect(entries.length).toBeGreaterThanOrEqual(8);
    for (const entry of entries) {
      expect(entry.status).toBe("approved");
      expect(entry.citationSourceId).toMatch(/^(review-2015|plan-2010-2012)$/);
      expect(entry.citationSection).toBeTruthy();
      expect(entry.citationQuote).toBeTruthy();
    }
    expect(entries.map((entry) => entry.value)).toEqual(expect.arrayContaining([237, 71, 126]));
  });

  // The source documents sit beside the repository (../shared/sources), as they do in CI, where their absence fails
  // this test; a clone elsewhere without them skips it and says so.
  it("quote their source word for word (from ../shared/sources)", (context) => {
    const sources = sourceTexts(context);
    const cited = seedFile().indicators.flatMap((indicator) => [
      ...(indicator.citation ? [{ what: `${indicator.plan} ${indicator.code}`, ...indicator.citation }] : []),
      ...indicator.entries.map((entry) => ({
        what: `${indicator.plan} ${indicator.code} ${entry.period}`,
        ...entry.citation,
      })),
      ...(indicator.targets ?? []).map((target) => ({
        what: `${indicator.plan} ${indicator.code} target ${target.period}`,
        ...target.citation,
      })),
    ]);
    for (const citation of cited) {
      const quote = citation.quote?.replace(/\s+/g, " ") ?? "";
      expect(quote, citation.what).not.toBe("");
      expect(sources[citation.source], citation.what).toContain(quote);
    }
  });

  it("carry no target: the sources state none for the figures they report", async () => {
    // A target derived from what was done would judge the plan against its own results ("on track" by
    // construction), so the seed states none; a target a source does state would be loaded with its passage.
    expect(seedFile().indicators.flatMap((indicator) => indicator.targets ?? [])).toEqual([]);
    expect(await database.db.select().from(indicatorTargets)).toEqual([]);
  });

  it("loading the file again changes nothing", async () => {
    await inRollback(database.db, async (tx) => {
      expect(await importIndicators({ db: tx, file: seedFile(), actor: "test" })).toEqual({ changed: false });
    });
  });
});

describe("an indicators file that does not fit", () => {
  it("is refused with the place and reason, and nothing is written", async () => {
    await inRollback(database.db, async (tx) => {
      const file = seedFile();
      const first = file.indicators[0] as IndicatorsFile["indicators"][number];
      first.elements = ["O9"];
      first.entries = [
        { ...(first.entries[0] as (typeof first.entries)[number]), period: "1999", value: -3 },
      ];
      const before = await tx.select().from(progressEntries);
      const failure = await importIndicators({ db: tx, file, actor: "test" }).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(ImportRejected);
      expect((failure as ImportRejected).problems).toEqual(
        expect.arrayContaining([
          { path: "$.indicators[0].elements[0]", message: `no element "O9" in plan ${first.plan}` },
          { path: "$.indicators[0].entries[0].period", message: "outsidePlan" },
          { path: "$.indicators[0].entries[0].value", message: "negative" },
        ]),
      );
      expect(await tx.select().from(progressEntries)).toEqual(before);
    });
  });

  it("is refused by its shape before anything is read from the database", () => {
    const parsed = parseIndicatorsFile({
      ...seedFile(),
      indicators: [{ ...seedFile().indicators[0], measure: "ratio" }],
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems[0]?.path).toBe("$.indicators[0].measure");
  });

  it("stores a target's citation; loading it twice changes nothing", async () => {
    await inRollback(database.db, async (tx) => {
      const id = await indicatorIdOf(tx, citedTarget.plan, citedTarget.code);
      expect(
        await importIndicators({ db: tx, file: indicatorsFileWithCitedTarget(), actor: "test" }),
      ).toEqual({
        changed: true,
      });
      expect(await targetsOf(tx, id)).toEqual([
        {
          periodKey: citedTarget.period,
          cellKey: "",
          value: citedTarget.value,
          citationSourceId: citedTarget.citation.source,
          citationSection: citedTarget.citation.section,
          citationQuote: citedTarget.citation.quote,
        },
      ]);
      expect(
        await importIndicators({ db: tx, file: indicatorsFileWithCitedTarget(), actor: "test" }),
      ).toEqual({
        changed: false,
      });
    });
  });

  it("treats a changed citation as a change, keeping the version it replaces with its citation", async () => {
    await inRollback(database.db, async (tx) => {
      const id = await indicatorIdOf(tx, citedTarget.plan, citedTarget.code);
      await importIndicators({ db: tx, file: indicatorsFileWithCitedTarget(), actor: "test" });
      const [before] = await tx.select().from(indicators).where(eq(indicators.id, id));
      const file = indicatorsFileWithCitedTarget();
      const target = file.indicators.find((indicator) => indicator.targets?.length)?.targets?.[0];
      if (!target) throw new Error("no target in the fixture");
      target.citation.quote = "The same target, quoted from another passage.";
      expect(await importIndicators({ db: tx, file, actor: "test" })).toEqual({ changed: true });
      expect((await targetsOf(tx, id))[0]).toMatchObject({
        value: citedTarget.value,
        citationQuote: "The same target, quoted from another passage.",
      });
      const [kept] = await tx
        .select()
        .from(indicatorRevisions)
        .where(
          and(eq(indicatorRevisions.indicatorId, id), eq(indicatorRevisions.revision, before?.revision ?? 0)),
        );
      expect((kept?.snapshot as IndicatorSnapshot | undefined)?.targets).toEqual([
        {
          periodKey: citedTarget.period,
          cell: {},
          value: citedTarget.value,
          citation: { ...citedTarget.citation },
        },
      ]);
      expect(await importIndicators({ db: tx, file, actor: "test" })).toEqual({ changed: false });
    });
  });

  it("changes a target the file changes, keeping the version it replaces, and leaves other periods alone", async () => {
    await inRollback(database.db, async (tx) => {
      const id = await indicatorIdOf(tx, citedTarget.plan, citedTarget.code);
      await importIndicators({ db: tx, file: indicatorsFileWithCitedTarget(), actor: "test" });
      const [row] = await tx.select().from(indicators).where(eq(indicators.id, id));
      // A target someone set on the indicator's page, for a period the file does not name.
      await tx.insert(indicatorTargets).values({ indicatorId: id, periodKey: "2015", value: 30 });
      const file = indicatorsFileWithCitedTarget();
      const target = file.indicators.find((indicator) => indicator.targets?.length)?.targets?.[0];
      if (target) target.value = 24;
      expect(await importIndicators({ db: tx, file, actor: "test" })).toEqual({ changed: true });
      expect((await targetsOf(tx, id)).map(({ periodKey, value }) => ({ periodKey, value }))).toEqual([
        { periodKey: "2013", value: 24 },
        { periodKey: "2015", value: 30 },
      ]);
      const [kept] = await tx
        .select()
        .from(indicatorRevisions)
        .where(
          and(eq(indicatorRevisions.indicatorId, id), eq(indicatorRevisions.revision, row?.revision ?? 0)),
        );
      expect((kept?.snapshot as IndicatorSnapshot | undefined)?.targets).toEqual(
        expect.arrayContaining([expect.objectContaining({ periodKey: "2013", value: 20 })]),
      );
      expect(await importIndicators({ db: tx, file, actor: "test" })).toEqual({ changed: false });
    });
  });

  it("refuses a target outside the plan, twice for a period, or that does not fit the measure", async () => {
    await inRollback(database.db, async (tx) => {
      const file = seedFile();
      const first = file.indicators[0] as IndicatorsFile["indicators"][number];
      const citation = { source: "plan-2010-2012", section: "Introduction", quote: "2010-2012" };
      first.targets = [
        { period: "1999", value: 5, citation },
        { period: "2011", value: -1, citation },
        { period: "2011", value: 6, citation: { ...citation, source: "no-such-source" } },
        { period: "2012", value: 7.5, citation },
      ];
      const failure = await importIndicators({ db: tx, file, actor: "test" }).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(ImportRejected);
      expect((failure as ImportRejected).problems).toEqual(
        expect.arrayContaining([
          { path: "$.indicators[0].targets[0].period", message: "outsidePlan" },
          { path: "$.indicators[0].targets[1].value", message: "negative" },
          // The indicator counts (languages): a target is a whole number.
          { path: "$.indicators[0].targets[3].value", message: "notWhole" },
          { path: "$.indicators[0].targets[2].period", message: '"2011" has two targets' },
          {
            path: "$.indicators[0].targets[2].citation.source",
            message: '"no-such-source" is not one of the file\'s sources',
          },
        ]),
      );
      // A target's citation must quote its passage.
      const unquoted = parseIndicatorsFile({
        ...seedFile(),
        indicators: [
          {
            ...seedFile().indicators[0],
            targets: [
              { period: "2011", value: 6, citation: { source: "plan-2010-2012", section: "Introduction" } },
            ],
          },
        ],
      });
      expect(unquoted.ok).toBe(false);
      if (!unquoted.ok) expect(unquoted.problems[0]?.path).toBe("$.indicators[0].targets[0].citation.quote");
    });
  });

  it("never touches entries people reported (those without a citation)", async () => {
    await inRollback(database.db, async (tx) => {
      const [indicator] = await tx.select().from(indicators).limit(1);
      const id = (indicator as { id: string }).id;
      await tx
        .insert(progressEntries)
        .values({ indicatorId: id, periodKey: "lop", value: 5, reportedOn: "2015-01-01", status: "draft" });
      await importIndicators({ db: tx, file: seedFile(), actor: "test" });
      const drafts = await tx.select().from(progressEntries).where(eq(progressEntries.status, "draft"));
      expect(drafts).toHaveLength(1);
    });
  });
});
