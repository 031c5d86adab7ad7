import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../../app/auth/policy";
import { getElementDashboard } from "../../app/dashboards/element.server";
import { getIndicatorDashboard } from "../../app/dashboards/indicator.server";
import { getPlanOverview } from "../../app/dashboards/overview.server";
import type { IndicatorsFile } from "../../app/indicators/format";
import { seedNswp } from "../../app/plan-graph/seed.server";
import type { Database, Db } from "../../db/client";
import { elements, fundedElements, indicators, plans, progressEntries } from "../../db/schema";
import { createTestDatabase, inRollback } from "../support/database";
import { asPlanPage } from "../support/plan-query";

/**
 * The NSWP plans' dashboards (issue 5, point 6) on the seeded data set: the figures the sources report show with
 * their period and citation; the sources state no target, so nothing is judged and every page says so in words; a
 * trend with nothing to draw says why. The latest figure is the indicator's actual as the roll-up reads it; a
 * funder's counts only the entries in its scope.
 */

let database: Database;
const today = "2026-11-22";
const board: Viewer = {
  id: "00000000-0000-0000-0000-000000000002",
  email: "board@nswp-dashboards.example",
  name: "Board",
  roles: ["board"],
  funderCode: null,
  hasSecondFactor: false,
};
const funder: Viewer = { ...board, roles: ["funder"], funderCode: "nswp-dashboards-funder" };
const seed = JSON.parse(readFileSync("seeds/nswp/indicators.json", "utf8")) as IndicatorsFile;
const url = (slug: string, query = "") => new URL(`http://localhost/plans/${slug}/dashboard${query}`);
const overviewOf = (slug: string, viewer = board, query = "") =>
  asPlanPage(getPlanOverview, { db: database.db, slug, viewer, url: url(slug, query), today });

beforeAll(async () => {
  database = await createTestDatabase();
  await seedNswp({ db: database.db, actor: "test" });
  const [funded] = await database.db
    .select({ id: elements.id })
    .from(elements)
    .innerJoin(plans, eq(plans.id, elements.planId))
    .where(and(eq(plans.slug, "2013-2015"), eq(elements.code, "O2.S2")));
  await database.db
    .insert(fundedElements)
    .values({ funderCode: funder.funderCode as string, elementId: funded?.id as string });
});
afterAll(async () => {
  await database?.close();
});

describe("the NSWP 2013–2015 overview", () => {
  it("judges nothing: the sources state no target, so the plan, its objectives and indicators say so in words", async () => {
    const overview = await overviewOf("2013-2015");
    // Today is after the plan: the overview reads the plan's last day.
    expect(overview?.filters.asOf).toBe("2015-12-31");
    expect(seed.indicators.some((indicator) => indicator.targets?.length)).toBe(false);
    expect(overview?.health).toMatchObject({
      status: "not_applicable",
      unjudged: "figuresWithoutTargets",
      score: null,
    });
    for (const code of ["O1", "O2", "O3"])
      expect(overview?.objectives.find((objective) => objective.code === code)?.unjudged, code).toBe(
        "figuresWithoutTargets",
      );
    expect(overview?.objectives.every((objective) => objective.score === null)).toBe(true);
    expect(overview?.indicators.every((indicator) => indicator.status === "not_applicable")).toBe(true);
    expect(overview?.trendEmpty).toBe("noTargets");
    // Each day of the trend says why it is not judged, in the same words (its table is not drawn: all blank).
    expect(overview?.trend.length).toBeGreaterThan(0);
    for (const point of overview?.trend ?? [])
      expect(point, point.day).toMatchObject({
        planStatus: "not_applicable",
        planUnjudged: "figuresWithoutTargets",
      });
  });

  it("shows every sourced figure as the latest figure, with its period and citation, not judged", async () => {
    const overview = await overviewOf("2013-2015");
    const sourced = seed.indicators.filter((indicator) => indicator.plan === "2013-2015");
    expect(sourced.length).toBeGreaterThanOrEqual(10);
    for (const indicator of sourced) {
      const shown = overview?.indicators.find((candidate) => candidate.code === indicator.code);
      const last = indicator.entries.at(-1);
      expect(shown, indicator.code).toMatchObject({
        status: "not_applicable",
        unjudged: "noTarget",
        target: null,
        percentOfExpected: null,
        latestFigure: {
          periodKey: last?.period,
          value: last?.value,
          citation: {
            source: last?.citation.source,
            section: last?.citation.section,
            quote: last?.citation.quote,
          },
        },
      });
    }
    const members = overview?.indicators.find((indicator) => indicator.code === "I1");
    expect(members?.latestFigure?.citation?.quote).toContain("237 membres");
    expect(members).toMatchObject({ unit: { en: "members" }, measure: "number" });
  });

  it("says in words that an objective has figures but no targets, rather than a bare “not applicable”", async () => {
    const overview = await overviewOf("2013-2015");
    for (const code of ["O1", "O2"]) {
      expect(overview?.objectives.find((objective) => objective.code === code)).toMatchObject({
        status: "not_applicable",
        unjudged: "figuresWithoutTargets",
        score: null,
        // At the end of the last quarter too.
        previousStatus: "not_applicable",
        previousUnjudged: "figuresWithoutTargets",
      });
    }
    expect(overview?.comparedWith).toBe("2015-09-30");
  });

  it("shows, as of an earlier day, only the figures of periods that had started by then", async () => {
    // Sourced figures have no decision day: they count on every day once their period has started, as the roll-up
    // reads them. In mid-2013, the members' figure of 2015 is not known yet; the 2013 case studies are.
    const early = await overviewOf("2013-2015", board, "?asOf=2013-06-30");
    expect(early?.indicators.find((indicator) => indicator.code === "I1")?.latestFigure).toBeNull();
    expect(early?.indicators.find((indicator) => indicator.code === "I10")?.latestFigure?.value).toBe(20);
    // The Academy's figures are for the life of the plan, which has started.
    expect(early?.indicators.find((indicator) => indicator.code === "I5")?.latestFigure?.value).toBe(126);
    // The member survey's figures are of 2015: in mid-2013 its activity has neither targets nor figures.
    const strategy = await asPlanPage(getElementDashboard, {
      db: database.db,
      slug: "2013-2015",
      code: "O1.S1",
      viewer: board,
      url: url("2013-2015", "?asOf=2013-06-30"),
      today,
    });
    expect(strategy?.inputs.find((input) => input.code === "O1.S1.A2")?.unjudged).toBe("noTargets");
    expect(strategy?.inputs.find((input) => input.code === "I7")?.latestFigure?.value).toBe(440);
  });
});

