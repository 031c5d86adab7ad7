import { readFileSync } from "node:fs";
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoAccounts } from "../../app/auth/demo.server";
import type { Viewer } from "../../app/auth/policy";
import { getIndicatorDashboard } from "../../app/dashboards/indicator.server";
import {
  AssignmentRefused,
  changeAssignments,
  getAssignments,
  pairKey,
} from "../../app/indicators/assignments.server";
import type { IndicatorDefinition } from "../../app/indicators/definition";
import type { IndicatorsFile } from "../../app/indicators/format";
import {
  createIndicator,
  getIndicatorDetail,
  getIndicatorHistory,
  getIndicatorRevision,
  IndicatorProblem,
  listIndicators,
  updateIndicator,
} from "../../app/indicators/manage.server";
import { importIndicators } from "../../app/indicators/store.server";
import { getElementDetail } from "../../app/plan-graph/queries.server";
import { seedNswp } from "../../app/plan-graph/seed.server";
import type { Database, Db } from "../../db/client";
import {
  auditEvents,
  elementAssignees,
  elements,
  indicatorRevisions,
  indicators,
  indicatorTargets,
  plans,
  progressEntries,
  users,
} from "../../db/schema";
import { citedTarget } from "../fixtures/cited-targets";
import { createTestDatabase, inRollback } from "../support/database";
import { asPlanPage } from "../support/plan-query";

let database: Database;
let officer: Viewer;
let funder: Viewer;
let staffId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedNswp({ db: database.db, actor: "test" });
  await seedDemoAccounts({ db: database.db, appSecret: "a-test-secret-of-at-least-32-characters" });
  const people = await database.db.select().from(users);
  const id = (email: string) => people.find((person) => person.email === email)?.id as string;
  officer = {
    id: id("meo@example.org"),
    email: "meo@example.org",
    name: "Mena",
    roles: ["me_officer"],
    funderCode: null,
    hasSecondFactor: false,
  };
  funder = {
    id: id("funder@example.org"),
    email: "funder@example.org",
    name: "Fran",
    roles: ["funder"],
    funderCode: "demo-foundation",
    hasSecondFactor: false,
  };
  staffId = id("staff@example.org");
});
afterAll(async () => {
  await database?.close();
});

const by = () => ({ id: officer.id, actor: `user:${officer.id}` });

async function planId(db: Db, slug = "2013-2015") {
  const [plan] = await db.select({ id: plans.id }).from(plans).where(eq(plans.slug, slug));
  return plan?.id as string;
}

/** Leaders trained per year in 2013–2015, disaggregated by region and gender. */
const leadersTrained = (): IndicatorDefinition => ({
  code: "T1",
  name: { en: "Leaders trained", fr: "Leaders formés" },
  definition: { en: "People who completed the training." },
  measure: "number",
  scale: null,
  unit: { en: "people" },
  direction: "increase",
  tolerance: null,
  aggregation: "per_period",
  frequency: "annual",
  baselineValue: 10,
  baselineDate: "2012-12-31",
  baselineNote: null,
  dimensions: [{ code: "region" }, { code: "gender" }],
  meansOfVerification: { en: "Attendance sheets" },
  dataSource: null,
  responsibleId: null,
  elements: ["O2.S1.A1"],
  targets: [
    { periodKey: "2013", cell: {}, value: 20 },
    { periodKey: "2014", cell: {}, value: 30 },
    { periodKey: "2015", cell: {}, value: 40 },
  ],
});

async function addEntry(
  db: Db,
  indicatorId: string,
  values: Partial<typeof progressEntries.$inferInsert> & { periodKey: string; value: number },
) {
  const [row] = await db
    .insert(progressEntries)
    .values({
      indicatorId,
      status: "approved",
      reportedOn: "2014-01-15",
      // Written before the changes the test makes (in real use, in an earlier transaction).
      createdAt: new Date(Date.now() - 3_600_000),
      ...values,
    })
    .returning();
  return row as typeof progressEntries.$inferSelect;
}

const problemOf = async (work: Promise<unknown>) => {
  const error = await work.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(IndicatorProblem);
  return (error as IndicatorProblem).problems;
};

/** What a refused change must leave as it was. */
async function state(db: Db, indicatorId: string) {
  return {
    indicator: (await db.select().from(indicators).where(eq(indicators.id, indicatorId)))[0],
    targets: await db
      .select()
      .from(indicatorTargets)
      .where(eq(indicatorTargets.indicatorId, indicatorId))
      .orderBy(asc(indicatorTargets.periodKey), asc(indicatorTargets.cellKey)),
    revisions: await db
      .select()
      .from(indicatorRevisions)
      .where(eq(indicatorRevisions.indicatorId, indicatorId)),
    entries: await db
      .select()
      .from(progressEntries)
      .where(eq(progressEntries.indicatorId, indicatorId))
      .orderBy(asc(progressEntries.id)),
    audit: (await db.select().from(auditEvents).where(eq(auditEvents.entityId, indicatorId))).length,
  };
}

