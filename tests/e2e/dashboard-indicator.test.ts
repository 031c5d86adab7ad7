import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPlanSlug } from "../../app/demo-data/content";
import { appForThisFile } from "./app";
import { launchChromium, openPage, signIn } from "./browser";
import { demoEmails, get, signInOverHttp } from "./http";

/**
 * The dashboards' indicator page and region view (issue 5): reached from the overview, filtered by region and
 * gender through the address without JavaScript, with a table and a CSV download for every chart; and axe-core
 * finds no serious or critical WCAG 2.2 AA violation on them once the charts are drawn.
 */

const { baseUrl } = await appForThisFile();
const dashboardPath = `/plans/${demoPlanSlug}/dashboard`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The rows of a CSV download link, decoded from its `data:` address. */
/** A CSV download's rows, fetched as the page's reader (the server serves it and logs the read). */
async function csvRows(page: Page, href: string | null) {
  const response = await page.request.get(new URL(href ?? "", page.url()).toString());
  expect(response.status()).toBe(200);
  return (await response.text())
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter(Boolean);
}

describe("the indicator page", () => {
  it("opens from the overview and filters by region and gender without JavaScript", async () => {
    const { page, close } = await openPage(browser, { locale: "en-GB", javaScriptEnabled: false });
    try {
      await signIn(page, baseUrl, demoEmails.board);
      await page.goto(`${baseUrl}${dashboardPath}`);
      await page.locator('tr[data-code="I1"] th a').first().click();
      await page.waitForURL(/\/dashboard\/indicators\/I1\?asOf=/);
      await page.locator("h1", { hasText: "People taking part in advocacy dialogues" }).waitFor();
      expect(await page.locator(".badge-synthetic").count()).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="indicator-status"] .badge-rollup').count()).toBe(1);
      // A table and a CSV download for the series and for each breakdown; no chart without JavaScript.
      expect(await page.locator('[data-breakdown="region"] table').count()).toBe(1);
      expect(await page.locator('[data-breakdown="gender"] table').count()).toBe(1);
      expect(await page.locator('a[download$=".csv"]').count()).toBeGreaterThanOrEqual(4);
      expect(await page.locator(".recharts-surface").count()).toBe(0);
      expect(await page.locator('[data-testid="selection-notice"]').count()).toBe(0);

      await page.locator('select[name="region"]').selectOption("africa");
      await page.locator('select[name="gender"]').selectOption("women");
      await page.getByRole("button", { name: "Show" }).click();
      await page.waitForURL(/region=africa/);
      expect(new URL(page.url()).searchParams.get("gender")).toBe("women");
      const notice = await page.locator('[data-testid="selection-notice"]').innerText();
      expect(notice).toContain("judged on the total");
      // I1 has targets by gender (not by region and gender together): none for this cell.
      const header = await page.locator('section[aria-labelledby="series-heading"] thead').innerText();
      expect(header).toContain("Actual: Africa · Women");
      const series = page.locator('section[aria-labelledby="series-heading"] a[download$=".csv"]');
      const rows = await csvRows(page, await series.getAttribute("href"));
      expect(rows[0]).toContain("Actual: Africa · Women");
      // The gender breakdown is narrowed to Africa, with the gender chosen marked among its columns.
      const genderHead = await page.locator('[data-breakdown="gender"] thead').innerText();
      expect(genderHead).toContain("Women (selected)");
      expect(genderHead).toContain("Trans people");
      expect(await page.locator('[data-breakdown="gender"]').innerText()).toContain("Africa only.");
    } finally {
      await close();
    }
  });

  it("says, for an indicator to maintain, that the expected value is the target in force", async () => {
    const { page, close } = await openPage(browser, { locale: "en-GB", javaScriptEnabled: false });
    try {
      await signIn(page, baseUrl, demoEmails.board);
      // I15 (board seats held by community members) is to be maintained within a tolerance.
      await page.goto(`${baseUrl}${dashboardPath}/indicators/I15`);
      const hint = await page.getByTestId("series-hint").innerText();
      expect(hint).toContain("target in force");
      expect(hint).not.toContain("straight");
    } finally {
      await close();
    }
  });

  it("answers 404 for an unknown indicator and keeps a funder to the indicators it funds", async () => {
    const board = await signInOverHttp(baseUrl, demoEmails.board);
    expect((await get(baseUrl, `${dashboardPath}/indicators/NO-SUCH`, board)).status).toBe(404);
    const funder = await signInOverHttp(baseUrl, demoEmails.funder);
    expect((await get(baseUrl, "/plans/2013-2015/dashboard/indicators/I5", funder)).status).toBe(200);
    expect((await get(baseUrl, "/plans/2013-2015/dashboard/indicators/I1", funder)).status).toBe(404);
  });

  it("sends a funder's pages no count of the entries it may not see, in the route data itself", async () => {
    const funder = await signInOverHttp(baseUrl, demoEmails.funder);
    for (const path of [
      "/plans/2013-2015/dashboard/indicators/I5.data",
      "/plans/2013-2015/dashboard/regions.data",
    ]) {
      const response = await get(baseUrl, path, funder);
      expect(response.status, path).toBe(200);
      const data = await response.text();
      expect(data, path).toContain("entries");
      expect(data, path).not.toMatch(/hidden/i);
    }
  });
});

describe("the region view", () => {
  it("opens from the overview: entries and indicators by region, with a gender filter and CSV downloads", async () => {
    const { page, close } = await openPage(browser, { locale: "en-GB", javaScriptEnabled: false });
    try {
      await signIn(page, baseUrl, demoEmails.board);
      await page.goto(`${baseUrl}${dashboardPath}`);
      await page.getByRole("link", { name: "See what was reported in each region" }).click();
      await page.locator("h1", { hasText: "By region" }).waitFor();
      expect(await page.locator("tr[data-region]").count()).toBeGreaterThanOrEqual(5);
      expect(await page.locator('tr[data-code="I1"]').count()).toBe(1);
      const csv = await csvRows(
        page,
        await page.locator('a[download*="regions-indicators"]').getAttribute("href"),
      );
      expect(csv[0]).toContain("Africa");
      await page.locator('select[name="gender"]').selectOption("trans");
      await page.getByRole("button", { name: "Show" }).click();
      await page.waitForURL(/gender=trans/);
      // I4 is broken down by region only: it has no figure for one gender, and says so.
      expect(await page.locator('tr[data-code="I4"] th').innerText()).toContain("Not broken down by gender");
    } finally {
      await close();
    }
  });
});

describe("accessibility of the indicator page and the region view", () => {
  for (const path of [
    `${dashboardPath}/indicators/I1?region=africa&gender=women`,
    `${dashboardPath}/indicators/I2`,
    `${dashboardPath}/regions`,
    "/plans/2013-2015/dashboard/indicators/I5",
  ]) {
    it(`axe-core finds no serious or critical WCAG 2.2 AA violation on ${path}`, async () => {
      const { page, errors, close } = await openPage(browser, {
        locale: "en-GB",
        viewport: { width: 1280, height: 900 },
      });
      try {
        await signIn(page, baseUrl, demoEmails.board);
        await page.goto(`${baseUrl}${path}`);
        // The charts are drawn in the browser, recharts being loaded only then.
        await page.locator(".chart .recharts-surface").first().waitFor();
        const results = await new AxeBuilder({ page })
          .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
          .analyze();
        const serious = results.violations.filter(
          (violation) => violation.impact === "serious" || violation.impact === "critical",
        );
        expect(
          serious.map(
            (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(" ")}`,
          ),
        ).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  }
});
