import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { startApp } from "../support/app-server";

/**
 * A new data folder holding a copy of the template global-setup.ts prepared (migrated, seeded, demo accounts): the
 * data a fresh clone's first `npm start` leaves, with nothing any test wrote. The caller removes it.
 */
export function copyOfTemplate(): string {
  const dataDir = mkdtempSync(path.join(tmpdir(), "throughline-e2e-"));
  cpSync(inject("templateDataDir"), dataDir, { recursive: true });
  return dataDir;
}

/**
 * The app this test file talks to, started as `npm start` does on a copy of the template data folder, and stopped
 * (its folder removed) after the file's last test: a file sees only its own writes, whatever ran before it, so the
 * files pass in any order and alone. Call it once at the top of the file, `const { baseUrl } = await
 * appForThisFile();` (about 3 s). `onOutput` receives what the app logs (info level) instead of the terminal; `env`
 * adds variables.
 */
export async function appForThisFile(
  options: { onOutput?: (text: string) => void; env?: Record<string, string> } = {},
) {
  const dataDir = copyOfTemplate();
  try {
    const app = await startApp({ ...options, dataDir });
    afterAll(async () => {
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });
    return app;
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
