import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../app/i18n/i18n";
import type { PlanScope } from "../../app/plan-graph/scope.server";
import type { ElementKind, ElementStatus } from "../../app/plan-graph/vocabulary";
import { describeFinding, type Finding } from "../../app/toc/checks";
import { planChecks } from "../../app/toc/checks.server";
import type { LinkKind } from "../../app/toc/pathways";
import type { Database, Db } from "../../db/client";
import {
  elementLinks,
  elements,
  indicatorElements,
  indicators,
  tocCanvases,
  tocCanvasNodes,
} from "../../db/schema";
import { createTestDatabase, inRollback } from "../support/database";
import { insertPlanGraph } from "../support/toc-database";

/**
 * The theory-of-change checks on stored plans and canvases (app/toc/checks.server.ts): each check is made to fire
 * by writing the tables, then to go away by fixing what it names. Runs on PGlite, and on PostgreSQL when
 * DATABASE_URL is set.
 */

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const all: PlanScope = { all: true };
const summary = (findings: Finding[] | null) =>
  findings?.map((finding) =>
    finding.check === "cycle"
      ? `cycle ${finding.path.map((node) => node.code).join(">")}`
      : `${finding.check} ${finding.nodes.map((node) => node.code).join(" ")}`.trim(),
  );

/** The example of docs/toc.md ("Checks"), with an indicator measuring OC1 and OP1. */
async function examplePlan(db: Db) {
  const ids = new Map<string, string>();
  const id = (code: string) => {
    if (!ids.has(code)) ids.set(code, randomUUID());
    return ids.get(code) as string;
  };
  const element = (code: string, kind: ElementKind, status: ElementStatus = "active") => ({
    id: id(code),
    code,
    kind,
    status,
  });
  const link = (from: string, kind: LinkKind, to: string, assumption: string | null = null) => ({
    kind,
    fromId: id(from),
    toId: id(to),
    rationale: assumption === null ? null : { en: assumption },
  });
  const planId = await insertPlanGraph(db, {
    elements: [
      element("IMP", "impact"),
      element("OC1", "outcome"),
      element("OC2", "outcome"),
      element("O1", "objective"),
      element("O1.S1", "strategy"),
      element("O1.S1.A1", "activity"),
      element("O1.S1.A2", "activity"),
      element("O1.S2", "strategy"),
      element("O1.S2.A1", "activity"),
      element("O1.S2.A2", "activity", "dropped"),
      element("OP1", "output"),
      element("O1.S3", "strategy"),
      element("O1.S3.A1", "activity"),
    ],
    links: [
      link("O1.S1", "part_of", "O1"),
      link("O1.S1.A1", "part_of", "O1.S1"),
      link("O1.S1.A2", "part_of", "O1.S1"),
      link("O1.S2", "part_of", "O1"),
      link("O1.S2.A1", "part_of", "O1.S2"),
      link("O1.S2.A2", "part_of", "O1.S2"),
      link("O1.S3", "part_of", "O1"),
      link("O1.S3.A1", "part_of", "O1.S3"),
      link("O1.S1", "contributes_to", "OC1", "Members who know their rights demand them"),
      link("OC1", "contributes_to", "IMP", ""),
      link("O1.S2.A1", "contributes_to", "OP1", "Trained peers train others"),
      link("OP1", "part_of", "OC2"),
      link("OC2", "precondition_of", "OC1", "A network must exist before it can advocate"),
      link("O1.S3.A1", "contributes_to", "OC2", "Meetings build the network"),
    ],
  });
  const [indicator] = await db
    .insert(indicators)
    .values({
      planId,
      code: "I1",
      name: { en: "Members trained" },
      measure: "number",
      direction: "increase",
      aggregation: "per_period",
      frequency: "annual",
    })
    .returning({ id: indicators.id });
  const indicatorId = (indicator as { id: string }).id;
  await db
    .insert(indicatorElements)
    .values(["OC1", "OP1"].map((code) => ({ planId, indicatorId, elementId: id(code) })));
  return { planId, id, indicatorId };
}

async function addCanvas(db: Db, planId: string, elementIds: string[], slug = "whole-plan") {
  const [canvas] = await db
    .insert(tocCanvases)
    .values({ planId, slug, title: { en: "Theory of change" } })
    .returning({ id: tocCanvases.id });
  const canvasId = (canvas as { id: string }).id;
  if (elementIds.length > 0)
    await db
      .insert(tocCanvasNodes)
      .values(elementIds.map((elementId, index) => ({ canvasId, planId, elementId, x: index * 200, y: 0 })));
  return canvasId;
}

