import type { ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider, useLoaderData } from "react-router";
import { type CsvTable, CsvTables } from "../dashboards/components";
import { tableCsv } from "../dashboards/csv";
import { getDb } from "../db.server";
import { notFound } from "../http-errors";
import { I18nContext, negotiateLocale, translator } from "../i18n/i18n";
import { requirePlan } from "../plan-graph/plan-route.server";
import { recordRead } from "../read-log.server";
import type { Route } from "./+types/dashboard.csv";
import * as overview from "./dashboard";
import * as completeness from "./dashboard.completeness";
import * as element from "./dashboard.element";
import * as indicator from "./dashboard.indicator";
import * as regions from "./dashboard.regions";

type PageModule = {
  loader: (args: never) => Promise<unknown> | unknown;
  default: ComponentType<never>;
};

/** The dashboard pages whose tables can be downloaded, by their path under /plans/:slug/dashboard. */
function pageOf(page: string): { module: PageModule; code?: string } | null {
  if (page === "") return { module: overview as PageModule };
  if (page === "completeness") return { module: completeness as PageModule };
  if (page === "regions") return { module: regions as PageModule };
  const match = /^(elements|indicators)\/([^/]{1,200})$/.exec(page);
  if (!match) return null;
  let code: string;
  try {
    code = decodeURIComponent(match[2] as string);
  } catch {
    return null; // a malformed escape (`%E0`) names no page: 404, not 500
  }
  return { module: (match[1] === "elements" ? element : indicator) as PageModule, code };
}

/**
 * A dashboard table as CSV (`?page=<dashboard page>&table=<its file name>&` the page's filters). The page's own
 * loader runs again for the reader (the same sign-in, scope and 404s as the page), the page is rendered on the
 * server to collect the very table it shows (so the download always matches the page), and the download is
 * recorded in the read log. Cells a spreadsheet would run as formulas are written as text (../dashboards/csv.ts).
 */
export async function loader(args: Route.LoaderArgs) {
  const { viewer } = requirePlan(args);
  const url = new URL(args.request.url);
  const table = url.searchParams.get("table") ?? "";
  const found = pageOf(url.searchParams.get("page") ?? "");
  if (!found || !table) notFound();
  const filters = new URLSearchParams(url.searchParams);
  filters.delete("page");
  filters.delete("table");
  const page = (url.searchParams.get("page") ?? "").replace(/^(.)/, "/$1");
  const pageUrl = new URL(`/plans/${encodeURIComponent(args.params.slug)}/dashboard${page}?${filters}`, url);
  const request = new Request(pageUrl, { headers: args.request.headers });
  const params = { slug: args.params.slug, ...(found.code ? { code: found.code } : {}) };
  const loaderData = await found.module.loader({ ...args, request, params } as never);

  const locale = negotiateLocale(args.request);
  const tables = new Map<string, CsvTable>();
  const Page = found.module.default as ComponentType<{ loaderData: unknown; params: unknown }>;
  const Rendered = () => <Page loaderData={useLoaderData()} params={params} />;
  const routes = [{ id: "page", path: "*", loader: () => loaderData, Component: Rendered }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(pageUrl));
  if (context instanceof Response) notFound();
  renderToString(
    <I18nContext.Provider value={{ locale, t: translator(locale) }}>
      <CsvTables.Provider value={tables}>
        <StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} />
      </CsvTables.Provider>
    </I18nContext.Provider>,
  );
  const csv = tables.get(table);
  if (!csv) notFound();

  await recordRead({
    db: await getDb(),
    viewer,
    action: "dashboard.csv",
    entityType: "plan",
    entityId: args.params.slug,
    detail: { page: url.searchParams.get("page") ?? "", table, filters: Object.fromEntries(filters) },
  });
  const ascii = table.replace(/[^\w.-]/g, "_");
  return new Response(`\uFEFF${tableCsv(csv.header, csv.rows)}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${ascii}.csv"; filename*=UTF-8''${encodeURIComponent(table)}.csv`,
      "Cache-Control": "private, no-store",
    },
  });
}