describe("creating an indicator", () => {
  it("writes revision 1 with its targets and elements, audited; a second one with the same code is refused", async () => {
    await inRollback(database.db, async (tx) => {
      const plan = await planId(tx);
      const id = await createIndicator({ db: tx, by: by(), planId: plan, definition: leadersTrained() });
      const { indicator, targets } = await state(tx, id);
      expect(indicator).toMatchObject({ code: "T1", revision: 1, aggregation: "per_period" });
      expect(targets.map((t) => [t.periodKey, t.value])).toEqual([
        ["2013", 20],
        ["2014", 30],
        ["2015", 40],
      ]);
      const [audit] = await tx.select().from(auditEvents).where(eq(auditEvents.entityId, id));
      expect(audit).toMatchObject({ action: "indicator.create", actor: `user:${officer.id}` });
      expect((audit?.after as { elements: string[] } | undefined)?.elements).toEqual(["O2.S1.A1"]);

      const before = await tx.select().from(indicators).where(eq(indicators.planId, plan));
      const problems = await problemOf(
        createIndicator({
          db: tx,
          by: by(),
          planId: plan,
          definition: { ...leadersTrained(), name: { en: "Other" } },
        }),
      );
      expect(problems).toEqual([{ field: "code", message: { key: "indicators.error.codeTaken" } }]);
      expect(await tx.select().from(indicators).where(eq(indicators.planId, plan))).toEqual(before);
    });
  });
});

describe("changing an indicator before any result", () => {
  it("keeps the previous version as a revision without needing a rationale; the same form twice changes nothing", async () => {
    await inRollback(database.db, async (tx) => {
      const id = await createIndicator({
        db: tx,
        by: by(),
        planId: await planId(tx),
        definition: leadersTrained(),
      });
      // Drafts are not results.
      await addEntry(tx, id, { periodKey: "2014", value: 3, status: "draft" });
      const changed = {
        ...leadersTrained(),
        name: { en: "Community leaders trained", fr: "Leaders communautaires formés" },
        targets: [{ periodKey: "2015", cell: {}, value: 50 }],
      };
      const result = await updateIndicator({
        db: tx,
        by: by(),
        indicatorId: id,
        expectedRevision: 1,
        definition: changed,
        rationale: null,
      });
      expect(result).toEqual({ changed: ["wording", "targets"], revision: 2 });
      const after = await state(tx, id);
      expect(after.indicator?.revision).toBe(2);
      expect(after.targets.map((t) => [t.periodKey, t.value])).toEqual([["2015", 50]]);
      expect(after.revisions).toHaveLength(1);
      expect(after.revisions[0]).toMatchObject({ revision: 1, rationale: null, replacedBy: officer.id });
      expect((after.revisions[0]?.snapshot as IndicatorDefinition | undefined)?.name).toEqual({
        en: "Leaders trained",
        fr: "Leaders formés",
      });

      // A double submit of the same form: nothing more happens.
      const again = await updateIndicator({
        db: tx,
        by: by(),
        indicatorId: id,
        expectedRevision: 1,
        definition: changed,
        rationale: null,
      });
      expect(again).toEqual({ changed: [], revision: 2 });
      expect((await state(tx, id)).revisions).toHaveLength(1);
    });
  });

  it("refuses a form opened on an older revision (someone changed it since)", async () => {
    await inRollback(database.db, async (tx) => {
      const id = await createIndicator({
        db: tx,
        by: by(),
        planId: await planId(tx),
        definition: leadersTrained(),
      });
      await updateIndicator({
        db: tx,
        by: by(),
        indicatorId: id,
        expectedRevision: 1,
        definition: { ...leadersTrained(), unit: { en: "leaders" } },
        rationale: null,
      });
      const before = await state(tx, id);
      const problems = await problemOf(
        updateIndicator({
          db: tx,
          by: by(),
          indicatorId: id,
          expectedRevision: 1,
          definition: { ...leadersTrained(), unit: { en: "persons" } },
          rationale: null,
        }),
      );
      expect(problems).toEqual([
        { field: "form", message: { key: "indicators.error.stale", values: { revision: 2 } } },
      ]);
      expect(await state(tx, id)).toEqual(before);
    });
  });
});

