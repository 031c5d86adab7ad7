import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoIndicators, demoPlanSlug, demoStaffActivities } from "../../app/demo-data/content";
import { entryFormLimitBytes } from "../../app/progress/form";
import { appForThisFile } from "./app";
import { launchChromium, openPage, signIn } from "./browser";
import { demoEmails, get, signInOverHttp } from "./http";

/**
 * The journey in a browser, on the demo installation's synthetic plan: staff logs progress with a
 * disaggregation (without JavaScript, as on a slow connection) → submits → the M&E officer returns it with a note →
 * staff sees the note, fixes the value and resubmits with an answer → the M&E officer approves → locks the period →
 * the period shows as locked and staff can no longer log into it. Then, over HTTP: one form posted twice makes one
 * entry, and a form over the evidence limit answers 413.
 */

const { baseUrl } = await appForThisFile();

// The demo staff user's first activity has a quarterly region × gender indicator (app/demo-data/content.ts).
const activity = demoStaffActivities[0] as string;
const indicator = demoIndicators.find(
  (candidate) =>
    candidate.elements.includes(activity) &&
    candidate.frequency === "quarterly" &&
    candidate.dimensions.join(",") === "region,gender",
);
const today = new Date();
const currentQuarter = `${today.getUTCFullYear()}-Q${Math.floor(today.getUTCMonth() / 3) + 1}`;
const logPath = `/activities/${demoPlanSlug}/${activity}`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const cell = (region: string, gender: string) => `input[name="cell.gender=${gender}|region=${region}"]`;

