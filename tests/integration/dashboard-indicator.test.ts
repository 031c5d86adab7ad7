import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../../app/auth/policy";
import { getIndicatorDashboard } from "../../app/dashboards/indicator.server";
import { getPlanOverview } from "../../app/dashboards/overview.server";
import { getRegionDashboard } from "../../app/dashboards/regions.server";
import { isSuppressed, type Shown } from "../../app/dashboards/small-counts";
import { demoPlanSlug } from "../../app/demo-data/content";
import { generateDemoData } from "../../app/demo-data/generate.server";
import { getIndicatorDetail } from "../../app/indicators/manage.server";
import { seedNswp } from "../../app/plan-graph/seed.server";
import { referenceLists } from "../../app/progress/entries.server";
import type { Database } from "../../db/client";
import {
  elements,
  entryEvidence,
  fundedElements,
  indicators,
  periodLocks,
  plans,
  progressEntries,
} from "../../db/schema";
import { createTestDatabase, inRollback } from "../support/database";
import { asPlanPage } from "../support/plan-query";

/**
 * The indicator page and the region view of the dashboards on a real database holding the synthetic demo plan: the
 * status is the overview's, the breakdowns add up, the region and gender filters narrow the actual (and fall back to
 * "all" on values that are not on the lists), and a funder sees the figures of what it funds but only the entries
 * in its scope.
 */

let database: Database;
const today = "2026-11-22";
const viewer = (id: string, roles: Viewer["roles"], funderCode: string | null = null): Viewer => ({
  id,
  email: `${id}@dashboards.example`,
  name: id,
  roles,
  funderCode,
  hasSecondFactor: false,
});
const board = viewer("00000000-0000-0000-0000-0000000000b0", ["board"]);
const officer = viewer("00000000-0000-0000-0000-0000000000e0", ["me_officer"]);
const consultant = viewer("00000000-0000-0000-0000-0000000000c0", ["consultant"]);
const funder = viewer("00000000-0000-0000-0000-0000000000f0", ["funder"], "test-foundation");

const indicatorUrl = (code: string, query = "") =>
  new URL(`http://localhost/plans/${demoPlanSlug}/dashboard/indicators/${code}${query}`);
const regionsUrl = (query = "") =>
  new URL(`http://localhost/plans/${demoPlanSlug}/dashboard/regions${query}`);
const open = (code: string, query = "", who: Viewer = board, db = database.db) =>
  asPlanPage(getIndicatorDashboard, {
    db,
    slug: demoPlanSlug,
    code,
    viewer: who,
    url: indicatorUrl(code, query),
    today,
  });

let regionCodes: string[] = [];

/** A figure a reader of the whole plan gets: never a suppressed count. */
const n = (value: Shown | undefined) => {
  if (isSuppressed(value)) throw new Error("a suppressed count where none should be");
  return value ?? null;
};

beforeAll(async () => {
  database = await createTestDatabase();
  await seedNswp({ db: database.db, actor: "test" });
  await generateDemoData({ db: database.db, entries: 300, seed: 11, actor: "test", today });
  regionCodes = (await referenceLists(database.db)).region.map((region) => region.code);
});
afterAll(async () => {
  await database?.close();
});

/** The approved entries of a demo indicator, as stored. */
async function approvedEntriesOf(code: string) {
  return database.db
    .select({
      periodKey: progressEntries.periodKey,
      value: progressEntries.value,
      breakdown: progressEntries.breakdown,
    })
    .from(progressEntries)
    .innerJoin(indicators, eq(indicators.id, progressEntries.indicatorId))
    .innerJoin(plans, eq(plans.id, indicators.planId))
    .where(
      and(eq(plans.slug, demoPlanSlug), eq(indicators.code, code), eq(progressEntries.status, "approved")),
    );
}

