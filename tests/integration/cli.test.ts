import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { auditEvents } from "../../db/schema";

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
