import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appForThisFile } from "./app";
import { launchChromium, openPage, signIn } from "./browser";
import { demoEmails } from "./http";

/**
 * The error pages in the built app: a missing page says so in the reader's language and shows the id of the request
 * that failed (the `X-Request-Id` header, which the request's log line carries), on a page load and after a
 * client-side navigation alike; never a stack.
 */

const { baseUrl } = await appForThisFile();
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The id a page shows in "Reference: …". */
const shownReference = (page: import("playwright-core").Page) =>
  page.locator("main .error-page .error-reference code").innerText();

describe("error pages", () => {
  it("show a missing address as not found, with the request id of its response, and no stack", async () => {
    const response = await fetch(`${baseUrl}/no-such-page`);
    const html = await response.text();
    const id = response.headers.get("X-Request-Id");
    expect(response.status).toBe(404);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(html).toContain("Page not found");
    expect(html).toContain(`<code>${id}</code>`);
    expect(html).not.toMatch(/\bat .*\.(js|ts|tsx):\d+/);

    const { page, close } = await openPage(browser);
    try {
      const answer = await page.goto(`${baseUrl}/still-no-such-page`);
      expect(answer?.status()).toBe(404);
      expect(await page.locator("main h1").innerText()).toBe("Page not found");
      expect(await page.locator("main .error-reference").innerText()).toMatch(/^Reference: [0-9a-f-]{36}$/);
      expect(await shownReference(page)).toBe(await answer?.headerValue("X-Request-Id"));
    } finally {
      await close();
    }
  });

  it("after a client-side navigation, show the id of the data request that failed", async () => {
    const { page, errors, close } = await openPage(browser);
    try {
      await signIn(page, baseUrl, demoEmails.staff);
      const firstId = await page.evaluate(async () => (await fetch("/healthz")).headers.get("X-Request-Id"));
      // A navigation the app makes itself (as a link would): only its data comes from the server.
      const dataAnswer = page.waitForResponse((answer) => new URL(answer.url()).pathname.endsWith(".data"));
      await page.evaluate(() =>
        (
          window as unknown as { __reactRouterDataRouter: { navigate: (to: string) => Promise<void> } }
        ).__reactRouterDataRouter.navigate("/plans/no-such-plan"),
      );
      const answer = await dataAnswer;
      await page.locator("main .error-page h1").waitFor();
      expect(await page.locator("main h1").innerText()).toBe("Page not found");
      const id = await answer.headerValue("X-Request-Id");
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(id).not.toBe(firstId);
      expect(await shownReference(page)).toBe(id);
      // The header and navigation stay: the person can go on from the error page.
      expect(await page.locator(".site-header nav").count()).toBe(1);
      expect(errors.filter((error) => !error.includes("404"))).toEqual([]);
    } finally {
      await close();
    }
  });

  it("speak French to a French reader", async () => {
    const { page, close } = await openPage(browser, { locale: "fr-FR" });
    try {
      const answer = await page.goto(`${baseUrl}/pas-de-page-ici`);
      expect(answer?.status()).toBe(404);
      expect(await page.locator("html").getAttribute("lang")).toBe("fr");
      expect(await page.locator("main h1").innerText()).toBe("Page introuvable");
      const reference = await page.locator("main .error-reference").innerText();
      // French typography puts a (narrow) no-break space before the colon.
      expect(reference).toMatch(/^Référence\s?: [0-9a-f-]{36}$/);
      expect(reference.endsWith(` ${await answer?.headerValue("X-Request-Id")}`)).toBe(true);
      expect(await page.locator("main").innerText()).not.toContain("Page not found");
    } finally {
      await close();
    }
  });
});
