import "./mode";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { userInfo } from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { type Database, DatabaseOpenError, openDatabase } from "../../db/client";
import {
  elementLinks,
  elements,
  entryStatus,
  indicators,
  indicatorTargets,
  plans,
  progressEntries,
} from "../../db/schema";
import { verifyAuditChain } from "../audit.server";
import { AccountProblem, createUser } from "../auth/accounts.server";
import { removeDemoAccounts } from "../auth/demo.server";
import { RotationRefused, rotateSecrets } from "../auth/rotate-secret.server";
import { generateTotpSecret, otpauthUri } from "../auth/totp";
import { DemoDataRefused, generateDemoData } from "../demo-data/generate.server";
import { appSecretOf, appSecretsOf, InvalidEnvironment, readEnv } from "../env.server";
import { Refused } from "../errors";
import { translator } from "../i18n/i18n";
import { importIndicators } from "../indicators/store.server";
import { createLogger } from "../logger.server";
import { seedNswp } from "../plan-graph/seed.server";
import {
  exportPlanGraph,
  formatPlanGraph,
  ImportRejected,
  importOrganisationFile,
  importPlanGraph,
} from "../plan-graph/store.server";
import { parseImportFile } from "../plan-graph/validate";
import { purgeRemovedEvidence } from "../progress/evidence.server";
import { recordRead } from "../read-log.server";

const usage = `Usage: npm run cli -- <command>

Commands:
  start                 build if needed, then serve the app (the server migrates, and seeds an empty database)
  migrate               apply the database migrations
  seed                  load the NSWP data set (idempotent, all-or-nothing)
  export plan <slug>    print a plan as plan-graph interchange JSON
  import <file>         import a plan-graph, organisation or indicators file (checked first; all-or-nothing)
  stats                 counts per plan, as JSON: elements by kind and status, links by kind, indicators,
                        targets, and progress entries by status
  create-admin --email <address> --name <name>
                        create an administrator (password from ADMIN_PASSWORD, or asked for); prints the
                        key of the second factor every administrator needs
  remove-demo-accounts  remove the demo accounts (their password is public) before serving a database as a real
                        installation: deleted, or deactivated and renamed when kept work names them (audited)
  audit verify          check the audit trail's hash chain: prints the row count and the head hash, or the
                        first broken row (exit code 1)
  purge-evidence --older-than DAYS
                        erase the content of evidence files removed more than DAYS days ago (their record,
                        name, size and SHA-256 stay; audited)
  demo-data [--entries N] [--seed S]
                        create or regenerate the synthetic demo plan "synthetic-demo" with N progress
                        entries (default 500) from seed S (default 1): the same seed gives the same data
  rotate-secret         seal every stored secret (second-factor keys, KoboToolbox tokens) again under APP_SECRET,
                        opening them with APP_SECRET or APP_SECRET_PREVIOUS (the secret it replaces); all or nothing

Environment: DATABASE_URL (PostgreSQL; default: embedded PGlite in DATA_DIR/pglite), DATA_DIR (default .data), PORT,
APP_SECRET (required outside demo mode), APP_SECRET_PREVIOUS (while rotating). See the README.`;

/**
 * Diagnostics (progress, unexpected failures) go to the logger, on stderr so that results printed for the person
 * (`export`, `stats`, …) stay clean on stdout. A failure Node would print raw (with any SQL parameters in a database
 * error) is logged sanitised instead (app/logger.server.ts).
 */
const log = createLogger({ destination: process.stderr });
for (const event of ["uncaughtException", "unhandledRejection"] as const) {
  process.on(event, (error: unknown) => {
    log.fatal({ err: error }, "Throughline stopped on an unexpected error");
    process.exit(1);
  });
}

/** A failure to report in one line, with an exit code, and no stack trace. */
class CliError extends Error {}

