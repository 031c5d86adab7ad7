import { asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { indicators, koboConnections, koboRuns, plans } from "../../db/schema";
import { recordAudit } from "../audit.server";
import { type AppSecrets, encryptSecret } from "../auth/secrets.server";
import { resolveDimensions } from "../indicators/dimensions";
import { compareCodes } from "../plan-graph/graph";
import type { LocalizedText } from "../plan-graph/vocabulary";
import { referenceLists } from "../progress/entries.server";
import { emptyMapping, type KoboMapping, type MappableIndicator, mappingSchema } from "./format";

/**
 * KoboToolbox connections: which form of which server feeds which plan, and how its fields map to indicators. The
 * API token is stored only encrypted (AES-256-GCM with a key derived from APP_SECRET) and is never read back out
 * of this module except by the sync; it is never in an audit row, a page or a log.
 */

export type ConnectionSettings = { name: string; serverUrl: string; assetUid: string };

/** What the audit trail records of a connection: everything but the token. */
const auditView = (row: ConnectionSettings & { planId: string; mapping: unknown }) => ({
  name: row.name,
  planId: row.planId,
  serverUrl: row.serverUrl,
  assetUid: row.assetUid,
  mapping: row.mapping,
});

/** A plan's indicators as the mapping form shows them (dimensions resolved against the reference lists). */
export async function mappableIndicators(
  db: Db,
  planId: string,
): Promise<(MappableIndicator & { id: string; name: LocalizedText; measure: string })[]> {
  const rows = await db
    .select({
      id: indicators.id,
      code: indicators.code,
      name: indicators.name,
      measure: indicators.measure,
      dimensions: indicators.dimensions,
    })
    .from(indicators)
    .where(eq(indicators.planId, planId));
  const references = await referenceLists(db);
  return rows
    .sort((a, b) => compareCodes(a.code, b.code))
    .map((row) => ({ ...row, dimensions: resolveDimensions(row.dimensions, references) }));
}

/** The stored mapping, or the empty one if it cannot be read (it is then refused before any sync). */
export function storedMapping(value: unknown): KoboMapping {
  const parsed = mappingSchema.safeParse(value);
  return parsed.success ? parsed.data : emptyMapping;
}

/** The plans a connection can feed, newest first. */
export async function listPlanChoices({ db }: { db: Db }) {
  return db
    .select({ id: plans.id, slug: plans.slug, title: plans.title })
    .from(plans)
    .orderBy(desc(plans.startDate));
}

export async function listConnections({ db }: { db: Db }) {
  const rows = await db
    .select({
      id: koboConnections.id,
      name: koboConnections.name,
      serverUrl: koboConnections.serverUrl,
      assetUid: koboConnections.assetUid,
      lastSubmissionTime: koboConnections.lastSubmissionTime,
      planSlug: plans.slug,
      planTitle: plans.title,
    })
    .from(koboConnections)
    .innerJoin(plans, eq(plans.id, koboConnections.planId))
    .orderBy(asc(koboConnections.name));
  const runs = rows.length
    ? await db
        .selectDistinctOn([koboRuns.connectionId], {
          connectionId: koboRuns.connectionId,
          id: koboRuns.id,
          startedAt: koboRuns.startedAt,
          outcome: koboRuns.outcome,
          fetched: koboRuns.fetched,
          created: koboRuns.created,
          error: koboRuns.error,
        })
        .from(koboRuns)
        .where(
          inArray(
            koboRuns.connectionId,
            rows.map((row) => row.id),
          ),
        )
        .orderBy(koboRuns.connectionId, desc(koboRuns.id))
    : [];
  return rows.map((row) => ({ ...row, lastRun: runs.find((run) => run.connectionId === row.id) ?? null }));
}

/** A connection as pages show it: never the token, only whether one is stored. */
export async function getConnection({ db, id }: { db: Db; id: string }) {
  const [row] = await db
    .select({ connection: koboConnections, plan: { id: plans.id, slug: plans.slug, title: plans.title } })
    .from(koboConnections)
    .innerJoin(plans, eq(plans.id, koboConnections.planId))
    .where(eq(koboConnections.id, id));
  if (!row) return null;
  const { tokenEncrypted, mapping, ...connection } = row.connection;
  return { ...connection, hasToken: tokenEncrypted !== "", mapping: storedMapping(mapping), plan: row.plan };
}

export async function createConnection({
  db,
  actor,
  userId,
  planId,
  settings,
  token,
  appSecret,
}: {
  db: Db;
  actor: string;
  userId: string;
  planId: string;
  settings: ConnectionSettings;
  token: string;
  appSecret: AppSecrets;
}): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(koboConnections)
      .values({
        ...settings,
        planId,
        tokenEncrypted: encryptSecret(token, appSecret, "kobo-token"),
        mapping: emptyMapping,
        createdBy: userId,
      })
      .returning({ id: koboConnections.id });
    const id = (row as { id: string }).id;
    await recordAudit(tx, {
      actor,
      action: "kobo.connection.create",
      entityType: "kobo_connection",
      entityId: id,
      after: { ...auditView({ ...settings, planId, mapping: emptyMapping }), token: "set" },
    });
    return id;
  });
}

