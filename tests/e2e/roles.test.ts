import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appForThisFile } from "./app";
import { launchChromium, openPage, signIn } from "./browser";
import { demoEmails } from "./http";

const { baseUrl } = await appForThisFile();
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

// The main navigation's links, and its Dashboards menu (a funder's lists only what it funds; a consultant sees no plan).
const everyone = ["Plans"];
const readers = ["Plans", "Sources", "Dashboards"];
const staff = [...readers, "My activities", "My entries"];
const officers = [...staff, "Verification", "Import"];
/** What each demo role's navigation shows, which pages it may open, and which answer "not found". */
const journeys = [
  {
    role: "admin",
    nav: [...officers, "Users", "Audit trail"],
    allowed: ["/admin/users", "/admin/audit", "/sources", "/plans/2010-2012"],
    refused: [],
  },
  {
    role: "me_officer",
    nav: officers,
    allowed: ["/sources", "/plans/2010-2012"],
    refused: ["/admin/users", "/admin/audit"],
  },
  {
    role: "staff",
    nav: staff,
    allowed: ["/sources", "/plans/2013-2015", "/activities", "/entries"],
    refused: ["/admin/users", "/verification"],
  },
  {
    role: "board",
    nav: readers,
    allowed: ["/plans/2010-2012/elements/O1"],
    refused: ["/admin/audit", "/activities", "/verification"],
  },
  {
    role: "funder",
    nav: [...everyone, "Dashboards"],
    allowed: ["/plans/2013-2015/elements/O2.S2"],
    refused: ["/plans/2010-2012", "/plans/2013-2015/elements/O1", "/sources", "/admin/users"],
  },
  {
    role: "consultant",
    nav: everyone,
    allowed: ["/account/sessions"],
    refused: ["/plans/2013-2015", "/sources"],
  },
] as const;

describe.each(journeys)("the demo $role", ({ role, nav, allowed, refused }) => {
  it("signs in through the form and sees only its navigation and pages, with no CSP violation", async () => {
    const { page, errors, close } = await openPage(browser, { locale: "en-GB" });
    try {
      await signIn(page, baseUrl, demoEmails[role]);
      expect(
        await page
          .locator("nav[aria-label=Main] .nav-list > li > a, nav[aria-label=Main] summary")
          .allInnerTexts(),
      ).toEqual(nav);
      expect(await page.locator(".site-header .account-link").innerText()).toBe("Your account");
      for (const path of allowed) {
        expect((await page.goto(`${baseUrl}${path}`))?.status(), path).toBe(200);
      }
      for (const path of refused) {
        expect((await page.goto(`${baseUrl}${path}`))?.status(), path).toBe(404);
        expect(await page.locator("h1").innerText()).toBe("Page not found");
      }
      // Loading a refused page logs its 404, and a second-factor code another test had just used logs a 401 before
      // the sign-in retries with the next one; anything else (a CSP violation above all) is a failure.
      expect(errors.filter((error) => !/status of 40[14]/.test(error))).toEqual([]);
      expect(errors.some((error) => /Content Security Policy/i.test(error))).toBe(false);
    } finally {
      await close();
    }
  });
});

it("the home page lists only the plans a funder's organisation funds, and no link leads it to a 404", async () => {
  const { page, close } = await openPage(browser, { locale: "en-GB" });
  try {
    await signIn(page, baseUrl, demoEmails.funder);
    await page.goto(baseUrl);
    expect(await page.locator(".plan-card h2").allInnerTexts()).toEqual(["Strategic Plan 2013–2015"]);
    // Its citations name their sources without linking to the sources page it may not open.
    await page.goto(`${baseUrl}/plans/2013-2015`);
    expect(await page.locator(".citation cite").count()).toBeGreaterThan(0);
    expect(await page.locator('a[href^="/sources"]').count()).toBe(0);
  } finally {
    await close();
  }
});