/** A refusal's problems as the English pages word them (a terminal has no language switcher). */
const inEnglish = (refusal: Refused) =>
  refusal.problems.map(({ message }) => translator("en")(message.key, message.values)).join(" ");

const actor = () => `cli:${userInfo().username}`;

async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const env = readEnv();
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.pgliteDir });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const commands: Record<string, (args: string[]) => Promise<void>> = {
  async migrate() {
    await withDatabase(async (database) => console.log(`Migrations applied to ${database.description}.`));
  },

  async seed() {
    await withDatabase(async ({ db, description }) => {
      const summaries = await seedNswp({ db, actor: actor() });
      console.log(JSON.stringify({ database: description, plans: summaries }, null, 2));
    });
  },

  async export([what, slug]) {
    if (what !== "plan" || !slug) throw new CliError("Usage: npm run cli -- export plan <slug>");
    await withDatabase(async ({ db, description }) => {
      const graph = await exportPlanGraph({ db, slug });
      if (!graph) {
        const slugs = (await db.select({ slug: plans.slug }).from(plans).orderBy(plans.startDate)).map(
          (plan) => plan.slug,
        );
        throw new CliError(
          slugs.length
            ? `No plan with the slug "${slug}". The plans are: ${slugs.join(", ")}.`
            : `No plan has been loaded in ${description} yet: run \`npm run cli -- seed\` (the NSWP data set) or \`npm start\` (which seeds an empty database) first, or import one with \`npm run cli -- import <file>\`.`,
        );
      }
      await recordRead({ db, actor: actor(), action: "plan.export", entityType: "plan", entityId: slug });
      process.stdout.write(formatPlanGraph(graph));
    });
  },

  async import([file]) {
    if (!file) throw new CliError("Usage: npm run cli -- import <file>");
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      throw new CliError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
    }
    const parsed = parseImportFile(text);
    if (!parsed.ok) throw new ImportRejected(parsed.problems);
    const document = parsed.value;
    await withDatabase(async ({ db }) => {
      const result =
        document.format === "throughline/organisation"
          ? await importOrganisationFile({ db, file: document.organisation, actor: actor() })
          : document.format === "throughline/indicators"
            ? await importIndicators({ db, file: document.indicators, actor: actor() })
            : await importPlanGraph({ db, graph: document.graph, actor: actor() });
      console.log(JSON.stringify(result, null, 2));
    });
  },

  async stats() {
    await withDatabase(async ({ db }) => {
      const planRows = await db
        .select({ id: plans.id, slug: plans.slug })
        .from(plans)
        .orderBy(plans.startDate);
      // Indicators, targets and entries per plan (entries by status: only approved ones count in the figures).
      const indicatorCounts = await db
        .select({ planId: indicators.planId, n: count() })
        .from(indicators)
        .groupBy(indicators.planId);
      const targetCounts = await db
        .select({ planId: indicators.planId, n: count() })
        .from(indicatorTargets)
        .innerJoin(indicators, eq(indicators.id, indicatorTargets.indicatorId))
        .groupBy(indicators.planId);
      const entryCounts = await db
        .select({ planId: indicators.planId, status: progressEntries.status, n: count() })
        .from(progressEntries)
        .innerJoin(indicators, eq(indicators.id, progressEntries.indicatorId))
        .groupBy(indicators.planId, progressEntries.status);
      const result = [];
      for (const plan of planRows) {
        const byKindStatus = await db
          .select({ kind: elements.kind, status: elements.status, n: count() })
          .from(elements)
          .where(eq(elements.planId, plan.id))
          .groupBy(elements.kind, elements.status);
        const byLinkKind = await db
          .select({ kind: elementLinks.kind, n: count() })
          .from(elementLinks)
          .where(eq(elementLinks.planId, plan.id))
          .groupBy(elementLinks.kind);
        const kinds: Record<string, number> = {};
        const statuses: Record<string, number> = {};
        for (const row of byKindStatus) {
          kinds[row.kind] = (kinds[row.kind] ?? 0) + row.n;
          statuses[row.status] = (statuses[row.status] ?? 0) + row.n;
        }
        result.push({
          plan: plan.slug,
          elements: kinds,
          statuses,
          links: Object.fromEntries(byLinkKind.map((row) => [row.kind, row.n])),
          indicators: indicatorCounts.find((row) => row.planId === plan.id)?.n ?? 0,
          targets: targetCounts.find((row) => row.planId === plan.id)?.n ?? 0,
          entries: Object.fromEntries(
            entryStatus.enumValues.map((status) => [
              status,
              entryCounts.find((row) => row.planId === plan.id && row.status === status)?.n ?? 0,
            ]),
          ),
        });
      }
      console.log(JSON.stringify({ plans: result }, null, 2));
    });
  },

  async "create-admin"(args) {
    const option = (name: string) => {
      const at = args.indexOf(`--${name}`);
      return at >= 0 ? args[at + 1] : undefined;
    };
    const email = option("email");
    const name = option("name");
    if (!email || !name)
      throw new CliError('Usage: npm run cli -- create-admin --email <address> --name "<name>"');
    const password = process.env.ADMIN_PASSWORD ?? (await askHidden("Password for the new administrator: "));
    const env = readEnv();
    const appSecret = appSecretOf(env);
    const secret = generateTotpSecret();
    await withDatabase(async ({ db }) => {
      try {
        await createUser({
          db,
          actor: actor(),
          email,
          name,
          password,
          grants: [{ role: "admin", accessUntil: null }],
          totpSecret: secret,
          appSecret,
        });
      } catch (error) {
        if (error instanceof AccountProblem) throw new CliError(`Not created: ${inEnglish(error)}`);
        throw error;
      }
    });
    console.log(`Created the administrator ${email.trim().toLowerCase()}.`);
    console.log(
      "Administrators sign in with a second factor. Add this key to an authenticator app now (it is not shown again):",
    );
    console.log(`  key: ${secret}`);
    console.log(`  or:  ${otpauthUri(secret, email.trim().toLowerCase())}`);
  },

  async "remove-demo-accounts"() {
    await withDatabase(async ({ db, description }) => {
      const removed = await removeDemoAccounts({ db, actor: actor() });
      if (!removed.length) {
        console.log(`No demo account in ${description}.`);
        return;
      }
      for (const account of removed) {
        console.log(
          account.outcome === "deleted"
            ? `Deleted ${account.email}.`
            : `Deactivated ${account.email} and renamed it ${account.renamedTo} (kept: entries or decisions name it).`,
        );
      }
    });
  },

  async audit([what]) {
    if (what !== "verify") throw new CliError("Usage: npm run cli -- audit verify");
    await withDatabase(async ({ db, description }) => {
      const verdict = await verifyAuditChain(db);
      if (!verdict.ok)
        throw new CliError(
          `The audit trail of ${description} is broken at row ${verdict.id} (${
            verdict.reason === "hash"
              ? "its content does not match its hash"
              : "it does not follow the row before it: a row was removed or changed"
          }); ${verdict.count} rows before it are sound.`,
        );
      console.log(`Audit trail OK: ${verdict.count} rows, head hash ${verdict.head ?? "(none)"}.`);
    });
  },

  async "purge-evidence"(args) {
    const at = args.indexOf("--older-than");
    const text = at >= 0 ? (args[at + 1] ?? "") : "";
    if (!/^\d{1,5}$/.test(text))
      throw new CliError("Usage: npm run cli -- purge-evidence --older-than DAYS (a whole number of days)");
    await withDatabase(async ({ db }) => {
      const purged = await purgeRemovedEvidence({ db, olderThanDays: Number(text), actor: actor() });
      console.log(
        `Erased the content of ${purged} evidence file(s) removed more than ${Number(text)} day(s) ago.`,
      );
    });
  },

  async "demo-data"(args) {
    const option = (name: string, fallback: number) => {
      const at = args.indexOf(`--${name}`);
      if (at < 0) return fallback;
      const text = args[at + 1] ?? "";
      if (!/^\d{1,9}$/.test(text)) throw new CliError(`--${name} must be a whole number, not "${text}".`);
      return Number(text);
    };
    const entries = option("entries", 500);
    const seed = option("seed", 1);
    if (entries > 200_000) throw new CliError("--entries must be at most 200000.");
    await withDatabase(async ({ db, description }) => {
      const summary = await generateDemoData({ db, entries, seed, actor: actor() });
      console.log(JSON.stringify({ database: description, seed, ...summary }, null, 2));
    });
  },

  async "rotate-secret"() {
    const { current, previous } = appSecretsOf(readEnv());
    await withDatabase(async ({ db, description }) => {
      const report = await rotateSecrets({ db, actor: actor(), current, previous });
      const { totpSeeds, koboTokens } = report.resealed;
      console.log(
        `Re-sealed ${totpSeeds} second-factor key(s) and ${koboTokens} KoboToolbox token(s) in ${description} under APP_SECRET (key id ${report.keyId}); ${report.alreadyCurrent} were already.`,
      );
      if (previous)
        console.log(
          `Nothing is sealed under APP_SECRET_PREVIOUS (key id ${report.previousKeyId}) any more: remove it from the configuration and restart.`,
        );
    });
  },

  async start() {
    const env = readEnv();
    if (buildIsStale()) {
      log.info("Building the app…");
      const build = spawnSync("node_modules/.bin/react-router", ["build"], { stdio: "inherit" });
      if (build.status !== 0) throw new CliError("The build failed (see above).");
    }
    // NODE_ENV is already "production" (./mode, imported first).
    const { serve } = await import("../http-server");
    await serve({ port: env.PORT, trustProxy: env.TRUST_PROXY, loopbackOnly: env.demoLoopbackOnly });
  },
};

