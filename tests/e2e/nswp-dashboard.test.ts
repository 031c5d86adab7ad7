import AxeBuilder from "@axe-core/playwright";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appForThisFile } from "./app";
import { launchChromium, openPage, signIn } from "./browser";
import { demoEmails } from "./http";

/**
 * The NSWP plans' dashboards as the board reads them (issue 5, point 6): the figures the sources report show with
 * their period and the passage they come from; the sources state no target, so what cannot be judged says so in
 * words; a trend with nothing to draw is a sentence saying why, not empty axes.
 */

const { baseUrl } = await appForThisFile();

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe("the NSWP dashboards", () => {
  it("show the sourced figures with their citations, and the statuses in words (no JavaScript needed)", async () => {
    const { page, close } = await openPage(browser, { locale: "en-GB", javaScriptEnabled: false });
    try {
      await signIn(page, baseUrl, demoEmails.board);
      await page.goto(`${baseUrl}/plans/2013-2015/dashboard`);
      await page.locator("h1", { hasText: "Dashboard" }).waitFor();

      const members = page.locator('section.card:has(#indicators-heading) tr[data-code="I1"]');
      expect(await members.locator(".badge-rollup").innerText()).toContain("Not judged: no target");
      const figure = members.locator(".latest-figure");
      expect(await figure.locator(".latest-figure-value").innerText()).toMatch(/237\s+members\s+\(2015\)/);
      expect(await figure.locator("blockquote").innerText()).toContain("Le NSWP a 237 membres");

      // The sources state no target: nothing is judged, not even what was plainly done (the case studies).
      const caseStudies = page.locator('section.card:has(#indicators-heading) tr[data-code="I10"]');
      expect(await caseStudies.locator(".badge-rollup").innerText()).toContain("Not judged: no target");
      expect(await caseStudies.locator(".latest-figure-value").innerText()).toMatch(/^20\b.*\(2013\)$/);
      expect(await page.getByTestId("plan-health").innerText()).toContain(
        "Not judged: figures reported, no targets to judge them against",
      );

      const objective = page.locator('section.card:has(#objectives-heading) tr[data-code="O1"]');
      expect(await objective.locator(".badge-rollup").innerText()).toContain(
        "Not judged: figures reported, no targets to judge them against",
      );
      expect(await objective.innerText()).not.toContain("Not applicable");

      // The drill-down of that objective: the same figures, and a sentence instead of an empty chart.
      await page.goto(`${baseUrl}/plans/2013-2015/dashboard/elements/O1`);
      expect(await page.getByTestId("inputs-chart-empty").innerText()).toContain(
        "none of the indicators below this element has a target",
      );
      expect(await page.locator('tr[data-code="I1"] .latest-figure blockquote').innerText()).toContain(
        "237 membres",
      );
    } finally {
      await close();
    }
  });

  it("replace the empty trend of the 2010–2012 plan with a sentence saying why, in the reader's language", async () => {
    const { page, errors, close } = await openPage(browser, {
      locale: "fr-FR",
      viewport: { width: 1280, height: 900 },
    });
    try {
      await signIn(page, baseUrl, demoEmails.board);
      await page.goto(`${baseUrl}/plans/2010-2012/dashboard`);
      // The counts chart is drawn (recharts loads in the browser); the trend has none, and no table of blanks.
      await page.locator(".chart .recharts-surface").first().waitFor();
      const trend = page.locator("section.card:has(#trend-heading)");
      expect(await page.getByTestId("trend-empty").innerText()).toContain(
        "aucun des indicateurs n’a de cible",
      );
      expect(await trend.locator(".chart").count()).toBe(0);
      expect(await trend.locator("table").count()).toBe(0);
      expect(await page.getByTestId("plan-health").innerText()).toContain(
        "Non évalué\u202f: des chiffres sont rapportés",
      );
      expect(await page.locator('tr[data-code="I2"] .latest-figure').innerText()).toContain("130");
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  for (const path of ["/plans/2013-2015/dashboard/elements/O1", "/plans/2010-2012/dashboard"]) {
    it(`axe-core finds no serious or critical WCAG 2.2 AA violation on ${path}`, async () => {
      const { page, errors, close } = await openPage(browser, {
        locale: "en-GB",
        viewport: { width: 1280, height: 900 },
      });
      try {
        await signIn(page, baseUrl, demoEmails.board);
        await page.goto(`${baseUrl}${path}`);
        await page.locator(".chart-empty").first().waitFor();
        const results = await new AxeBuilder({ page })
          .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
          .analyze();
        const serious = results.violations.filter(
          (violation) => violation.impact === "serious" || violation.impact === "critical",
        );
        expect(
          serious.map(
            (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(" ")}`,
          ),
        ).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  }
});