describe("changing an indicator once results exist", () => {
  const sensitiveChanges: [string, (d: IndicatorDefinition) => IndicatorDefinition][] = [
    ["targets", (d) => ({ ...d, targets: d.targets.map((t) => ({ ...t, value: t.value + 5 })) })],
    ["baseline", (d) => ({ ...d, baselineValue: 12 })],
    ["dimensions", (d) => ({ ...d, dimensions: [{ code: "region" }] })],
    ["aggregation", (d) => ({ ...d, aggregation: "cumulative" })],
    ["direction", (d) => ({ ...d, direction: "maintain", tolerance: 2 })],
  ];

  for (const [group, change] of sensitiveChanges) {
    it(`refuses a change to the ${group} without a rationale, and changes nothing`, async () => {
      await inRollback(database.db, async (tx) => {
        const id = await createIndicator({
          db: tx,
          by: by(),
          planId: await planId(tx),
          definition: leadersTrained(),
        });
        await addEntry(tx, id, { periodKey: "2014", value: 7, status: "submitted" });
        const before = await state(tx, id);
        for (const rationale of [null, ""]) {
          const problems = await problemOf(
            updateIndicator({
              db: tx,
              by: by(),
              indicatorId: id,
              expectedRevision: 1,
              definition: change(leadersTrained()),
              rationale: rationale || null,
            }),
          );
          expect(problems).toEqual([
            {
              field: "rationale",
              message: { key: "indicators.error.rationaleRequired", values: { count: 1, changes: group } },
            },
          ]);
        }
        expect(await state(tx, id)).toEqual(before);
      });
    });
  }

  it("accepts it with a rationale: audited with before, after and rationale; the earlier targets stay readable", async () => {
    await inRollback(database.db, async (tx) => {
      const id = await createIndicator({
        db: tx,
        by: by(),
        planId: await planId(tx),
        definition: leadersTrained(),
      });
      const entry = await addEntry(tx, id, { periodKey: "2014", value: 25 });
      const raised = { ...leadersTrained(), targets: [{ periodKey: "2014", cell: {}, value: 35 }] };
      await updateIndicator({
        db: tx,
        by: by(),
        indicatorId: id,
        expectedRevision: 1,
        definition: raised,
        rationale: "The 2014 budget doubled.",
      });
      const [revision] = await tx
        .select()
        .from(indicatorRevisions)
        .where(eq(indicatorRevisions.indicatorId, id));
      expect(revision?.rationale).toBe("The 2014 budget doubled.");
      const audits = await tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "indicator.update")));
      expect(audits).toHaveLength(1);
      expect(audits[0]?.rationale).toBe("The 2014 budget doubled.");
      expect((audits[0]?.before as IndicatorDefinition | undefined)?.targets).toHaveLength(3);
      expect((audits[0]?.after as IndicatorDefinition | undefined)?.targets).toEqual([
        { periodKey: "2014", cell: {}, value: 35 },
      ]);

      // Revision 1 reads as it was, with its targets and the rationale of the change that replaced it.
      const old = await asPlanPage(getIndicatorRevision, {
        db: tx,
        slug: "2013-2015",
        code: "T1",
        revision: 1,
        viewer: officer,
      });
      expect(old?.isCurrent).toBe(false);
      expect(old?.snapshot.targets.map((t) => t.value)).toEqual([20, 30, 40]);
      expect(old?.replaced).toMatchObject({
        rationale: "The 2014 budget doubled.",
        changes: ["targets"],
        by: "Mena M&E Officer",
      });
      expect(old?.entries.map((e) => e.id)).toEqual([entry.id]);
      const current = await asPlanPage(getIndicatorRevision, {
        db: tx,
        slug: "2013-2015",
        code: "T1",
        revision: 2,
        viewer: officer,
      });
      expect(current?.isCurrent).toBe(true);
      expect(
        await asPlanPage(getIndicatorRevision, {
          db: tx,
          slug: "2013-2015",
          code: "T1",
          revision: 3,
          viewer: officer,
        }),
      ).toBeNull();
      const history = await asPlanPage(getIndicatorHistory, {
        db: tx,
        slug: "2013-2015",
        code: "T1",
        viewer: officer,
      });
      expect(history?.history.map((h) => [h.revision, h.changes, h.rationale])).toEqual([
        [1, ["targets"], "The 2014 budget doubled."],
      ]);
      // The entry is untouched, and the page reads it against the new target.
      expect((await tx.select().from(progressEntries).where(eq(progressEntries.id, entry.id)))[0]).toEqual(
        entry,
      );
      const detail = await asPlanPage(getIndicatorDetail, {
        db: tx,
        slug: "2013-2015",
        code: "T1",
        viewer: officer,
        canManage: true,
      });
      const period2014 = detail?.periods.find((p) => p.key === "2014");
      expect(period2014).toMatchObject({ target: 35, actual: 25 });
      // (25 − baseline 10) / (35 − 10)
      expect(period2014?.percent).toBeCloseTo(60);
    });
  });

  it("never lets the measure or the frequency change, even with a rationale", async () => {
    await inRollback(database.db, async (tx) => {
      const id = await createIndicator({
        db: tx,
        by: by(),
        planId: await planId(tx),
        definition: leadersTrained(),
      });
      await addEntry(tx, id, { periodKey: "2014", value: 7, status: "returned" });
      const before = await state(tx, id);
      const problems = await problemOf(
        updateIndicator({
          db: tx,
          by: by(),
          indicatorId: id,
          expectedRevision: 1,
          definition: { ...leadersTrained(), measure: "percentage", frequency: "quarterly", targets: [] },
          rationale: "Reporting quarterly from now on.",
        }),
      );
      expect(problems.map((p) => p.field)).toEqual(["measure", "frequency"]);
      expect(await state(tx, id)).toEqual(before);
    });
  });

  it("keeps every reported breakdown when a dimension is removed, shown as reported under the earlier revision", async () => {
    await inRollback(database.db, async (tx) => {
      const id = await createIndicator({
        db: tx,
        by: by(),
        planId: await planId(tx),
        definition: leadersTrained(),
      });
      const breakdown = [
        { values: { region: "africa", gender: "women" }, value: 6 },
        { values: { region: "africa", gender: "trans" }, value: 3 },
        { values: { region: "europe", gender: "men" }, value: 2 },
      ];
      await addEntry(tx, id, { periodKey: "2013", value: 11, breakdown });
      await addEntry(tx, id, {
        periodKey: "2014",
        value: 4,
        status: "submitted",
        breakdown: [{ values: { region: "asia-pacific", gender: "women" }, value: 4 }],
      });
      const before = await state(tx, id);
      await updateIndicator({
        db: tx,
        by: by(),
        indicatorId: id,
        expectedRevision: 1,
        definition: { ...leadersTrained(), dimensions: [{ code: "region" }] },
        rationale: "Gender is now collected by a separate survey.",
      });
      const after = await state(tx, id);
      expect(after.entries).toEqual(before.entries);
      expect(after.indicator?.dimensions).toEqual([{ code: "region" }]);

      const detail = await asPlanPage(getIndicatorDetail, {
        db: tx,
        slug: "2013-2015",
        code: "T1",
        viewer: officer,
        canManage: true,
      });
      expect(detail?.entries).toHaveLength(1);
      expect(detail?.entries[0]).toMatchObject({
        breakdown,
        reportedUnder: 1,
        earlierDimensions: true,
        value: 11,
      });
      expect(detail?.statusCounts).toEqual({ approved: 1, submitted: 1 });
      const old = await asPlanPage(getIndicatorRevision, {
        db: tx,
        slug: "2013-2015",
        code: "T1",
        revision: 1,
        viewer: officer,
      });
      expect(old?.dimensions.map((d) => d.code)).toEqual(["region", "gender"]);
      expect(old?.entries[0]?.breakdown).toEqual(breakdown);
    });
  });

  it("lets a milestone scale grow or be reworded, but not lose a level that entries use", async () => {
    await inRollback(database.db, async (tx) => {
      const scale = ["Not started", "Drafted", "Adopted"].map((en) => ({ label: { en } }));
      const milestone: IndicatorDefinition = {
        ...leadersTrained(),
        code: "M1",
        measure: "qualitative",
        scale,
        unit: null,
        aggregation: "latest",
        dimensions: [],
        baselineValue: 0,
        targets: [{ periodKey: "2015", cell: {}, value: 2 }],
      };
      const id = await createIndicator({ db: tx, by: by(), planId: await planId(tx), definition: milestone });
      await addEntry(tx, id, { periodKey: "2014", value: 2 });
      const problems = await problemOf(
        updateIndicator({
          db: tx,
          by: by(),
          indicatorId: id,
          expectedRevision: 1,
          definition: {
            ...milestone,
            scale: scale.slice(0, 2),
            targets: [{ periodKey: "2015", cell: {}, value: 1 }],
          },
          rationale: "Fewer stages.",
        }),
      );
      expect(problems).toEqual([
        { field: "scale", message: { key: "indicators.error.scaleInUse", values: { levels: 3 } } },
      ]);
      const grown = await updateIndicator({
        db: tx,
        by: by(),
        indicatorId: id,
        expectedRevision: 1,
        definition: { ...milestone, scale: [...scale, { label: { en: "Implemented" } }] },
        rationale: "A fourth stage after adoption.",
      });
      expect(grown.revision).toBe(2);
    });
  });
});

