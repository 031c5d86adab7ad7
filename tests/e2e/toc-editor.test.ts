import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPlanSlug } from "../../app/demo-data/content";
import { createSyntheticCanvas, deleteSyntheticElements } from "../support/synthetic-toc";
import { appForThisFile } from "./app";
import { launchChromium, openPage, signIn } from "./browser";
import { demoEmails, signInOverHttp } from "./http";

/**
 * The theory-of-change editor (issue 6): a small canvas built with the mouse, auto-laid out (elkjs in a Web Worker,
 * under the Content-Security-Policy), saved, reloaded identical and downloaded as SVG and PNG; the same canvas built
 * with the keyboard only; the warning before leaving unsaved changes; two sessions saving the same canvas, the second
 * getting the conflict dialog and losing nothing; the page without JavaScript (tables and checks); a large canvas
 * (320 nodes) opening readable on its beginning, and its tables on request without JavaScript; axe-core on the
 * editor.
 *
 * Canvases are created on the synthetic demo plan (its elements have no causal links, and the new elements have no
 * indicators, so the dashboards' figures do not move).
 */

const { baseUrl } = await appForThisFile();
const run = Date.now().toString(36);

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

type CanvasJson = {
  version: number;
  doc: {
    elements: Record<string, { code: string; kind: string; title: { en: string } }>;
    nodes: Record<string, { x: number; y: number; pinned: boolean }>;
    links: Record<
      string,
      {
        kind: string;
        from: string;
        to: string;
        rationale: { en: string } | null;
        evidenceStrength: string | null;
      }
    >;
  };
};

/** Creates a canvas drawing the pathway of `focus` on the demo plan, through the list page's form. */
async function createCanvas(page: Page, slug: string, focus: string) {
  await page.goto(`${baseUrl}/plans/${demoPlanSlug}/toc`);
  await page.locator('input[name="title_en"]').fill(`Canvas ${slug}`);
  await page.locator('input[name="slug"]').fill(slug);
  await page.locator('input[name="focus"]').fill(focus);
  await page.getByRole("button", { name: "Create the canvas" }).click();
  await page.waitForURL((url) => url.searchParams.get("created") === slug);
}

/** Opens the editor and waits until it draws every node of the canvas; returns how many. */
async function openEditor(page: Page, slug: string) {
  const nodes = Object.keys((await canvasJson(page, slug)).doc.nodes).length;
  await page.goto(`${baseUrl}/plans/${demoPlanSlug}/toc/${slug}`);
  await expect.poll(() => page.locator(".react-flow__node").count(), { timeout: 20_000 }).toBe(nodes);
  return nodes;
}

async function canvasJson(page: Page, slug: string): Promise<CanvasJson> {
  const response = await page.request.get(`${baseUrl}/plans/${demoPlanSlug}/toc/${slug}.json`);
  expect(response.status()).toBe(200);
  return (await response.json()) as CanvasJson;
}

/**
 * The canvas's structure, codes with their test-specific prefixes replaced, so two canvases compare. Elements an
 * earlier run of these tests added to the same server (another prefix) are left out.
 */
function structure(canvas: CanvasJson, rename: (code: string) => string) {
  const { elements, nodes, links } = canvas.doc;
  const code = (key: string) => rename(elements[key]?.code ?? key);
  const earlierRun = (key: string) => /^[KM][a-z0-9]+\./.test(code(key));
  return {
    nodes: Object.keys(nodes)
      .filter((key) => !earlierRun(key))
      .map((key) => `${code(key)} ${elements[key]?.kind}`)
      .sort(),
    links: Object.values(links)
      .filter((link) => nodes[link.from] && nodes[link.to] && !earlierRun(link.from) && !earlierRun(link.to))
      .map(
        (link) =>
          `${code(link.from)} ${link.kind} ${code(link.to)} | ${link.rationale?.en ?? ""} | ${link.evidenceStrength ?? ""}`,
      )
      .sort(),
  };
}

