import { type Database, openDatabase } from "../db/client";
import { readEnv } from "./env.server";
import { hasPlans, seedNswp } from "./plan-graph/seed.server";

let opening: Promise<Database> | undefined;

/**
 * The server's one database: opened at start-up with migrations applied, and loaded with the NSWP data set when
 * it holds no plan yet (unless SEED=none).
 */
export function getDatabase(): Promise<Database> {
  opening ??= openForServer();
  return opening;
}

export async function getDb() {
  return (await getDatabase()).db;
}

async function openForServer(): Promise<Database> {
  const env = readEnv();
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.pgliteDir });
  if (env.SEED === "nswp" && !(await hasPlans(database.db))) {
    await seedNswp({ db: database.db, actor: "system:seed" });
    console.log(`Loaded the NSWP data set into ${database.description}.`);
  }
  // PGlite writes to its folder as it goes: close it properly when the server is stopped.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      database.close().finally(() => process.exit(0));
    });
  }
  return database;
}