describe("the indicator page", () => {
  it("shows the status the plan overview shows, from the same roll-up", async () => {
    const overview = await asPlanPage(getPlanOverview, {
      db: database.db,
      slug: demoPlanSlug,
      viewer: board,
      url: new URL(`http://localhost/plans/${demoPlanSlug}/dashboard`),
      today,
    });
    for (const code of ["I1", "I2", "I6"]) {
      const page = await open(code);
      const listed = overview?.indicators.find((indicator) => indicator.code === code);
      expect(page?.status.status, code).toBe(listed?.status);
      expect(page?.status.percentOfExpected, code).toBe(listed?.percentOfExpected);
      expect(page?.status.actual, code).toBe(listed?.actual);
    }
  });

  it("draws the actual of each period from the approved entries, as the roll-up reads them", async () => {
    // I2 is a running total: the actual of the period it is judged in is the roll-up's actual.
    const page = await open("I2");
    if (!page) throw new Error("no page");
    expect(page.plan.synthetic).toBe(true);
    expect(page.series.at(-1)?.key).toBe("2026-Q4");
    const judged = page.series.find((point) => point.key === page.status.periodKey);
    expect(judged?.actual).toBe(page.status.actual);
    // Per period, I1's actual is the sum of its approved entries of that period.
    const flows = await open("I1");
    const entries = await approvedEntriesOf("I1");
    for (const point of flows?.series ?? []) {
      const sum = entries.filter((entry) => entry.periodKey === point.key).reduce((s, e) => s + e.value, 0);
      expect(point.actual ?? 0, point.key).toBe(sum);
    }
  });

  it("breaks the actual down by region and by gender, and the parts add up to the total", async () => {
    const page = await open("I1");
    if (!page) throw new Error("no page");
    expect(page.breakdowns.map((breakdown) => breakdown.dimension)).toEqual(["region", "gender"]);
    for (const breakdown of page.breakdowns) {
      expect(breakdown.hasNotBrokenDown).toBe(true);
      for (const row of breakdown.periods) {
        const parts =
          Object.values(row.values).reduce<number>((sum, value) => sum + (n(value) ?? 0), 0) +
          (n(row.notBrokenDown) ?? 0);
        expect(parts, `${breakdown.dimension} ${row.key}`).toBeCloseTo(n(row.total) ?? 0, 9);
      }
      const series = page.series.map((point) => point.actual ?? 0);
      expect(breakdown.periods.map((row) => n(row.total) ?? 0)).toEqual(series);
    }
    // An indicator without dimensions has no breakdown.
    expect((await open("I5"))?.breakdowns).toEqual([]);
  });

  it("counts the entries without a breakdown of the periods shown only", async () => {
    await inRollback(database.db, async (tx) => {
      const whole = await open("I1", "", board, tx);
      if (!whole) throw new Error("no page");
      const first = whole.series[0];
      const from = whole.series[Math.floor(whole.series.length / 2)]?.start as string;
      const [i1] = await tx
        .select({ id: indicators.id })
        .from(indicators)
        .innerJoin(plans, eq(plans.id, indicators.planId))
        .where(and(eq(plans.slug, demoPlanSlug), eq(indicators.code, "I1")));
      // A total without a breakdown, approved, in the plan's first period (unlocked for the test).
      await tx
        .delete(periodLocks)
        .where(
          and(eq(periodLocks.indicatorId, i1?.id as string), eq(periodLocks.periodKey, first?.key as string)),
        );
      await tx.insert(progressEntries).values({
        indicatorId: i1?.id as string,
        periodKey: first?.key as string,
        status: "approved",
        value: 3,
        reportedOn: first?.end as string,
        submittedAt: new Date(`${first?.end}T10:00:00Z`),
        decidedAt: new Date(`${first?.end}T12:00:00Z`),
      });
      const byRegion = async (query: string) =>
        (await open("I1", query, board, tx))?.breakdowns.find((b) => b.dimension === "region");
      const before = whole.breakdowns.find((b) => b.dimension === "region")?.entriesNotBrokenDown ?? 0;
      expect((await byRegion(""))?.entriesNotBrokenDown).toBe(before + 1);
      // Shown from the middle of the plan on, that entry is not among "the entries of these periods".
      const later = await open("I1", `?from=${from}`, board, tx);
      expect(later?.series.some((point) => point.key === first?.key)).toBe(false);
      expect((await byRegion(`?from=${from}`))?.entriesNotBrokenDown).toBe(0);
    });
  });

  it("narrows the actual to a region and a gender, and says the status is still judged on the total", async () => {
    const region = regionCodes[0] as string;
    const whole = await open("I1");
    const filtered = await open("I1", `?region=${region}&gender=women`);
    if (!whole || !filtered) throw new Error("no page");
    expect(filtered.filters).toMatchObject({ region, gender: "women" });
    expect(filtered.status).toEqual(whole.status);
    expect(filtered.selection).toMatchObject({ key: `gender=women|region=${region}`, notCombinable: false });
    const entries = await approvedEntriesOf("I1");
    for (const point of filtered.series) {
      const cells = entries
        .filter((entry) => entry.periodKey === point.key)
        .flatMap((entry) => entry.breakdown ?? [])
        .filter((cell) => cell.values.region === region && cell.values.gender === "women");
      const expected = cells.reduce((sum, cell) => sum + cell.value, 0);
      expect(point.selected ?? 0, point.key).toBe(expected);
      expect(point.actual, point.key).toBe(whole.series.find((p) => p.key === point.key)?.actual);
    }
    // Each filter narrows the other breakdown: the genders within the region, the regions among women. The chosen
    // value is one of the columns, and it is the selection's actual.
    const byGender = filtered.breakdowns.find((b) => b.dimension === "gender");
    const byRegion = filtered.breakdowns.find((b) => b.dimension === "region");
    expect(byGender?.values).toEqual(["women", "men", "trans"]);
    expect(byRegion?.values).toEqual(regionCodes);
    for (const breakdown of [byGender, byRegion]) {
      const chosen = breakdown?.dimension === "gender" ? "women" : region;
      expect(breakdown?.periods.map((row) => row.values[chosen] ?? null)).toEqual(
        filtered.series.map((point) => point.selected),
      );
    }
    const wholeByGender = whole.breakdowns.find((b) => b.dimension === "gender");
    const regionTotals = byGender?.periods.map((row) => row.total);
    expect(regionTotals).toEqual(
      whole.breakdowns
        .find((b) => b.dimension === "region")
        ?.periods.map((row) => row.values[region] ?? null),
    );
    expect(byRegion?.periods.map((row) => row.total)).toEqual(
      wholeByGender?.periods.map((row) => row.values.women ?? null),
    );
  });

  it("shows the selection's own target where indicator_targets has one (I1 has targets by gender)", async () => {
    const byGender = await open("I1", "?gender=trans");
    expect(byGender?.selection?.hasTargets).toBe(true);
    expect(byGender?.series.some((point) => point.selectionTarget !== null)).toBe(true);
    // No target for a region: none is shown.
    const byRegion = await open("I1", `?region=${regionCodes[0]}`);
    expect(byRegion?.selection?.hasTargets).toBe(false);
    expect(byRegion?.series.every((point) => point.selectionTarget === null)).toBe(true);
  });

  it("falls back to the defaults on values it cannot read, and ignores a filter the indicator cannot answer", async () => {
    const page = await open("I1", "?asOf=yesterday&from=2025-13-45&region=atlantis&gender=robots");
    expect(page?.filters).toEqual({ asOf: today, from: page?.plan.startDate, region: null, gender: null });
    // A day with the right shape that is not a day of the calendar is unreadable too (PostgreSQL would refuse it).
    const notADay = await open("I1", "?asOf=2025-02-30&from=2025-02-29");
    expect(notADay?.filters).toMatchObject({ asOf: today, from: notADay?.plan.startDate });
    expect(page?.selection).toBeNull();
    // I4 is broken down by region only: a gender filter means nothing there.
    const regionOnly = await open("I4", `?gender=women&region=${regionCodes[1]}`);
    expect(regionOnly?.filters).toMatchObject({ region: regionCodes[1], gender: null });
  });

  it("answers nothing (the route's 404) for an unknown indicator, an unknown plan or a viewer outside the plan", async () => {
    expect(await open("NO-SUCH")).toBeNull();
    expect(
      await asPlanPage(getIndicatorDashboard, {
        db: database.db,
        slug: "no-such-plan",
        code: "I1",
        viewer: board,
        url: indicatorUrl("I1"),
        today,
      }),
    ).toBeNull();
    expect(await open("I1", "", consultant)).toBeNull();
  });

  it("lists the approved entries behind the periods, with evidence, and links them for those who may open them", async () => {
    const page = await open("I1", "", officer);
    if (!page) throw new Error("no page");
    expect(page.entries.length).toBeGreaterThan(0);
    const shownPeriods = new Set(page.series.map((point) => point.key));
    expect(page.entries.every((entry) => shownPeriods.has(entry.periodKey))).toBe(true);
    expect(page.entries.every((entry) => entry.canOpen)).toBe(true);
    expect((await open("I1", "", board))?.entries.every((entry) => !entry.canOpen)).toBe(true);

    await inRollback(database.db, async (tx) => {
      const entryId = page.entries[0]?.id as string;
      await tx.insert(entryEvidence).values([
        { entryId, url: "https://example.org/report.pdf" },
        {
          entryId,
          fileName: "sheet.pdf",
          contentType: "application/pdf",
          size: 3,
          content: Buffer.from("pdf"),
        },
      ]);
      const forOfficer = (await open("I1", "", officer, tx))?.entries.find((entry) => entry.id === entryId);
      expect(forOfficer?.evidence.map((item) => [item.kind, item.url])).toEqual([
        ["link", "https://example.org/report.pdf"],
        ["file", expect.stringMatching(new RegExp(`^/entries/${entryId}/evidence/`))],
      ]);
      // The board sees the link and the file's name, not a download it could not open.
      const forBoard = (await open("I1", "", board, tx))?.entries.find((entry) => entry.id === entryId);
      expect(forBoard?.evidence.map((item) => [item.kind, item.url])).toEqual([
        ["link", "https://example.org/report.pdf"],
        ["file", null],
      ]);
    });
  });

  it("cites the source of a figure taken from one (NSWP)", async () => {
    const page = await asPlanPage(getIndicatorDashboard, {
      db: database.db,
      slug: "2013-2015",
      code: "I5",
      viewer: board,
      url: new URL("http://localhost/plans/2013-2015/dashboard/indicators/I5?asOf=2015-12-31"),
      today,
    });
    expect(page?.entries.length).toBeGreaterThan(0);
    expect(page?.entries.every((entry) => entry.citation !== null)).toBe(true);
  });
});

