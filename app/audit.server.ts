import { and, type Column, desc, eq, gte, ilike, lt, type SQL, sql } from "drizzle-orm";
import { type Db, rowsOf } from "../db/client";
import { auditEvents } from "../db/schema";

export type AuditEntry = {
  /** `user:<id>`, `system:seed`, `cli:<os user>`, or `anonymous` for a failed sign-in. */
  actor: string;
  /** A dotted verb such as `user.create`, `auth.sign_in.failed`, `plan.import.update`. */
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  rationale?: string | null;
};

/**
 * Writes one audit row. Call it inside the mutation's transaction (pass the transaction as `db`) so the change and
 * its record commit or roll back together. Never put a password, a session token (or its hash) or a secret in an
 * entry; a session is named by its public id. The audit chain's trigger (migration 0009) holds a lock from this insert
 * to the commit, so audited transactions take turns from here: record the audit row last, after the mutation's other
 * statements, so that the wait is short and no transaction waits for rows while holding it.
 */
export async function recordAudit(db: Db, entry: AuditEntry) {
  await db.insert(auditEvents).values({
    actor: entry.actor,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    rationale: entry.rationale ?? null,
  });
}

export type AuditFilters = { actor?: string; action?: string; entityType?: string; from?: Date; to?: Date };

/** The filters of the audit trail and the read log (same columns): who (part of), action (prefix), kind, dates. */
export function logFilter(
  log: { actor: Column; action: Column; entityType: Column; at: Column },
  filters: AuditFilters,
): SQL | undefined {
  const conditions: SQL[] = [];
  if (filters.actor) conditions.push(ilike(log.actor, `%${filters.actor}%`));
  if (filters.action) conditions.push(ilike(log.action, `${filters.action}%`));
  if (filters.entityType) conditions.push(eq(log.entityType, filters.entityType));
  if (filters.from) conditions.push(gte(log.at, filters.from));
  if (filters.to) conditions.push(lt(log.at, filters.to));
  return conditions.length ? and(...conditions) : undefined;
}

export async function listAuditEvents({
  db,
  filters,
  limit,
  offset,
}: {
  db: Db;
  filters: AuditFilters;
  limit: number;
  offset: number;
}) {
  return db
    .select()
    .from(auditEvents)
    .where(logFilter(auditEvents, filters))
    .orderBy(desc(auditEvents.id))
    .limit(limit)
    .offset(offset);
}

export type ChainVerdict =
  | { ok: true; count: number; head: string | null }
  | {
      ok: false;
      /** The first row whose link is broken: its content changed, or the row before it was removed or changed. */
      id: number;
      reason: "hash" | "link";
      /** Rows found sound before it. */
      count: number;
    };

/**
 * Walks the audit trail in id order and recomputes each row's hash with the database's own `audit_event_hash`
 * (migration 0009), in pages. A row is sound when its `prev_hash` is the previous row's `hash` (`link`: a row was
 * removed or rewritten before it) and its `hash` is recomputed from its content (`hash`: the row itself was edited).
 * Removing the newest rows leaves a sound, shorter chain: compare the head hash with one noted earlier.
 */
export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<ChainVerdict> {
  let count = 0;
  let head: string | null = null;
  let after = 0;
  for (;;) {
    const page = await rowsOf<ChainRow>(
      db,
      sql`
      select e.id::bigint as id, e.prev_hash, e.hash, audit_event_hash(e.prev_hash, e) as recomputed
      from audit_events e where e.id > ${after} order by e.id limit ${pageSize}
    `,
    );
    for (const row of page) {
      const id = Number(row.id);
      if (row.prev_hash !== head) return { ok: false, id, reason: "link", count };
      if (row.hash !== row.recomputed) return { ok: false, id, reason: "hash", count };
      head = row.hash;
      after = id;
      count += 1;
    }
    if (page.length < pageSize) return { ok: true, count, head };
  }
}

type ChainRow = { id: string | number; prev_hash: string | null; hash: string | null; recomputed: string };
