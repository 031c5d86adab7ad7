import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPlanSlug } from "../../app/demo-data/content";
import { createKoboFake, type FakeSubmission, makeSubmissions } from "../../app/mocks/kobo";
import { serveKoboFake } from "../mocks/kobo";
import { appForThisFile } from "./app";
import { launchChromium, openPage, signIn } from "./browser";
import { demoEmails } from "./http";

/**
 * An M&E officer connects a KoboToolbox form to the demo installation's synthetic plan and syncs it, in a browser
 * without JavaScript, against the fake KoboToolbox served over HTTP on 127.0.0.1 (which demo mode accepts as a
 * server address): a mapping mistake is refused with its line and what was typed stays; the sync reports what it
 * created and what it skipped and why; the drafts are the officer's entries; a second sync fetches nothing new; a
 * refused token is reported as such.
 */

const { baseUrl } = await appForThisFile();
const uid = "aRegionalTrainings";
const fake = createKoboFake({ token: "e2e0kobo0token0000000000000000000000000000" });

/** Regional trainings over the last five months: women, men and trans participants, one region each. */
function trainings(): FakeSubmission[] {
  const regions = ["afr", "asia_pacific", "europe", "latin_america", "north_america_caribbean"];
  const from = new Date(Date.now() - 150 * 86_400_000);
  return makeSubmissions({
    count: 12,
    from,
    everyMinutes: 12 * 24 * 60,
    fields: (i, submittedAt) => ({
      "group_event/event_date": new Date(submittedAt.getTime() - 86_400_000).toISOString().slice(0, 10),
      "group_event/region": i === 3 ? "atlantis" : regions[i % regions.length],
      "group_participants/women": String(5 + i),
      "group_participants/men": String(i % 3),
      "group_participants/trans": String(2 + (i % 2)),
      "group_event/notes": `Leadership training ${i + 1}`,
    }),
  });
}

let browser: Browser;
let kobo: { url: string; close: () => Promise<void> };
beforeAll(async () => {
  fake.forms.set(uid, { uid, formhubUuid: "5d2e", version: "v2", submissions: trainings() });
  kobo = await serveKoboFake(fake);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await kobo?.close();
});

const choices = [
  "afr = africa",
  "asia_pacific = asia-pacific",
  "latin_america = latin-america",
  "north_america_caribbean = north-america-caribbean",
].join("\n");

