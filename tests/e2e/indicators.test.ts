import type { Browser } from "playwright-core";
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

// Indicators of the synthetic demo plan that have results and that no other browser test changes.
describe.each([
  { javaScript: true, label: "with JavaScript", code: "I5" },
  { javaScript: false, label: "without JavaScript", code: "I11" },
])("an M&E officer changes a target once results exist, $label", ({ javaScript, code }) => {
  it("is asked for a reason without losing what was typed, then the earlier target stays readable", async () => {
    const { page, errors, close } = await openPage(browser, {
      javaScriptEnabled: javaScript,
      locale: "en-GB",
    });
    try {
      await signIn(page, baseUrl, "meo@example.org");
      await page.goto(`${baseUrl}/plans/synthetic-demo/indicators`);
      await expect.poll(() => page.locator("h1").innerText()).toBe("Indicators");
      expect(await page.locator(".badge-synthetic").first().innerText()).toContain("Synthetic demo data");
      await page.getByRole("link", { name: code, exact: true }).click();
      await page.waitForURL(`${baseUrl}/plans/synthetic-demo/indicators/${code}`);
      await page.getByRole("link", { name: "Change the indicator" }).click();
      await page.waitForURL(`${baseUrl}/plans/synthetic-demo/indicators/${code}/edit`);

      const target = page.locator('input[name^="target:"]').first();
      const field = (await target.getAttribute("name")) as string;
      const before = await target.inputValue();
      const raised = String(Number(before) + 17);
      await target.fill(raised);
      await page.getByRole("button", { name: "Save the changes" }).click();
      await page.locator(".field-error", { hasText: "say why you change the targets" }).waitFor();
      expect(page.url()).toBe(`${baseUrl}/plans/synthetic-demo/indicators/${code}/edit`);
      expect(await page.locator(`input[name="${field}"]`).inputValue()).toBe(raised);

      await page.getByLabel(/Reason for the change/).fill("A second donor joined the campaign.");
      await page.getByRole("button", { name: "Save the changes" }).click();
      await page.waitForURL(`${baseUrl}/plans/synthetic-demo/indicators/${code}`);
      await expect.poll(() => page.locator(".eyebrow").innerText()).toContain("REVISION 2");

      await page.getByRole("link", { name: "The full history" }).click();
      await page.waitForURL(`${baseUrl}/plans/synthetic-demo/indicators/${code}/history`);
      await expect
        .poll(() => page.locator("tbody").innerText())
        .toContain("A second donor joined the campaign.");
      await page.getByRole("link", { name: "Revision 1" }).click();
      await page.waitForURL(`${baseUrl}/plans/synthetic-demo/indicators/${code}/history/1`);
      const period = field.slice("target:".length);
      const row = page.locator("tr", { has: page.locator(`th:text-is("${period}")`) });
      expect(await row.first().innerText()).toContain(new Intl.NumberFormat("en").format(Number(before)));
      // The refused save answers 400, which the browser logs; nothing else may go wrong.
      expect(errors.filter((error) => !error.includes("status of 400"))).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("staff", () => {
  it("see who is responsible for which activity, and cannot change indicators", async () => {
    const { page, errors, close } = await openPage(browser, { locale: "en-GB" });
    try {
      await signIn(page, baseUrl, "staff@example.org");
      await page.goto(`${baseUrl}/plans/synthetic-demo/assignments`);
      await expect.poll(() => page.locator("h1").innerText()).toBe("Who is responsible for which activity");
      const row = page.locator("tr", { hasText: "O1.S2.A1" });
      expect(await row.innerText()).toContain("Sam Staff");
      expect(await page.locator('input[type="checkbox"]').count()).toBe(0);
      await page.goto(`${baseUrl}/plans/synthetic-demo/indicators/I1`);
      await expect
        .poll(() => page.locator("h1").innerText())
        .toBe("People taking part in advocacy dialogues");
      expect(await page.getByRole("link", { name: "Change the indicator" }).count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
