import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { forbiddenImportChains } from "../../scripts/import-graph";

/**
 * tests/ may import app/, never the reverse: no file under app/ (unit tests included) reaches a file under tests/
 * through its imports, directly or through other files (db/, seeds/, …). Test helpers that app/ unit tests need live
 * beside them (`*.testing.ts`); the simulated outside services of `npm run dev:mocks` live in app/mocks/.
 */

const repository = path.resolve(import.meta.dirname, "../..");
const relative = (chains: string[][], root: string) =>
  chains.map((chain) => chain.map((file) => path.relative(root, file)).join(" → "));

describe("the import graph", () => {
  it("has no path from app/ to tests/", () => {
    const chains = forbiddenImportChains(path.join(repository, "app"), path.join(repository, "tests"));
    expect(relative(chains, repository)).toEqual([]);
  });

  describe("the check itself", () => {
    const root = mkdtempSync(path.join(tmpdir(), "import-graph-"));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    };

    it("finds direct, indirect, dynamic, type-only and re-exported imports of test code, and nothing else", () => {
      write("tests/mocks/dev.ts", "export const start = () => 1;\n");
      write("tests/support/types.ts", "export type T = number;\n");
      write("tests/support/helper.js", "export const help = 1;\n");
      write("tests/fixtures/index.ts", "export const fixture = 1;\n");
      write("tests/clean.ts", 'import { a } from "../app/clean";\nexport const b = a;\n');
      // Direct, and through a file outside both folders (db/).
      write("app/direct.ts", 'import { start } from "../tests/mocks/dev";\nexport const d = start;\n');
      write("app/feature/indirect.tsx", 'import { x } from "../../db/bridge";\nexport const i = x;\n');
      write("db/bridge.ts", 'export { fixture as x } from "../tests/fixtures";\n');
      // A dynamic import in mocks mode, a type-only import, a `.js` specifier.
      write(
        "app/lazy.server.ts",
        'export async function load() {\n  if (import.meta.env.MODE === "mocks") return import("../tests/mocks/dev");\n}\n',
      );
      write("app/typed.ts", 'import type { T } from "../tests/support/types";\nexport const t: T = 1;\n');
      write("app/js.ts", 'import { help } from "../tests/support/helper.js";\nexport const h = help;\n');
      // Clean: packages, app-internal imports, a test in app/ using an app helper.
      write(
        "app/clean.ts",
        'import { z } from "zod";\nimport { i } from "./feature/indirect";\nexport const a = [z, i];\n',
      );

      const found = relative(forbiddenImportChains(path.join(root, "app"), path.join(root, "tests")), root);
      expect(found.sort()).toEqual(
        [
          "app/direct.ts → tests/mocks/dev.ts",
          "app/feature/indirect.tsx → db/bridge.ts → tests/fixtures/index.ts",
          "app/typed.ts → tests/support/types.ts",
          "app/js.ts → tests/support/helper.js",
        ].sort(),
      );
      // tests/mocks/dev.ts is reported once (by the first chain that reaches it), the dynamic import included:
      // remove the direct import and the dynamic one is what is found.
      write("app/direct.ts", "export const d = 1;\n");
      const again = relative(forbiddenImportChains(path.join(root, "app"), path.join(root, "tests")), root);
      expect(again).toContain("app/lazy.server.ts → tests/mocks/dev.ts");
      expect(again.join("\n")).not.toContain("tests/clean.ts");
    });
  });
});
