import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { rollupCellDays, rollupCells, rollupPlanVersions } from "../../db/schema";
import type { PlanScope } from "../plan-graph/scope.server";
import { type RollUpEntry, readingOf } from "./indicator";
import { loadPlanRollUps, loadRollUpStructure, type Structure } from "./load.server";
import { freezeRollUp, type PlanRollUp, type RollUpRules, rollUp } from "./rollup";

/**
 * The roll-up read from summaries (docs/decisions/008-rollup-summaries.md). Triggers on progress_entries keep
 * `rollup_cells` (one row per indicator × period that received something) and `rollup_cell_days` (its approvals per
 * decision day) current in the transaction of every write, so an approval shows in the very next request. A plan's
 * roll-up reads its structure (elements, links, indicators, total targets: small) and one summary row per
 * indicator × period instead of every entry, turns each cell into the one entry the pure engine needs, and hands
 * the lot to `rollUp` (./rollup.ts): the rules live in one place, and the answers are the same as from the raw
 * entries (tests/integration/rollup-db.test.ts checks it on random plans, on PGlite and PostgreSQL).
 *
 * As of a day: a cell whose approvals were all decided by `asOf` is read from `rollup_cells` alone (for "today",
 * every cell); a cell with an approval decided later is read from its `rollup_cell_days` up to `asOf`, so "as of
 * the end of the last period" (what changed) answers as the pure engine does from the entries' dates.
 */

/** What one indicator × period amounted to on a day, from the summaries. */
type CellOnDay = {
  indicatorId: string;
  periodKey: string;
  /** An approval counted by that day. */
  approved: boolean;
  /** The sum of the approved values, and the value of the approved entry ranked last (reported_on, created_at). */
  total: number | null;
  latest: number | null;
};

const number = (value: unknown) => (value === null || value === undefined ? null : Number(value));

type CellRow = {
  indicatorId: string;
  periodKey: string;
  approvedCount: number;
  total: number | null;
  latest: number | null;
  /** UTC days; "" for "before any day" (a null submitted or decided time, stored as -infinity); the approval days
   *  are null when the cell has no approval. "" sorts before every ISO day, so plain comparisons work. */
  firstReceivedOn: string;
  firstApprovedOn: string | null;
  lastApprovedOn: string | null;
};

const dayText = (column: unknown) =>
  sql<
    string | null
  >`case when ${column} = '-infinity'::date then '' else to_char(${column}, 'YYYY-MM-DD') end`;

/** The plan's summary rows: read once for every day a request asks about. */
async function planCells(db: Db, planId: string): Promise<CellRow[]> {
  const rows = await db
    .select({
      indicatorId: rollupCells.indicatorId,
      periodKey: rollupCells.periodKey,
      approvedCount: rollupCells.approvedCount,
      total: rollupCells.approvedSum,
      latest: rollupCells.latestValue,
      firstReceivedOn: dayText(rollupCells.firstReceivedOn),
      firstApprovedOn: dayText(rollupCells.firstApprovedOn),
      lastApprovedOn: dayText(rollupCells.lastApprovedOn),
    })
    .from(rollupCells)
    .where(eq(rollupCells.planId, planId));
  return rows.map((row) => ({
    ...row,
    total: number(row.total),
    latest: number(row.latest),
    firstReceivedOn: row.firstReceivedOn as string,
  }));
}

/** Every indicator × period of the plan that had received something by the end of `asOf`, with its approvals. */
async function cellsOn(db: Db, planId: string, rows: readonly CellRow[], asOf: string): Promise<CellOnDay[]> {
  const day = sql`${asOf}::date`;
  const cells: CellOnDay[] = [];
  const earlier: { indicatorId: string; periodKey: string }[] = [];
  for (const row of rows) {
    // Received by `asOf`: something submitted by then, or an approval decided by then.
    const received =
      row.firstReceivedOn <= asOf || (row.firstApprovedOn !== null && row.firstApprovedOn <= asOf);
    if (!received) continue;
    // Every approval of the cell was decided by `asOf`: the cell's row says it all.
    if (row.approvedCount === 0 || (row.lastApprovedOn !== null && row.lastApprovedOn <= asOf)) {
      cells.push({
        indicatorId: row.indicatorId,
        periodKey: row.periodKey,
        approved: row.approvedCount > 0,
        total: row.total,
        latest: row.latest,
      });
    } else earlier.push({ indicatorId: row.indicatorId, periodKey: row.periodKey });
  }
  if (earlier.length === 0) return cells;

  // Cells with an approval decided after `asOf`: only the approvals decided by then count.
  const days = await db
    .select({
      indicatorId: rollupCellDays.indicatorId,
      periodKey: rollupCellDays.periodKey,
      total: sql<number>`sum(${rollupCellDays.valueSum})`,
      latest: sql<number>`(array_agg(${rollupCellDays.latestValue} order by ${rollupCellDays.latestReportedOn} desc, ${rollupCellDays.latestCreatedAt} desc, ${rollupCellDays.latestEntryId} desc))[1]`,
    })
    .from(rollupCellDays)
    .innerJoin(
      rollupCells,
      and(
        eq(rollupCells.indicatorId, rollupCellDays.indicatorId),
        eq(rollupCells.periodKey, rollupCellDays.periodKey),
      ),
    )
    .where(
      and(
        eq(rollupCells.planId, planId),
        sql`${rollupCells.lastApprovedOn} > ${day}`,
        sql`${rollupCellDays.decidedOn} <= ${day}`,
        inArray(rollupCells.indicatorId, [...new Set(earlier.map((cell) => cell.indicatorId))]),
      ),
    )
    .groupBy(rollupCellDays.indicatorId, rollupCellDays.periodKey);
  const approvedBefore = new Map(days.map((row) => [`${row.indicatorId}\u0000${row.periodKey}`, row]));
  for (const { indicatorId, periodKey } of earlier) {
    const found = approvedBefore.get(`${indicatorId}\u0000${periodKey}`);
    cells.push({
      indicatorId,
      periodKey,
      approved: found !== undefined,
      total: found ? number(found.total) : null,
      latest: found ? number(found.latest) : null,
    });
  }
  return cells;
}

