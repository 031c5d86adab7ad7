import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appForThisFile } from "./app";
import { launchChromium, openPage, signIn } from "./browser";
import { demoEmails, post } from "./http";

const { baseUrl } = await appForThisFile();
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe("the failed sign-ins notice", () => {
  it("greets the administrator after the second factor with the attempts made since, once", async () => {
    for (const password of ["not-the-password", "nor-this-one", "still-not-it"]) {
      const body = new URLSearchParams({ email: demoEmails.admin, password }).toString();
      expect((await post(baseUrl, "/login", body)).status).toBe(401);
    }
    const { page, errors, close } = await openPage(browser);
    try {
      // Through the form, as a person signs in: the page after it comes by client-side navigation.
      await signIn(page, baseUrl, demoEmails.admin);
      const notice = page.locator("main .sign-in-notice");
      await notice.waitFor();
      const text = await notice.innerText();
      expect(Number(/(\d+) failed attempts/.exec(text)?.[1])).toBeGreaterThanOrEqual(3);
      expect(text).toMatch(/since .* UTC\. If they were not yours, tell an administrator\./);
      expect(await notice.getAttribute("role")).toBe("status");

      await page.goto(`${baseUrl}/account`);
      await page.locator("main h1").waitFor();
      expect(await page.locator("main .sign-in-notice").count()).toBe(0);
      await page.reload();
      expect(await page.locator("main .sign-in-notice").count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
