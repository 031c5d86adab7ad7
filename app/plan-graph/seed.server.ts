import { readFile } from "node:fs/promises";
import path from "node:path";
import { count, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { plans } from "../../db/schema";
import { importIndicators } from "../indicators/store.server";
import { ImportRejected, type ImportSummary, importOrganisationFile, importPlanGraph } from "./store.server";
import {
  type Parsed,
  parseIndicatorsFile,
  parseJsonText,
  parseOrganisationFile,
  parsePlanGraph,
} from "./validate";

/** The NSWP data set, in load order (a plan's predecessor first). */
export const nswpSeedFiles: SeedFiles = {
  organisation: "seeds/nswp/organisation.json",
  plans: ["seeds/nswp/plan-2010-2012.json", "seeds/nswp/plan-2013-2015.json"],
  indicators: "seeds/nswp/indicators.json",
};

export type SeedFiles = { organisation: string; plans: readonly string[]; indicators?: string };

async function readChecked<T>(file: string, parse: (input: unknown) => Parsed<T>): Promise<T> {
  const json = parseJsonText(await readFile(path.resolve(file), "utf8"));
  const parsed = json.ok ? parse(json.value) : json;
  if (!parsed.ok) {
    throw new ImportRejected(
      parsed.problems.map((problem) => ({ ...problem, path: `${file} ${problem.path}` })),
    );
  }
  return parsed.value;
}

async function readSeed(files: SeedFiles) {
  return {
    organisation: await readChecked(files.organisation, parseOrganisationFile),
    plans: await Promise.all(files.plans.map((file) => readChecked(file, parsePlanGraph))),
    indicators: files.indicators ? await readChecked(files.indicators, parseIndicatorsFile) : null,
  };
}

/**
 * Loads a data set (by default NSWP's) all-or-nothing; loading it again changes nothing. It only adds: when what is
 * stored differs from the files — a plan's elements, links or canvases (e.g. made in the theory-of-change editor),
 * the organisation's profile or reference items, an indicator's definition, targets, elements or sourced figures
 * (e.g. changed on its page) — the whole seed is refused (ImportRejected naming each) rather than undo that work.
 */
export async function seedNswp({
  db,
  actor,
  files = nswpSeedFiles,
  onlyIfEmpty = false,
}: {
  db: Db;
  actor: string;
  files?: SeedFiles;
  /** Seed only a database with no plan (app servers starting side by side: the first one seeds). */
  onlyIfEmpty?: boolean;
}): Promise<ImportSummary[]> {
  const seed = await readSeed(files);
  return db.transaction(async (tx) => {
    // Serialises seeding across processes sharing one PostgreSQL; the lock ends with the transaction.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('throughline.seed'))`);
    if (onlyIfEmpty && (await hasPlans(tx))) return [];
    await importOrganisationFile({ db: tx, file: seed.organisation, actor, keepExisting: true });
    const summaries: ImportSummary[] = [];
    for (const graph of seed.plans)
      summaries.push(await importPlanGraph({ db: tx, graph, actor, keepExisting: true }));
    if (seed.indicators) await importIndicators({ db: tx, file: seed.indicators, actor, keepExisting: true });
    return summaries;
  });
}

export async function hasPlans(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(plans);
  return (row?.n ?? 0) > 0;
}
