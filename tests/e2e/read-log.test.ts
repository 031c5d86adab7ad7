import { describe, expect, it } from "vitest";
import { demoPlanSlug } from "../../app/demo-data/content";
import { appForThisFile } from "./app";
import { demoEmails, get, signInOverHttp } from "./http";

/**
 * The read log (issue 12): a dashboard table's CSV is served by the server for the reader (same scope as the page,
 * formulas written as text) and, like a canvas export, is recorded; administrators read the log on /admin/audit.
 */

const { baseUrl } = await appForThisFile();
const dashboardPath = `/plans/${demoPlanSlug}/dashboard`;

const csvLinks = (html: string) =>
  [...html.matchAll(/href="(\/plans\/[^"]+\/dashboard\/csv\?[^"]+)"/g)].map((match) =>
    (match[1] as string).replaceAll("&amp;", "&"),
  );

describe("dashboard CSV downloads and exports go through the server and into the read log", () => {
  it("serves each table's CSV to the reader, refuses it outside their scope, and logs it for the administrators", async () => {
    const board = await signInOverHttp(baseUrl, demoEmails.board);
    const page = await (await get(baseUrl, `${dashboardPath}?asOf=2099-01-01`, board)).text();
    expect(page).not.toContain("data:text/csv");
    const links = csvLinks(page);
    expect(links.length).toBeGreaterThanOrEqual(4);

    const objectives = links.find((link) => link.includes("-objectives-")) as string;
    const response = await get(baseUrl, objectives, board);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a byte-order mark, so spreadsheets read UTF-8
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith("Element,Status,% of expected,Last period\r\n")).toBe(true);
    expect(text.split("\r\n").length).toBeGreaterThan(2);

    // Every table of every dashboard page downloads, each with the page's header row.
    for (const path of ["", "/indicators/I10", "/elements/O3", "/regions", "/completeness"]) {
      const html = await (await get(baseUrl, `${dashboardPath}${path}?asOf=2099-01-01`, board)).text();
      const found = csvLinks(html);
      expect(found.length, path).toBeGreaterThan(0);
      for (const link of found) {
        const download = await get(baseUrl, link, board);
        expect(download.status, link).toBe(200);
        expect((await download.text()).split("\r\n").length, link).toBeGreaterThan(1);
      }
    }

    // Not the reader's plan: the CSV is refused as the page is; an unknown table is not there.
    const funder = await signInOverHttp(baseUrl, demoEmails.funder);
    expect((await get(baseUrl, objectives, funder)).status).toBe(404);
    expect((await get(baseUrl, `${dashboardPath}/csv?page=&table=nothing`, board)).status).toBe(404);
    expect((await get(baseUrl, `${dashboardPath}/csv?page=../../admin&table=x`, board)).status).toBe(404);
    expect((await get(baseUrl, objectives)).status).toBe(302);

    const exported = await get(baseUrl, "/plans/2013-2015/toc/draft-2015-review/export.json", board);
    expect(exported.status).toBe(200);

    const admin = await signInOverHttp(baseUrl, demoEmails.admin);
    const reads = await (await get(baseUrl, "/admin/audit?log=reads&action=dashboard.csv", admin)).text();
    expect(reads).toContain("Read log");
    expect(reads).toContain(demoEmails.board);
    expect(reads).toContain("-objectives-");
    const exports = await (await get(baseUrl, "/admin/audit?log=reads&action=canvas.export", admin)).text();
    expect(exports).toContain("2013-2015/draft-2015-review");
    // Pages that show several entries' narratives are logged too, naming the page and those entries.
    const meo = await signInOverHttp(baseUrl, demoEmails.me_officer);
    const indicators = await (await get(baseUrl, "/plans/synthetic-demo/indicators", meo)).text();
    const indicatorPage = /href="(\/plans\/synthetic-demo\/indicators\/I\d+)"/.exec(indicators)?.[1];
    expect(indicatorPage).toBeTruthy();
    expect((await get(baseUrl, indicatorPage as string, meo)).status).toBe(200);
    const narratives = await (await get(baseUrl, "/admin/audit?log=reads&action=entries.view", admin)).text();
    expect(narratives).toContain(indicatorPage);
    // A filter that matches nothing says so rather than showing an empty table.
    const none = await (await get(baseUrl, "/admin/audit?log=reads&action=no.such.read", admin)).text();
    expect(none).toContain("Nothing recorded matches these filters.");
    // The audit trail itself is still the default tab.
    expect(await (await get(baseUrl, "/admin/audit", admin)).text()).toContain("Audit trail");
  });
});
