import { and, desc, eq, gte, ilike, lt, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
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
 * entry; a session is named by its public id.
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
  const conditions: SQL[] = [];
  if (filters.actor) conditions.push(ilike(auditEvents.actor, `%${filters.actor}%`));
  if (filters.action) conditions.push(ilike(auditEvents.action, `${filters.action}%`));
  if (filters.entityType) conditions.push(eq(auditEvents.entityType, filters.entityType));
  if (filters.from) conditions.push(gte(auditEvents.at, filters.from));
  if (filters.to) conditions.push(lt(auditEvents.at, filters.to));
  return db
    .select()
    .from(auditEvents)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(limit)
    .offset(offset);
}
