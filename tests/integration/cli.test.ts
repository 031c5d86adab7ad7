import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { IndicatorsFile } from "../../app/indicators/format";
import { openDatabase } from "../../db/client";
import { auditEvents, indicators } from "../../db/schema";

const cli = (args: string[], env: Record<string, string>) =>
  spawnSync("node_modules/.bin/tsx", ["app/cli/main.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", ...env },
  });

describe("npm run cli -- create-admin", () => {
  it("creates the first administrator with a second factor, and refuses a taken email or a common password", () => {
    const env = {
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "throughline-admin-")),
      ADMIN_PASSWORD: "a long admin passphrase",
    };
    const created = cli(["create-admin", "--email", "Root@Example.org", "--name", "Root"], env);
    expect(created.status).toBe(0);
    expect(created.stdout).toContain("Created the administrator root@example.org.");
    expect(created.stdout).toMatch(/key: [A-Z2-7]{32}\n/);
    expect(created.stdout).toMatch(/otpauth:\/\/totp\/Throughline%3Aroot%40example\.org\?secret=/);

    const again = cli(["create-admin", "--email", "root@example.org", "--name", "Again"], env);
    expect(again.status).toBe(1);
    expect(again.stderr.trim()).toBe("Not created: A user with this email already exists.");

    const weak = cli(["create-admin", "--email", "x@example.org", "--name", "X"], {
      ...env,
      ADMIN_PASSWORD: "password1",
    });
    expect(weak.status).toBe(1);
    expect(weak.stderr.trim()).toBe(
      "Not created: This password is one of the most common passwords. Choose another.",
    );
  });
});

describe("npm run cli -- audit verify", () => {
  it("reports OK with the count and head hash, or the first broken row with a non-zero exit", async () => {
    const env = {
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "throughline-audit-")),
      ADMIN_PASSWORD: "a long admin passphrase",
    };
    expect(cli(["create-admin", "--email", "a@example.org", "--name", "A"], env).status).toBe(0);
    expect(cli(["create-admin", "--email", "b@example.org", "--name", "B"], env).status).toBe(0);
    const ok = cli(["audit", "verify"], env);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^Audit trail OK: 2 rows, head hash [0-9a-f]{64}\.\n$/);

    // The owner of the database sets the append-only trigger aside and rewrites the first row.
    const database = await openDatabase({ pgliteDir: path.join(env.DATA_DIR, "pglite") });
    const [first] = await database.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .orderBy(auditEvents.id);
    await database.db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
    await database.db.execute(
      sql`update audit_events set actor = 'cli:someone-else' where id = ${first?.id}`,
    );
    await database.db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
    await database.close();

    const broken = cli(["audit", "verify"], env);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`is broken at row ${first?.id} (its content does not match its hash)`);
  });
});

describe("npm run cli -- export plan, stats and seed", () => {
  it("on a database with no plan, export says to run seed or start first, with a non-zero exit", () => {
    const env = { DATA_DIR: mkdtempSync(path.join(tmpdir(), "throughline-empty-")) };
    const exported = cli(["export", "plan", "2013-2015"], env);
    expect(exported.status).toBe(1);
    expect(exported.stdout).toBe("");
    expect(exported.stderr).toContain("No plan has been loaded");
    expect(exported.stderr).toContain("`npm run cli -- seed`");
    expect(exported.stderr).toContain("`npm start`");
  });

  // Seven runs of the command line, each starting tsx and opening the database: slow on a busy machine.
  it("stats counts indicators, targets and entries by status; seed again changes nothing, and refuses to undo an edit", {
    timeout: 420_000,
  }, async () => {
    const env = { DATA_DIR: mkdtempSync(path.join(tmpdir(), "throughline-stats-")) };
    expect(cli(["seed"], env).status).toBe(0);
    const unknown = cli(["export", "plan", "2099-2100"], env);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim()).toBe(
      'No plan with the slug "2099-2100". The plans are: 2010-2012, 2013-2015.',
    );

    const file = JSON.parse(readFileSync("seeds/nswp/indicators.json", "utf8")) as IndicatorsFile;
    const expected = (plan: string) => {
      const mine = file.indicators.filter((indicator) => indicator.plan === plan);
      return {
        indicators: mine.length,
        targets: mine.reduce((sum, indicator) => sum + (indicator.targets?.length ?? 0), 0),
        entries: {
          draft: 0,
          submitted: 0,
          returned: 0,
          approved: mine.reduce((sum, indicator) => sum + indicator.entries.length, 0),
        },
      };
    };
    const stats = () => {
      const run = cli(["stats"], env);
      expect(run.status).toBe(0);
      return (JSON.parse(run.stdout) as { plans: { plan: string }[] }).plans;
    };
    const first = stats();
    expect(first.map((plan) => plan.plan)).toEqual(["2010-2012", "2013-2015"]);
    for (const plan of first) expect(plan).toMatchObject(expected(plan.plan));
    expect(expected("2013-2015").indicators).toBeGreaterThan(0);

    // Seeding again changes nothing.
    const again = cli(["seed"], env);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout).plans.map((plan: { changed: boolean }) => plan.changed)).toEqual([
      false,
      false,
    ]);
    expect(stats()).toEqual(first);

    // Someone corrects an indicator's name (as its page would); seed leaves it and says so.
    const database = await openDatabase({ pgliteDir: path.join(env.DATA_DIR, "pglite") });
    await database.db.execute(
      sql`update indicators set name = '{"en": "Members (corrected)"}'::jsonb where code = 'I1' and plan_id = (select id from plans where slug = '2013-2015')`,
    );
    await database.close();
    const refused = cli(["seed"], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(
      "indicators whose stored definition differs from the file: 2013-2015 I1",
    );
    const after = await openDatabase({ pgliteDir: path.join(env.DATA_DIR, "pglite") });
    const names = await after.db
      .select({ name: indicators.name })
      .from(indicators)
      .where(eq(indicators.code, "I1"));
    await after.close();
    expect(names.map((row) => row.name.en)).toContain("Members (corrected)");
  });
});
