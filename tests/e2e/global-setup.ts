import { rmSync } from "node:fs";
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
  const template = await startApp();
  await template.stop();
  console.log(`e2e template data folder ready in ${Math.round(performance.now() - started)} ms`);
  project.provide("templateDataDir", template.dataDir);
  return () => rmSync(template.dataDir, { recursive: true, force: true });
}