/**
 * Changes the settings and the mapping; a token given replaces the stored one, none keeps it. A stored token is never
 * sent to another server: changing the server address needs the token again (`tokenRequired`).
 */
export async function updateConnection({
  db,
  actor,
  id,
  settings,
  mapping,
  token,
  appSecret,
}: {
  db: Db;
  actor: string;
  id: string;
  settings: ConnectionSettings;
  mapping: KoboMapping;
  token: string | null;
  appSecret: AppSecrets;
}): Promise<"updated" | "notFound" | "tokenRequired"> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(koboConnections).where(eq(koboConnections.id, id)).for("update");
    if (!before) return "notFound";
    if (!token && settings.serverUrl !== before.serverUrl) return "tokenRequired";
    await tx
      .update(koboConnections)
      .set({
        ...settings,
        mapping,
        ...(token ? { tokenEncrypted: encryptSecret(token, appSecret, "kobo-token") } : {}),
        updatedAt: new Date(),
      })
      .where(eq(koboConnections.id, id));
    await recordAudit(tx, {
      actor,
      action: "kobo.connection.update",
      entityType: "kobo_connection",
      entityId: id,
      before: auditView(before),
      after: {
        ...auditView({ ...settings, planId: before.planId, mapping }),
        token: token ? "replaced" : "kept",
      },
    });
    return "updated";
  });
}

/**
 * Forgets where the last sync stopped, so the next one asks for every submission again. Entries already imported
 * are recognised by their external id and reported as "already imported", never duplicated.
 */
export async function restartConnection({ db, actor, id }: { db: Db; actor: string; id: string }) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(koboConnections).where(eq(koboConnections.id, id)).for("update");
    if (!before) return false;
    await tx.update(koboConnections).set({ lastSubmissionTime: null }).where(eq(koboConnections.id, id));
    await recordAudit(tx, {
      actor,
      action: "kobo.connection.restart",
      entityType: "kobo_connection",
      entityId: id,
      before: { lastSubmissionTime: before.lastSubmissionTime },
      after: { lastSubmissionTime: null },
    });
    return true;
  });
}

/** Deletes the connection and its run history; the entries it created stay (they are reported data). */
export async function deleteConnection({ db, actor, id }: { db: Db; actor: string; id: string }) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(koboConnections).where(eq(koboConnections.id, id)).for("update");
    if (!before) return false;
    await tx.delete(koboConnections).where(eq(koboConnections.id, id));
    await recordAudit(tx, {
      actor,
      action: "kobo.connection.delete",
      entityType: "kobo_connection",
      entityId: id,
      before: auditView(before),
    });
    return true;
  });
}

export async function listRuns({
  db,
  connectionId,
  limit = 20,
}: {
  db: Db;
  connectionId: string;
  limit?: number;
}) {
  return db
    .select({
      id: koboRuns.id,
      startedAt: koboRuns.startedAt,
      finishedAt: koboRuns.finishedAt,
      outcome: koboRuns.outcome,
      fetched: koboRuns.fetched,
      created: koboRuns.created,
      error: koboRuns.error,
    })
    .from(koboRuns)
    .where(eq(koboRuns.connectionId, connectionId))
    .orderBy(desc(koboRuns.id))
    .limit(limit);
}

export async function getRun({ db, connectionId, runId }: { db: Db; connectionId: string; runId: number }) {
  const [run] = await db.select().from(koboRuns).where(eq(koboRuns.id, runId));
  return run && run.connectionId === connectionId ? run : null;
}
