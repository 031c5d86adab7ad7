import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContextOptions, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPlanSlug, demoStaffActivities } from "../../app/demo-data/content";
import { createKoboFake, makeSubmissions } from "../../app/mocks/kobo";
import { serveKoboFake } from "../mocks/kobo";
import { appForThisFile } from "./app";
import { launchChromium, openPage, signIn } from "./browser";
import { demoEmails } from "./http";

/**
 * The one generator of the screenshots in docs/ (every image a guide or the README shows): each is taken here, from
 * the demo installation, as the person the guide is for sees it. `npm run screenshots` writes them into
 * docs/images (GUIDE_SCREENSHOTS=1); in an ordinary run of the browser tests they go to a temporary folder, so this
 * file also checks that every page the guides show renders without a console error, and that every image a doc
 * refers to has a scene here and every image in docs/images is referred to.
 *
 * Full pages are taken at 1280 × 800; a part of a page (a form, a table) at its own size. Changes it makes are its
 * own (a user, a revision of I6's definition, a CSV import into 2010–2012's I3 for 2010, a KoboToolbox connection),
 * away from what other browser tests read.
 */

const { baseUrl } = await appForThisFile();
const docsImages = "docs/images";
const out = process.env.GUIDE_SCREENSHOTS
  ? docsImages
  : mkdtempSync(path.join(tmpdir(), "guide-screenshots-"));
const desktop = { width: 1280, height: 800 };
const taken = new Set<string>();

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  if (out !== docsImages) rmSync(out, { recursive: true, force: true });
});

/** Saves a screenshot of the page (its viewport, or the top `height` pixels) or of one part of it, as `docs/images/<name>`. */
async function shot(target: Page | Locator, name: string, height?: number) {
  const file = path.join(out, name);
  mkdirSync(path.dirname(file), { recursive: true });
  if ("waitFor" in target) {
    await target.waitFor();
    await target.scrollIntoViewIfNeeded();
  }
  const clip = height ? { clip: { x: 0, y: 0, width: desktop.width, height } } : {};
  await target.screenshot({ path: file, animations: "disabled", ...clip });
  taken.add(name);
}

type Role = keyof typeof demoEmails | "anonymous";

/**
 * Runs a scene in a fresh browser tab of `role`, signed in, and checks that nothing went wrong in the page beyond
 * the answers the scene expects (a refused form's 400, a not-found page's 404).
 */
async function scene(
  role: Role,
  run: (page: Page) => Promise<void>,
  { expected = [], ...options }: BrowserContextOptions & { expected?: number[] } = {},
) {
  const { page, errors, close } = await openPage(browser, { locale: "en-GB", viewport: desktop, ...options });
  try {
    if (role !== "anonymous") await signIn(page, baseUrl, demoEmails[role]);
    await run(page);
    const unexpected = errors.filter(
      (error) => !expected.some((status) => error.includes(`status of ${status}`)),
    );
    expect(unexpected).toEqual([]);
  } finally {
    await close();
  }
}

const go = async (page: Page, address: string) => {
  await page.goto(`${baseUrl}${address}`);
  await page.locator("main h1").first().waitFor();
};
const card = (page: Page, heading: string | RegExp) =>
  page.locator(".card", { has: page.getByRole("heading", { name: heading }) }).first();