describe("the NSWP 2010–2012 overview", () => {
  it("has figures and no targets: the plan and its objectives say so, and the trend says why it is empty", async () => {
    const overview = await overviewOf("2010-2012");
    expect(overview?.health).toMatchObject({ status: "not_applicable", unjudged: "figuresWithoutTargets" });
    expect(overview?.objectives.map((objective) => [objective.code, objective.unjudged])).toEqual([
      ["O1", "figuresWithoutTargets"],
      ["O2", "figuresWithoutTargets"],
      ["O3", "figuresWithoutTargets"],
    ]);
    expect(overview?.trendEmpty).toBe("noTargets");
    expect(
      overview?.trend.every(
        (point) => point.plan === null && Object.values(point.scores).every((score) => score === null),
      ),
    ).toBe(true);
    const festival = overview?.indicators.find((indicator) => indicator.code === "I2");
    expect(festival?.latestFigure).toMatchObject({ periodKey: "2012", value: 130 });
    expect(festival?.latestFigure?.citation?.quote).toContain("130 travailleurSEs du sexe de 43 pays");
  });
});

describe("the NSWP drill-down", () => {
  it("shows an element's unjudged indicators with their latest figure and says why its chart is empty", async () => {
    const detail = await asPlanPage(getElementDashboard, {
      db: database.db,
      slug: "2013-2015",
      code: "O1",
      viewer: board,
      url: url("2013-2015"),
      today,
    });
    expect(detail?.element).toMatchObject({ status: "not_applicable", unjudged: "figuresWithoutTargets" });
    expect(detail?.chartEmpty).toBe("noTargets");
    const members = detail?.inputs.find((input) => input.kind === "indicator" && input.code === "I1");
    expect(members).toMatchObject({
      unjudged: "noTarget",
      latestFigure: { periodKey: "2015", value: 237, citation: { source: "review-2015" } },
    });
    const strategy = detail?.inputs.find((input) => input.kind === "element" && input.code === "O1.S1");
    expect(strategy?.unjudged).toBe("figuresWithoutTargets");
  });

  it("says why the chart of an element whose one indicator has figures is empty, and shows the figure", async () => {
    const detail = await asPlanPage(getElementDashboard, {
      db: database.db,
      slug: "2013-2015",
      // I10 measures O3.S2 and this activity of it: it counts below only (docs/rollup.md, G3).
      code: "O3.S2.A1",
      viewer: board,
      url: url("2013-2015"),
      today,
    });
    expect(detail?.element).toMatchObject({ status: "not_applicable", unjudged: "figuresWithoutTargets" });
    expect(detail?.chartEmpty).toBe("noTargets");
    const caseStudies = detail?.inputs.find((input) => input.kind === "indicator" && input.code === "I10");
    expect(caseStudies).toMatchObject({
      unjudged: "noTarget",
      measured: { measure: "number" },
      latestFigure: { periodKey: "2013", value: 20 },
    });
  });
});