describe("checks on a stored plan", () => {
  it("finds each problem of the documented example, and each goes away once fixed", async () => {
    await inRollback(database.db, async (db) => {
      const { planId, id, indicatorId } = await examplePlan(db);
      const check = () => planChecks({ db, planId, scope: all });
      expect(summary(await check())).toEqual([
        "noPathToImpact O1.S2.A1",
        "outcomeWithoutIndicator O1",
        "outcomeWithoutIndicator OC2",
        "linkWithoutAssumption OC1 IMP",
      ]);

      // The output reaches the outcome by a causal link, not only through the outline: the activity has a pathway.
      await db.insert(elementLinks).values({
        planId,
        kind: "contributes_to",
        fromElementId: id("OP1"),
        toElementId: id("OC2"),
        rationale: { en: "Trained peers strengthen the network" },
      });
      // An indicator of OC2 and of O1; an assumption for OC1 → IMP.
      await db.insert(indicatorElements).values([
        { planId, indicatorId, elementId: id("OC2") },
        { planId, indicatorId, elementId: id("O1") },
      ]);
      await db
        .update(elementLinks)
        .set({ rationale: { en: "Rights respected mean safer lives", fr: "Des droits respectés…" } })
        .where(and(eq(elementLinks.fromElementId, id("OC1")), eq(elementLinks.toElementId, id("IMP"))));
      expect(await check()).toEqual([]);

      // Dropping the outcome every pathway goes through leaves the activities without one.
      await db
        .update(elements)
        .set({ status: "dropped" })
        .where(eq(elements.id, id("OC1")));
      expect(summary(await check())).toEqual([
        "noPathToImpact O1.S1.A1",
        "noPathToImpact O1.S1.A2",
        "noPathToImpact O1.S2.A1",
        "noPathToImpact O1.S3.A1",
      ]);
      // Dropping the impact: there is none left to reach.
      await db
        .update(elements)
        .set({ status: "dropped" })
        .where(eq(elements.id, id("IMP")));
      expect(summary(await check())).toEqual(["noImpact"]);
    });
  });

  it("finds a causal cycle written straight into the tables, with its path", async () => {
    await inRollback(database.db, async (db) => {
      const { planId, id } = await examplePlan(db);
      // The importer refuses cycles; the tables do not (the roll-up must survive bad data), so the check must see it.
      await db.insert(elementLinks).values({
        planId,
        kind: "contributes_to",
        fromElementId: id("OC1"),
        toElementId: id("OC2"),
        rationale: { en: "Rights build the network" },
      });
      const findings = await planChecks({ db, planId, scope: all });
      expect(summary(findings)?.[0]).toBe("cycle OC1>OC2>OC1");
      expect(describeFinding((findings as Finding[])[0] as Finding, translator("fr"))).toBe(
        "Ces liens de causalité tournent en rond\u202f: OC1 → OC2 → OC1. Un changement ne peut pas être sa propre cause\u202f: supprimez ou inversez l’un d’eux.",
      );
    });
  });

  it("on a canvas, reports what it draws, and the dropped elements still on it", async () => {
    await inRollback(database.db, async (db) => {
      const { planId, id } = await examplePlan(db);
      const canvasId = await addCanvas(db, planId, ["IMP", "OC1", "O1.S1", "O1.S2.A1", "O1.S2.A2"].map(id));
      expect(summary(await planChecks({ db, planId, canvasId, scope: all }))).toEqual([
        "noPathToImpact O1.S2.A1",
        "linkWithoutAssumption OC1 IMP",
        "droppedOnCanvas O1.S2.A2",
      ]);
      // An element dropped after it was drawn shows up too.
      await db
        .update(elements)
        .set({ status: "dropped" })
        .where(eq(elements.id, id("O1.S1")));
      expect(summary(await planChecks({ db, planId, canvasId, scope: all }))).toContain(
        "droppedOnCanvas O1.S1",
      );
      // An empty canvas has nothing to report.
      const empty = await addCanvas(db, planId, [], "empty");
      expect(await planChecks({ db, planId, canvasId: empty, scope: all })).toEqual([]);
    });
  });

  it("answers null for a canvas that is not the plan's, or not an id", async () => {
    await inRollback(database.db, async (db) => {
      const { planId } = await examplePlan(db);
      const other = await examplePlan(db);
      const othersCanvas = await addCanvas(db, other.planId, [other.id("IMP")]);
      expect(await planChecks({ db, planId, canvasId: othersCanvas, scope: all })).toBeNull();
      expect(await planChecks({ db, planId, canvasId: "whole-plan", scope: all })).toBeNull();
      expect(await planChecks({ db, planId, canvasId: randomUUID(), scope: all })).toBeNull();
    });
  });

  it("names nothing outside a funder's scope", async () => {
    await inRollback(database.db, async (db) => {
      const { planId, id } = await examplePlan(db);
      const scope: PlanScope = {
        all: false,
        elementIds: new Set(["O1", "O1.S2", "O1.S2.A1", "O1.S2.A2", "OC1"].map(id)),
      };
      // O1.S2.A1 is still judged on the whole graph; the finding about OC2 and the link into IMP are not shown.
      expect(summary(await planChecks({ db, planId, scope }))).toEqual([
        "noPathToImpact O1.S2.A1",
        "outcomeWithoutIndicator O1",
      ]);
    });
  });
});
