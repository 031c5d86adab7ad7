/**
 * `npm run bench:rollup`: the board's plan overview (app/dashboards/overview.server.ts) at 10k, 100k and 1M approved
 * entries, read from the roll-up summaries (decision 008) and, on the same data in the same run, from a plain
 * aggregation over the raw entries (`loadPlanRollUps`, the same engine over every entry).
 *
 * The data (synthetic, reproducible): 10 plans of 5 years (2022–2026) × 500 indicators (numbers by region × gender,
 * percentages and qualitative milestones; per-period, cumulative and latest readings; increase, decrease, maintain),
 * monthly targets for every indicator, and approved entries spread at random over the months that have ended, each
 * number with its 15-cell region × gender breakdown. Sizes are cumulative: the 100k run adds 90k entries to the
 * 10k ones. "Today" is 2026-11-22, so an overview rolls up 21 days (today, the last quarter's end, the trend).
 *
 * For each size it measures, on one plan, as the board (everything in scope):
 * - **repeated**: the same overview requested again and again with nothing changed (served from the roll-up cache
 *   after reading the plan's version);
 * - **after a change**: an entry of the plan approved (re-saved) before each request, so every request recomputes
 *   the roll-ups from the summaries: what the first board member sees after an approval;
 * - **raw**: the same overview computed from the raw entries.
 *
 * Runs on PGlite (fresh data folder; sizes up to 100k) and, when DATABASE_URL is set, on PostgreSQL (all sizes; use a
 * throwaway database: the bench adds 10 plans to it). `--sizes 10000,100000` picks sizes, `--requests N` the number
 * of repeated requests, `--engine pglite|postgresql` one engine. Prints a Markdown table; the figures are in docs/performance.md.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import type { Viewer } from "../app/auth/policy";
import { getPlanOverview } from "../app/dashboards/overview.server";
import { seededRandom, splitWhole } from "../app/demo-data/random";
import { planPeriods } from "../app/indicators/periods";
import { visiblePlan } from "../app/plan-graph/scope.server";
import { seedNswp } from "../app/plan-graph/seed.server";
import { loadPlanRollUps } from "../app/rollup/load.server";
import { type Database, type Db, openDatabase } from "../db/client";
import {
  elementLinks,
  elements,
  indicatorElements,
  indicators,
  indicatorTargets,
  plans,
  progressEntries,
} from "../db/schema";

const { values: options } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,100000,1000000" },
    requests: { type: "string", default: "50" },
    /** `pglite`, `postgresql` (needs DATABASE_URL) or both (the default; PostgreSQL only when DATABASE_URL is set). */
    engine: { type: "string", default: "both" },
  },
});
const sizes = options.sizes.split(",").map(Number);
const repeated = Number(options.requests);
const afterChange = 10;
const rawRequests = 5;
const pgliteLimit = 100_000;

const planCount = 10;
const indicatorsPerPlan = 500;
const plan = { startDate: "2022-01-01", endDate: "2026-12-31" };
const today = "2026-11-22";
const months = planPeriods(plan, "monthly");
/** Months whose entries have been decided by today (decided 10 days after the month ends). */
const reportedMonths = months.filter((month) => addDays(month.end, 10) <= today);
const regions = ["africa", "asia-pacific", "europe", "latin-america", "north-america-caribbean"];
const genders = ["women", "men", "trans"];
const board: Viewer = {
  id: "00000000-0000-0000-0000-00000000b0a2",
  email: "board@bench.example",
  name: "Board",
  roles: ["board"],
  funderCode: null,
  hasSecondFactor: false,
};

