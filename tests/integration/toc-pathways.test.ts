import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlanScope } from "../../app/plan-graph/scope.server";
import type { ElementKind, ElementStatus } from "../../app/plan-graph/vocabulary";
import {
  type LinkKind,
  type Pathway,
  pathwayGraph,
  pathwaysFrom,
  type TocElement,
  type TocLink,
} from "../../app/toc/pathways";
import { causalPathways } from "../../app/toc/pathways.server";
import { layeredPlanArb, type RandomPlan, randomPlanArb } from "../../app/toc/random-toc.testing";
import type { Database } from "../../db/client";
import { createTestDatabase, inRollback } from "../support/database";
import { insertPlanGraph } from "../support/toc-database";

/**
 * Pathways computed by the recursive queries of app/toc/pathways.server.ts answer as the pure reference
 * (app/toc/pathways.ts) on random plans, bounded as documented. Runs on PGlite, and on PostgreSQL when
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

/** A small plan by codes: elements get fresh ids, links name codes. */
function planOf(
  elements: [code: string, kind: ElementKind, status?: ElementStatus][],
  links: [from: string, kind: LinkKind, to: string][],
) {
  const ids = new Map(elements.map(([code]) => [code, randomUUID()]));
  const id = (code: string) => ids.get(code) as string;
  return {
    id,
    elements: elements.map(
      ([code, kind, status]): TocElement => ({
        id: id(code),
        code,
        kind,
        status: status ?? "active",
      }),
    ),
    links: links.map(([from, kind, to]): TocLink => ({ kind, fromId: id(from), toId: id(to) })),
  };
}

const story = (pathway: Pathway) =>
  pathway.map((step) => (step.via === null ? step.code : `-${step.via}-> ${step.code}`)).join(" ");
const _codes = (refs: { code: string }[] | null) => refs?.map((ref) => ref.code);

const example = planOf(
  [
    ["I1", "impact"],
    ["I2", "impact"],
    ["OC1", "outcome"],
    ["OC2", "outcome"],
    ["OC3", "outcome", "dropped"],
    ["OP1", "output"],
    ["O1", "objective"],
    ["O1.S1", "strategy"],
    ["O1.S1.A1", "activity"],
    ["O1.S1.A2", "activity"],
  ],
  [
    ["O1.S1", "part_of", "O1"],
    ["O1.S1.A1", "part_of", "O1.S1"],
    ["O1.S1.A2", "part_of", "O1.S1"],
    ["O1.S1.A1", "contributes_to", "OP1"],
    ["OP1", "contributes_to", "OC1"],
    ["O1.S1", "contributes_to", "OC2"],
    ["OC2", "precondition_of", "OC1"],
    ["OC1", "contributes_to", "I1"],
    ["I1", "contributes_to", "I2"],
    ["OP1", "contributes_to", "OC3"],
    ["OC3", "contributes_to", "I2"],
  ],
);