describe("changing an indicator through an indicators file", () => {
  it("keeps the version the file replaces, as the page does", async () => {
    await inRollback(database.db, async (tx) => {
      const file = JSON.parse(readFileSync("seeds/nswp/indicators.json", "utf8")) as IndicatorsFile;
      const first = file.indicators[0] as IndicatorsFile["indicators"][number];
      const [before] = await tx
        .select()
        .from(indicators)
        .where(and(eq(indicators.planId, await planId(tx, first.plan)), eq(indicators.code, first.code)));
      first.aggregation = first.aggregation === "latest" ? "cumulative" : "latest";
      await importIndicators({ db: tx, file, actor: "test" });
      const [after] = await tx
        .select()
        .from(indicators)
        .where(eq(indicators.id, before?.id ?? ""));
      expect(after?.revision).toBe((before?.revision ?? 0) + 1);
      const [kept] = await tx
        .select()
        .from(indicatorRevisions)
        .where(eq(indicatorRevisions.indicatorId, before?.id ?? ""));
      expect(kept).toMatchObject({
        revision: before?.revision,
        rationale: "Changed by an indicators file import (test).",
      });
      expect((kept?.snapshot as IndicatorDefinition | undefined)?.aggregation).toBe(before?.aggregation);
    });
  });
});