function addDays(isoDay: string, days: number) {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

type BenchIndicator = {
  id: string;
  planId: string;
  kind: "count" | "percentage" | "milestone";
};

/** Ten plans, each: 5 objectives × 4 strategies × 5 activities, 5 indicators per activity, monthly targets. */
async function createPlans(db: Db): Promise<BenchIndicator[]> {
  const random = seededRandom(2026);
  const all: BenchIndicator[] = [];
  for (let p = 0; p < planCount; p++) {
    const [row] = await db
      .insert(plans)
      .values({
        slug: `bench-rollup-${p + 1}`,
        title: { en: `Roll-up benchmark plan ${p + 1}` },
        ...plan,
        status: "active",
        synthetic: true,
      })
      .returning({ id: plans.id });
    const planId = (row as { id: string }).id;
    const outline: { code: string; kind: "objective" | "strategy" | "activity"; parent?: string }[] = [];
    for (let o = 1; o <= 5; o++) {
      outline.push({ code: `O${o}`, kind: "objective" });
      for (let s = 1; s <= 4; s++) {
        outline.push({ code: `O${o}.S${s}`, kind: "strategy", parent: `O${o}` });
        for (let a = 1; a <= 5; a++)
          outline.push({ code: `O${o}.S${s}.A${a}`, kind: "activity", parent: `O${o}.S${s}` });
      }
    }
    const inserted = await db
      .insert(elements)
      .values(
        outline.map((element) => ({
          planId,
          code: element.code,
          kind: element.kind,
          title: { en: `Element ${element.code}` },
          status: "active" as const,
        })),
      )
      .returning({ id: elements.id, code: elements.code });
    const idOf = new Map(inserted.map((element) => [element.code, element.id]));
    const activities = outline.filter((element) => element.kind === "activity");
    await db.insert(elementLinks).values([
      ...outline.flatMap((element) =>
        element.parent
          ? [
              {
                planId,
                kind: "part_of" as const,
                fromElementId: idOf.get(element.code) as string,
                toElementId: idOf.get(element.parent) as string,
              },
            ]
          : [],
      ),
      // A causal link from every fifth activity to the next objective's first strategy.
      ...activities
        .filter((_, i) => i % 5 === 0)
        .map((activity, i) => ({
          planId,
          kind: "contributes_to" as const,
          fromElementId: idOf.get(activity.code) as string,
          toElementId: idOf.get(`O${((i + 1) % 5) + 1}.S1`) as string,
        })),
    ]);

    const specs = Array.from({ length: indicatorsPerPlan }, (_, i) => {
      const activity = activities[Math.floor(i / 5)] as (typeof activities)[number];
      const roll = random.next();
      const kind: BenchIndicator["kind"] = roll < 0.8 ? "count" : roll < 0.9 ? "percentage" : "milestone";
      const direction =
        kind === "count"
          ? random.pick(["increase", "increase", "increase", "decrease"] as const)
          : "increase";
      const aggregation =
        kind === "count"
          ? random.pick(["per_period", "per_period", "cumulative", "latest"] as const)
          : "latest";
      const maintain = kind === "percentage" && random.chance(0.3);
      return {
        activity: activity.code,
        kind,
        row: {
          planId,
          code: `I${i + 1}`,
          name: { en: `Benchmark indicator ${i + 1}` },
          measure:
            kind === "count"
              ? ("number" as const)
              : kind === "percentage"
                ? ("percentage" as const)
                : ("qualitative" as const),
          direction: maintain ? ("maintain" as const) : direction,
          tolerance: maintain ? 5 : null,
          aggregation,
          frequency: "monthly" as const,
          dimensions: kind === "count" ? [{ code: "region" as const }, { code: "gender" as const }] : [],
          scale:
            kind === "milestone"
              ? ["none", "drafted", "adopted", "implemented"].map((label) => ({ label: { en: label } }))
              : null,
          baselineValue: kind === "percentage" ? 40 : 0,
        },
      };
    });
    const rows = await db
      .insert(indicators)
      .values(specs.map((spec) => spec.row))
      .returning({ id: indicators.id, code: indicators.code });
    await db.insert(indicatorElements).values(
      rows.map((row, i) => ({
        planId,
        indicatorId: row.id,
        elementId: idOf.get((specs[i] as (typeof specs)[number]).activity) as string,
      })),
    );
    const targets = rows.flatMap((row, i) => {
      const spec = specs[i] as (typeof specs)[number];
      return months.map((month, m) => ({
        indicatorId: row.id,
        periodKey: month.key,
        value:
          spec.kind === "milestone"
            ? Math.min(3, Math.floor((m + 1) / 15))
            : spec.kind === "percentage"
              ? spec.row.direction === "maintain"
                ? 60
                : 40 + (m + 1) * (40 / months.length)
              : spec.row.aggregation === "cumulative"
                ? spec.row.direction === "decrease"
                  ? 3000 - (m + 1) * 40
                  : (m + 1) * 50
                : spec.row.direction === "decrease"
                  ? 120 - m
                  : 100 + m,
      }));
    });
    for (let i = 0; i < targets.length; i += 5_000)
      await db.insert(indicatorTargets).values(targets.slice(i, i + 5_000));
    all.push(
      ...rows.map((row, i) => ({ id: row.id, planId, kind: (specs[i] as (typeof specs)[number]).kind })),
    );
    console.error(`plan ${p + 1} of ${planCount} created`);
  }
  return all;
}

/** Adds `count` approved entries at random cells (indicator × reported month), statements of 1,000 rows. */
async function addEntries(db: Db, all: readonly BenchIndicator[], count: number, seed: number) {
  const random = seededRandom(seed);
  const started = performance.now();
  for (let done = 0; done < count; ) {
    const batch = Math.min(1_000, count - done);
    const rows = Array.from({ length: batch }, () => {
      const indicator = all[random.int(0, all.length - 1)] as BenchIndicator;
      const month = reportedMonths[random.int(0, reportedMonths.length - 1)] as (typeof months)[number];
      const value =
        indicator.kind === "milestone"
          ? random.int(0, 3)
          : indicator.kind === "percentage"
            ? Math.round(random.between(30, 90))
            : random.int(0, 150);
      const cells = regions.flatMap((region) => genders.map((gender) => ({ region, gender })));
      const breakdown =
        indicator.kind === "count"
          ? splitWhole(
              value,
              cells.map(() => random.next() + 0.1),
            ).map((part, i) => ({ values: cells[i] as Record<string, string>, value: part }))
          : null;
      return {
        indicatorId: indicator.id,
        periodKey: month.key,
        status: "approved" as const,
        value,
        breakdown,
        reportedOn: month.end,
        submittedAt: new Date(`${addDays(month.end, 3)}T12:00:00Z`),
        decidedAt: new Date(`${addDays(month.end, 10)}T12:00:00Z`),
      };
    });
    await db.insert(progressEntries).values(rows);
    done += batch;
    if (done % 50_000 === 0) {
      const rate = done / ((performance.now() - started) / 1000);
      console.error(`  ${done} of ${count} entries (${Math.round(rate)} a second)`);
    }
  }
  return performance.now() - started;
}

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};

