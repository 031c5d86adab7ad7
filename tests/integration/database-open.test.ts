import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseOpenError, openDatabase } from "../../db/client";

const scratch = () => mkdtempSync(path.join(tmpdir(), "throughline-open-"));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

/** Starts another process that opens the PGlite folder and keeps it open; resolves once it has. */
function holdFolderInAnotherProcess(dir: string): Promise<ChildProcess> {
  const script = path.join(path.dirname(dir), "hold.mts");
  writeFileSync(
    script,
    `import { openDatabase } from ${JSON.stringify(path.resolve("db/client.ts"))};
     await openDatabase({ pgliteDir: ${JSON.stringify(dir)}, migrate: false });
     console.log("open");
     setInterval(() => {}, 1000);`,
  );
  const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("open") && resolve(child));
    child.on("exit", (code) => reject(new Error(`the holder exited early (${code})`)));
  });
}

describe("the embedded database folder", () => {
  it("refuses a second process with a clear message, and is usable again once that process is gone", async () => {
    const dir = path.join(scratch(), "pglite");
    const holder = await holdFolderInAnotherProcess(dir);

    const refusal = await openDatabase({ pgliteDir: dir }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DatabaseOpenError);
    expect((refusal as Error).message).toMatch(
      new RegExp(`is in use by process ${holder.pid} .*PGlite allows one process per data folder`),
    );

    // A holder that dies without closing leaves a stale lock, which the next opener takes over.
    holder.kill("SIGKILL");
    await new Promise((resolve) => holder.once("exit", resolve));
    const database = await openDatabase({ pgliteDir: dir });
    await database.close();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it("refuses a second open within the same process too", async () => {
    const dir = path.join(scratch(), "pglite");
    const first = await openDatabase({ pgliteDir: dir, migrate: false });
    try {
      await expect(openDatabase({ pgliteDir: dir, migrate: false })).rejects.toThrow(/is in use by process/);
    } finally {
      await first.close();
    }
  });
});

describe("an unreachable DATABASE_URL", () => {
  it("is reported in one line naming the host, by the library and by the CLI", async () => {
    const url = "postgres://postgres:secret@127.0.0.1:1/nowhere";
    await expect(openDatabase({ databaseUrl: url })).rejects.toThrow(
      "Cannot reach PostgreSQL at 127.0.0.1:1/nowhere (DATABASE_URL): ECONNREFUSED",
    );
    const run = spawnSync("node_modules/.bin/tsx", ["app/cli/main.ts", "stats"], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: url },
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([
      "Cannot reach PostgreSQL at 127.0.0.1:1/nowhere (DATABASE_URL): ECONNREFUSED",
    ]);
    expect(run.stderr).not.toContain("secret");
  });

  it("a malformed DATABASE_URL is named as such", () => {
    const run = spawnSync("node_modules/.bin/tsx", ["app/cli/main.ts", "stats"], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "mysql://somewhere" },
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      "Invalid environment: DATABASE_URL: must be a postgres:// or postgresql:// URL",
    );
  });
});