describe("targets a source states", () => {
  it("keep their citation through a change that keeps their value, lose it when a person changes the value, and show it", async () => {
    await inRollback(database.db, async (tx) => {
      const id = await createIndicator({
        db: tx,
        by: by(),
        planId: await planId(tx),
        definition: leadersTrained(),
      });
      // As the indicators importer stores a target a source states (tests/integration/indicators.test.ts).
      await tx
        .update(indicatorTargets)
        .set({
          citationSourceId: citedTarget.citation.source,
          citationSection: citedTarget.citation.section,
          citationQuote: citedTarget.citation.quote,
        })
        .where(and(eq(indicatorTargets.indicatorId, id), eq(indicatorTargets.periodKey, "2013")));
      const citationOf = async (periodKey: string) =>
        (await state(tx, id)).targets
          .filter((target) => target.periodKey === periodKey)
          .map((target) => [target.citationSourceId, target.citationSection, target.citationQuote]);
      const cited = [[citedTarget.citation.source, citedTarget.citation.section, citedTarget.citation.quote]];

      // The form carries no citation: another change keeps it, the targets unchanged.
      const renamed = { ...leadersTrained(), name: { en: "Community leaders trained" } };
      const first = await updateIndicator({
        db: tx,
        by: by(),
        indicatorId: id,
        expectedRevision: 1,
        definition: renamed,
        rationale: null,
      });
      expect(first).toEqual({ changed: ["wording"], revision: 2 });
      expect(await citationOf("2013")).toEqual(cited);
      // The same form again changes nothing (the kept citation is no change of targets).
      expect(
        await updateIndicator({
          db: tx,
          by: by(),
          indicatorId: id,
          expectedRevision: 2,
          definition: renamed,
          rationale: null,
        }),
      ).toEqual({ changed: [], revision: 2 });

      // The indicator page shows the target with its passage; so does the dashboards' indicator page.
      const detail = await asPlanPage(getIndicatorDetail, {
        db: tx,
        slug: "2013-2015",
        code: "T1",
        viewer: officer,
        canManage: true,
      });
      expect(detail?.targetSources).toEqual([
        {
          periodKey: "2013",
          value: 20,
          citation: expect.objectContaining({
            source: citedTarget.citation.source,
            section: citedTarget.citation.section,
            quote: citedTarget.citation.quote,
          }),
        },
      ]);
      const dashboard = await asPlanPage(getIndicatorDashboard, {
        db: tx,
        slug: "2013-2015",
        code: "T1",
        viewer: officer,
        url: new URL("http://localhost/plans/2013-2015/dashboard/indicators/T1?asOf=2015-12-31"),
        today: "2026-01-01",
      });
      expect(dashboard?.targetSources).toEqual(detail?.targetSources);

      // A person changes the value: the source no longer says it, so the citation goes; the revision keeps it.
      const changed = await updateIndicator({
        db: tx,
        by: by(),
        indicatorId: id,
        expectedRevision: 2,
        definition: {
          ...renamed,
          targets: renamed.targets.map((target) =>
            target.periodKey === "2013" ? { ...target, value: 25 } : target,
          ),
        },
        rationale: null,
      });
      expect(changed).toEqual({ changed: ["targets"], revision: 3 });
      expect(await citationOf("2013")).toEqual([[null, null, null]]);
      const kept = (await state(tx, id)).revisions.find((revision) => revision.revision === 2);
      expect((kept?.snapshot as IndicatorDefinition | undefined)?.targets).toContainEqual({
        periodKey: "2013",
        cell: {},
        value: 20,
        citation: { ...citedTarget.citation },
      });
      expect(
        (
          await asPlanPage(getIndicatorDetail, {
            db: tx,
            slug: "2013-2015",
            code: "T1",
            viewer: officer,
            canManage: true,
          })
        )?.targetSources,
      ).toEqual([]);
    });
  });
});