type Timing = { p50: number; p95: number; n: number };
const timingOf = (values: number[]): Timing => ({
  p50: percentile(values, 50),
  p95: percentile(values, 95),
  n: values.length,
});

async function overview(db: Db, slug: string, rollUps?: typeof loadPlanRollUps) {
  const url = new URL(`http://localhost/plans/${slug}/dashboard`);
  const started = performance.now();
  const found = await visiblePlan({ db, slug, viewer: board });
  if (!found) throw new Error(`no plan ${slug}`);
  const result = await getPlanOverview({
    db,
    ...found,
    viewer: board,
    url,
    today,
    ...(rollUps ? { rollUps } : {}),
  });
  const ms = performance.now() - started;
  if (!result) throw new Error(`no overview for ${slug}`);
  return { ms, result };
}

type Row = {
  engine: string;
  entries: number;
  planEntries: number;
  loadSeconds: number;
  repeated: Timing;
  afterChange: Timing;
  raw: Timing;
  same: boolean;
};

async function measure(db: Db, engine: string, entries: number, loadMs: number): Promise<Row> {
  const slug = "bench-rollup-1";
  const [target] = await db.select({ id: plans.id }).from(plans).where(eq(plans.slug, slug));
  const planId = (target as { id: string }).id;
  const [{ planEntries } = { planEntries: 0 }] = await db
    .select({ planEntries: sql<number>`count(*)::int` })
    .from(progressEntries)
    .innerJoin(indicators, eq(indicators.id, progressEntries.indicatorId))
    .where(eq(indicators.planId, planId));
  // An entry of the plan to approve again before each "after a change" request: its decided time moves, which
  // changes the plan's version as any approval does.
  const [someEntry] = await db
    .select({ id: progressEntries.id, decidedAt: progressEntries.decidedAt })
    .from(progressEntries)
    .innerJoin(indicators, eq(indicators.id, progressEntries.indicatorId))
    .where(eq(indicators.planId, planId))
    .limit(1);

  const first = await overview(db, slug); // warms the code paths and the cache
  const repeatedMs: number[] = [];
  for (let i = 0; i < repeated; i++) repeatedMs.push((await overview(db, slug)).ms);

  const changedMs: number[] = [];
  for (let i = 0; i < afterChange; i++) {
    if (someEntry)
      await db
        .update(progressEntries)
        .set({ decidedAt: new Date((someEntry.decidedAt as Date).getTime() + (i + 1) * 1000) })
        .where(eq(progressEntries.id, someEntry.id));
    changedMs.push((await overview(db, slug)).ms);
  }
  if (someEntry)
    await db
      .update(progressEntries)
      .set({ decidedAt: someEntry.decidedAt })
      .where(eq(progressEntries.id, someEntry.id));

  const stored = (await overview(db, slug)).result;
  const rawMs: number[] = [];
  let raw = stored;
  for (let i = 0; i < rawRequests; i++) {
    const timed = await overview(db, slug, loadPlanRollUps);
    rawMs.push(timed.ms);
    raw = timed.result;
  }
  // Both answer the same question: the same overview, figure for figure.
  const same =
    JSON.stringify(raw) === JSON.stringify(stored) && JSON.stringify(first.result) === JSON.stringify(stored);
  if (!same) console.error(`${engine} ${entries}: the stored and the raw overview differ!`);
  return {
    engine,
    entries,
    planEntries,
    loadSeconds: loadMs / 1000,
    repeated: timingOf(repeatedMs),
    afterChange: timingOf(changedMs),
    raw: timingOf(rawMs),
    same,
  };
}