describe("the latest figure", () => {
  /** An approved entry logged by a person (no citation), from an activity of the 2013–2015 plan. */
  async function logApproved(
    db: Db,
    code: string,
    entry: { periodKey: string; value: number; from: string; reportedOn: string },
  ) {
    const [indicator] = await db
      .select({ id: indicators.id, planId: indicators.planId })
      .from(indicators)
      .innerJoin(plans, eq(plans.id, indicators.planId))
      .where(and(eq(plans.slug, "2013-2015"), eq(indicators.code, code)));
    const [element] = await db
      .select({ id: elements.id })
      .from(elements)
      .where(and(eq(elements.planId, indicator?.planId as string), eq(elements.code, entry.from)));
    await db.insert(progressEntries).values({
      indicatorId: indicator?.id as string,
      periodKey: entry.periodKey,
      status: "approved",
      value: entry.value,
      reportedOn: entry.reportedOn,
      elementId: element?.id as string,
      submittedAt: new Date(`${entry.reportedOn}T10:00:00Z`),
      decidedAt: new Date(`${entry.reportedOn}T12:00:00Z`),
    });
  }
  const figureOf = async (db: Db, code: string, viewer = board, query = "") =>
    (
      await asPlanPage(getPlanOverview, {
        db,
        slug: "2013-2015",
        viewer,
        url: url("2013-2015", query),
        today,
      })
    )?.indicators.find((indicator) => indicator.code === code)?.latestFigure;

  it("is the indicator's actual under its reading: a period's sum, a running total; quoted only when one entry's", async () => {
    await inRollback(database.db, async (tx) => {
      // I11 counts each year on its own: a second report of 2015 adds to the survey's 41.
      await logApproved(tx, "I11", {
        periodKey: "2015",
        value: 4,
        from: "O1.S1.A2",
        reportedOn: "2015-10-01",
      });
      expect(await figureOf(tx, "I11")).toMatchObject({ periodKey: "2015", value: 45, citation: null });
      // I10 is a running total: 2014's 5 case studies come on top of 2013's 20.
      await logApproved(tx, "I10", {
        periodKey: "2014",
        value: 5,
        from: "O3.S2.A1",
        reportedOn: "2014-12-15",
      });
      expect(await figureOf(tx, "I10")).toMatchObject({
        periodKey: "2014",
        value: 25,
        reportedOn: "2014-12-15",
        citation: null,
      });
      // As of a day before that report was approved, the figure is the sourced one, with its passage.
      expect(await figureOf(tx, "I10", board, "?asOf=2014-12-14")).toMatchObject({
        periodKey: "2013",
        value: 20,
        citation: { source: "review-2015" },
      });
    });
  });

  it("counts for a funder only the entries in its scope: the sourced figures, not one logged outside it", async () => {
    await inRollback(database.db, async (tx) => {
      // Logged from an activity the funder does not fund, for an indicator it does (I5 measures O2.S2).
      await logApproved(tx, "I5", {
        periodKey: "lop",
        value: 10,
        from: "O3.S2.A1",
        reportedOn: "2015-03-01",
      });
      const forBoard = await figureOf(tx, "I5");
      expect(forBoard).toMatchObject({ periodKey: "lop", value: 136 });
      // The funder's figure is the sourced one (cited from a published source, so in every scope), with its passage.
      expect(await figureOf(tx, "I5", funder)).toMatchObject({
        periodKey: "lop",
        value: 126,
        citation: { source: expect.any(String) },
      });
      const page = await asPlanPage(getIndicatorDashboard, {
        db: tx,
        slug: "2013-2015",
        code: "I5",
        viewer: funder,
        url: new URL("http://localhost/plans/2013-2015/dashboard/indicators/I5"),
        today,
      });
      expect(page?.series.at(-1)?.actual).toBe(126);
      // Logged from the activity it funds, the entry counts for it too.
      await logApproved(tx, "I5", { periodKey: "lop", value: 4, from: "O2.S2.A1", reportedOn: "2015-04-01" });
      expect((await figureOf(tx, "I5", funder))?.value).toBe(130);
      expect((await figureOf(tx, "I5"))?.value).toBe(140);
    });
  });
});

describe("a funder of part of the plan", () => {
  it("sees the figures of the indicators in its scope only", async () => {
    const overview = await overviewOf("2013-2015", funder);
    expect(overview?.scoped).toBe(true);
    expect(overview?.objectives.map((objective) => objective.code)).toEqual(["O2"]);
    expect(overview?.indicators.map((indicator) => indicator.code).sort()).toEqual(["I4", "I5", "I6"]);
    expect(overview?.indicators.find((indicator) => indicator.code === "I5")?.latestFigure?.value).toBe(126);
    expect(overview?.health.unjudged).toBe("figuresWithoutTargets");
    expect(overview?.trendEmpty).toBe("noTargets");
  });
});
