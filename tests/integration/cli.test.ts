import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

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
