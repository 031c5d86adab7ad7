import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appForThisFile } from "./app";
import { launchChromium, openPage, signIn } from "./browser";

const { baseUrl } = await appForThisFile();
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The objectives' headings once the plan page has rendered (client-side navigation changes the URL first). */
async function objectiveHeadings(page: Page) {
  await page.locator(".outline-root h2").first().waitFor();
  return page.locator(".outline-root h2").allInnerTexts();
}

describe.each([
  { javaScript: true, label: "with JavaScript" },
  { javaScript: false, label: "without JavaScript" },
])("reading the 2010–2012 plan $label", ({ javaScript }) => {
  it("goes from the home page to the plan and sees its three objectives, in English then in French", async () => {
    const { page, errors, close } = await openPage(browser, {
      javaScriptEnabled: javaScript,
      locale: "en-GB",
    });
    try {
      await signIn(page, baseUrl, "staff@example.org");
      await page.goto(baseUrl);
      await expect.poll(() => page.locator("h1").innerText()).toBe("Strategic plans");

      await page.getByRole("link", { name: "Strategic Plan 2010–2012" }).click();
      await page.waitForURL(`${baseUrl}/plans/2010-2012`);
      const english = await objectiveHeadings(page);
      expect(english).toHaveLength(3);
      expect(english.map((heading) => heading.split(/\s/)[0])).toEqual(["O1", "O2", "O3"]);
      expect(english[1]).toContain("Build and strengthen leadership among sex workers");
      // The ten future activities are marked by text, not colour alone.
      await expect.poll(() => page.locator(".outline-status-future .badge-status-future").count()).toBe(10);

      await page.getByRole("button", { name: "Français" }).click();
      await page.waitForLoadState();
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("fr");
      expect(page.url()).toBe(`${baseUrl}/plans/2010-2012`);
      const french = await objectiveHeadings(page);
      expect(french).toHaveLength(3);
      expect(french[1]).toContain("Construire et renforcer le leadership");
      await expect.poll(() => page.getByRole("link", { name: "Plans" }).first().isVisible()).toBe(true);
      expect(await page.locator(".outline-status-future .badge-status-future").first().innerText()).toContain(
        "Futur",
      );

      await page.getByRole("link", { name: "Plans", exact: true }).first().click();
      await expect.poll(() => page.locator("h1").innerText()).toBe("Plans stratégiques");
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("an element page", () => {
  it("shows the element's citation with its verbatim quote and its place in the outline", async () => {
    const { page, errors, close } = await openPage(browser, { locale: "en-GB" });
    try {
      await signIn(page, baseUrl, "board@example.org");
      await page.goto(`${baseUrl}/plans/2010-2012/elements/O2.S1.A4`);
      await expect.poll(() => page.locator("h1").innerText()).toContain("Making Sex Work Safe");
      expect(await page.locator(".citation-full blockquote").innerText()).toContain("Making Sex Work Safe");
      expect(await page.locator(".citation-full figcaption").innerText()).toContain(
        "NSWP Strategic Plan 2010–2012",
      );
      expect(await page.getByText("The plan names this as a future activity").count()).toBe(1);
      await page.getByRole("link", { name: /^O2\.S1 / }).click();
      await page.waitForURL(`${baseUrl}/plans/2010-2012/elements/O2.S1`);
      await expect.poll(() => page.locator(".link-list li").count()).toBe(6);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("answers an unknown element with a 404 page", async () => {
    const { page, close } = await openPage(browser, { locale: "en-GB" });
    try {
      await signIn(page, baseUrl, "staff@example.org");
      const response = await page.goto(`${baseUrl}/plans/2010-2012/elements/O9`);
      expect(response?.status()).toBe(404);
      expect(await page.locator("h1").innerText()).toBe("Page not found");
    } finally {
      await close();
    }
  });
});

describe("a sourced figure", () => {
  it("shows on the element it measures, with the passage it comes from", async () => {
    const { page, errors, close } = await openPage(browser, { locale: "en-GB" });
    try {
      await signIn(page, baseUrl, "board@example.org");
      await page.goto(`${baseUrl}/plans/2013-2015/elements/O1`);
      const indicator = page.locator(".indicator").filter({ hasText: "NSWP member organisations" });
      await expect.poll(() => indicator.locator(".figure").innerText()).toMatch(/^237/);
      expect(await indicator.locator(".citation-full blockquote").innerText()).toContain("237");
      expect(await indicator.locator(".citation-full figcaption").innerText()).toContain(
        "2015 Strategic Review",
      );
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
