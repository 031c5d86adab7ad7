import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appForThisFile } from "./app";
import { launchChromium, openPage, signIn } from "./browser";
import { demoEmails, get, signInOverHttp } from "./http";

const { baseUrl } = await appForThisFile();
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const csv = (text: string) => ({ name: "progress.csv", mimeType: "text/csv", buffer: Buffer.from(text) });

describe.each([
  { javaScript: true, label: "with JavaScript", period: "2011" },
  { javaScript: false, label: "without JavaScript", period: "2012" },
])("an M&E officer importing a CSV file $label", ({ javaScript, period }) => {
  it("sees each problem by row and column, then imports the fixed file once, and the same file again is refused as already imported", async () => {
    const { page, errors, close } = await openPage(browser, {
      javaScriptEnabled: javaScript,
      locale: "en-GB",
    });
    try {
      await signIn(page, baseUrl, demoEmails.me_officer);
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import" }).click();
      await expect.poll(() => page.locator("h1").innerText()).toBe("Import progress from a CSV file");
      await page.locator("#import-plan").selectOption("2010-2012");
      await page.getByRole("button", { name: "Show" }).click();
      await expect.poll(() => page.locator("#import-plan").inputValue()).toBe("2010-2012");

      const header = "indicator,period,reported_on,value,narrative";
      await page
        .locator("input[name=file]")
        .setInputFiles(
          csv(
            `${header}\r\nI3,${period},${period}-12-31,abc,\r\nI3,2099,2012-12-31,4,\r\nI3,2010,2010-12-31,=1+1,\r\n`,
          ),
        );
      await page.getByRole("button", { name: "Check the file" }).click();
      const problems = page.locator("table", { has: page.locator("caption", { hasText: "Problems" }) });
      await problems.waitFor();
      expect(await problems.locator("tbody tr").allInnerTexts()).toEqual([
        "2\tvalue\t“abc” is not a number (write decimals with a dot).",
        "3\tperiod\t“2099” is not one of this indicator's periods in the plan.",
        "4\tvalue\tThe cell starts with “=”, which a spreadsheet would run as a formula. Remove that character.",
      ]);
      expect(await page.getByRole("button", { name: /Import the entries/ }).count()).toBe(0);

      const fixed = `${header}\r\nI3,${period},${period}-12-31,7,"Imported by the browser test, ${period}"\r\n`;
      await page.locator("input[name=file]").setInputFiles(csv(fixed));
      await page.getByRole("button", { name: "Check the file" }).click();
      await page
        .getByText("No problem found. Entries ready to import (they will wait for verification): 1.")
        .waitFor();
      await page.getByRole("button", { name: "Import the entries (1)" }).click();
      await page.getByText(/^Imported from “progress\.csv” into .*: 1 entries \(1 rows\)/).waitFor();

      await page.locator("input[name=file]").setInputFiles(csv(fixed));
      await page.getByRole("button", { name: "Check the file" }).click();
      await page
        .getByText("Every entry of this file has already been imported: there is nothing new to import.")
        .waitFor();
      expect(await page.getByRole("button", { name: /Import the entries/ }).count()).toBe(0);
      await page.getByRole("button", { name: "Discard this file" }).click();
      await page.getByRole("button", { name: "Check the file" }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("the import over HTTP", () => {
  let cookie = "";
  beforeAll(async () => {
    cookie = await signInOverHttp(baseUrl, demoEmails.me_officer);
  });

  it("answers a hand-mangled address with the page or a 404, never an error", async () => {
    const expired = await get(baseUrl, `/imports?upload=${"x".repeat(150)}`, cookie);
    expect(expired.status).toBe(200);
    await expired.body?.cancel();
    const unknown = await get(baseUrl, `/imports?plan=${"y".repeat(250)}`, cookie);
    expect(unknown.status).toBe(404);
    await unknown.body?.cancel();
  });

  it("serves a plan's template as a CSV attachment holding only the header row", async () => {
    const response = await get(baseUrl, "/imports/template/2010-2012", cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="progress-2010-2012.csv"');
    expect(Buffer.from(await response.arrayBuffer()).toString("utf8")).toBe(
      "\uFEFFindicator,period,reported_on,value,narrative\r\n",
    );
  });

  it("answers 413 to an upload over 5 MiB, whether or not it declares its length, and holds nothing", async () => {
    const boundary = "----throughline-test";
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncheck\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="plan"\r\n\r\n2010-2012\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.alloc(5 * 1024 * 1024, "a"),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const headers = {
      Cookie: cookie,
      Origin: baseUrl,
      "Content-Type": `multipart/form-data; boundary=${boundary}`,
    };
    const declared = await fetch(`${baseUrl}/imports`, { method: "POST", redirect: "manual", headers, body });
    expect(declared.status).toBe(413);
    expect(await declared.text()).toContain("The file is larger than 5 MiB.");

    const streamed = await fetch(`${baseUrl}/imports`, {
      method: "POST",
      redirect: "manual",
      headers,
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < body.length; i += 64 * 1024)
            controller.enqueue(body.subarray(i, i + 64 * 1024));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(streamed.headers.get("Location")).toBeNull();
  });
});