describe("reading indicators", () => {
  it("combines values as the roll-up does: a milestone is a level whatever its aggregation, ties broken by id", async () => {
    await inRollback(database.db, async (tx) => {
      const scale = ["Not started", "Drafted", "Consulted", "Adopted"].map((en) => ({ label: { en } }));
      await createIndicator({
        db: tx,
        by: by(),
        planId: await planId(tx),
        definition: {
          ...leadersTrained(),
          code: "M2",
          measure: "qualitative",
          scale,
          unit: null,
          // A per-period milestone: still read as the last level reported, never a sum of levels.
          aggregation: "per_period",
          dimensions: [],
          baselineValue: 0,
          targets: [{ periodKey: "2015", cell: {}, value: 3 }],
        },
      });
      const [row] = await tx
        .select({ id: indicators.id })
        .from(indicators)
        .where(and(eq(indicators.planId, await planId(tx)), eq(indicators.code, "M2")));
      const id = row?.id as string;
      // Two reports of one period, reported and written at the same moment: the roll-up ranks them by id.
      const at = new Date("2014-03-01T10:00:00Z");
      await addEntry(tx, id, { periodKey: "2013", value: 1, reportedOn: "2013-12-31", createdAt: at });
      await addEntry(tx, id, { periodKey: "2013", value: 2, reportedOn: "2013-12-31", createdAt: at });
      await addEntry(tx, id, { periodKey: "2014", value: 2 });
      const detail = await asPlanPage(getIndicatorDetail, {
        db: tx,
        slug: "2013-2015",
        code: "M2",
        viewer: officer,
        canManage: false,
      });
      const dashboard = await asPlanPage(getIndicatorDashboard, {
        db: tx,
        slug: "2013-2015",
        code: "M2",
        viewer: officer,
        url: new URL("http://localhost/plans/2013-2015/dashboard/indicators/M2?asOf=2015-12-31"),
        today: "2026-01-01",
      });
      expect(detail?.indicator.reading).toBe("latest");
      const actuals = detail?.periods.map((period) => [period.key, period.actual]);
      expect(actuals?.[1]).toEqual(["2014", 2]);
      expect([1, 2]).toContain(actuals?.[0]?.[1]);
      // The same numbers as the dashboards' indicator page and the roll-up.
      expect(actuals).toEqual(dashboard?.series.map((point) => [point.key, point.actual]));
      expect(detail?.overPlan.actual).toBe(dashboard?.status.actualOverPlan);
    });
  });

  it("computes targets against approved actuals per period, cumulative totals included, for the value of each cell", async () => {
    await inRollback(database.db, async (tx) => {
      const id = await createIndicator({
        db: tx,
        by: by(),
        planId: await planId(tx),
        definition: {
          ...leadersTrained(),
          aggregation: "cumulative",
          baselineValue: 0,
          targets: [
            { periodKey: "2013", cell: {}, value: 10 },
            { periodKey: "2014", cell: {}, value: 30 },
            { periodKey: "2014", cell: { gender: "women" }, value: 15 },
          ],
        },
      });
      await addEntry(tx, id, {
        periodKey: "2013",
        value: 8,
        breakdown: [
          { values: { region: "africa", gender: "women" }, value: 5 },
          { values: { region: "europe", gender: "men" }, value: 3 },
        ],
      });
      await addEntry(tx, id, {
        periodKey: "2014",
        value: 13,
        breakdown: [
          { values: { region: "africa", gender: "women" }, value: 4 },
          { values: { region: "europe", gender: "women" }, value: 9 },
        ],
      });
      await addEntry(tx, id, { periodKey: "2015", value: 100, status: "submitted" });
      const detail = await asPlanPage(getIndicatorDetail, {
        db: tx,
        slug: "2013-2015",
        code: "T1",
        viewer: officer,
        canManage: false,
      });
      expect(detail?.periods.map((p) => [p.key, p.target, p.reported, p.actual])).toEqual([
        ["2013", 10, 8, 8],
        ["2014", 30, 13, 21],
        ["2015", null, null, 21],
      ]);
      expect(detail?.periods[1]?.percent).toBeCloseTo(70);
      expect(detail?.overPlan).toMatchObject({ target: 30, actual: 21 });
      expect(detail?.cells).toHaveLength(1);
      expect(detail?.cells[0]?.periods.map((p) => [p.key, p.target, p.actual])).toEqual([
        ["2013", null, 5],
        ["2014", 15, 18],
        ["2015", null, 18],
      ]);
      expect(detail?.statusCounts).toEqual({});
    });
  });

  it("shows a funder only the indicators measuring what its organisation funds", async () => {
    const list = await asPlanPage(listIndicators, { db: database.db, slug: "2013-2015", viewer: funder });
    const codes = list?.indicators.map((indicator) => indicator.code) ?? [];
    expect(codes.length).toBeGreaterThan(0);
    const all = await asPlanPage(listIndicators, { db: database.db, slug: "2013-2015", viewer: officer });
    expect(codes.length).toBeLessThan(all?.indicators.length ?? 0);
    const hidden = all?.indicators.find((indicator) => !codes.includes(indicator.code));
    expect(
      await asPlanPage(getIndicatorDetail, {
        db: database.db,
        slug: "2013-2015",
        code: hidden?.code ?? "",
        viewer: funder,
        canManage: false,
      }),
    ).toBeNull();
    expect(
      await asPlanPage(getIndicatorDetail, {
        db: database.db,
        slug: "2013-2015",
        code: codes[0] ?? "",
        viewer: funder,
        canManage: false,
      }),
    ).not.toBeNull();
    expect(
      await asPlanPage(listIndicators, { db: database.db, slug: "2010-2012", viewer: funder }),
    ).toBeNull();
  });
});

