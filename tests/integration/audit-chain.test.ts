import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit, verifyAuditChain } from "../../app/audit.server";
import { listReadEvents, recordRead } from "../../app/read-log.server";
import { applyMigrations, type Database, type Db, openDatabase } from "../../db/client";
import { createTestDatabase, databaseError, inRollback } from "../support/database";

/**
 * The audit trail's hash chain (migration 0009) and `cli audit verify`'s check of it, and the database setup in
 * which the app's own role cannot rewrite the trail (docs/guides/operations.md): a role that owns nothing.
 * Runs on PGlite (which has roles) and on PostgreSQL when DATABASE_URL is set.
 */

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const write = (db: Db, n: number, tag: string) =>
  (async () => {
    for (let i = 0; i < n; i += 1)
      await recordAudit(db, {
        actor: "test",
        action: "test.write",
        entityType: "test",
        entityId: `${tag}-${i}`,
        after: { i, text: "é ✓" },
      });
  })();

const idOf = async (db: Db, entityId: string) => {
  const result = (await db.execute(
    sql`select id::int as id from audit_events where entity_id = ${entityId}`,
  )) as { rows: { id: number }[] } | { id: number }[];
  const rows = Array.isArray(result) ? result : result.rows;
  return rows[0]?.id ?? 0;
};

/** What an owner of the table (not the app) could do: set the append-only trigger aside and rewrite history. */
async function asOwner(db: Db, statement: ReturnType<typeof sql>) {
  await db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
  await db.execute(statement);
  await db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
}

describe("the audit trail's hash chain", () => {
  it("verifies an intact chain (across pages), giving the count and the head hash", async () => {
    await write(database.db, 7, "intact");
    const verdict = await verifyAuditChain(database.db, 3);
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(verdict.count).toBeGreaterThanOrEqual(7);
    expect(verdict.head).toMatch(/^[0-9a-f]{64}$/);
  });

  it("names the first row whose content was changed, and the row after one that was removed", async () => {
    await write(database.db, 5, "tamper");
    const edited = await idOf(database.db, "tamper-1");
    await asOwner(database.db, sql`update audit_events set after = '{"i": 99}' where id = ${edited}`);
    expect(await verifyAuditChain(database.db, 2)).toMatchObject({ ok: false, id: edited, reason: "hash" });
    // Rewriting its hash too does not help: the next row no longer follows it.
    await asOwner(
      database.db,
      sql`update audit_events e set hash = audit_event_hash(e.prev_hash, e) where id = ${edited}`,
    );
    const next = await idOf(database.db, "tamper-2");
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, id: next, reason: "link" });
  });
});

describe("the read log", () => {
  it("records who read what (a person or an operator's command), filters like the audit trail, and refuses changes", async () => {
    await inRollback(database.db, async (tx) => {
      await recordRead({
        db: tx,
        viewer: { id: "00000000-0000-0000-0000-0000000000b1" },
        action: "evidence.download",
        entityType: "entry_evidence",
        entityId: "e1",
        detail: { fileName: "list.csv", size: 4 },
      });
      await recordRead({
        db: tx,
        actor: "cli:operator",
        action: "plan.export",
        entityType: "plan",
        entityId: "p",
      });
      const all = await listReadEvents({ db: tx, filters: {}, limit: 10, offset: 0 });
      expect(all.map((row) => [row.actor, row.action, row.entityId])).toEqual([
        ["cli:operator", "plan.export", "p"],
        ["user:00000000-0000-0000-0000-0000000000b1", "evidence.download", "e1"],
      ]);
      expect(all[1]?.detail).toEqual({ fileName: "list.csv", size: 4 });
      const exports = await listReadEvents({ db: tx, filters: { action: "plan." }, limit: 10, offset: 0 });
      expect(exports.map((row) => row.entityId)).toEqual(["p"]);
      expect(
        await databaseError(tx, (inner) => inner.execute(sql`update read_events set actor = 'x'`)),
      ).toMatch(/append-only/);
    });
  });
});

