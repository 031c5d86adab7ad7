import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startApp } from "../support/app-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** The data folder every browser test file's app starts from a copy of (tests/e2e/app.ts). */
    templateDataDir: string;
  }
}

/**
 * Builds the app if needed and prepares the template data folder once: a fresh `npm start` (migrated, NSWP data,
 * demo accounts, synthetic demo plan), stopped cleanly so PGlite's folder can be copied. Each test file then starts
 * its own app on a copy (`appForThisFile`), so no file sees what another wrote.
 */
export default async function setup(project: TestProject) {
  const started = performance.now();
  const dataDir = mkdtempSync(path.join(tmpdir(), "throughline-e2e-template-"));
  const remove = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    // The first start builds the app when the build is stale (always on a fresh clone): time for a busy machine.
    const template = await startApp({ dataDir, readyWithin: 900_000 });
    await template.stop();
  } catch (error) {
    remove();
    throw error;
  }
  console.log(`e2e template data folder ready in ${Math.round(performance.now() - started)} ms`);
  project.provide("templateDataDir", dataDir);
  return remove;
}