// The second test syncs the connection the first one made: they keep their order when the tests are shuffled.
describe("a KoboToolbox connection", { shuffle: false }, () => {
  let connectionPath = "";

  it("is created, mapped and synced by an M&E officer, without JavaScript", async () => {
    const { page, errors, close } = await openPage(browser, {
      locale: "en-GB",
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 900 },
    });
    try {
      await signIn(page, baseUrl, demoEmails.me_officer);
      await page.goto(`${baseUrl}/imports/kobo`);
      await page.getByRole("link", { name: "New connection" }).click();
      await page.waitForURL(`${baseUrl}/imports/kobo/new`);

      // A plain-http address outside this machine is refused; what was typed stays, except the token.
      const form = page.locator("main form");
      await form.getByLabel("Name").fill("Regional trainings");
      const plan = await page
        .locator("select[name=planId] option", { hasText: demoPlanSlug })
        .getAttribute("value");
      await form.locator("select[name=planId]").selectOption(plan ?? "");
      await form.getByLabel("Server address").fill("http://kobo.example.org");
      await form.getByLabel("API token").fill(fake.token);
      await form.getByLabel("Form id (asset uid)").fill(uid);
      await form.getByRole("button", { name: "Create and map the fields" }).click();
      await expect
        .poll(() => page.locator(".field-error").allInnerTexts())
        .toEqual([
          "The address must start with https:// (on a demo installation, http://localhost and http://127.0.0.1 are allowed too).",
        ]);
      expect(await form.getByLabel("Name").inputValue()).toBe("Regional trainings");
      expect(await form.getByLabel("API token").inputValue()).toBe("");
      await form.getByLabel("Server address").fill(kobo.url);
      await form.getByLabel("API token").fill(fake.token);
      await form.getByRole("button", { name: "Create and map the fields" }).click();
      await page.waitForURL(/\/imports\/kobo\/[0-9a-f-]{36}\/edit\?created=1$/);
      connectionPath = new URL(page.url()).pathname.replace(/\/edit$/, "");

      // A mapping mistake is refused with its line; everything typed is still there.
      await page.locator('input[name="periodField"]').fill("group_event/event_date");
      await page.locator('input[name="narrativeField"]').fill("group_event/notes");
      await page.locator('input[name="dim:region:field"]').fill("group_event/region");
      await page.locator('textarea[name="dim:region:choices"]').fill(choices);
      const cells = page.locator('textarea[name="ind:I2:cells"]');
      await cells.fill(
        "group_participants/women = gender:female\ngroup_participants/men = gender:men\ngroup_participants/trans = gender:trans",
      );
      await page.getByRole("button", { name: "Save" }).click();
      await expect
        .poll(() => page.locator(".field-error").allInnerTexts())
        .toEqual(["Line 1: female is not a value of gender."]);
      expect(await page.locator('textarea[name="dim:region:choices"]').inputValue()).toBe(choices);
      await cells.fill(
        "group_participants/women = gender:women\ngroup_participants/men = gender:men\ngroup_participants/trans = gender:trans",
      );
      await page.getByRole("button", { name: "Save" }).click();
      await page.waitForURL(`${baseUrl}${connectionPath}?saved=1`);

      // Sync: 12 submissions; the one from "atlantis" is skipped with its reason.
      await page.getByRole("button", { name: "Sync now" }).click();
      await page.waitForURL(new RegExp(`${connectionPath}/runs/\\d+$`));
      const counts = page.locator("dl.counts dd");
      expect(await counts.allInnerTexts()).toEqual(["12", expect.any(String), expect.any(String)]);
      const [created, skipped] = (await counts.allInnerTexts()).slice(1).map(Number);
      expect(created).toBeGreaterThan(0);
      expect(skipped).toBeGreaterThanOrEqual(1);
      expect(await page.locator("main").innerText()).toContain(
        "field group_event/region: “atlantis” is not a known region",
      );

      // The drafts are the officer's own entries, to review and submit.
      await page.getByRole("link", { name: "Your entries" }).click();
      await page.waitForURL(`${baseUrl}/entries`);
      expect(await page.locator("main").innerText()).toContain("Community leaders trained");

      // A second sync asks only for what is new: nothing.
      await page.goto(`${baseUrl}${connectionPath}`);
      await page.getByRole("button", { name: "Sync now" }).click();
      await page.waitForURL(new RegExp(`${connectionPath}/runs/\\d+$`));
      expect(await counts.allInnerTexts()).toEqual(["0", "0", "0"]);
      expect(fake.requests.at(-1)?.searchParams.get("query")).toMatch(/^\{"_submission_time":\{"\$gt":"/);

      // A token the server refuses: the run fails, says why, and writes nothing.
      await page.goto(`${baseUrl}${connectionPath}/edit`);
      await page.getByLabel("API token").fill("not0the0right0token");
      await page.getByRole("button", { name: "Save" }).click();
      await page.waitForURL(`${baseUrl}${connectionPath}?saved=1`);
      await page.getByRole("button", { name: "Fetch everything at the next sync" }).click();
      await page.getByRole("button", { name: "Sync now" }).click();
      await page.waitForURL(new RegExp(`${connectionPath}/runs/\\d+$`));
      expect(await page.locator(".form-error").innerText()).toBe(
        "The sync failed and nothing was written: the token was refused (401). Check the API token and that the form is shared with its account.",
      );
      // The two refused forms answer 400, which the browser logs; nothing else went wrong.
      expect(errors.filter((error) => !error.includes("status of 400"))).toEqual([]);
    } finally {
      await close();
    }
  });

  it("syncs with JavaScript too, without a console error", async () => {
    expect(connectionPath).not.toBe("");
    const { page, errors, close } = await openPage(browser, { locale: "en-GB" });
    try {
      await signIn(page, baseUrl, demoEmails.me_officer);
      await page.goto(`${baseUrl}/imports/kobo`);
      await page.locator(`a[href="${connectionPath}"]`).click();
      await page.waitForURL(`${baseUrl}${connectionPath}`);
      await page.getByRole("button", { name: "Sync now" }).click();
      await page.waitForURL(new RegExp(`${connectionPath}/runs/\\d+$`));
      await page.locator(".form-error").waitFor();
      expect(await page.locator(".form-error").innerText()).toContain("the token was refused (401)");
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
