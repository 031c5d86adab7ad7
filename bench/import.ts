/**
 * `npm run bench:import`: times the CSV import of progress (app/imports) on files of 1,000, 10,000 and 50,000 rows:
 * the dry run (parse, check every row, look up entries imported before) and the commit (checked again, then
 * written in one transaction with its audit row). Runs on PGlite with a fresh data folder (as `npm start` uses it), and also on PostgreSQL when
 * DATABASE_URL is set (use a throwaway database: the bench adds plans to it). Prints a Markdown table; the figures
 * measured on the project's machines are in docs/performance.md.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { commitImport, previewImport } from "../app/imports/csv.server";
import { seedNswp } from "../app/plan-graph/seed.server";
import { type Database, openDatabase } from "../db/client";
import { createImportFixture, progressCsv } from "../tests/fixtures/progress-csv";

const sizes = [1_000, 10_000, 50_000];
/** 15 rows (a region × gender breakdown) per entry, or one total per row: the most entries to write. */
const shapes = ["breakdown", "totals"] as const;
const on = "2013-06-01";
const runs = 3;

type Row = {
  engine: string;
  shape: string;
  rows: number;
  bytes: number;
  entries: number;
  dryRunMs: number;
  commitMs: number;
};

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function bench(engine: string, database: Database): Promise<Row[]> {
  const { db } = database;
  await seedNswp({ db, actor: "bench" });
  const results: Row[] = [];
  for (const [rows, shape] of sizes.flatMap((rows) => shapes.map((shape) => [rows, shape] as const))) {
    // Totals need an indicator-month per row: 1,400 monthly indicators over 36 months hold 50,000.
    const indicatorCount = shape === "totals" ? 1_400 : 100;
    const slug = `bench-${rows}-${shape}-${Date.now().toString(36)}`;
    const fixture = await createImportFixture(db, { slug, indicatorCount });
    const text = progressCsv({ rows, seed: rows, shape, indicatorCount });
    const dryRuns: number[] = [];
    let entries = 0;
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      const preview = await previewImport({ db, planId: fixture.planId, text, on });
      dryRuns.push(performance.now() - started);
      if (preview.problems.length)
        throw new Error(`the generated file has problems: ${preview.problems[0]?.message.key}`);
      entries = preview.toImport.length;
    }
    const started = performance.now();
    const result = await commitImport({
      db,
      planId: fixture.planId,
      text,
      fileName: "bench.csv",
      userId: fixture.userId,
      on,
    });
    const commitMs = performance.now() - started;
    if (result.imported !== entries) throw new Error(`imported ${result.imported} of ${entries} entries`);
    results.push({
      engine,
      shape,
      rows,
      bytes: Buffer.byteLength(text),
      entries,
      dryRunMs: median(dryRuns),
      commitMs,
    });
    console.error(`${engine}: ${rows} rows (${shape}) done`);
  }
  return results;
}

const results: Row[] = [];
// PGlite as `npm start` runs it: a data folder on disk (a fresh one, removed afterwards).
const folder = mkdtempSync(path.join(tmpdir(), "throughline-bench-"));
const pglite = await openDatabase({ pgliteDir: folder });
try {
  results.push(...(await bench("PGlite", pglite)));
} finally {
  await pglite.close();
  rmSync(folder, { recursive: true, force: true });
}
if (process.env.DATABASE_URL) {
  const postgres = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
  try {
    results.push(...(await bench("PostgreSQL", postgres)));
  } finally {
    await postgres.close();
  }
}

const ms = (value: number) => `${Math.round(value).toLocaleString("en")} ms`;
console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}`);
console.log(`dry run: median of ${runs}; commit: one run (it re-checks the file, then writes)\n`);
console.log("| engine | rows | rows per entry | file size | entries | dry run | commit | rows/s (commit) |");
console.log("|---|---:|---|---:|---:|---:|---:|---:|");
for (const row of results) {
  console.log(
    `| ${row.engine} | ${row.rows.toLocaleString("en")} | ${row.shape === "totals" ? "1 (totals)" : "15 (region × gender)"} | ${(row.bytes / 1024).toFixed(0)} KiB | ${row.entries.toLocaleString("en")} | ${ms(row.dryRunMs)} | ${ms(row.commitMs)} | ${Math.round(row.rows / (row.commitMs / 1000)).toLocaleString("en")} |`,
  );
}
