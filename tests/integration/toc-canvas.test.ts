import { readFileSync } from "node:fs";
import { and, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../../app/auth/policy";
import type { PlanGraph } from "../../app/plan-graph/format";
import { planScope } from "../../app/plan-graph/scope.server";
import { nswpSeedFiles, seedNswp } from "../../app/plan-graph/seed.server";
import {
  exportPlanGraph,
  formatPlanGraph,
  ImportRejected,
  importPlanGraph,
} from "../../app/plan-graph/store.server";
import { parsePlanGraph } from "../../app/plan-graph/validate";
import {
  type CanvasDocument,
  type CanvasPlan,
  createCanvas,
  listCanvases,
  loadCanvas,
  saveCanvas,
} from "../../app/toc/canvas.server";
import { type CanvasEdit, readCanvasEdit } from "../../app/toc/edit";
import { exportCanvas, importCanvas } from "../../app/toc/exchange.server";
import { causalPathways } from "../../app/toc/pathways.server";
import { tocScope } from "../../app/toc/scope.server";
import type { Database, Db } from "../../db/client";
import {
  auditEvents,
  elementLinks,
  elements,
  fundedElements,
  plans,
  tocCanvases,
  tocCanvasNodes,
} from "../../db/schema";
import { createTestDatabase, inRollback } from "../support/database";

/**
 * Theory-of-change canvases on a real engine: PGlite by default, PostgreSQL when DATABASE_URL is set (where the
 * concurrent saves below really run side by side, on two connections).
 */

let database: Database;

const by = { id: null, actor: "test" };
const all = { all: true } as const;

/** A small plan: IM1 ← O1 ← O1.S1.A1 (causal), O2 → IM1; O1 cites a source; O1.S1 and its activities, O2.S1. */
const fixture = (): PlanGraph => {
  const element = (code: string, kind: PlanGraph["elements"][number]["kind"], cited = false) => ({
    code,
    kind,
    title: { en: `Element ${code}` },
    description: null,
    status: "planned" as const,
    resourcesRequired: null,
    reconstructed: false,
    citation: cited ? { source: "doc", section: "§1" } : null,
  });
  const link = (kind: PlanGraph["links"][number]["kind"], from: string, to: string) => ({
    kind,
    from,
    to,
    rationale: kind === "part_of" ? null : { en: `${from} leads to ${to}` },
    evidenceStrength: null,
    citation: null,
  });
  return {
    format: "throughline/plan-graph",
    version: 1,
    sources: [{ id: "doc", title: { en: "A document" }, language: "en" }],
    plan: {
      slug: "toc-demo",
      title: { en: "ToC demo" },
      startDate: "2020-01-01",
      endDate: "2022-12-31",
      status: "active",
      previousPlan: null,
      reconstructed: false,
      citation: null,
    },
    elements: [
      element("IM1", "impact"),
      element("O1", "objective", true),
      element("O1.S1", "strategy"),
      element("O1.S1.A1", "activity"),
      element("O1.S1.A2", "activity"),
      element("O2", "objective"),
      element("O2.S1", "strategy"),
    ],
    links: [
      link("part_of", "O1.S1", "O1"),
      link("part_of", "O1.S1.A1", "O1.S1"),
      link("part_of", "O1.S1.A2", "O1.S1"),
      link("part_of", "O2.S1", "O2"),
      link("contributes_to", "O1", "IM1"),
      link("contributes_to", "O1.S1.A1", "O1"),
      link("contributes_to", "O2", "IM1"),
    ],
  };
};

beforeAll(async () => {
  database = await createTestDatabase();
  await importPlanGraph({ db: database.db, graph: fixture(), actor: "test" });
});
afterAll(async () => {
  await database?.close();
});

async function planOf(db: Db, slug = "toc-demo"): Promise<CanvasPlan> {
  const [plan] = await db
    .select({ id: plans.id, slug: plans.slug, title: plans.title })
    .from(plans)
    .where(eq(plans.slug, slug));
  if (!plan) throw new Error(`no plan ${slug}`);
  return plan;
}

async function load(db: Db, slug: string): Promise<CanvasDocument> {
  const canvas = await loadCanvas({ db, plan: await planOf(db), scope: all, slug, canEdit: true });
  if (!canvas) throw new Error(`no canvas ${slug}`);
  return canvas;
}

/** The key (id) of the element with this code, from a loaded canvas. */
const keyOf = (canvas: CanvasDocument, code: string) => {
  const found = Object.values(canvas.doc.elements).find((element) => element.code === code);
  if (!found) throw new Error(`no element ${code}`);
  return found.key;
};
const linkKey = (canvas: CanvasDocument, kind: string, from: string, to: string) => {
  const found = Object.values(canvas.doc.links).find(
    (link) => link.kind === kind && link.from === keyOf(canvas, from) && link.to === keyOf(canvas, to),
  );
  if (!found) throw new Error(`no link ${kind} ${from} ${to}`);
  return found.key;
};

function edit(input: Record<string, unknown>): CanvasEdit {
  const read = readCanvasEdit(input);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.edit;
}

async function save(db: Db, slug: string, input: Record<string, unknown>) {
  return saveCanvas({ db, plan: await planOf(db), slug, edit: edit(input), by });
}

async function create(db: Db, slug: string, focus: string | null) {
  const result = await createCanvas({
    db,
    plan: await planOf(db),
    input: { slug, title: { en: slug }, focus },
    by,
  });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return load(db, slug);
}

async function auditRows(db: Db, action: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.action, action));
}

const causal = (key: string, from: string, to: string) => ({
  key,
  kind: "contributes_to",
  from,
  to,
  rationale: { en: "An assumption." },
  evidenceStrength: "weak",
  evidenceLinks: null,
});