async function bench(engine: string, database: Database, limit: number): Promise<Row[]> {
  const { db } = database;
  await seedNswp({ db, actor: "bench" });
  const all = await createPlans(db);
  const results: Row[] = [];
  let loaded = 0;
  for (const size of sizes.filter((size) => size <= limit)) {
    console.error(`${engine}: loading ${size - loaded} entries to reach ${size}`);
    const loadMs = await addEntries(db, all, size - loaded, size);
    loaded = size;
    await db.execute(sql`analyze`);
    results.push(await measure(db, engine, size, loadMs));
    console.error(`${engine}: ${size} entries measured`);
  }
  return results;
}

const fixed = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));

async function main() {
  const rows: Row[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), "throughline-bench-rollup-"));
  if (options.engine !== "postgresql")
    try {
      const pglite = await openDatabase({ pgliteDir: dir });
      try {
        rows.push(...(await bench("PGlite", pglite, pgliteLimit)));
      } finally {
        await pglite.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  if (options.engine === "postgresql" && !process.env.DATABASE_URL)
    throw new Error("--engine postgresql needs DATABASE_URL (a throwaway database)");
  if (options.engine !== "pglite" && process.env.DATABASE_URL) {
    const postgres = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
    try {
      rows.push(...(await bench("PostgreSQL", postgres, Number.POSITIVE_INFINITY)));
    } finally {
      await postgres.close();
    }
  }
  console.log(
    `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}; today ${today}`,
  );
  console.log(
    `${repeated} repeated requests, ${afterChange} after a change, ${rawRequests} raw; times in ms; one plan of ${indicatorsPerPlan} indicators of ${planCount}.\n`,
  );
  console.log(
    "| engine | entries (all plans) | entries (the plan) | load (s) | repeated p50 | repeated p95 | after a change p50 | after a change p95 | raw p50 | raw p95 | raw ÷ after a change (p95) | same answer |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
  for (const row of rows)
    console.log(
      `| ${row.engine} | ${row.entries.toLocaleString("en")} | ${row.planEntries.toLocaleString("en")} | ${row.loadSeconds.toFixed(0)} | ${fixed(row.repeated.p50)} | ${fixed(row.repeated.p95)} | ${fixed(row.afterChange.p50)} | ${fixed(row.afterChange.p95)} | ${fixed(row.raw.p50)} | ${fixed(row.raw.p95)} | ${(row.raw.p95 / row.afterChange.p95).toFixed(1)}× | ${row.same ? "yes" : "NO"} |`,
    );
}

await main();