describe("what a funder reads of an indicator", () => {
  it("its figures and history, without internal names or elements outside its scope", async () => {
    await inRollback(database.db, async (tx) => {
      const id = await createIndicator({
        db: tx,
        by: by(),
        planId: await planId(tx),
        definition: { ...leadersTrained(), elements: ["O1", "O2.S2.A1"], responsibleId: officer.id },
      });
      await updateIndicator({
        db: tx,
        by: by(),
        indicatorId: id,
        expectedRevision: 1,
        definition: {
          ...leadersTrained(),
          elements: ["O1", "O2.S2.A1"],
          responsibleId: officer.id,
          unit: { en: "leaders" },
        },
        rationale: "Clearer unit.",
      });
      const seen = await asPlanPage(getIndicatorDetail, {
        db: tx,
        slug: "2013-2015",
        code: "T1",
        viewer: funder,
        canManage: false,
      });
      expect(seen?.indicator.measuredElements.map((element) => element.code)).toEqual(["O2.S2.A1"]);
      expect(seen?.indicator).toMatchObject({
        elements: ["O2.S2.A1"],
        responsibleId: null,
        responsibleName: null,
      });
      expect(seen?.history).toMatchObject([{ revision: 1, replacedBy: null, rationale: "Clearer unit." }]);
      const old = await asPlanPage(getIndicatorRevision, {
        db: tx,
        slug: "2013-2015",
        code: "T1",
        revision: 1,
        viewer: funder,
      });
      expect(old?.snapshot).toMatchObject({ elements: ["O2.S2.A1"], responsibleName: null });
      expect(old?.replaced?.by).toBeNull();
      // Inside the organisation, all of it.
      const internal = await asPlanPage(getIndicatorDetail, {
        db: tx,
        slug: "2013-2015",
        code: "T1",
        viewer: officer,
        canManage: true,
      });
      expect(internal?.indicator).toMatchObject({
        elements: ["O1", "O2.S2.A1"],
        responsibleName: "Mena M&E Officer",
      });
    });
  });
});

describe("what a funder reads of the entries", () => {
  it("only entries logged from activities it funds and figures cited from sources, on the indicator and element pages", async () => {
    await inRollback(database.db, async (tx) => {
      const plan = await planId(tx);
      const id = await createIndicator({
        db: tx,
        by: by(),
        planId: plan,
        definition: { ...leadersTrained(), elements: ["O1.S1.A1", "O2.S2.A1"] },
      });
      const elementId = async (code: string) =>
        (
          await tx
            .select({ id: elements.id })
            .from(elements)
            .where(and(eq(elements.planId, plan), eq(elements.code, code)))
        )[0]?.id as string;
      const entry = (narrative: string, fields: Partial<typeof progressEntries.$inferInsert>) => ({
        indicatorId: id,
        periodKey: "2014",
        status: "approved" as const,
        value: 2,
        reportedOn: "2014-05-01",
        enteredBy: staffId,
        narrative: { en: narrative },
        ...fields,
      });
      await tx
        .insert(progressEntries)
        .values([
          entry("Funded work", { elementId: await elementId("O2.S2.A1") }),
          entry("Unfunded work", { elementId: await elementId("O1.S1.A1") }),
          entry("Imported, about anything", { externalSource: "csv", externalId: "x" }),
        ]);
      const indicator = await asPlanPage(getIndicatorDetail, {
        db: tx,
        slug: "2013-2015",
        code: "T1",
        viewer: funder,
        canManage: false,
      });
      expect(indicator?.entries.map((shown) => shown.narrative?.en)).toEqual(["Funded work"]);
      const element = await asPlanPage(getElementDetail, {
        db: tx,
        slug: "2013-2015",
        code: "O2.S2.A1",
        viewer: funder,
      });
      const onElement = element?.indicators.find((shown) => shown.code === "T1");
      expect(onElement?.entries.map((shown) => shown.narrative?.en)).toEqual(["Funded work"]);
      // Inside the organisation, all of them.
      const internal = await asPlanPage(getElementDetail, {
        db: tx,
        slug: "2013-2015",
        code: "O2.S2.A1",
        viewer: officer,
      });
      expect(internal?.indicators.find((shown) => shown.code === "T1")?.entries).toHaveLength(3);
    });
  });
});

