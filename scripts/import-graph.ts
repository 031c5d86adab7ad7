import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * The repository's import graph, as far as relative imports go: which files a source file imports (static imports,
 * `export … from`, `import type`, dynamic `import()` and `require`, as TypeScript's own pre-processor finds them),
 * resolved the way the bundler resolves them (with or without extension, `.js` for `.ts`, a folder's index).
 * Package imports (`react`, `node:fs`) are not followed.
 */

const extensions = [".ts", ".tsx", ".mts", ".js", ".jsx", ".mjs", ".json"];
const isSource = (file: string) => /\.(m?[jt]sx?)$/.test(file) && !file.endsWith(".d.ts");

/** Every source file under a folder, recursively (dot folders and node_modules skipped). */
export function sourceFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith(".") || entry.name === "node_modules") return [];
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return isSource(entry.name) ? [full] : [];
  });
}

const isFile = (file: string) => existsSync(file) && statSync(file).isFile();

/** The file a relative specifier names, or null when nothing matches (or the specifier is a package). */
export function resolveImport(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith("./") && !specifier.startsWith("../") && specifier !== "." && specifier !== "..")
    return null;
  const base = path.resolve(path.dirname(fromFile), specifier.split("?")[0] as string);
  const stem = base.replace(/\.(m?js|jsx)$/, "");
  const candidates = [
    base,
    ...extensions.map((extension) => base + extension),
    ...extensions.map((extension) => stem + extension),
    ...extensions.map((extension) => path.join(base, `index${extension}`)),
  ];
  return candidates.find(isFile) ?? null;
}

/** The specifiers a source file imports. */
export function importedSpecifiers(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return info.importedFiles.map((imported) => imported.fileName);
}

/**
 * Every way files under `from` reach files under `forbidden` by relative imports, directly or through other files
 * (anywhere in the repository): one chain per forbidden file reached, from a file under `from` to it.
 */
export function forbiddenImportChains(from: string, forbidden: string): string[][] {
  const inForbidden = (file: string) => !path.relative(forbidden, file).startsWith("..");
  const cameFrom = new Map<string, string | null>();
  const queue: string[] = [];
  for (const file of sourceFiles(from)) {
    cameFrom.set(file, null);
    queue.push(file);
  }
  const chains: string[][] = [];
  while (queue.length) {
    const file = queue.shift() as string;
    if (inForbidden(file)) {
      const chain = [file];
      for (let at = cameFrom.get(file); at; at = cameFrom.get(at)) chain.unshift(at);
      chains.push(chain);
      continue;
    }
    if (!isSource(file)) continue;
    for (const specifier of importedSpecifiers(file)) {
      const target = resolveImport(file, specifier);
      if (!target || cameFrom.has(target)) continue;
      cameFrom.set(target, file);
      queue.push(target);
    }
  }
  return chains;
}