// One journey: each step starts where the one before left off (the entry, then the locked period), so its steps keep
// their order when the browser tests are shuffled; the file still runs in any order among the others, on its own app.
describe("logging progress and verifying it", { shuffle: false }, () => {
  let entryPath = "";
  const note = "Europe: the attendance sheet lists 4 women, not 3. Please correct and attach the sheet.";

  it("staff logs a disaggregated value without JavaScript; a refused total keeps every typed value", async () => {
    expect(
      indicator,
      "the demo plan has a region × gender quarterly indicator on staff's activity",
    ).toBeDefined();
    const { page, errors, close } = await openPage(browser, {
      locale: "en-GB",
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 900 },
    });
    try {
      await signIn(page, baseUrl, demoEmails.staff);
      await page.goto(`${baseUrl}/activities`);
      const assigned = page.locator("section", { has: page.locator("h2", { hasText: "Assigned to you" }) });
      await expect.poll(() => assigned.locator(`a[href="${logPath}"]`).count()).toBe(1);
      await assigned.locator(`a[href="${logPath}"]`).click();
      await page.waitForURL(`${baseUrl}${logPath}`);

      // The current quarter is offered first. Type a breakdown, a box that is not a number, and a total.
      expect(await page.locator('select[name="period"]').inputValue()).toBe(currentQuarter);
      const typed = [
        ["africa", "women", "12"],
        ["africa", "trans", "5"],
        ["europe", "women", "3"],
        ["latin-america", "men", "2,5"], // not a number in English: refused on its own box
      ] as const;
      for (const [region, gender, value] of typed.slice(0, 3))
        await page.locator(cell(region, gender)).fill(value);
      await page.locator('textarea[name="narrative"]').fill("Regional dialogues in Nairobi and Lisbon.");
      await page.locator('textarea[name="evidenceLinks"]').fill("https://example.org/attendance-q4");
      await page.locator(cell("latin-america", "men")).fill("2,5");
      await page.locator('input[name="total"]').fill("21");
      await page.getByRole("button", { name: "Submit for verification" }).click();
      await page.locator(".form-error").first().waitFor();
      expect(page.url()).toBe(`${baseUrl}${logPath}`);
      for (const [region, gender, value] of typed)
        expect(await page.locator(cell(region, gender)).inputValue(), `${region} ${gender}`).toBe(value);
      expect(await page.locator('input[name="total"]').inputValue()).toBe("21");
      expect(await page.locator('textarea[name="narrative"]').inputValue()).toBe(
        "Regional dialogues in Nairobi and Lisbon.",
      );
      expect(await page.locator('textarea[name="evidenceLinks"]').inputValue()).toBe(
        "https://example.org/attendance-q4",
      );
      const problems = await page.locator(".field-error").allInnerTexts();
      expect(problems.join("\n")).toContain("Latin America, Men: “2,5” is not a number.");

      // Readable now, the breakdown adds up to 22.5: the typed total is refused as contradicting it.
      await page.locator(cell("latin-america", "men")).fill("2.5");
      await page.getByRole("button", { name: "Submit for verification" }).click();
      await page
        .getByText("The total 21 does not match the breakdown, which adds up to 22.5.", { exact: false })
        .waitFor();
      expect(await page.locator(cell("africa", "women")).inputValue()).toBe("12");

      // Fix: remove that box, and leave the total empty (it is derived from the breakdown).
      await page.locator(cell("latin-america", "men")).fill("");
      await page.locator('input[name="total"]').fill("");
      await page.getByRole("button", { name: "Submit for verification" }).click();
      await page.waitForURL(/\/entries\/[0-9a-f-]{36}\?saved=submit$/);
      entryPath = new URL(page.url()).pathname;
      expect(await page.locator(".badge-entry-submitted").first().innerText()).toContain(
        "Waiting for verification",
      );
      expect(await page.locator("table.entry-breakdown tfoot td").innerText()).toBe("20");
      expect(errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
    } finally {
      await close();
    }
  });

  it("the M&E officer returns it with a note", async () => {
    const { page, errors, close } = await openPage(browser, {
      locale: "en-GB",
      viewport: { width: 1280, height: 900 },
    });
    try {
      await signIn(page, baseUrl, demoEmails.me_officer);
      await page.goto(`${baseUrl}${entryPath}`);
      expect(await page.getByRole("button", { name: "Approve" }).count()).toBe(1);
      await page.goto(`${baseUrl}/verification`);
      // The queue narrowed to who reported it and its period: the filters become the page's address.
      await page.locator("#queue-author").selectOption({ label: "Sam Staff" });
      await page.locator("#queue-period").selectOption(currentQuarter);
      await page.getByRole("button", { name: "Show", exact: true }).click();
      await page.waitForURL(new RegExp(`/verification\\?author=[0-9a-f-]+&period=${currentQuarter}$`));
      await page.getByText(/^1–\d+ of \d+ matching these filters/).waitFor();
      const card = page.locator("li.card", { has: page.locator(`a[href="${entryPath}"]`) });
      await card.waitFor();
      expect(await card.innerText()).toContain("Sam Staff");
      await card.locator('textarea[name="note"]').last().fill(note);
      await card.getByRole("button", { name: "Return with this note" }).click();
      await page.getByText("Returned to its author with your note.").waitFor();
      // Back on the same filtered queue, without the entry.
      expect(new URL(page.url()).searchParams.get("period")).toBe(currentQuarter);
      expect(await page.locator(`a[href="${entryPath}"]`).count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("staff sees the note, fixes the value and resubmits with an answer", async () => {
    const { page, close } = await openPage(browser, {
      locale: "en-GB",
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 900 },
    });
    try {
      await signIn(page, baseUrl, demoEmails.staff);
      await page.goto(`${baseUrl}/entries`);
      const returned = page.locator("section", { has: page.locator("h2", { hasText: "Returned to you" }) });
      expect(await returned.innerText()).toContain(note);
      await returned.locator(`a[href="${entryPath}"]`).click();
      await page.waitForURL(`${baseUrl}${entryPath}`);
      expect(await page.locator(".conversation").innerText()).toContain(note);
      expect(await page.locator(cell("europe", "women")).inputValue()).toBe("3");
      await page.locator(cell("europe", "women")).fill("4");
      await page.locator('textarea[name="answer"]').fill("Corrected to 4; the sheet is attached.");
      await page.locator('input[name="evidenceFiles"]').setInputFiles({
        name: "attendance-q4.csv",
        mimeType: "text/csv",
        buffer: Buffer.from("name,region,gender\nA,europe,women\n"),
      });
      await page.getByRole("button", { name: "Submit for verification" }).click();
      await page.waitForURL(`${baseUrl}${entryPath}?saved=submit`);
      expect(await page.locator(".figure").first().innerText()).toContain("21");
      expect(await page.locator(".conversation").innerText()).toContain("Corrected to 4");
      expect(await page.locator(".evidence-list").first().innerText()).toContain("attendance-q4.csv");
    } finally {
      await close();
    }
  });

  it("the M&E officer approves it and locks the period; staff can no longer log into it", async () => {
    const officer = await openPage(browser, { locale: "en-GB", viewport: { width: 1280, height: 900 } });
    try {
      const { page } = officer;
      await signIn(page, baseUrl, demoEmails.me_officer);
      await page.goto(`${baseUrl}/verification`);
      const card = page.locator("li.card", { has: page.locator(`a[href="${entryPath}"]`) });
      expect(await card.locator(".conversation").innerText()).toContain("Corrected to 4");
      await card.getByRole("button", { name: "Approve" }).click();
      await page.getByText("Approved.", { exact: true }).waitFor();

      await page.goto(`${baseUrl}/verification/periods?plan=${demoPlanSlug}`);
      const section = page.locator("section.card", {
        has: page.locator("h2", { hasText: indicator?.name.en ?? "" }),
      });
      const row = section.locator("tr", { has: page.locator("th", { hasText: currentQuarter }) });
      expect(await row.innerText()).toContain("Verified: ready to lock");
      await row.getByRole("button", { name: "Lock the period" }).click();
      await page.getByText("The period is locked.").waitFor();
      expect(await row.locator(".badge-locked").count()).toBe(1);
      expect(officer.errors).toEqual([]);
    } finally {
      await officer.close();
    }

    const staff = await openPage(browser, { locale: "en-GB", javaScriptEnabled: false });
    try {
      const { page } = staff;
      await signIn(page, baseUrl, demoEmails.staff);
      await page.goto(`${baseUrl}${logPath}`);
      const option = page.locator(`select[name="period"] option[value="${currentQuarter}"]`);
      expect(await option.isDisabled()).toBe(true);
      expect(await option.innerText()).toContain("Locked");
      expect(await page.locator('select[name="period"]').inputValue()).not.toBe(currentQuarter);
      await page.goto(`${baseUrl}/plans/${demoPlanSlug}/elements/${activity}`);
      expect(await page.locator(`main a[href="${logPath}"]`).innerText()).toBe("Log progress");
      await page.goto(`${baseUrl}${entryPath}`);
      expect(await page.locator(".badge-locked").count()).toBeGreaterThan(0);
      expect(await page.locator('button[value="submit"]').count()).toBe(0);
    } finally {
      await staff.close();
    }
  });

  it("evidence files download as attachments, for the author and M&E officers only", async () => {
    const officer = await signInOverHttp(baseUrl, demoEmails.me_officer);
    const page = await (await get(baseUrl, entryPath, officer)).text();
    const href = new RegExp(`href="(${entryPath}/evidence/[0-9a-f-]{36})"`).exec(page)?.[1] ?? "";
    expect(href).not.toBe("");
    const download = await get(baseUrl, href, officer);
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment; filename="attendance-q4.csv"/);
    expect(download.headers.get("X-Content-Type-Options")).toBe("nosniff");
    // Its own sandbox policy, not the pages' one: a file can never run as part of the site.
    expect(download.headers.get("Content-Security-Policy")).toBe("sandbox; default-src 'none'");
    expect(await download.text()).toBe("name,region,gender\nA,europe,women\n");
    expect((await get(baseUrl, href, await signInOverHttp(baseUrl, demoEmails.staff))).status).toBe(200);
    for (const role of ["board", "funder"] as const) {
      const response = await get(baseUrl, href, await signInOverHttp(baseUrl, demoEmails[role]));
      expect(response.status, role).toBe(404);
      await response.body?.cancel();
    }
    // The read log names who downloaded the file (its name, size, SHA-256) and who opened the entry's narrative.
    const admin = await signInOverHttp(baseUrl, demoEmails.admin);
    const evidenceId = href.split("/").pop() as string;
    const downloads = await (
      await get(baseUrl, `/admin/audit?log=reads&action=evidence.download&entityType=entry_evidence`, admin)
    ).text();
    expect(downloads).toContain(evidenceId);
    expect(downloads).toContain(demoEmails.me_officer);
    expect(downloads).toContain("attendance-q4.csv");
    const views = await (await get(baseUrl, `/admin/audit?log=reads&action=entry.view`, admin)).text();
    expect(views).toContain(entryPath.split("/").pop() as string);
  });

  it("a form posted into the locked period anyway is refused and names the period", async () => {
    const cookie = await signInOverHttp(baseUrl, demoEmails.staff);
    const form = await loggingForm(cookie);
    const response = await postForm(cookie, {
      ...form,
      period: currentQuarter,
      total: "3",
      intent: "submit",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(`The period ${currentQuarter} is locked`);
  });
});

/** The logging form's hidden fields, as the page gives them to a browser. */
async function loggingForm(cookie: string) {
  const html = await (await get(baseUrl, logPath, cookie)).text();
  const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? "";
  const form = { submissionKey: hidden("submissionKey"), indicatorId: hidden("indicatorId") };
  expect(form.submissionKey).toMatch(/^[0-9a-f-]{36}$/);
  return form;
}

function postForm(cookie: string, fields: Record<string, string>, file?: { name: string; size: number }) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  if (file) body.append("evidenceFiles", new Blob([new Uint8Array(file.size)]), file.name);
  return fetch(`${baseUrl}${logPath}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl, Cookie: cookie },
    body,
  });
}

describe("the logging form over HTTP", () => {
  it("posted twice with the same submission key creates one entry", async () => {
    const cookie = await signInOverHttp(baseUrl, demoEmails.staff);
    const form = await loggingForm(cookie);
    // An earlier open period the form offers, not the current one, which the journey (before or after this) locks.
    const html = await (await get(baseUrl, logPath, cookie)).text();
    const offered =
      [...html.matchAll(/<option value="(\d{4}-Q\d)"([^>]*)>/g)]
        .filter(([, period, attributes]) => period !== currentQuarter && !attributes?.includes("disabled"))
        .map(([, period]) => period)[0] ?? "";
    expect(offered).toMatch(/^\d{4}-Q\d$/);
    const fields = {
      ...form,
      period: offered,
      reportedOn: today.toISOString().slice(0, 10),
      "cell.gender=men|region=asia-pacific": "4321",
      narrative: "Sent twice on a slow connection.",
      intent: "draft",
    };
    const first = await postForm(cookie, fields);
    const second = await postForm(cookie, fields);
    expect(first.status).toBe(302);
    expect(second.status).toBe(302);
    const firstEntry = first.headers.get("Location")?.split("?")[0];
    expect(firstEntry).toMatch(/^\/entries\/[0-9a-f-]{36}$/);
    expect(second.headers.get("Location")).toBe(`${firstEntry}?already=1`);
    // "My entries" lists one draft with that (unusual) figure: the one the first post created.
    const mine = await (await get(baseUrl, "/entries", cookie)).text();
    expect(mine.match(new RegExp(`href="${firstEntry}"`, "g")) ?? []).toHaveLength(1);
    const drafts = /<section[^>]*aria-labelledby="group-draft"[\s\S]*?<\/section>/.exec(mine)?.[0] ?? "";
    expect(drafts.match(/4,321 participants/g) ?? []).toHaveLength(1);
  });

  it("a form with files over the documented limit answers 413 and saves nothing", async () => {
    const cookie = await signInOverHttp(baseUrl, demoEmails.staff);
    const form = await loggingForm(cookie);
    const before = await (await get(baseUrl, "/entries", cookie)).text();
    const response = await postForm(
      cookie,
      { ...form, period: currentQuarter, total: "1", intent: "draft" },
      { name: "video.mp4", size: entryFormLimitBytes + 1 },
    );
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("Nothing was saved");
    const after = await (await get(baseUrl, "/entries", cookie)).text();
    expect((after.match(/href="\/entries\/[0-9a-f-]{36}"/g) ?? []).length).toBe(
      (before.match(/href="\/entries\/[0-9a-f-]{36}"/g) ?? []).length,
    );
  });
});