/** Reads a line from the terminal without echoing it. */
async function askHidden(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) throw new CliError("No terminal to ask for the password: set ADMIN_PASSWORD.");
  process.stdout.write(prompt);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  let answer = "";
  for await (const chunk of process.stdin) {
    for (const char of String(chunk)) {
      if (char === "\r" || char === "\n") {
        process.stdin.setRawMode(false);
        process.stdin.pause();
        process.stdout.write("\n");
        return answer;
      }
      if (char === "\u0003") process.exit(130);
      answer = char === "\u007f" ? answer.slice(0, -1) : answer + char;
    }
  }
  return answer;
}

/** The build is stale when a source file is newer than the server bundle. */
function buildIsStale() {
  const bundle = "build/server/index.js";
  if (!existsSync(bundle)) return true;
  const built = statSync(bundle).mtimeMs;
  const newest = (entry: string): number => {
    const stat = statSync(entry);
    if (!stat.isDirectory()) return stat.mtimeMs;
    return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newest(path.join(entry, name))));
  };
  return ["app", "db", "package-lock.json", "vite.config.ts", "react-router.config.ts"].some(
    (entry) => existsSync(entry) && newest(entry) > built,
  );
}

async function main() {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(name ? `Unknown command "${name}".\n\n${usage}` : usage);
    process.exitCode = 2;
    return;
  }
  try {
    await command(args);
  } catch (error) {
    if (error instanceof Refused) {
      console.error(inEnglish(error));
    } else if (error instanceof ImportRejected) {
      console.error(`Rejected; nothing was written:\n${error.message}`);
    } else if (
      error instanceof CliError ||
      error instanceof DemoDataRefused ||
      error instanceof DatabaseOpenError ||
      error instanceof RotationRefused ||
      error instanceof InvalidEnvironment
    ) {
      console.error(error.message);
    } else {
      log.fatal({ err: error }, `The command "${name}" failed`);
    }
    process.exitCode = 1;
  }
}

await main();