describe("what a funder sees", () => {
  /** In a rollback: the demo plan's elements, I1's id, and the funder funding O1.S2 (I1 measures O1.S2.A1). */
  async function funding(tx: typeof database.db) {
    const [plan] = await tx.select().from(plans).where(eq(plans.slug, demoPlanSlug));
    const planElements = await tx
      .select({ id: elements.id, code: elements.code })
      .from(elements)
      .where(eq(elements.planId, plan?.id as string));
    const idOf = (code: string) => planElements.find((element) => element.code === code)?.id as string;
    await tx.insert(fundedElements).values({ funderCode: "test-foundation", elementId: idOf("O1.S2") });
    const [i1] = await tx
      .select({ id: indicators.id })
      .from(indicators)
      .where(and(eq(indicators.planId, plan?.id as string), eq(indicators.code, "I1")));
    return { idOf, i1: i1?.id as string };
  }
  const approvedIn = (
    indicatorId: string,
    elementId: string | null,
    value: number,
    breakdown: { values: Record<string, string>; value: number }[],
  ) => ({
    indicatorId,
    periodKey: "2026-Q3",
    status: "approved" as const,
    value,
    breakdown,
    reportedOn: "2026-10-02",
    elementId,
    submittedAt: new Date("2026-10-02T10:00:00Z"),
    decidedAt: new Date("2026-10-03T10:00:00Z"),
  });
  const q3 = (page: { series: { key: string; actual: number | null }[] } | null) =>
    page?.series.find((point) => point.key === "2026-Q3")?.actual;

  it("figures counting only the entries in its scope: an entry logged outside it counts for the M&E officer only", async () => {
    await inRollback(database.db, async (tx) => {
      const { idOf, i1 } = await funding(tx);
      const region = regionCodes[0] as string;
      // An approved entry logged from the activity the funder funds…
      await tx
        .insert(progressEntries)
        .values(approvedIn(i1, idOf("O1.S2.A1"), 40, [{ values: { region, gender: "women" }, value: 40 }]));
      // What the M&E officer sees then is what the funder must keep seeing (small counts aside: threshold 1).
      const inScopeOnly = await open("I1", "", officer, tx);
      const overviewOf = (who: Viewer) =>
        asPlanPage(getPlanOverview, {
          db: tx,
          slug: demoPlanSlug,
          viewer: who,
          url: new URL(`http://localhost/plans/${demoPlanSlug}/dashboard`),
          today,
        });
      const overviewBefore = await overviewOf(officer);
      const regionsOf = () =>
        asPlanPage(getRegionDashboard, {
          db: tx,
          slug: demoPlanSlug,
          viewer: funder,
          url: regionsUrl(),
          today,
          smallCountThreshold: 1,
        });
      const regionsBefore = await regionsOf();
      // …and one logged from an activity it does not fund, for the same indicator and period.
      await tx
        .insert(progressEntries)
        .values(approvedIn(i1, idOf("O3.S1.A1"), 7, [{ values: { region, gender: "men" }, value: 7 }]));

      const forOfficer = await open("I1", "", officer, tx);
      const forFunder = await asPlanPage(getIndicatorDashboard, {
        db: tx,
        slug: demoPlanSlug,
        code: "I1",
        viewer: funder,
        url: indicatorUrl("I1"),
        today,
        smallCountThreshold: 1,
      });
      if (!forOfficer || !forFunder || !inScopeOnly) throw new Error("no page");
      expect(forFunder.scoped).toBe(true);
      // The M&E officer's figures count both entries; the funder's the one in its scope only.
      expect(q3(forOfficer)).toBe((q3(inScopeOnly) ?? 0) + 7);
      expect(q3(forFunder)).toBe(q3(inScopeOnly));
      expect(forFunder.series).toEqual(inScopeOnly.series);
      expect(forFunder.status).toEqual(inScopeOnly.status);
      expect(forFunder.overRange).toBe(inScopeOnly.overRange);
      expect(forFunder.breakdowns).toEqual(inScopeOnly.breakdowns);
      // Not the entry logged outside its scope, and no count of the entries it does not see.
      const listed = (page: typeof forFunder) =>
        page.entries.map(({ id, periodKey, value, selected }) => ({ id, periodKey, value, selected }));
      expect(listed(forFunder)).toEqual(listed(inScopeOnly));
      expect(forFunder.entriesInRange).toBe(inScopeOnly.entriesInRange);
      expect(forFunder.entries.some((entry) => entry.value === 7)).toBe(false);
      expect(JSON.stringify(forFunder)).not.toMatch(/hidden/i);
      expect(forFunder.entries.every((entry) => !entry.canOpen)).toBe(true);

      // The overview and the region view alike.
      const overview = await overviewOf(funder);
      const i1Before = overviewBefore?.indicators.find((indicator) => indicator.code === "I1");
      const i1Now = overview?.indicators.find((indicator) => indicator.code === "I1");
      expect(i1Now?.actual).toBe(i1Before?.actual);
      expect(i1Now?.percentOfExpected).toBe(i1Before?.percentOfExpected);
      expect((await overviewOf(officer))?.indicators.find((row) => row.code === "I1")?.actual).not.toBe(
        i1Before?.actual,
      );
      const regions = await regionsOf();
      expect(regions?.indicators.map((row) => row.code)).toEqual(["I1"]);
      const there = (view: typeof regions) => view?.regions.find((candidate) => candidate.code === region);
      expect(there(regions)?.entryCount).toBe(there(regionsBefore)?.entryCount);
      expect(regions?.indicators).toEqual(regionsBefore?.indicators);
      expect(JSON.stringify(regions)).not.toMatch(/hidden/i);

      // An indicator measuring only what it does not fund is not there at all.
      expect(await open("I12", "", funder, tx)).toBeNull();
    });
  });

  it("the same on the indicator page: actuals, values with targets and entry breakdowns", async () => {
    await inRollback(database.db, async (tx) => {
      const { idOf, i1 } = await funding(tx);
      const region = regionCodes[0] as string;
      const detailOf = (who: Viewer) =>
        asPlanPage(getIndicatorDetail, {
          db: tx,
          slug: demoPlanSlug,
          code: "I1",
          viewer: who,
          canManage: false,
        });
      const before = await detailOf(funder);
      await tx
        .insert(progressEntries)
        .values(approvedIn(i1, idOf("O3.S1.A1"), 7, [{ values: { region, gender: "trans" }, value: 7 }]));
      const forOfficer = await detailOf(officer);
      const forFunder = await detailOf(funder);
      const q3Of = (detail: typeof before) =>
        detail?.periods.find((period) => period.key === "2026-Q3")?.actual;
      expect(q3Of(forOfficer)).toBe((q3Of(before) ?? 0) + 7);
      expect(q3Of(forFunder)).toBe(q3Of(before));
      expect(forFunder?.entries.some((entry) => entry.value === 7)).toBe(false);
      // An in-scope entry's breakdown: a cell of 2 is "< 5" for the funder, 2 for the M&E officer.
      await tx.insert(progressEntries).values(
        approvedIn(i1, idOf("O1.S2.A1"), 22, [
          { values: { region, gender: "women" }, value: 2 },
          { values: { region, gender: "men" }, value: 20 },
        ]),
      );
      const cellsOf = async (who: Viewer) =>
        (await detailOf(who))?.entries
          .find((entry) => entry.value === 22)
          ?.breakdown?.map((cell) => cell.value);
      expect(await cellsOf(officer)).toEqual([2, 20]);
      expect(await cellsOf(funder)).toEqual([{ lessThan: 5 }, { lessThan: 5 }]);
    });
  });

  it("an entry logged from no element counts only where its indicator measures nothing but what the funder funds", async () => {
    await inRollback(database.db, async (tx) => {
      const { i1 } = await funding(tx);
      // I1 measures O1.S2.A1 only, which the funder funds: an imported entry (no element) can only be about that.
      await tx.insert(progressEntries).values({ ...approvedIn(i1, null, 9, []), breakdown: null });
      const forOfficer = await open("I1", "", officer, tx);
      const forFunder = await open("I1", "", funder, tx);
      expect(q3(forFunder)).toBe(q3(forOfficer));
      // I13 measures O1, which the funder sees only as the objective above what it funds: its entries, logged from
      // no element, may be about anyone's work there, so none counts for the funder.
      const overviewOf = async (who: Viewer) =>
        (
          await asPlanPage(getPlanOverview, {
            db: tx,
            slug: demoPlanSlug,
            viewer: who,
            url: new URL(`http://localhost/plans/${demoPlanSlug}/dashboard`),
            today,
          })
        )?.indicators.find((indicator) => indicator.code === "I13");
      const i13 = await overviewOf(funder);
      expect(i13).toBeDefined();
      expect((await overviewOf(board))?.actual).not.toBeNull();
      expect(i13?.actual).toBeNull();
      expect((await open("I13", "", funder, tx))?.entries).toEqual([]);
    });
  });

  /** In a rollback: I1's 2026-Q3 holds one approved entry in the funder's scope, 3 women and 12 men. */
  async function smallCell(tx: typeof database.db) {
    const { idOf, i1 } = await funding(tx);
    const region = regionCodes[0] as string;
    await tx
      .delete(periodLocks)
      .where(and(eq(periodLocks.indicatorId, i1), eq(periodLocks.periodKey, "2026-Q3")));
    await tx
      .delete(progressEntries)
      .where(and(eq(progressEntries.indicatorId, i1), eq(progressEntries.periodKey, "2026-Q3")));
    await tx.insert(progressEntries).values(
      approvedIn(i1, idOf("O1.S2.A1"), 15, [
        { values: { region, gender: "women" }, value: 3 },
        { values: { region, gender: "men" }, value: 12 },
      ]),
    );
  }
  const genderRow = (page: Awaited<ReturnType<typeof open>>) =>
    page?.breakdowns.find((b) => b.dimension === "gender")?.periods.find((row) => row.key === "2026-Q3");

  it("a breakdown cell of 3 as “< 5”, with a second cell of its row, while staff and the board see 3", async () => {
    await inRollback(database.db, async (tx) => {
      await smallCell(tx);
      const forFunder = await open("I1", "", funder, tx);
      const row = genderRow(forFunder);
      expect(row?.values.women).toEqual({ lessThan: 5 });
      // One suppressed cell beside the total would be given away: the smallest other one (trans, 0) goes too.
      expect(row?.values.trans).toEqual({ lessThan: 5 });
      // Totals are not suppressed.
      expect(row?.total).toBe(15);
      expect(q3(forFunder)).toBe(15);
      for (const who of [board, officer, viewer("00000000-0000-0000-0000-0000000000a1", ["staff"])]) {
        const row = genderRow(await open("I1", "", who, tx));
        expect(row?.values.women, who.roles[0]).toBe(3);
        expect(row?.values.trans, who.roles[0]).toBe(0);
      }
      // The selected figure (women) and the entry's value for it are suppressed alike: the value never leaves.
      const women = await open("I1", "?gender=women", funder, tx);
      expect(women?.series.find((point) => point.key === "2026-Q3")?.selected).toEqual({ lessThan: 5 });
      const entry = women?.entries.find((candidate) => candidate.periodKey === "2026-Q3");
      expect(entry).toMatchObject({ value: 15, selected: { lessThan: 5 } });
      const byRegion = women?.breakdowns.find((b) => b.dimension === "region");
      const regionQ3 = byRegion?.periods.find((row) => row.key === "2026-Q3");
      expect(regionQ3?.values[regionCodes[0] as string]).toEqual({ lessThan: 5 });
      // The board sees the women's 3.
      const forBoard = await open("I1", "?gender=women", board, tx);
      expect(forBoard?.series.find((point) => point.key === "2026-Q3")?.selected).toBe(3);
    });
  });

  it("follows the installation's threshold", async () => {
    await inRollback(database.db, async (tx) => {
      await smallCell(tx);
      const withThreshold = async (threshold: number) =>
        genderRow(
          await asPlanPage(getIndicatorDashboard, {
            db: tx,
            slug: demoPlanSlug,
            code: "I1",
            viewer: funder,
            url: indicatorUrl("I1"),
            today,
            smallCountThreshold: threshold,
          }),
        );
      expect((await withThreshold(3))?.values).toMatchObject({ women: 3, men: 12, trans: 0 });
      expect((await withThreshold(20))?.values).toMatchObject({
        women: { lessThan: 20 },
        men: { lessThan: 20 },
      });
    });
  });
});

