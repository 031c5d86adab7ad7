import { type Database, DatabaseOpenError, openDatabase } from "../db/client";
import { DemoAccountsPresent, refuseDemoAccounts, seedDemoAccounts } from "./auth/demo.server";
import { ensureDemoData } from "./demo-data/generate.server";
import { appSecretOf, InvalidEnvironment, readEnv } from "./env.server";
import { logger } from "./logger.server";
import { hasPlans, seedNswp } from "./plan-graph/seed.server";
import { ImportRejected } from "./plan-graph/store.server";

/**
 * Kept on globalThis so that the dev server's module reloads reuse the open database instead of opening the PGlite
 * folder a second time (which its lock refuses).
 */
const shared = globalThis as typeof globalThis & { throughlineDatabase?: Promise<Database> };

/**
 * The server's one database: opened at start-up with migrations applied, and loaded with the NSWP data set when
 * it holds no plan yet (unless SEED=none).
 */
export function getDatabase(): Promise<Database> {
  shared.throughlineDatabase ??= openForServer().catch((error: unknown) => {
    shared.throughlineDatabase = undefined; // let a later request try again (e.g. once PostgreSQL is back)
    throw error;
  });
  return shared.throughlineDatabase;
}

/** Opens the database when the server starts; a problem a person can fix ends the process with one line. */
export async function openAtStartup() {
  try {
    await getDatabase();
  } catch (error) {
    if (
      error instanceof DatabaseOpenError ||
      error instanceof InvalidEnvironment ||
      error instanceof ImportRejected ||
      error instanceof DemoAccountsPresent
    ) {
      logger.fatal(error.message);
      process.exit(1);
    }
    throw error;
  }
}

export async function getDb() {
  return (await getDatabase()).db;
}

async function openForServer(): Promise<Database> {
  const env = readEnv();
  appSecretOf(env); // outside demo mode, refuse to start without APP_SECRET
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.pgliteDir });
  // A real installation never serves the demo accounts, whose password is public (docs/decisions/010-demo-mode.md).
  if (!env.demo) {
    try {
      await refuseDemoAccounts({ db: database.db });
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  if (env.SEED === "nswp" && !(await hasPlans(database.db))) {
    const summaries = await seedNswp({ db: database.db, actor: "system:seed", onlyIfEmpty: true });
    if (summaries.length) logger.info(`Loaded the NSWP data set into ${database.description}.`);
  }
  if (env.demo && (await seedDemoAccounts({ db: database.db, appSecret: appSecretOf(env) }))) {
    logger.info("Demo mode: created the demo accounts (see the README).");
  }
  // Demo mode also gets the synthetic demo plan (shown with its badge, never mixed with sourced plans).
  if (env.demo && env.SEED === "nswp") {
    const started = performance.now();
    const summary = await ensureDemoData({ db: database.db });
    if (summary) {
      const ms = Math.round(performance.now() - started);
      logger.info(`Demo mode: generated the synthetic demo plan (${summary.entries} entries, ${ms} ms).`);
    }
  }
  // PGlite writes to its folder as it goes: close it properly when the server is stopped.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      database.close().finally(() => process.exit(0));
    });
  }
  return database;
}
