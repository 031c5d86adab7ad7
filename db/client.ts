import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { type ExtractTablesWithRelations, type SQL, sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
/** A database or a transaction: every query module takes one, so callers decide the transaction boundary. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** The rows of a raw query: PGlite answers `execute` with `{ rows }`, postgres.js with the rows themselves. */
export async function rowsOf<Row = Record<string, unknown>>(db: Db, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as Row[] | { rows: Row[] };
  return Array.isArray(result) ? result : result.rows;
}

export type Database = {
  db: Db;
  /** "pglite (./.data/pglite)" or "postgresql (host:port/name)": for messages, never with a password. */
  description: string;
  close: () => Promise<void>;
};

export type DatabaseOptions = {
  /** postgres:// URL of a PostgreSQL server; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data folder; absent (with no databaseUrl) means an in-memory database, for tests. */
  pgliteDir?: string;
  /** Apply the committed migrations on open (default true). */
  migrate?: boolean;
};

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

/** Raised when the database cannot be opened for a reason a person can fix; its message is one line. */
export class DatabaseOpenError extends Error {
  override name = "DatabaseOpenError";
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const database = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : await openPglite(options.pgliteDir);
  if (options.migrate ?? true) {
    try {
      await applyMigrations(database.db, options.databaseUrl ? "postgres" : "pglite");
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}

/**
 * Applies the migrations not applied yet. When none is pending nothing is run, so the app may connect as a role that
 * owns nothing and cannot create schemas (docs/guides/operations.md): only the owner's `cli migrate` changes them.
 */
export async function applyMigrations(db: Db, driver: "postgres" | "pglite") {
  if (!(await migrationsPending(db))) return;
  // The two migrators share one implementation; each is typed for its own driver.
  if (driver === "postgres") await migratePostgres(db as never, { migrationsFolder });
  else await migratePglite(db as never, { migrationsFolder });
}

/** Whether a migration is newer than the last one applied (drizzle's own rule), or the journal is not there yet. */
async function migrationsPending(db: Db): Promise<boolean> {
  const newest = Math.max(
    ...readMigrationFiles({ migrationsFolder }).map((migration) => migration.folderMillis),
  );
  try {
    return await db.transaction(async (tx) => {
      const [row] = await rowsOf<{ last: string | null }>(
        tx,
        sql`select max(created_at)::text as last from drizzle.__drizzle_migrations`,
      );
      const last = row?.last;
      return last === null || last === undefined || Number(last) < newest;
    });
  } catch {
    return true; // no journal yet: a new database
  }
}

function describePostgresUrl(url: string) {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    return "an invalid DATABASE_URL";
  }
}

async function openPostgres(url: string): Promise<Database> {
  const where = describePostgresUrl(url);
  const client = postgres(url, { max: 10, connect_timeout: 5, onnotice: () => {} });
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    const reason = (error as { code?: string; message?: string }).code ?? (error as Error).message;
    throw new DatabaseOpenError(`Cannot reach PostgreSQL at ${where} (DATABASE_URL): ${reason}`);
  }
  return {
    db: drizzlePostgres({ client, schema }) as unknown as Db,
    description: `postgresql (${where})`,
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dir: string | undefined): Promise<Database> {
  if (!dir) {
    const client = await PGlite.create();
    return {
      db: drizzlePglite({ client, schema }) as unknown as Db,
      description: "pglite (memory)",
      close: () => client.close(),
    };
  }
  mkdirSync(path.dirname(dir), { recursive: true });
  const releaseLock = acquireFolderLock(dir);
  try {
    const client = await PGlite.create(dir);
    return {
      db: drizzlePglite({ client, schema }) as unknown as Db,
      description: `pglite (${displayPath(dir)})`,
      close: async () => {
        try {
          await client.close();
        } finally {
          releaseLock();
        }
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/** A folder as a person would type it: relative when inside the working directory. */
function displayPath(dir: string) {
  const relative = path.relative(process.cwd(), dir);
  return relative && !relative.startsWith("..") ? relative : dir;
}

type LockHolder = { pid: number; host: string; since: string };

/**
 * PGlite is single-process: two processes writing one data folder corrupt it. The first to open the folder
 * creates `<dir>.lock` atomically; another process gets a clear error instead. A lock left by a process that no
 * longer runs on this host is taken over.
 */
export function acquireFolderLock(dir: string): () => void {
  const lockPath = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      const holder: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
      writeSync(fd, JSON.stringify(holder));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        try {
          unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readLockHolder(lockPath);
      if (holder && holder.host === hostname() && !isProcessAlive(holder.pid)) {
        unlinkSync(lockPath);
        continue;
      }
      const who = holder
        ? `process ${holder.pid} on ${holder.host} since ${holder.since}`
        : "another process";
      throw new DatabaseOpenError(
        `The embedded database ${displayPath(dir)} is in use by ${who}. ` +
          "Stop that process first (PGlite allows one process per data folder), or set DATABASE_URL to use PostgreSQL.",
      );
    }
  }
  throw new DatabaseOpenError(`Could not take the lock ${lockPath}`);
}

function readLockHolder(lockPath: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(lockPath, "utf8")) as LockHolder;
  } catch {
    return undefined;
  }
}

function isProcessAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