describe("the region view", () => {
  it("gives each region of the list the actual of each indicator broken down by region, adding up to the total", async () => {
    const view = await asPlanPage(getRegionDashboard, {
      db: database.db,
      slug: demoPlanSlug,
      viewer: board,
      url: regionsUrl(),
      today,
    });
    if (!view) throw new Error("no view");
    expect(view.regions.map((region) => region.code)).toEqual(regionCodes);
    expect(view.indicators.map((row) => row.code)).toEqual(["I1", "I2", "I4", "I7"]);
    for (const row of view.indicators) {
      const parts =
        regionCodes.reduce((sum, code) => sum + (n(row.values[code]) ?? 0), 0) + (n(row.notBrokenDown) ?? 0);
      expect(parts, row.code).toBeCloseTo(n(row.total) ?? 0, 9);
    }
    // The same figure as the indicator page's region breakdown over the periods shown.
    const page = await open("I1");
    const byRegion = page?.breakdowns.find((breakdown) => breakdown.dimension === "region");
    const i1 = view.indicators.find((row) => row.code === "I1");
    for (const code of regionCodes) expect(i1?.values[code], code).toBe(byRegion?.overRange.values[code]);
    expect(view.regions.some((region) => region.entryCount > 0 && region.entries.length > 0)).toBe(true);
  });

  it("gives the indicator page's figures over a later range too: flows over the range, running totals to its end", async () => {
    const whole = await open("I1");
    const from = whole?.series[Math.floor((whole?.series.length ?? 0) / 2)]?.start as string;
    const view = await asPlanPage(getRegionDashboard, {
      db: database.db,
      slug: demoPlanSlug,
      viewer: board,
      url: regionsUrl(`?from=${from}`),
      today,
    });
    for (const row of view?.indicators ?? []) {
      const page = await open(row.code, `?from=${from}`);
      const byRegion = page?.breakdowns.find((breakdown) => breakdown.dimension === "region");
      expect(row.reading === "per_period" || row.reading === "cumulative" || row.reading === "latest").toBe(
        true,
      );
      for (const code of regionCodes)
        expect(row.values[code], `${row.code} ${code}`).toBe(byRegion?.overRange.values[code]);
      expect(row.total, row.code).toBe(byRegion?.overRange.total);
    }
    // A running total keeps what came before the range (I2 is one).
    const i2 = view?.indicators.find((row) => row.code === "I2");
    expect(i2?.reading).toBe("cumulative");
    expect(i2?.total).toBe(
      (await open("I2"))?.breakdowns.find((b) => b.dimension === "region")?.overRange.total,
    );
  });

  it("narrows every figure to a gender, and has no figure for an indicator not broken down by gender", async () => {
    const view = await asPlanPage(getRegionDashboard, {
      db: database.db,
      slug: demoPlanSlug,
      viewer: board,
      url: regionsUrl("?gender=trans"),
      today,
    });
    const whole = await asPlanPage(getRegionDashboard, {
      db: database.db,
      slug: demoPlanSlug,
      viewer: board,
      url: regionsUrl(),
      today,
    });
    if (!view || !whole) throw new Error("no view");
    expect(view.filters.gender).toBe("trans");
    const i1 = view.indicators.find((row) => row.code === "I1");
    const i1Whole = whole.indicators.find((row) => row.code === "I1");
    expect(i1?.genderApplies).toBe(true);
    expect(n(i1?.total) ?? 0).toBeLessThan(n(i1Whole?.total) ?? 0);
    const i4 = view.indicators.find((row) => row.code === "I4");
    expect(i4).toMatchObject({ genderApplies: false, total: null });
    expect(Object.values(i4?.values ?? {}).every((value) => value === null)).toBe(true);
  });

  it("falls back to the defaults on unreadable filters, and answers nothing outside the plan", async () => {
    const view = await asPlanPage(getRegionDashboard, {
      db: database.db,
      slug: demoPlanSlug,
      viewer: board,
      url: regionsUrl("?asOf=soon&from=&gender=everyone"),
      today,
    });
    expect(view?.filters).toEqual({ asOf: today, from: view?.plan.startDate, gender: null });
    expect(
      await asPlanPage(getRegionDashboard, {
        db: database.db,
        slug: demoPlanSlug,
        viewer: consultant,
        url: regionsUrl(),
        today,
      }),
    ).toBeNull();
    expect(
      await asPlanPage(getRegionDashboard, {
        db: database.db,
        slug: "no-such-plan",
        viewer: board,
        url: regionsUrl(),
        today,
      }),
    ).toBeNull();
  });
});