/** What the diagram shows: each node's place (React Flow's transform) and each link, by code. */
async function drawn(page: Page) {
  const nodes = await page
    .locator(".react-flow__node")
    .evaluateAll((elements) =>
      elements
        .map(
          (element) =>
            `${element.querySelector(".toc-node-title .code")?.textContent} ${(element as HTMLElement).style.transform}`,
        )
        .sort(),
    );
  const edges = await page
    .locator(".react-flow__edge")
    .evaluateAll((elements) => elements.map((element) => element.getAttribute("aria-label") ?? "").sort());
  return { nodes, edges };
}

const node = (page: Page, code: string) =>
  page.locator(".react-flow__node").filter({
    has: page.locator(".toc-node-title .code", { hasText: new RegExp(`^${code.replaceAll(".", "\\.")}$`) }),
  });

/** Opens a panel of the side bar (a `details`) with the mouse, unless it is open. */
async function openPanel(page: Page, title: string) {
  const panel = page.locator("details.toc-panel", { has: page.locator("summary", { hasText: title }) });
  if ((await panel.getAttribute("open")) === null) await panel.locator("summary").click();
}

/** Opens a panel of the side bar from the keyboard and leaves the focus on its summary. */
async function openPanelWithKeys(page: Page, title: string) {
  const panel = page.locator("details.toc-panel", { has: page.locator("summary", { hasText: title }) });
  await panel.locator("summary").focus();
  if ((await panel.getAttribute("open")) === null) await page.keyboard.press("Enter");
}

async function saveState(page: Page) {
  return page.getByTestId("toc-save-state").innerText();
}

/** Drags with the mouse from the middle of one element to the middle of another (or a point). */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
}

