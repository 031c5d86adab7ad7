import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { type Database, type Db, openDatabase } from "../../db/client";

/**
 * A migrated, empty database for one test file: in-memory PGlite by default, or a throwaway database created
 * on the PostgreSQL server named by DATABASE_URL (dropped again by `close`).
 */
export async function createTestDatabase(): Promise<Database> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return openDatabase({});
  const name = `throughline_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  return {
    ...database,
    close: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

class Rollback extends Error {}

/** Runs `work` in a transaction that is always rolled back, so tests sharing one database do not see each other. */
export async function inRollback(db: Db, work: (tx: Db) => Promise<void>): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await work(tx);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
}

/** The database's own error message for a statement (drizzle wraps it), for asserting which constraint refused. */
export async function databaseError(db: Db, statement: (tx: Db) => Promise<unknown>): Promise<string> {
  try {
    // A savepoint, so the surrounding test transaction stays usable after the refusal.
    await db.transaction(async (tx) => {
      await statement(tx);
    });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return cause?.message ?? (error as Error).message;
  }
  throw new Error("expected the database to refuse the statement, but it succeeded");
}