describe("creating canvases", () => {
  it("draws the whole plan, or one element's pathway, and writes one audit row", async () => {
    await inRollback(database.db, async (tx) => {
      const whole = await create(tx, "whole", null);
      expect(Object.keys(whole.doc.nodes)).toHaveLength(7);
      expect(whole.version).toBe(1);
      const pathway = await create(tx, "objective-1", "O1");
      const codes = Object.keys(pathway.doc.nodes).map((key) => pathway.doc.elements[key]?.code);
      expect(codes.sort()).toEqual(["IM1", "O1", "O1.S1", "O1.S1.A1", "O1.S1.A2"]);
      expect(pathway.canvas.focus?.code).toBe("O1");
      expect(Object.values(pathway.doc.nodes).every((node) => !node.pinned)).toBe(true);
      expect((await auditRows(tx, "toc.canvas.create")).map((row) => row.entityId)).toEqual([
        "toc-demo/whole",
        "toc-demo/objective-1",
      ]);
      const again = await createCanvas({
        db: tx,
        plan: await planOf(tx),
        input: { slug: "whole", title: { en: "Again" }, focus: "O9" },
        by,
      });
      expect(again).toEqual({
        ok: false,
        problems: [
          { field: "slug", message: { key: "toc.new.slugTaken" } },
          { field: "focus", message: { key: "toc.new.focusUnknown" } },
        ],
      });
    });
  });
});