async function centre(locator: ReturnType<Page["locator"]>) {
  const box = await locator.boundingBox();
  if (!box) throw new Error("not on screen");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

const activityAssumption = "Trained members use what they learnt";
const outcomeAssumption = "Changes add up to better lives";

/** The elements both tests add (codes after a prefix of their own), and the shape both canvases must have. */
const added = [
  { kind: "activity", option: "Activity", code: "ACT", title: "Run a workshop", parent: true },
  { kind: "outcome", option: "Outcome", code: "OUT", title: "Members advocate", parent: false },
  { kind: "impact", option: "Impact", code: "IMP", title: "Rights respected", parent: false },
] as const;
const expectedNodes = [
  "ACT activity",
  "IMP impact",
  "OUT outcome",
  "S strategy",
  "S.A1 activity",
  "S.A2 activity",
];
const expectedLinks = [
  `ACT contributes_to OUT | ${activityAssumption} | moderate`,
  "ACT part_of S |  | ",
  `OUT contributes_to IMP | ${outcomeAssumption} | `,
  "S.A1 part_of S |  | ",
  "S.A2 part_of S |  | ",
];

describe("the theory-of-change editor", () => {
  // New elements only link among themselves and have no indicators: the demo plan's figures do not move.
  it("builds a small canvas with the mouse, saves it, and finds it identical after a reload", async () => {
    const { page, errors, close } = await openPage(browser, {
      locale: "en-GB",
      viewport: { width: 1400, height: 1000 },
    });
    try {
      await signIn(page, baseUrl, demoEmails.me_officer);
      const slug = `mouse-${run}`;
      const prefix = `M${run}.`;
      await createCanvas(page, slug, "O3.S2");
      const drawnAtStart = await openEditor(page, slug);
      expect(await saveState(page)).toBe("All changes saved");

      // Three new elements, from the form, with the mouse.
      for (const element of added) {
        await openPanel(page, "Add a new element");
        const form = page.getByRole("form", { name: "Add a new element" });
        await form.getByLabel("Kind").selectOption(element.kind);
        await form.getByLabel("Code").fill(prefix + element.code);
        await form.getByLabel("Title (English)").fill(element.title);
        if (element.parent) {
          const parent = form.getByLabel("Part of");
          const value = await parent.locator("option", { hasText: /^O3\.S2 — / }).getAttribute("value");
          await parent.selectOption(value ?? "");
        }
        await form.getByRole("button", { name: "Add a new element" }).click();
        await node(page, prefix + element.code).waitFor();
      }
      expect(await saveState(page)).toBe("Unsaved changes");

      // Place them by hand along the bottom of the diagram (zoomed out, clear of the zoom controls and the map).
      await page.getByRole("button", { name: "Show the whole canvas" }).click();
      await page.getByRole("button", { name: "Zoom out" }).click();
      await page.getByRole("button", { name: "Zoom out" }).click();
      const [activity, outcome, impact] = added.map((element) => node(page, prefix + element.code)) as [
        ReturnType<typeof node>,
        ReturnType<typeof node>,
        ReturnType<typeof node>,
      ];
      const frame = await page.locator(".toc-canvas").boundingBox();
      if (!frame) throw new Error("no diagram");
      const bottom = frame.y + frame.height - 60;
      await drag(page, await centre(impact), { x: frame.x + 620, y: bottom });
      await drag(page, await centre(outcome), { x: frame.x + 390, y: bottom });
      await drag(page, await centre(activity), { x: frame.x + 160, y: bottom });

      // Link them by dragging from handle to handle; each new link is selected, its form opens.
      const edgesBefore = await page.locator(".react-flow__edge").count();
      await drag(
        page,
        await centre(activity.locator(".react-flow__handle.source")),
        await centre(outcome.locator(".react-flow__handle.target")),
      );
      const first = page.getByRole("form", { name: `Link: ${prefix}ACT contributes to ${prefix}OUT` });
      await first.getByLabel("Assumption (English)").fill(activityAssumption);
      await first.getByLabel("Strength of evidence").selectOption("moderate");
      await first.getByRole("button", { name: "Apply" }).click();
      await drag(
        page,
        await centre(outcome.locator(".react-flow__handle.source")),
        await centre(impact.locator(".react-flow__handle.target")),
      );
      const second = page.getByRole("form", { name: `Link: ${prefix}OUT contributes to ${prefix}IMP` });
      await second.getByLabel("Assumption (English)").fill(outcomeAssumption);
      await second.getByRole("button", { name: "Apply" }).click();
      await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(edgesBefore + 2);

      // Auto-layout (elkjs, in a Web Worker) moves the others and leaves the elements placed by hand.
      const placed = await drawn(page);
      await page.getByRole("button", { name: "Auto-layout", exact: true }).click();
      await expect
        .poll(() => page.getByTestId("toc-status").getAttribute("data-layout-worker"), { timeout: 20_000 })
        .toBe("true");
      const laidOut = await drawn(page);
      const placeOf = (shown: { nodes: string[] }, code: string) =>
        shown.nodes.find((line) => line.startsWith(`${code} `));
      for (const element of added)
        expect(placeOf(laidOut, prefix + element.code)).toBe(placeOf(placed, prefix + element.code));

      await page.getByRole("button", { name: "Save", exact: true }).click();
      await page.getByTestId("toc-status").getByText("Saved: the canvas is now at version 2.").waitFor();
      expect(await saveState(page)).toBe("All changes saved");
      const before = await drawn(page);
      const saved = await canvasJson(page, slug);

      await page.reload();
      await expect
        .poll(() => page.locator(".react-flow__node").count(), { timeout: 20_000 })
        .toBe(drawnAtStart + 3);
      expect(await drawn(page)).toEqual(before);
      expect(await canvasJson(page, slug)).toEqual(saved);
      expect(saved.version).toBe(2);
      expect(structure(saved, (code) => code.replace("O3.S2", "S").replace(prefix, ""))).toEqual({
        nodes: expectedNodes,
        links: expectedLinks,
      });
      // Moved by hand, the new elements are pinned: auto-layout will leave them there.
      const pinned = Object.entries(saved.doc.nodes)
        .filter(([, at]) => at.pinned)
        .map(([key]) => saved.doc.elements[key]?.code)
        .sort();
      expect(pinned).toEqual([`${prefix}ACT`, `${prefix}IMP`, `${prefix}OUT`]);

      // The drawing downloads as SVG and PNG, every element in it.
      const [svg] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download as SVG" }).click(),
      ]);
      expect(svg.suggestedFilename()).toBe(`${demoPlanSlug}-${slug}.svg`);
      const svgText = readFileSync((await svg.path()) as string, "utf8");
      expect(svgText).toMatch(/<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      for (const element of added) expect(svgText).toContain(prefix + element.code);
      const [png] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download as PNG" }).click(),
      ]);
      expect(png.suggestedFilename()).toBe(`${demoPlanSlug}-${slug}.png`);
      expect(
        readFileSync((await png.path()) as string)
          .subarray(1, 4)
          .toString(),
      ).toBe("PNG");
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("builds the same canvas with the keyboard only", async () => {
    const { page, errors, close } = await openPage(browser, {
      locale: "en-GB",
      viewport: { width: 1400, height: 1000 },
    });
    try {
      await signIn(page, baseUrl, demoEmails.me_officer);
      const slug = `keys-${run}`;
      const prefix = `K${run}.`;
      await createCanvas(page, slug, "O1.S1");
      const drawnAtStart = await openEditor(page, slug);
      const keys = page.keyboard;

      // Add the elements: open the form's panel with Enter, then Tab from field to field; a select takes the
      // first letters of an option.
      for (const element of added) {
        await openPanelWithKeys(page, "Add a new element");
        await keys.press("Tab"); // Kind
        await keys.type(element.option);
        await keys.press("Tab"); // Level
        await keys.press("Tab"); // Code
        await keys.type(prefix + element.code);
        await keys.press("Tab"); // Title (English)
        await keys.type(element.title);
        await keys.press("Tab"); // Title (French)
        await keys.press("Tab"); // Part of
        if (element.parent) await keys.type("O1.S1 ");
        await keys.press("Tab"); // Add
        await keys.press("Enter");
        await node(page, prefix + element.code).waitFor();
      }

      // Link from … to …, twice.
      for (const [from, to, assumption, strength] of [
        [`${prefix}ACT`, `${prefix}OUT`, activityAssumption, "Evidence: moderate"],
        [`${prefix}OUT`, `${prefix}IMP`, outcomeAssumption, null],
      ] as const) {
        const edges = await page.locator(".react-flow__edge").count();
        await openPanelWithKeys(page, "Link from … to …");
        await keys.press("Tab"); // From
        await keys.type(from);
        await keys.press("Tab"); // Link
        await keys.press("Tab"); // To
        await keys.type(to);
        await keys.press("Tab"); // Assumption (English)
        await keys.type(assumption);
        await keys.press("Tab"); // Assumption (French)
        await keys.press("Tab"); // Strength of evidence
        if (strength) await keys.type(strength);
        await keys.press("Tab"); // Evidence links
        await keys.press("Tab"); // Add the link
        await keys.press("Enter");
        await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(edges + 1);
      }
      await keys.press("Control+s");
      await page.getByTestId("toc-status").getByText("Saved: the canvas is now at version 2.").waitFor();

      // Move an element with the arrow keys: through the reducer, so the canvas has unsaved changes and undo works.
      const start = (await canvasJson(page, slug)).doc;
      const outcomeKey = Object.keys(start.elements).find(
        (key) => start.elements[key]?.code === `${prefix}OUT`,
      );
      await node(page, `${prefix}OUT`).focus();
      await keys.press("Enter");
      for (let i = 0; i < 5; i++) await keys.press("Shift+ArrowDown");
      expect(await saveState(page)).toBe("Unsaved changes");
      await keys.press("Control+z");
      await keys.press("Control+Shift+z");
      await keys.press("Control+s");
      await page.getByTestId("toc-status").getByText("Saved: the canvas is now at version 3.").waitFor();
      expect(await saveState(page)).toBe("All changes saved");

      const saved = await canvasJson(page, slug);
      const before = start.nodes[outcomeKey as string];
      expect(saved.doc.nodes[outcomeKey as string]).toEqual({
        x: before?.x,
        y: (before?.y ?? 0) + 100,
        pinned: true,
      });

      // The same canvas as the one built with the mouse (each test checks the shape, so either may run first).
      expect(structure(saved, (code) => code.replace("O1.S1", "S").replace(prefix, ""))).toEqual({
        nodes: expectedNodes,
        links: expectedLinks,
      });
      const shown = await drawn(page);
      await page.reload();
      await expect
        .poll(() => page.locator(".react-flow__node").count(), { timeout: 20_000 })
        .toBe(drawnAtStart + 3);
      expect(await drawn(page)).toEqual(shown);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("asks before leaving a canvas with unsaved changes", async () => {
    const { page, errors, close } = await openPage(browser, {
      locale: "en-GB",
      viewport: { width: 1400, height: 1000 },
    });
    try {
      await signIn(page, baseUrl, demoEmails.me_officer);
      const slug = `leave-${run}`;
      await createCanvas(page, slug, "O2.S2");
      const { version } = await canvasJson(page, slug);
      await openEditor(page, slug);
      await node(page, "O2.S2").focus();
      await page.keyboard.press("Enter");
      await page.keyboard.press("ArrowRight");
      expect(await saveState(page)).toBe("Unsaved changes");
      const leave = page.getByRole("dialog", { name: "Leave without saving?" });
      await page
        .getByRole("navigation", { name: "Breadcrumbs" })
        .getByRole("link", { name: "Theories of change" })
        .click();
      await leave.getByRole("button", { name: "Stay and save" }).click();
      expect(new URL(page.url()).pathname).toBe(`/plans/${demoPlanSlug}/toc/${slug}`);
      expect(await saveState(page)).toBe("Unsaved changes");
      await page
        .getByRole("navigation", { name: "Breadcrumbs" })
        .getByRole("link", { name: "Theories of change" })
        .click();
      await leave.getByRole("button", { name: "Leave without saving" }).click();
      await page.waitForURL(`${baseUrl}/plans/${demoPlanSlug}/toc`);
      expect((await canvasJson(page, slug)).version).toBe(version);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  // Two browsers, each drawing the canvas: slow on a busy machine, hence more time than the default.
  it("gives the second of two sessions saving the same canvas the conflict dialog, and loses nothing", async () => {
    const first = await openPage(browser, { locale: "en-GB", viewport: { width: 1400, height: 1000 } });
    const second = await openPage(browser, { locale: "en-GB", viewport: { width: 1400, height: 1000 } });
    try {
      await signIn(first.page, baseUrl, demoEmails.me_officer);
      await signIn(second.page, baseUrl, demoEmails.me_officer);
      const slug = `conflict-${run}`;
      await createCanvas(first.page, slug, "O2.S1");
      await openEditor(first.page, slug);
      await openEditor(second.page, slug);

      const add = async (page: Page, code: string, title: string) => {
        await openPanel(page, "Add a new element");
        const form = page.getByRole("form", { name: "Add a new element" });
        await form.getByLabel("Code").fill(code);
        await form.getByLabel("Title (English)").fill(title);
        await form.getByRole("button", { name: "Add a new element" }).click();
        await node(page, code).waitFor();
      };

      // The first session moves an activity, adds an element and saves: version 2.
      const startAt = (await canvasJson(second.page, slug)).doc;
      const keyOf = (code: string) =>
        Object.keys(startAt.elements).find((key) => startAt.elements[key]?.code === code) as string;
      const moveRight = async (page: Page, code: string, steps: number, key = "Shift+ArrowRight") => {
        await node(page, code).focus();
        await page.keyboard.press("Enter");
        for (let i = 0; i < steps; i++) await page.keyboard.press(key);
      };
      await moveRight(first.page, "O2.S1.A2", 2, "Shift+ArrowDown");
      await add(first.page, `A${run}.OUT`, "First session's outcome");
      await first.page.getByRole("button", { name: "Save", exact: true }).click();
      await first.page
        .getByTestId("toc-status")
        .getByText("Saved: the canvas is now at version 2.")
        .waitFor();

      // The second, still at version 1, moves two elements (one of them the first moved too) and adds another, then
      // saves: a conflict, nothing written.
      const movedKey = keyOf("O2.S1.A1");
      const bothMoved = keyOf("O2.S1.A2");
      await moveRight(second.page, "O2.S1.A1", 3);
      await moveRight(second.page, "O2.S1.A2", 1);
      await add(second.page, `B${run}.OUT`, "Second session's outcome");
      await second.page.getByRole("button", { name: "Save", exact: true }).click();
      const dialog = second.page.getByRole("dialog", {
        name: "Someone saved this canvas since you opened it",
      });
      await dialog.waitFor();
      expect(await dialog.innerText()).toContain(
        "You started from version 1; the canvas is now at version 2.",
      );
      expect((await canvasJson(second.page, slug)).version).toBe(2);

      // Merge: the second session's edits again, on the first's version, saved as version 3.
      await dialog.getByRole("button", { name: "Merge my changes and save" }).click();
      await second.page
        .getByTestId("toc-status")
        .getByText("Saved: the canvas is now at version 3.")
        .waitFor();
      await node(second.page, `A${run}.OUT`).waitFor();
      const merged = await canvasJson(second.page, slug);
      const codes = Object.keys(merged.doc.nodes).map((key) => merged.doc.elements[key]?.code);
      expect(codes).toEqual(
        expect.arrayContaining([`A${run}.OUT`, `B${run}.OUT`, "O2.S1", "O2.S1.A1", "O2.S1.A2"]),
      );
      expect(merged.doc.nodes[movedKey]).toEqual({
        x: (startAt.nodes[movedKey]?.x ?? 0) + 60,
        y: startAt.nodes[movedKey]?.y,
        pinned: true,
      });
      // Where both moved the same element, the first's move is kept, and the second is told which of theirs gave way.
      expect(merged.doc.nodes[bothMoved]).toEqual({
        x: startAt.nodes[bothMoved]?.x,
        y: (startAt.nodes[bothMoved]?.y ?? 0) + 40,
        pinned: true,
      });
      const gaveWay = second.page.getByTestId("toc-gave-way");
      expect(await gaveWay.innerText()).toContain("Some of your changes gave way to Mena M&E Officer's:");
      expect(await gaveWay.getByRole("listitem").allInnerTexts()).toEqual([
        "Your move of O2.S1.A2 was replaced by Mena M&E Officer's.",
      ]);

      // The first session is now behind: its next save gets the dialog too, and "reload" shows the merged canvas.
      await add(first.page, `C${run}.OUT`, "Set aside");
      await first.page.getByRole("button", { name: "Save", exact: true }).click();
      const again = first.page.getByRole("dialog", { name: "Someone saved this canvas since you opened it" });
      await again.getByRole("button", { name: "Reload their version (discard mine)" }).click();
      await node(first.page, `B${run}.OUT`).waitFor();
      expect(await node(first.page, `C${run}.OUT`).count()).toBe(0);
      expect(await saveState(first.page)).toBe("All changes saved");
      expect((await canvasJson(first.page, slug)).version).toBe(3);
      expect([...first.errors, ...second.errors].filter((error) => !error.includes("409"))).toEqual([]);
    } finally {
      await first.close();
      await second.close();
    }
  }, 120_000);

  it("shows the canvas as tables with its checks before JavaScript runs", async () => {
    const { page, close } = await openPage(browser, { locale: "en-GB", javaScriptEnabled: false });
    try {
      await signIn(page, baseUrl, demoEmails.board);
      await page.goto(`${baseUrl}/plans/2013-2015/toc/draft-2015-review`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      expect(await page.locator(".react-flow").count()).toBe(0);
      const outline = page.getByTestId("toc-outline");
      expect(await outline.getByRole("table").count()).toBeGreaterThan(2);
      expect(await outline.innerText()).toContain("TOC.IMPACT");
      // A causal link with its assumption and evidence strength.
      expect(await outline.locator('tr[data-kind="contributes_to"]').count()).toBeGreaterThan(0);
      expect(await outline.locator('tr[data-kind="contributes_to"]').first().innerText()).toMatch(
        /Evidence: /,
      );
      await page
        .getByTestId("toc-checks")
        .getByRole("heading", { name: /Checks/ })
        .waitFor();
    } finally {
      await close();
    }
  });

  it("opens a large canvas readable at its beginning, and gives readers without JavaScript its tables on request", async () => {
    const cookie = await signInOverHttp(baseUrl, demoEmails.me_officer);
    const address = await createSyntheticCanvas(baseUrl, cookie, 320, 480);
    try {
      await largeCanvas(address);
    } finally {
      // 14 of these elements are objectives and impacts: left in the plan, they would widen its dashboards.
      await deleteSyntheticElements(baseUrl, cookie, 320);
    }
  });

  async function largeCanvas(address: string) {
    const withScript = await openPage(browser, { locale: "en-GB", viewport: { width: 1400, height: 1000 } });
    try {
      await signIn(withScript.page, baseUrl, demoEmails.me_officer);
      await withScript.page.goto(address);
      await withScript.page.waitForFunction(() => performance.getEntriesByName("toc:interactive").length > 0);
      // Only what is in view is drawn, in full (not the zoomed-out boxes), starting with the first activities.
      const drawn = await withScript.page.locator(".react-flow__node").count();
      expect(drawn).toBeGreaterThan(0);
      expect(drawn).toBeLessThan(320);
      expect(await withScript.page.locator(".toc-node-overview").count()).toBe(0);
      await withScript.page
        .locator(".react-flow__node")
        .filter({ hasText: /SYN320\.ACTIVITY1 Synthetic activity 1\b/ })
        .waitFor();
      // The whole canvas one button away, zoomed out to boxes with their codes.
      await withScript.page.getByRole("button", { name: "Show the whole canvas" }).click();
      await expect.poll(() => withScript.page.locator(".toc-node-overview").count()).toBe(320);
      expect(withScript.errors).toEqual([]);
    } finally {
      await withScript.close();
    }

    const withoutScript = await openPage(browser, { locale: "en-GB", javaScriptEnabled: false });
    try {
      await signIn(withoutScript.page, baseUrl, demoEmails.board);
      await withoutScript.page.goto(address);
      expect(await withoutScript.page.getByTestId("toc-outline").count()).toBe(0);
      await withoutScript.page.getByRole("link", { name: /Open this canvas as tables/ }).click();
      await withoutScript.page.waitForLoadState("load");
      const outline = withoutScript.page.getByTestId("toc-outline");
      expect(await outline.locator("tbody tr[data-code]").count()).toBe(320);
      expect(
        await outline
          .locator('tbody tr[data-kind="contributes_to"], tbody tr[data-kind="precondition_of"]')
          .count(),
      ).toBe(480);
    } finally {
      await withoutScript.close();
    }
  }

  for (const role of ["board", "me_officer"] as const)
    it(`axe-core finds no serious or critical WCAG 2.2 AA violation on the editor (${role})`, async () => {
      const { page, errors, close } = await openPage(browser, {
        locale: "en-GB",
        viewport: { width: 1400, height: 1000 },
      });
      try {
        await signIn(page, baseUrl, demoEmails[role]);
        await page.goto(`${baseUrl}/plans/2013-2015/toc/draft-2015-review`);
        await page.locator(".react-flow__node").first().waitFor({ timeout: 20_000 });
        if (role === "me_officer") {
          await page.locator(".react-flow__node").filter({ hasText: "O2.S2.A1" }).first().click();
          await page.getByTestId("toc-node-panel").getByRole("heading", { name: "Indicators" }).waitFor();
        }
        const results = await new AxeBuilder({ page })
          .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
          .analyze();
        const serious = results.violations.filter(
          (violation) => violation.impact === "serious" || violation.impact === "critical",
        );
        expect(
          serious.map(
            (violation) => `${violation.id}: ${violation.nodes.map((n) => n.target.join(" ")).join(", ")}`,
          ),
        ).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
});
