import { readFileSync } from "node:fs";
import { index, layout, route } from "@react-router/dev/routes";
import { describe, expect, it } from "vitest";
import {
  appRoutes,
  architecturePath,
  endMarker,
  routeRows,
  routeTable,
  startMarker,
  withRouteTable,
} from "../../scripts/route-table";

/** docs/architecture.md's route table is the one app/routes.ts gives (scripts/route-table.ts, `npm run docs:routes`). */
describe("the architecture route table", () => {
  it("is up to date with app/routes.ts (run `npm run docs:routes` when this fails)", async () => {
    const document = readFileSync(architecturePath, "utf8");
    expect(document).toBe(withRouteTable(document, routeTable(await appRoutes())));
  });

  it("names every route module of app/routes.ts, with what it calls", async () => {
    const routes = await appRoutes();
    const table = routeTable(routes);
    const files: string[] = [];
    const walk = (entries: typeof routes) => {
      for (const entry of entries) {
        files.push(entry.file);
        if (entry.children) walk(entry.children);
      }
    };
    walk(routes);
    for (const file of files) expect(table, file).toContain(`\`${file}\``);
    expect(table).toMatch(
      /\| `\/plans\/:slug\/dashboard` \| `routes\/dashboard\.tsx` \|.*`dashboards\/overview\.server\.ts`/,
    );
  });

  it("reads nested routes, index routes and layouts, joining their addresses", () => {
    const rows = routeRows([
      route("plans/:slug", "routes/plan.tsx", [
        index("routes/dashboard.tsx"),
        route("toc/:canvas", "routes/toc.editor.tsx", [route("nodes/:code.json", "routes/toc.node.ts")]),
      ]),
      layout("routes/home.tsx", [route("sources", "routes/sources.tsx")]),
    ]);
    expect(rows.map((row) => [row.address, row.kind, row.module, row.within.join(" › ")])).toEqual([
      ["/plans/:slug", "route", "routes/plan.tsx", ""],
      ["/plans/:slug", "index", "routes/dashboard.tsx", "routes/plan.tsx"],
      ["/plans/:slug/toc/:canvas", "route", "routes/toc.editor.tsx", "routes/plan.tsx"],
      [
        "/plans/:slug/toc/:canvas/nodes/:code.json",
        "route",
        "routes/toc.node.ts",
        "routes/plan.tsx › routes/toc.editor.tsx",
      ],
      ["/", "layout", "routes/home.tsx", ""],
      ["/sources", "route", "routes/sources.tsx", "routes/home.tsx"],
    ]);
    expect(rows[1]?.exports).toEqual(["loader", "headers", "page", "ErrorBoundary"]);
    expect(rows[1]?.imports).toContain("dashboards/overview.server.ts");
    expect(rows[1]?.imports.some((module) => module.includes("+types"))).toBe(false);
  });

  it("replaces only what lies between the markers, and refuses a page without them", () => {
    const page = `# A\n\nbefore\n${startMarker}\n\nold table\n${endMarker}\nafter\n`;
    expect(withRouteTable(page, "| new |\n")).toBe(
      `# A\n\nbefore\n${startMarker}\n\n| new |\n\n${endMarker}\nafter\n`,
    );
    expect(() => withRouteTable("# A\n", "| new |\n")).toThrow(/route-table:start/);
  });
});
