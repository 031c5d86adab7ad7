import { defineConfig } from "vitest/config";

/**
 * Three projects: `unit` (pure rules, no I/O), `integration` (a real Postgres engine: PGlite by default, the
 * server when DATABASE_URL is set), `e2e` (the built app in Debian's Chromium).
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["app/**/*.test.{ts,tsx}"] } },
      {
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/e2e/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
