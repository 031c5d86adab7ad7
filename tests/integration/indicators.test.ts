import { existsSync, readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndicatorsFile } from "../../app/indicators/format";
import { importIndicators } from "../../app/indicators/store.server";
import { seedNswp } from "../../app/plan-graph/seed.server";
import { ImportRejected } from "../../app/plan-graph/store.server";
import { parseIndicatorsFile } from "../../app/plan-graph/validate";
import type { Database } from "../../db/client";
import { indicators, progressEntries } from "../../db/schema";
import { createTestDatabase, inRollback } from "../support/database";

const sourcesDir = "../shared/sources";
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedNswp({ db: database.db, actor: "test" });
});
afterAll(async () => {
  await database?.close();
});

const seedFile = () => JSON.parse(readFileSync("seeds/nswp/indicators.json", "utf8")) as IndicatorsFile;

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

  // The source documents sit beside the repository (../shared/sources), as they do in CI; a clone elsewhere skips this.
  it.skipIf(!existsSync(sourcesDir))(
    "quote their source word for word (when ../shared/sources is present)",
    () => {
      const text = (file: string) => readFileSync(`${sourcesDir}/${file}`, "utf8").replace(/\s+/g, " ");
      const sources = {
        "review-2015": text("nswp-strategic-review-2015-summary.fr.txt"),
        "plan-2010-2012": text("nswp-strategic-plan-2010-2012.fr.md"),
      };
      for (const indicator of seedFile().indicators) {
        for (const entry of indicator.entries) {
          const quote = entry.citation.quote?.replace(/\s+/g, " ") ?? "";
          expect(
            sources[entry.citation.source as keyof typeof sources],
            `${indicator.code} ${entry.period}`,
          ).toContain(quote);
        }
      }
    },
  );

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