describe("pathways from the database", () => {
  it("lists an activity's pathways to impact, its own and its strategy's, and what to highlight", async () => {
    await inRollback(database.db, async (db) => {
      const planId = await insertPlanGraph(db, example);
      const result = await causalPathways({ db, planId, elementId: example.id("O1.S1.A1"), scope: all });
      expect(result).toMatchObject({ from: { code: "O1.S1.A1" }, target: "impact", limitReached: null });
      expect(result?.pathways.map(story)).toEqual([
        "O1.S1.A1 -contributes_to-> OP1 -contributes_to-> OC1 -contributes_to-> I1",
        "O1.S1.A1 -part_of-> O1.S1 -contributes_to-> OC2 -precondition_of-> OC1 -contributes_to-> I1",
      ]);
      const from = (code: string) => ({ db, planId, elementId: example.id(code), scope: all });
      // A dropped element carries no pathway and highlights nothing.
      expect((await causalPathways(from("OC3")))?.pathways).toEqual([]);
    });
  });

  it("answers null for what it cannot name: not an id, another plan's element, outside the viewer's scope", async () => {
    await inRollback(database.db, async (db) => {
      const planId = await insertPlanGraph(db, example);
      const otherPlanId = await insertPlanGraph(db, planOf([["X", "activity"]], []));
      const elementId = example.id("O1.S1.A1");
      expect(await causalPathways({ db, planId, elementId: "O1.S1.A1", scope: all })).toBeNull();
      expect(await causalPathways({ db, planId: otherPlanId, elementId, scope: all })).toBeNull();
      const funder: PlanScope = { all: false, elementIds: new Set([example.id("OC1")]) };
      expect(await causalPathways({ db, planId, elementId, scope: funder })).toBeNull();
      expect(
        await causalPathways({ db, planId, elementId: "'; drop table plans; --", scope: all }),
      ).toBeNull();
    });
  });

  it("walks only through what the scope shows", async () => {
    await inRollback(database.db, async (db) => {
      const planId = await insertPlanGraph(db, example);
      const scope: PlanScope = {
        all: false,
        elementIds: new Set(["O1", "O1.S1", "O1.S1.A1", "O1.S1.A2", "OC2", "OC1", "I1"].map(example.id)),
      };
      const result = await causalPathways({ db, planId, elementId: example.id("O1.S1.A1"), scope });
      // OP1 is outside the scope: the activity's own pathway through it is not shown, nor is I2 downstream.
      expect(result?.pathways.map(story)).toEqual([
        "O1.S1.A1 -part_of-> O1.S1 -contributes_to-> OC2 -precondition_of-> OC1 -contributes_to-> I1",
      ]);
    });
  });

  it("stays bounded on a plan with a million pathways, and says so", async () => {
    // A ladder of 20 diamonds: 2^20 pathways of 41 links from S to I.
    const elements: [string, ElementKind][] = [
      ["S", "activity"],
      ["I", "impact"],
    ];
    const links: [string, LinkKind, string][] = [];
    let previous = "S";
    for (let rung = 1; rung <= 20; rung++) {
      elements.push([`L${rung}`, "output"], [`R${rung}`, "output"], [`J${rung}`, "outcome"]);
      links.push(
        [previous, "contributes_to", `L${rung}`],
        [previous, "contributes_to", `R${rung}`],
        [`L${rung}`, "contributes_to", `J${rung}`],
        [`R${rung}`, "contributes_to", `J${rung}`],
      );
      previous = `J${rung}`;
    }
    links.push([previous, "contributes_to", "I"]);
    const ladder = planOf(elements, links);
    await inRollback(database.db, async (db) => {
      const planId = await insertPlanGraph(db, ladder);
      const started = performance.now();
      const result = await causalPathways({
        db,
        planId,
        elementId: ladder.id("S"),
        scope: all,
        limits: { maxDepth: 50, maxPathways: 100 },
      });
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(result?.limitReached).toBe("pathways");
      expect(result?.pathways).toHaveLength(100);
      for (const pathway of result?.pathways ?? []) expect(pathway).toHaveLength(42);
      const shallow = await causalPathways({
        db,
        planId,
        elementId: ladder.id("S"),
        scope: all,
        limits: { maxDepth: 10, maxPathways: 1000 },
      });
      expect(shallow).toMatchObject({ pathways: [], limitReached: "depth" });
    });
  });
});

// ---------------------------------------------------------------- against the pure reference

/** The pure module's view of a scope: elements outside it are as if dropped. */
const scoped = (plan: RandomPlan, visible: ReadonlySet<string> | null): TocElement[] =>
  plan.elements.map((element) =>
    visible === null || visible.has(element.id) ? element : { ...element, status: "dropped" },
  );

describe("pathways on random plans, database against the pure reference", () => {
  // Each run writes a plan and queries every element: given room, as CI runs test files side by side on two cores.
  it("give the same pathways and limits, for every element", { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(randomPlanArb(10), layeredPlanArb({ cycles: true })),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.option(fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }), { freq: 3 }),
        async (plan, maxDepth, maxPathways, visibleFlags) => {
          const visible = visibleFlags
            ? new Set(plan.elements.filter((_, index) => visibleFlags[index]).map((element) => element.id))
            : null;
          const scope: PlanScope = visible ? { all: false, elementIds: visible } : all;
          // Impact or end is decided on the whole plan, whatever the scope.
          const planHasImpact = plan.elements.some(
            (element) => element.kind === "impact" && element.status !== "dropped",
          );
          const graph = pathwayGraph(scoped(plan, visible), plan.links, planHasImpact);
          await inRollback(database.db, async (db) => {
            const planId = await insertPlanGraph(db, plan);
            for (const { id } of plan.elements) {
              const args = { db, planId, elementId: id, scope };
              const limits = { maxDepth, maxPathways };
              if (visible && !visible.has(id)) {
                expect(await causalPathways(args)).toBeNull();
                continue;
              }
              expect(await causalPathways({ ...args, limits })).toEqual(pathwaysFrom(graph, id, limits));
            }
          });
        },
      ),
      { numRuns: 30 },
    );
  });
});