describe("the app connects as a role that owns nothing", () => {
  it("cannot disable the append-only trigger, update, delete or truncate the trail; it can append, and the chain advances", async () => {
    const fresh = await createTestDatabase();
    const role = `throughline_app_${randomBytes(4).toString("hex")}`;
    const db = fresh.db;
    try {
      // The grants of docs/guides/operations.md, run by the owner (who ran the migrations).
      await db.execute(sql.raw(`create role ${role} nologin`));
      for (const statement of appRoleGrants(role)) await db.execute(sql.raw(statement));
      await write(db, 2, "owner");
      await db.transaction(async (tx) => {
        await tx.execute(sql.raw(`set local role ${role}`));
        for (const statement of [
          "alter table audit_events disable trigger audit_events_append_only",
          "alter table audit_events disable trigger all",
          "update audit_events set actor = 'someone else'",
          "delete from audit_events",
          "truncate audit_events",
          "update read_events set actor = 'someone else'",
          "delete from read_events",
          "truncate read_events",
          "drop table audit_events",
          "create or replace function audit_event_hash(prev text, e audit_events) returns text language sql as $$ select 'x' $$",
        ])
          expect(await databaseError(tx, (inner) => inner.execute(sql.raw(statement)))).toMatch(
            /must be owner|permission denied/,
          );
        await write(tx, 2, "app");
        await tx.execute(
          sql`insert into read_events (actor, action, entity_type, entity_id) values ('test', 'test.read', 'test', '1')`,
        );
        // The app reads and writes its other tables as usual.
        await tx.execute(sql`update users set name = name where false`);
        await tx.execute(sql`delete from sessions where false`);
        // The app applies the migrations as it starts (db/client.ts): already applied by the owner, nothing to do.
        await applyMigrations(tx, fresh.description.startsWith("postgres") ? "postgres" : "pglite");
      });
      const verdict = await verifyAuditChain(db);
      expect(verdict).toMatchObject({ ok: true, count: 4 });
    } finally {
      await db.execute(sql.raw(`drop owned by ${role}`)).catch(() => {});
      await db.execute(sql.raw(`drop role if exists ${role}`)).catch(() => {});
      await fresh.close();
    }
  });
});

/** The grants of docs/guides/operations.md for the app's role. */
function appRoleGrants(role: string) {
  return [
    `grant usage on schema public to ${role}`,
    `grant select, insert, update, delete on all tables in schema public to ${role}`,
    `revoke update, delete on audit_events, read_events, indicator_revisions from ${role}`,
    `grant usage on all sequences in schema public to ${role}`,
    `grant usage on schema drizzle to ${role}`,
    `grant select on all tables in schema drizzle to ${role}`,
  ];
}

const serverUrl = process.env.DATABASE_URL;
describe.skipIf(!serverUrl)(
  "on PostgreSQL, the app connecting as its own login role (skipped: DATABASE_URL is unset)",
  () => {
    it("opens the database as the app does (nothing to migrate), appends to the trail, and cannot disable its trigger", async () => {
      const fresh = await createTestDatabase();
      const role = `throughline_app_${randomBytes(4).toString("hex")}`;
      const password = randomBytes(12).toString("hex");
      const owner = fresh.db;
      let app: Database | undefined;
      try {
        await owner.execute(sql.raw(`create role ${role} login password '${password}'`));
        for (const statement of appRoleGrants(role)) await owner.execute(sql.raw(statement));
        const result = (await owner.execute(sql`select current_database() as name`)) as unknown as
          | { name: string }[]
          | { rows: { name: string }[] };
        const name = (Array.isArray(result) ? result : result.rows)[0]?.name as string;
        const url = new URL(serverUrl as string);
        url.username = role;
        url.password = password;
        url.pathname = `/${name}`;
        // db/client.ts as the server calls it: migrations on (already applied by the owner).
        app = await openDatabase({ databaseUrl: url.toString() });
        await write(app.db, 3, "app-login");
        expect(
          await databaseError(app.db, (tx) =>
            tx.execute(sql`alter table audit_events disable trigger audit_events_append_only`),
          ),
        ).toMatch(/must be owner/);
        expect(
          await databaseError(app.db, (tx) => tx.execute(sql`update audit_events set actor = 'x'`)),
        ).toMatch(/permission denied/);
        expect(await verifyAuditChain(app.db)).toMatchObject({ ok: true, count: 3 });
      } finally {
        await app?.close();
        await owner.execute(sql.raw(`drop owned by ${role}`)).catch(() => {});
        await fresh.close();
        const admin = await openDatabase({ databaseUrl: serverUrl as string, migrate: false });
        await admin.db.execute(sql.raw(`drop role if exists ${role}`)).catch(() => {});
        await admin.close();
      }
    });
  },
);