/**
 * The entries the pure engine needs for a day, one per cell: approved with the cell's value under the indicator's
 * reading (the latest value for a level, the sum otherwise), or submitted; their dates are null ("always") since
 * the cells are already those of `asOf`.
 */
function entriesOf(structure: Structure, cells: readonly CellOnDay[]): RollUpEntry[] {
  const readings = new Map(structure.indicators.map((indicator) => [indicator.id, readingOf(indicator)]));
  return cells.flatMap((cell): RollUpEntry[] => {
    const reading = readings.get(cell.indicatorId);
    if (reading === undefined) return [];
    const value = cell.approved ? (reading === "latest" ? cell.latest : cell.total) : 0;
    return [
      {
        indicatorId: cell.indicatorId,
        periodKey: cell.periodKey,
        value: value ?? 0,
        order: 0,
        status: cell.approved ? "approved" : "submitted",
        submittedOn: null,
        decidedOn: null,
      },
    ];
  });
}

/**
 * Roll-ups already computed, by plan, version, day and rules. The version (`rollup_plan_versions`) changes in the
 * transaction of every change a roll-up reads, and is never reused, so an entry here is served only while the data
 * it was computed from is still the data: an approval shows in the next request all the same. Results are frozen
 * (shared between requests). A small LRU: the overview of a plan asks for a handful of days.
 */
const caches = new WeakMap<Db, Map<string, PlanRollUp>>();
const cacheSize = 48;

/** One cache per database handle (a transaction has its own), so two databases never share an entry. */
function cacheOf(db: Db) {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

function remember(cache: Map<string, PlanRollUp>, key: string, result: PlanRollUp) {
  cache.set(key, freezeRollUp(result));
  while (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
}

function recall(cache: Map<string, PlanRollUp>, key: string): PlanRollUp | undefined {
  const found = cache.get(key);
  if (found) {
    cache.delete(key);
    cache.set(key, found);
  }
  return found;
}

async function versionOf(db: Db, planId: string): Promise<string> {
  const [row] = await db
    .select({ version: rollupPlanVersions.version })
    .from(rollupPlanVersions)
    .where(eq(rollupPlanVersions.planId, planId));
  return row ? String(row.version) : "none";
}

/** Forgets the roll-ups remembered for a database (for measuring the computation itself). */
export function forgetStoredRollUps(db: Db) {
  caches.delete(db);
}

/**
 * The plan's roll-up on each of `days` (ISO days) from the summaries, for a viewer's scope (default: all). The
 * results are frozen: copy before changing them.
 *
 * The summaries add up every entry of an indicator, whoever it was logged for. A partial scope (a funder's) must
 * count only the entries in it (docs/rollup.md, "What a funder's figures count"), so it is rolled up from the raw
 * entries in scope (`loadPlanRollUps`), uncached: slower than the summaries, and only for funders.
 */
export async function storedPlanRollUps({
  db,
  planId,
  days,
  scope = { all: true },
  rules,
}: {
  db: Db;
  planId: string;
  days: readonly string[];
  scope?: PlanScope;
  rules?: Partial<RollUpRules>;
}): Promise<PlanRollUp[]> {
  for (const asOf of days)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf))
      throw new RangeError(`days must be ISO days (yyyy-mm-dd), got ${asOf}`);
  if (!scope.all) return loadPlanRollUps({ db, planId, days, scope, rules });
  // The version first: whatever is read after it is at least as new.
  const version = await versionOf(db, planId);
  const keyOf = (asOf: string) => `${planId}|${version}|${asOf}|${JSON.stringify(rules ?? {})}`;
  const cache = cacheOf(db);
  const known = days.map((asOf) => recall(cache, keyOf(asOf)));
  if (known.some((result) => result === undefined)) {
    const shape = await loadRollUpStructure(db, planId);
    if (!shape) return [];
    const rows = await planCells(db, planId);
    await Promise.all(
      days.map(async (asOf, i) => {
        if (known[i]) return;
        const cells = await cellsOn(db, planId, rows, asOf);
        const result = rollUp({ ...shape, entries: entriesOf(shape, cells) }, { asOf, rules });
        remember(cache, keyOf(asOf), result);
        known[i] = result;
      }),
    );
  }
  return known as PlanRollUp[];
}

/** The plan's roll-up as of `asOf` from the summaries; null when there is no such plan. */
export async function storedPlanRollUp({
  db,
  planId,
  asOf,
  scope,
  rules,
}: {
  db: Db;
  planId: string;
  asOf: string;
  scope?: PlanScope;
  rules?: Partial<RollUpRules>;
}): Promise<PlanRollUp | null> {
  const [result] = await storedPlanRollUps({ db, planId, days: [asOf], scope, rules });
  return result ?? null;
}