describe("saving", () => {
  it("saves an edit in one go and reloads it identically: moves, a new element, links with evidence, settings", async () => {
    await inRollback(database.db, async (tx) => {
      const before = await create(tx, "whole", null);
      const o1 = keyOf(before, "O1");
      const s1 = keyOf(before, "O1.S1");
      const result = await save(tx, "whole", {
        baseVersion: 1,
        nodes: [
          { element: o1, x: 12.5, y: -40, pinned: true },
          { element: "new:1", x: 600, y: 300, pinned: true },
        ],
        newElements: [
          {
            key: "new:1",
            code: "O1.S2",
            kind: "strategy",
            level: "regional",
            title: { en: "Regional advocacy", fr: "Plaidoyer régional" },
            status: "planned",
          },
        ],
        elementEdits: [{ element: s1, changes: { level: "national", title: { en: "National work" } } }],
        addedLinks: [
          {
            ...causal("new:2", "new:1", o1),
            evidenceLinks: [{ url: "https://www.nswp.org/x", label: "Report" }],
          },
          {
            key: "new:3",
            kind: "part_of",
            from: "new:1",
            to: o1,
            rationale: null,
            evidenceStrength: null,
            evidenceLinks: null,
          },
        ],
        linkEdits: [
          { link: linkKey(before, "contributes_to", "O1", "IM1"), changes: { evidenceStrength: "strong" } },
        ],
        removedNodes: [keyOf(before, "O2.S1")],
        settings: { layoutDirection: "DOWN", showOutline: false, description: { en: "Everything." } },
      });
      expect(result.status).toBe("saved");
      if (result.status !== "saved") return;
      expect(result.version).toBe(2);
      const reloaded = await load(tx, "whole");
      expect(result.canvas).toEqual(reloaded);
      const created = result.created["new:1"] as string;
      expect(reloaded.doc.elements[created]).toEqual({
        key: created,
        code: "O1.S2",
        kind: "strategy",
        level: "regional",
        title: { en: "Regional advocacy", fr: "Plaidoyer régional" },
        status: "planned",
      });
      expect(reloaded.doc.nodes[created]).toEqual({ x: 600, y: 300, pinned: true });
      expect(reloaded.doc.nodes[o1]).toEqual({ x: 12.5, y: -40, pinned: true });
      expect(reloaded.doc.nodes[keyOf(before, "O2.S1")]).toBeUndefined();
      expect(reloaded.doc.elements[s1]).toMatchObject({ level: "national", title: { en: "National work" } });
      expect(reloaded.doc.links[result.created["new:2"] as string]).toMatchObject({
        kind: "contributes_to",
        from: created,
        to: o1,
        rationale: { en: "An assumption." },
        evidenceStrength: "weak",
        evidenceLinks: [{ url: "https://www.nswp.org/x", label: "Report" }],
      });
      expect(reloaded.doc.settings).toEqual({
        title: { en: "whole" },
        description: { en: "Everything." },
        showOutline: false,
        layoutDirection: "DOWN",
      });
      // The new element exists in the plan, under its part_of parent, and O2.S1 is still in the plan.
      const inPlan = await tx.select({ code: elements.code }).from(elements).where(eq(elements.id, created));
      expect(inPlan).toEqual([{ code: "O1.S2" }]);
      const audit = await auditRows(tx, "toc.canvas.save");
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        entityType: "toc_canvas",
        entityId: "toc-demo/whole",
        before: { version: 1 },
        after: {
          version: 2,
          nodes: { placed: ["O1.S2"], moved: 1, removed: ["O2.S1"] },
          elements: { created: ["O1.S2"], edited: ["O1.S1"] },
          links: {
            added: ["contributes_to O1.S2 → O1", "part_of O1.S2 → O1"],
            edited: ["contributes_to O1 → IM1"],
          },
          settings: ["description", "showOutline", "layoutDirection"],
        },
      });
    });
  });

  it("the audit row keeps the values before and after: titles, statuses, rationales, settings, and what was deleted", async () => {
    await inRollback(database.db, async (tx) => {
      const before = await create(tx, "whole", null);
      const s1 = keyOf(before, "O1.S1");
      const toImpact = linkKey(before, "contributes_to", "O1", "IM1");
      const oldTitle = before.doc.elements[s1]?.title;
      const oldLink = before.doc.links[toImpact];
      const result = await save(tx, "whole", {
        baseVersion: 1,
        elementEdits: [{ element: s1, changes: { title: { en: "Renamed" }, status: "dropped" } }],
        linkEdits: [{ link: toImpact, changes: { rationale: { en: "Because." } } }],
        settings: { title: { en: "The whole plan" }, description: { en: "All of it." } },
      });
      expect(result.status).toBe("saved");
      const [row] = await auditRows(tx, "toc.canvas.save");
      expect(row?.before).toEqual({
        version: 1,
        values: {
          elements: { "O1.S1": { title: oldTitle, status: before.doc.elements[s1]?.status } },
          links: { "contributes_to O1 → IM1": { rationale: oldLink?.rationale ?? null } },
          settings: { title: { en: "whole" }, description: null },
        },
      });
      expect(row?.after).toMatchObject({
        version: 2,
        values: {
          elements: { "O1.S1": { title: { en: "Renamed" }, status: "dropped" } },
          links: { "contributes_to O1 → IM1": { rationale: { en: "Because." } } },
          settings: { title: { en: "The whole plan" }, description: { en: "All of it." } },
        },
      });

      const deleted = await save(tx, "whole", { baseVersion: 2, deletedLinks: [toImpact] });
      expect(deleted.status).toBe("saved");
      const [, second] = await auditRows(tx, "toc.canvas.save");
      expect(second?.before).toMatchObject({
        values: { links: { "contributes_to O1 → IM1": { rationale: { en: "Because." } } } },
      });
      expect(second?.after).not.toHaveProperty("values.links");
    });
  });

  it("a save, creation or import on behalf of someone without the right to edit changes nothing", async () => {
    await inRollback(database.db, async (tx) => {
      const canvas = await create(tx, "whole", null);
      const staff: Viewer = {
        id: "00000000-0000-0000-0000-0000000000aa",
        email: "staff@example.org",
        name: "Staff",
        roles: ["staff", "board"],
        funderCode: null,
        hasSecondFactor: false,
      };
      const asStaff = { id: staff.id, actor: `user:${staff.id}`, viewer: staff };
      const plan = await planOf(tx);
      const move = edit({
        baseVersion: 1,
        nodes: [{ element: keyOf(canvas, "O1"), x: 3, y: 3, pinned: true }],
      });
      expect(await saveCanvas({ db: tx, plan, slug: "whole", edit: move, by: asStaff })).toEqual({
        status: "forbidden",
      });
      expect(
        await createCanvas({
          db: tx,
          plan,
          input: { slug: "mine", title: { en: "Mine" }, focus: null },
          by: asStaff,
        }),
      ).toEqual({ ok: false, forbidden: true });
      const file = formatPlanGraph(
        (await exportCanvas({ db: tx, plan, scope: all, slug: "whole" })) as PlanGraph,
      );
      expect(await importCanvas({ db: tx, plan, slug: "whole", text: file, by: asStaff })).toEqual({
        status: "forbidden",
      });
      expect(await load(tx, "whole")).toEqual(canvas);
      expect(await auditRows(tx, "toc.canvas.save")).toHaveLength(0);
    });
  });

  it("a save that changes nothing keeps the version and writes no audit row", async () => {
    await inRollback(database.db, async (tx) => {
      const canvas = await create(tx, "whole", null);
      const nodes = Object.entries(canvas.doc.nodes).map(([element, node]) => ({ element, ...node }));
      const result = await save(tx, "whole", { baseVersion: 1, nodes });
      expect(result).toMatchObject({ status: "saved", version: 1, changed: false });
      expect(await auditRows(tx, "toc.canvas.save")).toHaveLength(0);
    });
  });

  it("two saves from the same version: the second gets the conflict with the first's work, nothing of it written", async () => {
    await inRollback(database.db, async (tx) => {
      const opened = await create(tx, "whole", null);
      const a2 = keyOf(opened, "O1.S1.A2");
      const first = await save(tx, "whole", {
        baseVersion: 1,
        nodes: [{ element: a2, x: 1, y: 1, pinned: true }],
      });
      expect(first).toMatchObject({ status: "saved", version: 2 });
      const second = await save(tx, "whole", {
        baseVersion: 1,
        nodes: [{ element: a2, x: 99, y: 99, pinned: true }],
        elementEdits: [{ element: a2, changes: { status: "active" } }],
      });
      expect(second.status).toBe("conflict");
      if (second.status !== "conflict") return;
      expect(second.canvas.version).toBe(2);
      expect(second.canvas.doc.nodes[a2]).toEqual({ x: 1, y: 1, pinned: true });
      const [row] = await tx.select({ status: elements.status }).from(elements).where(eq(elements.id, a2));
      expect(row?.status).toBe("planned");
      expect(await auditRows(tx, "toc.canvas.save")).toHaveLength(1);
    });
  });

  it("refuses a link that would close a causal cycle, with its path, and writes nothing", async () => {
    await inRollback(database.db, async (tx) => {
      const canvas = await create(tx, "whole", null);
      const linksBefore = await tx.select({ n: count() }).from(elementLinks);
      const result = await save(tx, "whole", {
        baseVersion: 1,
        nodes: [{ element: keyOf(canvas, "O1"), x: 5, y: 5, pinned: true }],
        addedLinks: [causal("new:1", keyOf(canvas, "IM1"), keyOf(canvas, "O1.S1.A1"))],
      });
      expect(result).toEqual({
        status: "invalid",
        problems: [
          {
            path: "$.addedLinks[0]",
            key: "toc.problem.cycle",
            values: { path: "IM1 → O1.S1.A1 → O1 → IM1" },
            cycle: ["IM1", "O1.S1.A1", "O1", "IM1"],
          },
        ],
      });
      expect(await tx.select({ n: count() }).from(elementLinks)).toEqual(linksBefore);
      expect((await load(tx, "whole")).version).toBe(1);
      expect((await load(tx, "whole")).doc.nodes[keyOf(canvas, "O1")]).toEqual(
        canvas.doc.nodes[keyOf(canvas, "O1")],
      );
      expect(await auditRows(tx, "toc.canvas.save")).toHaveLength(0);
    });
  });

  it("refuses bad input precisely and changes nothing: unknown element, unknown link, a deletion results rest on", async () => {
    await inRollback(database.db, async (tx) => {
      const canvas = await create(tx, "whole", null);
      const o1 = keyOf(canvas, "O1");
      const result = await save(tx, "whole", {
        baseVersion: 1,
        nodes: [
          { element: o1, x: 50, y: 50, pinned: true },
          { element: "00000000-0000-0000-0000-000000000000", x: 0, y: 0, pinned: false },
        ],
        deletedElements: [o1],
        linkEdits: [{ link: "not-a-link", changes: { rationale: null } }],
      });
      expect(result.status === "invalid" && result.problems).toEqual([
        {
          path: "$.nodes[0].element",
          key: "toc.problem.elementDeleted",
          values: { code: "O1" },
        },
        {
          path: "$.nodes[1].element",
          key: "toc.problem.unknownElement",
          values: { key: "00000000-0000-0000-0000-000000000000" },
        },
        { path: "$.deletedElements[0]", key: "toc.problem.deleteCited", values: { code: "O1" } },
        { path: "$.linkEdits[0].link", key: "toc.problem.unknownLink", values: { key: "not-a-link" } },
      ]);
      expect(await tx.select({ n: count() }).from(elements).where(eq(elements.code, "O1"))).toEqual([
        { n: 1 },
      ]);
      expect((await load(tx, "whole")).doc.nodes[o1]).toEqual(canvas.doc.nodes[o1]);
    });
  });

  it("deletes from the plan an element nothing rests on, with its links and its nodes on every canvas", async () => {
    await inRollback(database.db, async (tx) => {
      const canvas = await create(tx, "whole", null);
      const other = await create(tx, "objective-1", "O1");
      const a2 = keyOf(canvas, "O1.S1.A2");
      const result = await save(tx, "whole", { baseVersion: 1, deletedElements: [a2] });
      expect(result).toMatchObject({ status: "saved", version: 2 });
      expect(await tx.select().from(elements).where(eq(elements.id, a2))).toEqual([]);
      expect(await tx.select().from(tocCanvasNodes).where(eq(tocCanvasNodes.elementId, a2))).toEqual([]);
      // The other canvas showed it: its editors must reload before they save.
      expect((await load(tx, "objective-1")).version).toBe(other.version + 1);
      const [audit] = await auditRows(tx, "toc.canvas.save");
      expect((audit?.after as { links?: unknown } | undefined)?.links).toEqual({
        removedWithElements: ["part_of O1.S1.A2 → O1.S1"],
      });
    });
  });

  it("refuses to delete an element whose link cites a source document, naming the link", async () => {
    await inRollback(database.db, async (tx) => {
      const canvas = await create(tx, "whole", null);
      const a1 = keyOf(canvas, "O1.S1.A1");
      await tx
        .update(elementLinks)
        .set({ citationSourceId: "doc", citationSection: "§2" })
        .where(eq(elementLinks.id, linkKey(canvas, "contributes_to", "O1.S1.A1", "O1")));
      const result = await save(tx, "whole", { baseVersion: 1, deletedElements: [a1] });
      expect(result).toEqual({
        status: "invalid",
        problems: [
          {
            path: "$.deletedElements[0]",
            key: "toc.problem.deleteCitedLink",
            values: { code: "O1.S1.A1", link: "contributes_to O1.S1.A1 → O1" },
          },
        ],
      });
      expect(await tx.select().from(elements).where(eq(elements.id, a1))).toHaveLength(1);
    });
  });

  it("Bob cannot overwrite Alice's rename of an element his canvas did not draw: he gets the conflict", async () => {
    await inRollback(database.db, async (tx) => {
      const alice = await create(tx, "alice", null);
      const bob = await create(tx, "bob", "O2");
      const a2 = keyOf(alice, "O1.S1.A2");
      expect(Object.keys(bob.doc.nodes)).not.toContain(a2);
      const renamed = await save(tx, "alice", {
        baseVersion: 1,
        elementEdits: [{ element: a2, changes: { title: { en: "Alice's title" } } }],
      });
      expect(renamed).toMatchObject({ status: "saved", version: 2 });
      // Bob still has version 1 open; he places the element and renames it.
      const overwrite = await save(tx, "bob", {
        baseVersion: 1,
        nodes: [{ element: a2, x: 0, y: 0, pinned: false }],
        elementEdits: [{ element: a2, changes: { title: { en: "Bob's title" } } }],
      });
      expect(overwrite.status).toBe("conflict");
      if (overwrite.status === "conflict")
        expect(overwrite.canvas.doc.elements[a2]?.title).toEqual({ en: "Alice's title" });
      const [row] = await tx.select({ title: elements.title }).from(elements).where(eq(elements.id, a2));
      expect(row?.title).toEqual({ en: "Alice's title" });
      // Moving things on one's own canvas bumps no other canvas.
      const moved = await save(tx, "alice", {
        baseVersion: 2,
        nodes: [{ element: a2, x: 5, y: 5, pinned: true }],
      });
      expect(moved).toMatchObject({ status: "saved", version: 3 });
      expect((await load(tx, "bob")).version).toBe(2);
    });
  });

  it("saves 9,000 new elements and their nodes in one go (more than one statement's parameters)", async () => {
    await inRollback(database.db, async (tx) => {
      await create(tx, "big", null);
      const many = 9000;
      const newElements = Array.from({ length: many }, (_, i) => ({
        key: `new:${i}`,
        code: `X${i + 1}`,
        kind: "activity",
        level: "local",
        title: { en: `Activity ${i + 1}`, fr: `Activité ${i + 1}` },
        status: "planned",
      }));
      const nodes = newElements.map((element, i) => ({ element: element.key, x: i, y: i, pinned: false }));
      const result = await save(tx, "big", { baseVersion: 1, newElements, nodes });
      expect(result).toMatchObject({ status: "saved", version: 2 });
      const [big] = await tx.select().from(tocCanvases).where(eq(tocCanvases.slug, "big"));
      const [stored] = await tx
        .select({ n: count() })
        .from(tocCanvasNodes)
        .where(eq(tocCanvasNodes.canvasId, big?.id as string));
      expect(stored?.n).toBe(many + 7);
    });
  }, 120_000);
});