describe("assignments", () => {
  it("adds and removes what the person changed on the page, keeps other changes, and audits once", async () => {
    await inRollback(database.db, async (tx) => {
      const plan = await planId(tx);
      const activities = await tx
        .select()
        .from(elements)
        .where(and(eq(elements.planId, plan), inArray(elements.code, ["O1.S1.A1", "O1.S1.A2", "O2.S1.A1"])))
        .orderBy(asc(elements.code));
      const [a1, a2, a3] = activities.map((a) => a.id) as [string, string, string];
      await tx.insert(elementAssignees).values({ elementId: a1, userId: staffId });
      const shown = [pairKey(a1, staffId)];
      // Meanwhile, someone else assigns the officer to A2: the page below did not show it and must not undo it.
      await tx.insert(elementAssignees).values({ elementId: a2, userId: officer.id });
      const result = await changeAssignments({
        db: tx,
        actor: `user:${officer.id}`,
        planId: plan,
        shown,
        ticked: [pairKey(a3, staffId)],
      });
      expect(result).toEqual({ added: 1, removed: 1 });
      const rows = await tx
        .select()
        .from(elementAssignees)
        .where(inArray(elementAssignees.elementId, [a1, a2, a3]));
      expect(rows.map((row) => [row.elementId, row.userId]).sort()).toEqual(
        [
          [a2, officer.id],
          [a3, staffId],
        ].sort(),
      );
      const audits = await tx.select().from(auditEvents).where(eq(auditEvents.action, "assignments.update"));
      expect(audits).toHaveLength(1);
      expect(audits[0]?.after).toEqual({ added: [{ activity: "O2.S1.A1", user: "staff@example.org" }] });
      expect(audits[0]?.before).toEqual({ removed: [{ activity: "O1.S1.A1", user: "staff@example.org" }] });

      // The same form again: nothing to do, no audit row.
      expect(
        await changeAssignments({ db: tx, actor: "x", planId: plan, shown, ticked: [pairKey(a3, staffId)] }),
      ).toEqual({ added: 0, removed: 0 });
      expect(
        await tx.select().from(auditEvents).where(eq(auditEvents.action, "assignments.update")),
      ).toHaveLength(1);

      const page = await asPlanPage(getAssignments, { db: tx, slug: "2013-2015", viewer: officer });
      expect(page?.activities.find((a) => a.code === "O2.S1.A1")?.assignees.map((a) => a.userId)).toEqual([
        staffId,
      ]);
      expect(page?.activities.every((a) => a.kind === "activity")).toBe(true);
    });
  });

  it("refuses a pair naming something that is not an activity of the plan, or a person who cannot be assigned", async () => {
    await inRollback(database.db, async (tx) => {
      const plan = await planId(tx);
      const [objective] = await tx
        .select()
        .from(elements)
        .where(and(eq(elements.planId, plan), eq(elements.code, "O1")));
      const [other] = await tx
        .select()
        .from(elements)
        .where(and(eq(elements.planId, await planId(tx, "2010-2012")), eq(elements.code, "O1.S1.A1")));
      for (const pair of [
        pairKey(objective?.id ?? "", staffId),
        pairKey(other?.id ?? "", staffId),
        pairKey(other?.id ?? "", funder.id),
        "nonsense",
      ]) {
        await expect(
          changeAssignments({ db: tx, actor: "x", planId: plan, shown: [], ticked: [pair] }),
        ).rejects.toBeInstanceOf(AssignmentRefused);
      }
      expect(await tx.select().from(elementAssignees)).toEqual([]);
    });
  });

  it("lets someone deactivated since be unticked: shown with the others, and removed", async () => {
    await inRollback(database.db, async (tx) => {
      const plan = await planId(tx);
      const [activity] = await tx
        .select()
        .from(elements)
        .where(and(eq(elements.planId, plan), eq(elements.code, "O2.S2.A1")));
      const pair = pairKey(activity?.id ?? "", staffId);
      await changeAssignments({ db: tx, actor: "x", planId: plan, shown: [], ticked: [pair] });
      await tx.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, staffId));
      const page = await asPlanPage(getAssignments, { db: tx, slug: "2013-2015", viewer: officer });
      expect(page?.people.map((person) => person.id)).toContain(staffId);
      expect(
        await changeAssignments({ db: tx, actor: "x", planId: plan, shown: [pair], ticked: [] }),
      ).toEqual({
        added: 0,
        removed: 1,
      });
      expect(await tx.select().from(elementAssignees)).toEqual([]);
    });
  });
});