// In order, whatever the run's --sequence.shuffle: the last test checks what the others took.
describe("the screenshots of the guides", { shuffle: false }, () => {
  it("signing in", async () => {
    await scene("anonymous", async (page) => {
      await go(page, "/login");
      await shot(page, "guides/sign-in.png");
    });
    // The second step, before a code is typed (no code is used up).
    await scene("anonymous", async (page) => {
      await go(page, "/login");
      await page.locator("main input[name=email]").fill(demoEmails.admin);
      await page.locator("main input[name=password]").fill("throughline-demo");
      await page.locator("main button[type=submit]").click();
      await page.waitForURL((url) => url.pathname === "/login/second-factor");
      await page.locator(".demo-notice").waitFor();
      await shot(page, "guides/second-factor.png");
    });
  });

  it("reading plans, sources and what a funder sees", async () => {
    await scene("board", async (page) => {
      await go(page, "/");
      await shot(page, "guides/plans-list.png");
      await shot(
        page.locator(".plan-card", { hasText: "Synthetic demo data" }),
        "guides/synthetic-plan-card.png",
      );
      await go(page, "/plans/2010-2012");
      await shot(page, "plan-outline.png");
      // Strategy O2.S1: three planned activities, then three Future ones.
      const strategy = page
        .locator(".outline-head a[href='/plans/2010-2012/elements/O2.S1']")
        .first()
        .locator("xpath=ancestor::div[contains(@class, 'outline-item')][1]");
      await shot(strategy, "guides/plan-outline-future.png");
      await go(page, "/plans/2013-2015");
      await shot(page, "guides/plan-outline-2013-2015.png");
      await go(page, "/plans/2010-2012/elements/O2.S1.A4");
      await shot(page, "guides/element-page.png");
      // An element of the theory of change: its level, and the evidence links of a causal link to it.
      await go(page, "/plans/2013-2015/elements/TOC.ROLE3");
      await shot(page.locator(".page-header"), "guides/element-level.png");
      await shot(card(page, "Causal links"), "guides/element-evidence-links.png");
      await go(page, "/sources");
      await shot(page, "guides/sources.png");
      // The Dashboards menu of the main navigation, open.
      await go(page, "/");
      await page.locator(".site-header .nav-menu summary").click();
      await page.locator(".site-header .nav-menu ul").waitFor();
      await shot(page, "guides/nav-dashboards.png", 320);
    });
    await scene(
      "funder",
      async (page) => {
        await go(page, "/plans/2013-2015");
        await shot(page, "guides/funder-2013-2015.png");
        await page.goto(`${baseUrl}/plans/2010-2012`);
        await page.locator("main h1", { hasText: "Page not found" }).waitFor();
        await shot(page, "guides/funder-not-found.png");
      },
      { expected: [404] },
    );
  });

  it("dashboards and the theory-of-change editor", async () => {
    await scene("board", async (page) => {
      await go(page, `/plans/${demoPlanSlug}/dashboard`);
      await shot(page, "guides/dashboard-overview.png");
      await go(page, `/plans/${demoPlanSlug}/dashboard/completeness`);
      await shot(page, "guides/dashboard-completeness.png");
    });
    await scene("me_officer", async (page) => {
      await page.goto(`${baseUrl}/plans/2013-2015/toc/draft-2015-review`);
      await page.locator(".react-flow__node").first().waitFor({ timeout: 20_000 });
      await page.locator(".react-flow__node").filter({ hasText: "O2.S2.A1" }).first().click();
      await page.getByTestId("toc-node-panel").getByRole("heading", { name: "Indicators" }).waitFor();
      await page.locator(".toc-toolbar").evaluate((toolbar) => toolbar.scrollIntoView());
      await shot(page, "guides/toc-editor.png");
    });
  });

  it("your account", async () => {
    await scene("board", async (page) => {
      await go(page, "/account");
      await shot(page, "guides/account.png");
    });
    await scene("admin", async (page) => {
      await go(page, "/account");
      await page
        .getByRole("heading", { name: /second factor/i })
        .first()
        .scrollIntoViewIfNeeded();
      await shot(page, "guides/account-second-factor-on.png");
    });
    // Two browsers signed in as the same person: this one and another.
    const other = await openPage(browser, { locale: "en-GB" });
    try {
      await signIn(other.page, baseUrl, demoEmails.staff);
      await scene("staff", async (page) => {
        await go(page, "/account/sessions");
        await shot(page, "guides/account-sessions.png");
      });
    } finally {
      await other.close();
    }
  });

  it("administering users and reading the audit trail", async () => {
    const email = `amara.${Date.now()}@example.org`;
    await scene("admin", async (page) => {
      await go(page, "/admin/users");
      await shot(page, "guides/admin-users.png");
      const form = page.locator("main form:has(input[name=email])");
      await form.getByLabel("Name").fill("Amara Example");
      await form.getByLabel("Email").fill(email);
      await form.getByLabel("Initial password").fill("a long demo passphrase for Amara");
      await form.locator("input[name=roles][value=staff]").check();
      await shot(form, "guides/admin-new-user.png");
      await form.locator("button[type=submit]").click();
      await page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}/);
      await page.locator("main h1").waitFor();
      // A role change, with its reason.
      const roles = page.locator("main form:has(input[name=roles])");
      await roles.locator("input[name=roles][value=me_officer]").check();
      await roles.getByLabel(/reason/i).fill("Took over M&E from January");
      await roles.locator("button[type=submit]").click();
      await expect.poll(() => roles.locator("input[value=me_officer]").isChecked()).toBe(true);
      await shot(page, "guides/admin-user.png");
      await go(page, "/admin/audit");
      await shot(page, "guides/admin-audit.png");
    });
  });

  it("indicators", async () => {
    await scene("me_officer", async (page) => {
      await go(page, `/plans/${demoPlanSlug}/indicators`);
      await shot(page, "guides/indicators-list.png");
      await go(page, `/plans/${demoPlanSlug}/indicators/I2`);
      await shot(page, "guides/indicator-page.png");
      await go(page, `/plans/${demoPlanSlug}/assignments`);
      await shot(page, "guides/assignments.png");

      await go(page, `/plans/${demoPlanSlug}/indicators/new`);
      await shot(page, "guides/indicator-new.png");
      // A quarterly indicator by region and gender: the targets table is redrawn, nothing is saved.
      await page.locator("select[name=frequency]").selectOption("quarterly");
      await page.locator("input[name=dim_region]").check();
      await page.locator("input[name=dim_gender]").check();
      await page.locator("input[name=targetsByCell]").check();
      await page.getByRole("button", { name: /Update the form/ }).click();
      const targets = page.locator("table.targets-table");
      await expect.poll(() => targets.locator("thead th").count()).toBeGreaterThan(5);
      await shot(page.locator("fieldset", { has: targets }).first(), "guides/indicator-targets.png");
    });
    await scene(
      "me_officer",
      async (page) => {
        // A target changed without a reason once results exist: refused, nothing saved.
        await go(page, `/plans/${demoPlanSlug}/indicators/I2/edit`);
        const target = page.locator('input[name^="target:"]').first();
        await target.fill(String(Number(await target.inputValue()) + 5));
        await page.getByRole("button", { name: "Save the changes" }).click();
        const refusal = page.locator(".field-error", { hasText: "say why you change the targets" });
        await refusal.waitFor();
        await shot(
          page.locator("label, .field", { has: refusal }).first(),
          "guides/indicator-rationale-required.png",
        );

        // A revision that changes no figure (I6's definition), with its reason: the history and revision 1.
        await go(page, `/plans/${demoPlanSlug}/indicators/I6/edit`);
        const definition = page.locator('textarea[name="definition_en"]');
        await definition.fill(`${await definition.inputValue()} Counted from the attendance sheets.`.trim());
        await page.getByLabel(/Reason for the change/).fill("The attendance sheets are now the only source.");
        await page.getByRole("button", { name: "Save the changes" }).click();
        await page.waitForURL(`${baseUrl}/plans/${demoPlanSlug}/indicators/I6`);
        await go(page, `/plans/${demoPlanSlug}/indicators/I6/history`);
        await shot(page, "guides/indicator-history.png");
        await go(page, `/plans/${demoPlanSlug}/indicators/I6/history/1`);
        await shot(page, "guides/indicator-revision.png");
      },
      { expected: [400] },
    );
  });

  it("logging progress and verifying it", async () => {
    const activity = demoStaffActivities[0] as string;
    await scene(
      "staff",
      async (page) => {
        await go(page, "/activities");
        await shot(page, "guides/staff-activities.png");
        // The form, filled in, then refused for a value that is not a number: nothing is saved.
        await go(page, `/activities/${demoPlanSlug}/${activity}`);
        const cell = (region: string, gender: string) =>
          page.locator(`input[name="cell.gender=${gender}|region=${region}"]`);
        await cell("africa", "women").fill("12");
        await cell("africa", "trans").fill("5");
        await cell("europe", "women").fill("3");
        await page.locator('textarea[name="narrative"]').fill("Regional dialogues in Nairobi and Lisbon.");
        await page.locator('textarea[name="evidenceLinks"]').fill("https://example.org/attendance-q4");
        const form = page.locator("main .card").first();
        await shot(form, "guides/staff-log-form.png");
        await cell("latin-america", "men").fill("2,5");
        await page.locator('input[name="total"]').fill("21");
        await page.getByRole("button", { name: "Submit for verification" }).click();
        await page.locator(".field-error").first().waitFor();
        await shot(page.locator("main .card").first(), "guides/staff-log-error.png");

        // The demo's entries: one waiting for verification, and those returned with a note.
        await go(page, "/entries");
        const returned = page.locator("#group-returned").locator("xpath=..");
        await shot(returned, "guides/staff-entries-returned.png");
        await returned.locator("a[href^='/entries/']").first().click();
        await page.waitForURL(/\/entries\/[0-9a-f-]{36}$/);
        await page.locator("main h1").waitFor();
        await shot(page.locator("main"), "guides/staff-entry-fix.png");
        await go(page, "/entries");
        await page
          .locator("#group-submitted")
          .locator("xpath=..")
          .locator("a[href^='/entries/']")
          .first()
          .click();
        await page.waitForURL(/\/entries\/[0-9a-f-]{36}$/);
        await page.locator("main h1").waitFor();
        await shot(page, "guides/staff-entry-submitted.png");
      },
      { expected: [400], javaScriptEnabled: false },
    );
    await scene("me_officer", async (page) => {
      await go(page, "/verification");
      // An entry with a breakdown (region × gender).
      const first = page.locator("main li.card", { hasText: "Community leaders trained" }).first();
      await shot(first, "guides/meo-queue.png");
      // The queue narrowed to one person's entries: the filters become the page's address.
      await page.locator("#queue-author").selectOption({ label: "Sam Staff" });
      await page.getByRole("button", { name: "Show", exact: true }).click();
      await page.waitForURL(/\/verification\?author=/);
      await page.getByText(/matching these filters/).waitFor();
      await shot(page.locator(".queue-controls"), "guides/meo-queue-filters.png");
      await go(page, "/verification");
      await first.locator("a[href^='/entries/']").first().click();
      await page.waitForURL(/\/entries\/[0-9a-f-]{36}$/);
      await page.locator("main h1").waitFor();
      await shot(page, "guides/meo-entry.png");
      await go(page, `/verification/periods?plan=${demoPlanSlug}`);
      await shot(page.locator("main .card").nth(1), "guides/meo-periods.png");
    });
  });

  it("importing a CSV file", async () => {
    const csv = (text: string) => ({ name: "progress.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
    const header = "indicator,period,reported_on,value,narrative";
    await scene(
      "me_officer",
      async (page) => {
        await go(page, "/imports?plan=2010-2012");
        await shot(page, "guides/import-page.png");
        await shot(card(page, "Templates"), "guides/import-templates.png");
        await shot(card(page, "What each column holds"), "guides/import-columns.png");
        const check = async (text: string) => {
          await page.locator("input[name=file]").setInputFiles(csv(text));
          await page.getByRole("button", { name: "Check the file" }).click();
          await card(page, "Check result").waitFor();
        };
        await check(
          `${header}\r\nI3,2010,2010-12-31,abc,\r\nI3,2099,2010-12-31,4,\r\nI3,2010,2010-12-31,=1+1,\r\n`,
        );
        await shot(card(page, "Check result"), "guides/import-problems.png");
        // Reported on a day of its own, so that a second run on the same data imports it again.
        const day = `2010-12-${String((Date.now() % 28) + 1).padStart(2, "0")}`;
        const fixed = `${header}\r\nI3,2010,${day},7,"Workshop attendance, imported for the guides"\r\n`;
        await check(fixed);
        await page.getByText(/^No problem found/).waitFor();
        await shot(card(page, "Check result"), "guides/import-ready.png");
        await page.getByRole("button", { name: /Import the entries/ }).click();
        await page.getByText(/^Imported from “progress\.csv”/).waitFor();
        await shot(page.locator("main .notice, main [role=status]").first(), "guides/import-done.png");
        await check(fixed);
        await page.getByText(/already been imported/).waitFor();
        await shot(card(page, "Check result"), "guides/import-already.png");
      },
      { expected: [400] },
    );
  });

  it("syncing a KoboToolbox form", async () => {
    const uid = "aGuideTrainings";
    const fake = createKoboFake({ token: "guide0kobo0token000000000000000000000000" });
    const regions = ["afr", "asia_pacific", "europe", "latin_america", "north_america_caribbean"];
    fake.forms.set(uid, {
      uid,
      formhubUuid: "6e3f",
      version: "v1",
      submissions: makeSubmissions({
        count: 8,
        from: new Date(Date.now() - 100 * 86_400_000),
        everyMinutes: 12 * 24 * 60,
        fields: (i, submittedAt) => ({
          "group_event/event_date": new Date(submittedAt.getTime() - 86_400_000).toISOString().slice(0, 10),
          "group_event/region": i === 3 ? "atlantis" : regions[i % regions.length],
          "group_participants/women": String(5 + i),
          "group_participants/men": String(i % 3),
          "group_participants/trans": String(2 + (i % 2)),
          "group_event/notes": `Leadership training ${i + 1}`,
        }),
      }),
    });
    const kobo = await serveKoboFake(fake);
    try {
      await scene(
        "me_officer",
        async (page) => {
          // A plain-http address outside this machine is refused; what was typed stays, except the token.
          await go(page, "/imports/kobo/new");
          const form = page.locator("main form");
          await form.getByLabel("Name").fill("Regional trainings (guide)");
          const plan = await page
            .locator("select[name=planId] option", { hasText: demoPlanSlug })
            .getAttribute("value");
          await form.locator("select[name=planId]").selectOption(plan ?? "");
          await form.getByLabel("Server address").fill("http://kobo.example.org");
          await form.getByLabel("API token").fill(fake.token);
          await form.getByLabel("Form id (asset uid)").fill(uid);
          await form.getByRole("button", { name: "Create and map the fields" }).click();
          await page.locator(".field-error").first().waitFor();
          await shot(page, "guides/kobo-new.png");
          await form.getByLabel("Server address").fill(kobo.url);
          await form.getByLabel("API token").fill(fake.token);
          await form.getByRole("button", { name: "Create and map the fields" }).click();
          await page.waitForURL(/\/imports\/kobo\/[0-9a-f-]{36}\/edit\?created=1$/);
          const connection = new URL(page.url()).pathname.replace(/\/edit$/, "");

          await page.locator('input[name="periodField"]').fill("group_event/event_date");
          await page.locator('input[name="narrativeField"]').fill("group_event/notes");
          await page.locator('input[name="dim:region:field"]').fill("group_event/region");
          await page
            .locator('textarea[name="dim:region:choices"]')
            .fill(
              [
                "afr = africa",
                "asia_pacific = asia-pacific",
                "latin_america = latin-america",
                "north_america_caribbean = north-america-caribbean",
              ].join("\n"),
            );
          const cells = page.locator('textarea[name="ind:I2:cells"]');
          const breakdown = (women: string) =>
            `group_participants/women = gender:${women}\ngroup_participants/men = gender:men\ngroup_participants/trans = gender:trans`;
          await cells.fill(breakdown("female"));
          await page.getByRole("button", { name: "Save" }).click();
          await page.locator(".field-error").first().waitFor();
          await shot(page.locator("fieldset", { has: cells }), "guides/kobo-mapping-error.png");
          await cells.fill(breakdown("women"));
          await page.getByRole("button", { name: "Save" }).click();
          await page.waitForURL(`${baseUrl}${connection}?saved=1`);
          await shot(page, "guides/kobo-connection.png");
          await page.getByRole("button", { name: "Sync now" }).click();
          await page.waitForURL(new RegExp(`${connection}/runs/\\d+$`));
          await shot(page, "guides/kobo-run.png");
          await go(page, `${connection}/edit`);
          await shot(page, "guides/kobo-mapping.png");
          await shot(page.locator("fieldset", { has: cells }), "guides/kobo-mapping-indicator.png");
        },
        { expected: [400], javaScriptEnabled: false },
      );
    } finally {
      await kobo.close();
    }
  });

  it("covers every image the docs show, and docs/images holds no other", () => {
    const docs = ["README.md", ...markdownUnder("docs")];
    const shown = new Set<string>();
    for (const file of docs)
      for (const [, image] of readFileSync(file, "utf8").matchAll(
        /\]\(([^)\s]+\.(?:png|jpe?g|gif|svg|webp))\)/g,
      )) {
        const resolved = path.relative(docsImages, path.join(path.dirname(file), image as string));
        shown.add(resolved.split(path.sep).join("/"));
      }
    const stored = imagesUnder(docsImages).map((file) =>
      path.relative(docsImages, file).split(path.sep).join("/"),
    );
    expect(
      [...shown].filter((image) => !taken.has(image)),
      "shown by a doc, taken by no scene",
    ).toEqual([]);
    expect(
      stored.filter((image) => !shown.has(image)),
      "in docs/images, shown by no doc",
    ).toEqual([]);
  });
});

function markdownUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    return statSync(file).isDirectory() ? markdownUnder(file) : name.endsWith(".md") ? [file] : [];
  });
}

function imagesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    return statSync(file).isDirectory() ? imagesUnder(file) : [file];
  });
}
