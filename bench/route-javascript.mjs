/**
 * The JavaScript each route loads at start, gzipped, from the production build (docs/performance.md):
 *   npx react-router build && node bench/route-javascript.mjs routes/home routes/dashboard …
 * Reads the route manifest React Router writes (build/client/assets/manifest-*.js): the client entry and root are
 * shared by every page; a route adds its own module and the modules it imports (not those loaded later by import()).
 */
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const dir = "build/client/assets";
const file = readdirSync(dir).find((name) => name.startsWith("manifest-"));
if (!file) throw new Error("no route manifest: run `npx react-router build` first");
const text = readFileSync(`${dir}/${file}`, "utf8");
const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1));
const gzipped = (path) => gzipSync(readFileSync(`build/client${path}`)).length;
const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const root = manifest.routes.root;
const common = new Set([
  manifest.entry.module,
  ...manifest.entry.imports,
  root.module,
  ...(root.imports ?? []),
]);
const commonSize = [...common].reduce((sum, path) => sum + gzipped(path), 0);
console.log(`entry + root: ${kB(commonSize)}`);
for (const id of process.argv.slice(2)) {
  const route = manifest.routes[id];
  if (!route) throw new Error(`no route ${id} in the manifest`);
  const own = [route.module, ...(route.imports ?? [])].filter((path) => !common.has(path));
  const size = own.reduce((sum, path) => sum + gzipped(path), 0);
  console.log(`${id}: ${kB(commonSize + size)} (its own ${kB(size)})`);
}
