import { existsSync, readFileSync } from "node:fs";
import type { TestContext } from "vitest";

/** The source documents the NSWP seed quotes, beside the repository (as CI lays them out). */
export const sourcesDir = "../shared/sources";

/** CI=true (as .ci/run is run), in the usual spellings; "false" and "0" do not count. */
export const inCi = (env: NodeJS.ProcessEnv = process.env) =>
  Boolean(env.CI) && !["false", "0"].includes(String(env.CI).toLowerCase());

/**
 * The source documents, whitespace folded, for a test that checks quotes against them. When the folder is missing,
 * the test is skipped outside CI only, and the skip note says so; in CI it fails, naming the folder, since a quote
 * check that silently does not run proves nothing.
 */
export function sourceTexts(
  context: Pick<TestContext, "skip">,
  { dir = sourcesDir, env = process.env }: { dir?: string; env?: NodeJS.ProcessEnv } = {},
) {
  if (!existsSync(dir)) {
    if (inCi(env))
      throw new Error(
        `${dir} is missing: in CI (CI=true) the quote checks must run against the source documents`,
      );
    context.skip(`${dir} is missing: skipped outside CI only (with CI=true this test fails)`);
  }
  const text = (file: string) => readFileSync(`${dir}/${file}`, "utf8").replace(/\s+/g, " ");
  return {
    "review-2015": text("nswp-strategic-review-2015-summary.fr.txt"),
    "plan-2010-2012": text("nswp-strategic-plan-2010-2012.fr.md"),
  } as Record<string, string>;
}