type ImportSummaryLike = { canvases: unknown };

/** These tests write outside a rolled-back transaction (they need two); they remove what they added. */
async function removeCausalLinksFrom(db: Db, ids: string[]) {
  await db
    .delete(elementLinks)
    .where(and(inArray(elementLinks.fromElementId, ids), eq(elementLinks.kind, "contributes_to")));
}

describe("two people adding opposite links at the same moment", () => {
  it("exactly one succeeds: the other waits for the plan's lock, gets the conflict, then finds the cycle", async () => {
    const db = database.db;
    const plan = await planOf(db);
    const whole = await create(db, "race-whole", null);
    // A second canvas drawing O2.S1 but not O1.S1.A2: the first save still gives it a new version (it adds a link).
    await createCanvas({ db, plan, input: { slug: "race-o2", title: { en: "O2" }, focus: "O2" }, by });
    const a2 = keyOf(whole, "O1.S1.A2");
    const o2s1 = keyOf(whole, "O2.S1");
    let firstSaved: () => void = () => {};
    const saved = new Promise<void>((resolve) => {
      firstSaved = resolve;
    });
    // The first save commits only after the second has started: the second must wait for the plan's lock.
    const first = db.transaction(async (tx) => {
      const result = await saveCanvas({
        db: tx,
        plan,
        slug: "race-whole",
        edit: edit({ baseVersion: 1, addedLinks: [causal("new:1", a2, o2s1)] }),
        by,
      });
      firstSaved();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return result;
    });
    await saved;
    const second = saveCanvas({
      db,
      plan,
      slug: "race-o2",
      edit: edit({ baseVersion: 1, addedLinks: [causal("new:1", o2s1, a2)] }),
      by,
    });
    const [one, two] = await Promise.all([first, second]);
    expect(one.status).toBe("saved");
    // The second waited for the first to commit, and sees its link in the canvas it is sent back.
    expect(two.status).toBe("conflict");
    if (two.status !== "conflict") return;
    expect(Object.values(two.canvas.doc.links).some((link) => link.from === a2 && link.to === o2s1)).toBe(
      true,
    );
    const retried = await saveCanvas({
      db,
      plan,
      slug: "race-o2",
      edit: edit({ baseVersion: two.canvas.version, addedLinks: [causal("new:1", o2s1, a2)] }),
      by,
    });
    expect(retried).toEqual({
      status: "invalid",
      problems: [expect.objectContaining({ path: "$.addedLinks[0]", cycle: ["O2.S1", "O1.S1.A2", "O2.S1"] })],
    });
    const between = await db
      .select({ from: elementLinks.fromElementId })
      .from(elementLinks)
      .where(and(eq(elementLinks.planId, plan.id), eq(elementLinks.kind, "contributes_to")));
    expect(between.filter((link) => link.from === a2 || link.from === o2s1)).toEqual([{ from: a2 }]);
    await removeCausalLinksFrom(db, [a2]);
    await db.delete(tocCanvases).where(eq(tocCanvases.planId, plan.id));
  });

  it("on two canvases that both draw the link's ends, the second save gets the conflict instead", async () => {
    const db = database.db;
    const one = await create(db, "twin-1", null);
    await create(db, "twin-2", null);
    const a2 = keyOf(one, "O1.S1.A2");
    const o2s1 = keyOf(one, "O2.S1");
    const results = await Promise.all([
      save(db, "twin-1", { baseVersion: 1, addedLinks: [causal("new:1", a2, o2s1)] }),
      save(db, "twin-2", { baseVersion: 1, addedLinks: [causal("new:1", o2s1, a2)] }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["conflict", "saved"]);
    const links = await db
      .select({ from: elementLinks.fromElementId })
      .from(elementLinks)
      .where(eq(elementLinks.kind, "contributes_to"));
    expect(links.filter((link) => link.from === a2 || link.from === o2s1)).toHaveLength(1);
    await removeCausalLinksFrom(db, [a2, o2s1]);
    await db.delete(tocCanvases).where(eq(tocCanvases.planId, (await planOf(db)).id));
  });
});

describe("exchange", () => {
  it("a canvas exported as JSON and imported back is identical; importing it again changes nothing", async () => {
    await inRollback(database.db, async (tx) => {
      const canvas = await create(tx, "objective-1", "O1");
      const plan = await planOf(tx);
      await save(tx, "objective-1", {
        baseVersion: 1,
        nodes: [{ element: keyOf(canvas, "O1"), x: 10, y: 20, pinned: true }],
        settings: { description: { en: "Objective 1's pathway" } },
      });
      const exported = formatPlanGraph(
        (await exportCanvas({ db: tx, plan, scope: all, slug: "objective-1" })) as PlanGraph,
      );
      const graph = JSON.parse(exported) as PlanGraph;
      expect(graph.elements.map((element) => element.code)).toEqual([
        "IM1",
        "O1",
        "O1.S1",
        "O1.S1.A1",
        "O1.S1.A2",
      ]);
      expect(graph.canvases).toEqual([
        expect.objectContaining({
          slug: "objective-1",
          focus: "O1",
          description: { en: "Objective 1's pathway" },
          nodes: expect.arrayContaining([{ element: "O1", x: 10, y: 20, pinned: true }]),
        }),
      ]);
      expect(parsePlanGraph(graph).ok).toBe(true);

      // Someone moves things and takes a node off; the file puts it all back.
      await save(tx, "objective-1", {
        baseVersion: 2,
        nodes: [{ element: keyOf(canvas, "O1"), x: -500, y: 0, pinned: false }],
        removedNodes: [keyOf(canvas, "O1.S1.A2")],
        settings: { layoutDirection: "UP" },
      });
      const imported = await importCanvas({ db: tx, plan, slug: "objective-1", text: exported, by });
      expect(imported).toEqual({ status: "imported", version: 4, changed: true });
      const again = formatPlanGraph(
        (await exportCanvas({ db: tx, plan, scope: all, slug: "objective-1" })) as PlanGraph,
      );
      expect(again).toBe(exported);
      expect(await importCanvas({ db: tx, plan, slug: "objective-1", text: exported, by })).toEqual({
        status: "imported",
        version: 4,
        changed: false,
      });
      expect(await auditRows(tx, "toc.canvas.import")).toHaveLength(1);
    });
  });

  it("a canvas exported from a plan whose data has a causal cycle imports back (only the canvas part is checked)", async () => {
    await inRollback(database.db, async (tx) => {
      const canvas = await create(tx, "whole", null);
      const plan = await planOf(tx);
      await tx.insert(elementLinks).values({
        planId: plan.id,
        kind: "contributes_to",
        fromElementId: keyOf(canvas, "IM1"),
        toElementId: keyOf(canvas, "O1.S1.A1"),
      });
      const exported = formatPlanGraph(
        (await exportCanvas({ db: tx, plan, scope: all, slug: "whole" })) as PlanGraph,
      );
      expect(parsePlanGraph(JSON.parse(exported)).ok).toBe(false);
      await save(tx, "whole", {
        baseVersion: 1,
        nodes: [{ element: keyOf(canvas, "O1"), x: -1, y: -1, pinned: true }],
      });
      expect(await importCanvas({ db: tx, plan, slug: "whole", text: exported, by })).toEqual({
        status: "imported",
        version: 3,
        changed: true,
      });
    });
  });

  it("a plan import never removes a canvas silently with the element it is drawn around", async () => {
    await inRollback(database.db, async (tx) => {
      await create(tx, "strategy", "O2.S1");
      const without = fixture();
      without.elements = without.elements.filter((element) => element.code !== "O2.S1");
      without.links = without.links.filter((link) => link.from !== "O2.S1");
      const refused = await importPlanGraph({ db: tx, graph: without, actor: "test" }).catch(
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(ImportRejected);
      expect((refused as ImportRejected).problems).toEqual([
        {
          path: "$.elements",
          message: expect.stringContaining('canvas "strategy" is drawn around element "O2.S1"'),
        },
      ]);
      expect(await tx.select().from(tocCanvases).where(eq(tocCanvases.slug, "strategy"))).toHaveLength(1);
      // A file that says what becomes of the canvas: removed, and counted in the summary and the audit row.
      const summary = await importPlanGraph({ db: tx, graph: { ...without, canvases: [] }, actor: "test" });
      expect(summary.canvases).toEqual({ added: 0, updated: 0, removed: 1 });
      expect(summary.elements.removed).toBe(1);
      const [audit] = await auditRows(tx, "plan.import.update");
      expect((audit?.after as ImportSummaryLike | undefined)?.canvases).toEqual({
        added: 0,
        updated: 0,
        removed: 1,
      });
    });
  });

  it("a plan import that gives a canvas another focus keeps it, with its next version", async () => {
    await inRollback(database.db, async (tx) => {
      const before = await create(tx, "strategy", "O2.S1");
      const without = fixture();
      without.elements = without.elements.filter((element) => element.code !== "O2.S1");
      without.links = without.links.filter((link) => link.from !== "O2.S1");
      const summary = await importPlanGraph({
        db: tx,
        graph: {
          ...without,
          canvases: [
            {
              slug: "strategy",
              title: { en: "strategy" },
              focus: "O2",
              draft: false,
              showOutline: before.canvas.showOutline,
              layoutDirection: "RIGHT",
              citation: null,
              nodes: [{ element: "O2", x: 0, y: 0, pinned: false }],
            },
          ],
        },
        actor: "test",
      });
      expect(summary.canvases).toEqual({ added: 0, updated: 1, removed: 0 });
      const after = await load(tx, "strategy");
      expect(after.canvas.focus?.code).toBe("O2");
      expect(after.version).toBe(before.version + 1);
    });
  });

  it("refuses malformed JSON, unknown elements and another canvas precisely, and changes nothing", async () => {
    await inRollback(database.db, async (tx) => {
      await create(tx, "objective-1", "O1");
      const plan = await planOf(tx);
      const exported = formatPlanGraph(
        (await exportCanvas({ db: tx, plan, scope: all, slug: "objective-1" })) as PlanGraph,
      );
      const broken = await importCanvas({
        db: tx,
        plan,
        slug: "objective-1",
        text: exported.slice(0, 200),
        by,
      });
      expect(broken.status === "invalid" && broken.problems).toEqual([
        {
          field: "$",
          message: {
            key: "toc.import.invalidJson",
            values: { line: expect.any(Number), column: expect.any(Number) },
          },
        },
      ]);
      // A file whose elements exist in it but not in the plan.
      const graph = JSON.parse(exported) as PlanGraph;
      const ghost = { ...(graph.elements[0] as PlanGraph["elements"][number]), code: "O9" };
      graph.elements.push(ghost);
      graph.canvases?.[0]?.nodes.push({ element: "O9", x: 0, y: 0, pinned: false });
      const unknown = await importCanvas({
        db: tx,
        plan,
        slug: "objective-1",
        text: JSON.stringify(graph),
        by,
      });
      expect(unknown).toEqual({
        status: "invalid",
        problems: [
          {
            field: "$.canvases[0].nodes[5].element",
            message: { key: "toc.import.unknownElement", values: { plan: "toc-demo", code: "O9" } },
          },
        ],
      });
      const elsewhere = await importCanvas({ db: tx, plan, slug: "whole", text: exported, by });
      expect(elsewhere.status === "invalid" && elsewhere.problems).toEqual([
        {
          field: "$.canvases[0].slug",
          message: { key: "toc.import.otherCanvas", values: { file: "objective-1", canvas: "whole" } },
        },
      ]);
      expect((await load(tx, "objective-1")).version).toBe(1);
      expect(await auditRows(tx, "toc.canvas.import")).toHaveLength(0);
    });
  });

  it("the plan file carries canvases, levels and evidence links: export → import elsewhere → export is identical", async () => {
    const other = await createTestDatabase();
    try {
      await inRollback(database.db, async (tx) => {
        const canvas = await create(tx, "whole", null);
        await save(tx, "whole", {
          baseVersion: 1,
          elementEdits: [{ element: keyOf(canvas, "O1"), changes: { level: "global" } }],
          linkEdits: [
            {
              link: linkKey(canvas, "contributes_to", "O2", "IM1"),
              changes: {
                evidenceLinks: [{ url: "https://www.nswp.org/a" }, { url: "http://b.org", label: "B" }],
              },
            },
          ],
        });
        const text = formatPlanGraph((await exportPlanGraph({ db: tx, slug: "toc-demo" })) as PlanGraph);
        const graph = JSON.parse(text) as PlanGraph;
        expect(graph.elements.find((element) => element.code === "O1")?.level).toBe("global");
        expect(graph.elements.find((element) => element.code === "O2")).not.toHaveProperty("level");
        expect(graph.links.find((link) => link.from === "O2")?.evidenceLinks).toEqual([
          { url: "https://www.nswp.org/a" },
          { url: "http://b.org", label: "B" },
        ]);
        expect(graph.canvases?.map((c) => [c.slug, c.nodes.length])).toEqual([["whole", 7]]);

        const parsed = parsePlanGraph(graph);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
        const first = await importPlanGraph({ db: other.db, graph: parsed.value, actor: "test" });
        expect(first.canvases).toEqual({ added: 1, updated: 0, removed: 0 });
        expect(
          formatPlanGraph((await exportPlanGraph({ db: other.db, slug: "toc-demo" })) as PlanGraph),
        ).toBe(text);
        const second = await importPlanGraph({ db: other.db, graph: parsed.value, actor: "test" });
        expect(second.changed).toBe(false);
        const [stored] = await other.db.select().from(tocCanvases);
        expect(stored?.version).toBe(1);

        // A changed position in the file is a changed canvas: its next version.
        const moved = structuredClone(parsed.value);
        const node = moved.canvases?.[0]?.nodes[0];
        if (node) node.x += 100;
        expect((await importPlanGraph({ db: other.db, graph: moved, actor: "test" })).canvases).toEqual({
          added: 0,
          updated: 1,
          removed: 0,
        });
        // A file without `canvases` leaves them alone; a changed element they draw still gives them a new version.
        const retitled = structuredClone(parsed.value);
        delete retitled.canvases;
        (retitled.elements[0] as { title: { en: string } }).title = { en: "The lasting change" };
        const summary = await importPlanGraph({ db: other.db, graph: retitled, actor: "test" });
        expect(summary.canvases).toEqual({ added: 0, updated: 0, removed: 0 });
        const after = await other.db.select().from(tocCanvases);
        expect(after.map((row) => [row.slug, row.version])).toEqual([["whole", 3]]);
        // `canvases: []` removes them.
        expect(
          (await importPlanGraph({ db: other.db, graph: { ...retitled, canvases: [] }, actor: "test" }))
            .canvases,
        ).toEqual({
          added: 0,
          updated: 0,
          removed: 1,
        });
      });
    } finally {
      await other.close();
    }
  });
});

describe("who sees what", () => {
  const funder: Viewer = {
    id: "00000000-0000-0000-0000-0000000000f1",
    email: "funder@example.org",
    name: "Funder",
    roles: ["funder"],
    funderCode: "test-foundation",
    hasSecondFactor: false,
  };

  it("a funder sees the canvases that draw what it funds and what that feeds downstream, and only those", async () => {
    await inRollback(database.db, async (tx) => {
      const whole = await create(tx, "whole", null);
      await create(tx, "objective-1", "O1");
      await tx
        .insert(fundedElements)
        .values({ funderCode: "test-foundation", elementId: keyOf(whole, "O2") });
      const plan = await planOf(tx);
      const scope = await planScope({ db: tx, viewer: funder, planId: plan.id });
      if (!scope) throw new Error("the funder should see the plan");
      const toc = await tocScope(tx, plan.id, scope);
      // O2 and its strategy (what it funds), and IM1, the impact O2 contributes to; not O1, upstream of IM1.
      expect(
        (await listCanvases({ db: tx, plan, scope: toc })).map((canvas) => [canvas.slug, canvas.nodes]),
      ).toEqual([["whole", 3]]);
      expect(await loadCanvas({ db: tx, plan, scope: toc, slug: "objective-1", canEdit: false })).toBeNull();
      const seenWhole = await loadCanvas({ db: tx, plan, scope: toc, slug: "whole", canEdit: false });
      expect(
        Object.values(seenWhole?.doc.elements ?? {})
          .map((element) => element.code)
          .sort(),
      ).toEqual(["IM1", "O2", "O2.S1"]);
      expect(
        Object.values(seenWhole?.doc.links ?? {})
          .map((link) => link.kind)
          .sort(),
      ).toEqual(["contributes_to", "part_of"]);
      // Its pathway reaches the impact, and the panel knows the plan has one.
      const pathways = await causalPathways({
        db: tx,
        planId: plan.id,
        elementId: keyOf(whole, "O2.S1"),
        scope: toc,
      });
      expect(pathways?.target).toBe("impact");
      expect(pathways?.pathways.map((pathway) => pathway.map((step) => step.code))).toEqual([
        ["O2.S1", "O2", "IM1"],
      ]);
      // With the dashboards' scope alone it would see no impact, and no pathway.
      expect(
        (await causalPathways({ db: tx, planId: plan.id, elementId: keyOf(whole, "O2.S1"), scope }))
          ?.pathways,
      ).toEqual([]);
      expect(
        (await listCanvases({ db: tx, plan, scope })).map((canvas) => [canvas.slug, canvas.nodes]),
      ).toEqual([["whole", 2]]);
      expect(await loadCanvas({ db: tx, plan, scope, slug: "objective-1", canEdit: false })).toBeNull();
      expect(await exportCanvas({ db: tx, plan, scope, slug: "objective-1" })).toBeNull();
      const seen = await loadCanvas({ db: tx, plan, scope, slug: "whole", canEdit: false });
      expect(
        Object.values(seen?.doc.elements ?? {})
          .map((element) => element.code)
          .sort(),
      ).toEqual(["O2", "O2.S1"]);
      expect(Object.keys(seen?.doc.nodes ?? {})).toHaveLength(2);
      expect(Object.values(seen?.doc.links ?? {}).map((link) => link.kind)).toEqual(["part_of"]);
      const file = await exportCanvas({ db: tx, plan, scope, slug: "whole" });
      expect(file?.elements.map((element) => element.code)).toEqual(["O2", "O2.S1"]);
      expect(file?.canvases?.[0]?.nodes.map((node) => node.element)).toEqual(["O2", "O2.S1"]);
    });
  });
});

describe("the NSWP data set", () => {
  it("loads the canvases its plan files carry, with their nodes", async () => {
    const seeded = await createTestDatabase();
    try {
      await seedNswp({ db: seeded.db, actor: "test" });
      for (const file of nswpSeedFiles.plans) {
        const graph = JSON.parse(readFileSync(file, "utf8")) as PlanGraph;
        const [plan] = await seeded.db
          .select({ id: plans.id })
          .from(plans)
          .where(eq(plans.slug, graph.plan.slug));
        const stored = await seeded.db
          .select({ slug: tocCanvases.slug, draft: tocCanvases.draft })
          .from(tocCanvases)
          .where(eq(tocCanvases.planId, (plan as { id: string }).id))
          .orderBy(tocCanvases.slug);
        expect(stored).toEqual(
          (graph.canvases ?? [])
            .map((canvas) => ({ slug: canvas.slug, draft: canvas.draft }))
            .sort((a, b) => (a.slug < b.slug ? -1 : 1)),
        );
        const nodes = await seeded.db
          .select({ n: count() })
          .from(tocCanvasNodes)
          .where(eq(tocCanvasNodes.planId, (plan as { id: string }).id));
        expect(nodes[0]?.n).toBe(
          (graph.canvases ?? []).reduce((sum, canvas) => sum + canvas.nodes.length, 0),
        );
      }
      // Someone adds an element and a canvas in the editor; seeding again refuses rather than remove them.
      const [plan] = await seeded.db
        .select({ id: plans.id, slug: plans.slug, title: plans.title })
        .from(plans)
        .where(eq(plans.slug, "2013-2015"));
      if (!plan) throw new Error("no plan");
      const created = await createCanvas({
        db: seeded.db,
        plan,
        input: { slug: "mine", title: { en: "Mine" }, focus: null },
        by,
      });
      expect(created.ok).toBe(true);
      const mine = await loadCanvas({ db: seeded.db, plan, scope: all, slug: "mine", canEdit: true });
      const saved = await saveCanvas({
        db: seeded.db,
        plan,
        slug: "mine",
        edit: edit({
          baseVersion: mine?.version,
          newElements: [
            {
              key: "new:1",
              code: "Z9",
              kind: "activity",
              level: null,
              title: { en: "Mine" },
              status: "planned",
            },
          ],
          nodes: [{ element: "new:1", x: 0, y: 0, pinned: false }],
        }),
        by,
      });
      expect(saved.status).toBe("saved");
      const again = await seedNswp({ db: seeded.db, actor: "test" }).catch((error: unknown) => error);
      expect(again).toBeInstanceOf(ImportRejected);
      const messages = (again as ImportRejected).problems.map((problem) => problem.message).join("\n");
      expect(messages).toContain("elements stored but not in the file: Z9");
      expect(messages).toContain("canvases stored but not in the file: mine");
      expect(
        await seeded.db
          .select()
          .from(elements)
          .where(and(eq(elements.planId, plan.id), eq(elements.code, "Z9"))),
      ).toHaveLength(1);
    } finally {
      await seeded.close();
    }
  });
});
