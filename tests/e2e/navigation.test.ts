import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPlanSlug } from "../../app/demo-data/content";
import { appForThisFile } from "./app";
import { launchChromium, openPage, signIn } from "./browser";
import { demoEmails } from "./http";

/**
 * What people asked of the main navigation and two pages (issue 13, point 8): a "Dashboards" menu in the header
 * with each visible plan's dashboard (a funder's only the plans it funds), "My entries" for those who log progress,
 * a header that stays on one line at 1280 px for every role in English and French; the element page's level and
 * the evidence links of its causal links; wide tables that scroll from the keyboard. Reads the demo data only.
 */

const { baseUrl } = await appForThisFile();

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The links of the Dashboards menu: href → text. */
async function dashboardLinks(page: Page) {
  const links = page.locator(".site-header .nav-menu ul a");
  return Object.fromEntries(
    await links.evaluateAll((anchors) => anchors.map((a) => [a.getAttribute("href"), a.textContent])),
  );
}

describe("the main navigation", () => {
  const roles = ["admin", "me_officer", "staff", "board", "funder", "consultant"] as const;
  for (const locale of ["en-GB", "fr-FR"]) {
    it(`keeps its links on one line at 1280 px for every role (${locale})`, async () => {
      for (const role of roles) {
        const { page, errors, close } = await openPage(browser, {
          locale,
          viewport: { width: 1280, height: 800 },
        });
        try {
          await signIn(page, baseUrl, demoEmails[role]);
          await page.goto(`${baseUrl}/account`);
          // Two rows: the brand with the account, sign-out and language controls; then every link of the navigation.
          const oneRow = async (selector: string) => {
            const boxes = await page
              .locator(selector)
              .evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect()));
            expect(boxes.length, selector).toBeGreaterThan(0);
            const top = Math.max(...boxes.map((box) => box.top));
            const bottom = Math.min(...boxes.map((box) => box.bottom));
            expect(top, `${role}: ${selector} wraps`).toBeLessThan(bottom);
            return {
              top: Math.min(...boxes.map((box) => box.top)),
              bottom: Math.max(...boxes.map((box) => box.bottom)),
            };
          };
          const controls = await oneRow(".site-header-inner > :not(nav)");
          const links = await oneRow(".nav-list > li");
          expect(links.top, role).toBeGreaterThanOrEqual(controls.bottom);
          expect(errors, role).toEqual([]);
        } finally {
          await close();
        }
      }
    });
  }

  it("offers the board every plan's dashboard, and a funder only the plan it funds", async () => {
    const board = await openPage(browser, { locale: "en-GB", viewport: { width: 1280, height: 800 } });
    try {
      await signIn(board.page, baseUrl, demoEmails.board);
      const menu = board.page.locator(".site-header .nav-menu");
      expect(await menu.locator("summary").innerText()).toBe("Dashboards");
      expect(await menu.locator("ul").isVisible()).toBe(false);
      const links = await dashboardLinks(board.page);
      expect(Object.keys(links).sort()).toEqual(
        [
          "/plans/2010-2012/dashboard",
          "/plans/2013-2015/dashboard",
          `/plans/${demoPlanSlug}/dashboard`,
        ].sort(),
      );
      // Open it, choose a plan: its dashboard opens, the menu closes and says where the reader is.
      await menu.locator("summary").click();
      await menu.getByRole("link", { name: links[`/plans/${demoPlanSlug}/dashboard`] }).click();
      await board.page.waitForURL(`${baseUrl}/plans/${demoPlanSlug}/dashboard`);
      await board.page.locator("main h1").waitFor();
      await expect.poll(() => menu.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
      expect(await menu.locator("summary").getAttribute("class")).toBe("current");
      // The board logs nothing: no "My entries".
      expect(await board.page.locator(".nav-list a[href='/entries']").count()).toBe(0);
      expect(board.errors).toEqual([]);
    } finally {
      await board.close();
    }

    const funder = await openPage(browser, { locale: "en-GB" });
    try {
      await signIn(funder.page, baseUrl, demoEmails.funder);
      expect(Object.keys(await dashboardLinks(funder.page))).toEqual(["/plans/2013-2015/dashboard"]);
    } finally {
      await funder.close();
    }

    // A consultant sees no plan yet: no menu.
    const consultant = await openPage(browser, { locale: "en-GB" });
    try {
      await signIn(consultant.page, baseUrl, demoEmails.consultant);
      expect(await consultant.page.locator(".site-header .nav-menu").count()).toBe(0);
    } finally {
      await consultant.close();
    }
  });

  it("opens the menu without JavaScript, and leads staff to My entries", async () => {
    const { page, errors, close } = await openPage(browser, { locale: "fr-FR", javaScriptEnabled: false });
    try {
      await signIn(page, baseUrl, demoEmails.staff);
      const menu = page.locator(".site-header .nav-menu");
      await menu.locator("summary").click();
      await menu.getByRole("link").first().waitFor();
      expect(await menu.locator("summary").innerText()).toBe("Tableaux de bord");
      await page.locator(".nav-list").getByRole("link", { name: "Mes saisies" }).click();
      await page.waitForURL(`${baseUrl}/entries`);
      expect(await page.locator("main h1").innerText()).toBe("Mes saisies");
      expect(await page.locator(".nav-list a[href='/entries']").getAttribute("aria-current")).toBe("page");
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("the element page", () => {
  it("shows the element's level and the evidence links of its causal links", async () => {
    const { page, errors, close } = await openPage(browser, { locale: "en-GB" });
    try {
      await signIn(page, baseUrl, demoEmails.board);
      // NSWP's theory of change: the role "advocacy" acts globally; NSWP+ (O1.S3.A1) contributes to it, with a link.
      await page.goto(`${baseUrl}/plans/2013-2015/elements/TOC.ROLE3`);
      expect(await page.locator(".page-header .outline-badges").innerText()).toContain("Level: global");
      const link = page.locator("main li", {
        has: page.locator("a[href='/plans/2013-2015/elements/O1.S3.A1']"),
      });
      const evidence = link.getByRole("link", { name: "NSWP+", exact: true });
      expect(await evidence.getAttribute("href")).toBe("http://nswp.org/nswp-plus");
      expect(await evidence.getAttribute("target")).toBe("_blank");
      expect(await link.innerText()).toContain("Where the evidence can be read:");

      // An element without a level says nothing about it.
      await page.goto(`${baseUrl}/plans/2013-2015/elements/O1`);
      expect(await page.locator(".page-header .outline-badges").innerText()).not.toContain("Level");
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("a wide table", () => {
  it("scrolls from the keyboard: a named region that takes the focus (axe: scrollable-region-focusable)", async () => {
    const { page, errors, close } = await openPage(browser, {
      locale: "en-GB",
      viewport: { width: 390, height: 844 },
    });
    try {
      await signIn(page, baseUrl, demoEmails.board);
      // An indicator's targets against its results: on a phone, wider than its box, and nothing in it takes the focus.
      await page.goto(`${baseUrl}/plans/${demoPlanSlug}/indicators/I1`);
      const region = page.locator("main .table-wrap").first();
      expect(await region.evaluate((box) => box.scrollWidth > box.clientWidth)).toBe(true);
      const results = await new AxeBuilder({ page }).withRules(["scrollable-region-focusable"]).analyze();
      expect(results.violations.map((violation) => violation.nodes.map((node) => node.target))).toEqual([]);
      // It is named by the table's caption, and the arrow keys scroll it once focused.
      const caption = await region.locator("caption").innerText();
      expect(await page.getByRole("region", { name: caption }).count()).toBe(1);
      await region.focus();
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => region.evaluate((box) => box.scrollLeft)).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
