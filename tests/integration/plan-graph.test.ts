import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlanGraph } from "../../app/plan-graph/format";
import { nswpSeedFiles, seedNswp } from "../../app/plan-graph/seed.server";
import {
  exportPlanGraph,
  formatPlanGraph,
  ImportRejected,
  importPlanGraph,
} from "../../app/plan-graph/store.server";
import { parseImportFile } from "../../app/plan-graph/validate";
import type { Database, Db } from "../../db/client";
import * as schema from "../../db/schema";
import { createTestDatabase, inRollback } from "../support/database";

const seedPlan = (slug: string) =>
  JSON.parse(readFileSync(`seeds/nswp/plan-${slug}.json`, "utf8")) as PlanGraph;

async function tableCounts(db: Db) {
  const tables = {
    plans: schema.plans,
    elements: schema.elements,
    links: schema.elementLinks,
    sources: schema.sourceDocuments,
    referenceItems: schema.referenceItems,
    organisation: schema.organisation,
    audit: schema.auditEvents,
  };
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await db.select({ n: count() }).from(table);
    counts[name] = row?.n ?? 0;
  }
  return counts;
}

let seeded: Database;
let empty: Database;

beforeAll(async () => {
  [seeded, empty] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await seedNswp({ db: seeded.db, actor: "test" });
});
afterAll(async () => {
  await Promise.all([seeded?.close(), empty?.close()]);
});

describe("the NSWP data set", () => {
  it("has the 2010–2012 plan's 3 objectives, 8 strategies and 38 activities (10 future), all cited", async () => {
    const graph = (await exportPlanGraph({ db: seeded.db, slug: "2010-2012" })) as PlanGraph;
    const ofKind = (kind: string) => graph.elements.filter((element) => element.kind === kind);
    expect(ofKind("objective").map((element) => element.code)).toEqual(["O1", "O2", "O3"]);
    expect(ofKind("strategy")).toHaveLength(8);
    const activities = ofKind("activity");
    expect(activities).toHaveLength(38);
    expect(activities.filter((activity) => activity.status === "future")).toHaveLength(10);
    expect(activities.filter((activity) => activity.status !== "future")).toHaveLength(28);
    for (const element of graph.elements) {
      expect(element.citation?.source, element.code).toBe("plan-2010-2012");
      expect(element.title.fr, element.code).toBeTruthy();
    }
    expect(ofKind("strategy").every((strategy) => strategy.resourcesRequired?.fr)).toBe(true);
  });

  it("reconstructs 2013–2015 from the review: 3 objectives, lineage to 2010–2012, every element citing review-2015", async () => {
    const graph = (await exportPlanGraph({ db: seeded.db, slug: "2013-2015" })) as PlanGraph;
    expect(graph.plan.previousPlan).toBe("2010-2012");
    expect(graph.plan.reconstructed).toBe(true);
    expect(graph.elements.filter((element) => element.kind === "objective")).toHaveLength(3);
    for (const element of graph.elements) {
      expect(element.reconstructed, element.code).toBe(true);
      expect(element.citation?.source, element.code).toBe("review-2015");
    }
  });

  it("loads the reference lists later features use", async () => {
    const rows = await seeded.db
      .select({ list: schema.referenceItems.list, n: count() })
      .from(schema.referenceItems)
      .groupBy(schema.referenceItems.list);
    const sizes = Object.fromEntries(rows.map((row) => [row.list, row.n]));
    expect(sizes).toMatchObject({ region: 5, language: 5, advocacy_theme: 8, member_role: 5 });
    expect(sizes.funder).toBeGreaterThanOrEqual(10);
  });

  it("is stored in canonical form: each seed file is exactly what export prints", async () => {
    for (const file of nswpSeedFiles.plans) {
      const slug = path.basename(file, ".json").replace("plan-", "");
      const graph = await exportPlanGraph({ db: seeded.db, slug });
      expect(formatPlanGraph(graph as PlanGraph)).toBe(readFileSync(file, "utf8"));
    }
  });

  it("seeding again changes nothing: same ids, same rows, no new audit row", async () => {
    await inRollback(seeded.db, async (tx) => {
      const before = await tableCounts(tx);
      const idsBefore = await tx
        .select({ id: schema.elements.id, code: schema.elements.code })
        .from(schema.elements);
      const summaries = await seedNswp({ db: tx, actor: "test" });
      expect(summaries.map((summary) => summary.changed)).toEqual([false, false]);
      expect(await tableCounts(tx)).toEqual(before);
      const idsAfter = await tx
        .select({ id: schema.elements.id, code: schema.elements.code })
        .from(schema.elements);
      expect(new Set(idsAfter.map((row) => row.id))).toEqual(new Set(idsBefore.map((row) => row.id)));
    });
  });

  it("seeding is all-or-nothing: a plan that cannot be stored leaves the database empty", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "throughline-seed-"));
    const broken = seedPlan("2013-2015");
    broken.plan.previousPlan = "1999-2001";
    const brokenFile = path.join(dir, "plan.json");
    writeFileSync(brokenFile, JSON.stringify(broken));
    await inRollback(empty.db, async (tx) => {
      const files = {
        organisation: nswpSeedFiles.organisation,
        plans: [nswpSeedFiles.plans[0] as string, brokenFile],
      };
      const failure = await seedNswp({ db: tx, actor: "test", files }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ImportRejected);
      expect((failure as ImportRejected).problems).toEqual([
        {
          path: "$.plan.previousPlan",
          message: 'no plan "1999-2001" exists in the database; import it first',
        },
      ]);
      expect(Object.values(await tableCounts(tx)).every((n) => n === 0)).toBe(true);
    });
  });
});

describe("export and import", () => {
  it("round-trips: export, import into an empty database, export again gives identical JSON", async () => {
    await inRollback(empty.db, async (tx) => {
      for (const slug of ["2010-2012", "2013-2015"]) {
        const original = formatPlanGraph((await exportPlanGraph({ db: seeded.db, slug })) as PlanGraph);
        const parsed = parseImportFile(original);
        if (!parsed.ok || parsed.value.format !== "throughline/plan-graph")
          throw new Error("export did not parse");
        await importPlanGraph({ db: tx, graph: parsed.value.graph, actor: "test" });
        expect(formatPlanGraph((await exportPlanGraph({ db: tx, slug })) as PlanGraph)).toBe(original);
      }
    });
  });

  it("updates a plan in place: changed titles, removed activities and new causal links, keeping ids", async () => {
    await inRollback(seeded.db, async (tx) => {
      const graph = seedPlan("2010-2012");
      const idOf = async (code: string) =>
        (
          await tx
            .select({ id: schema.elements.id })
            .from(schema.elements)
            .innerJoin(schema.plans, eq(schema.plans.id, schema.elements.planId))
            .where(and(eq(schema.elements.code, code), eq(schema.plans.slug, "2010-2012")))
        ).map((row) => row.id);
      const objectiveIdBefore = await idOf("O1");
      const o1 = graph.elements.find((element) => element.code === "O1");
      if (o1) o1.title = { ...o1.title, en: "Convene the global network" };
      graph.elements = graph.elements.filter((element) => element.code !== "O1.S1.A5");
      graph.links = graph.links.filter((link) => link.from !== "O1.S1.A5");
      graph.links.push({
        kind: "contributes_to",
        from: "O2",
        to: "O3",
        rationale: { en: "Stronger leaders make advocacy credible." },
        evidenceStrength: "moderate",
        citation: null,
      });
      const summary = await importPlanGraph({ db: tx, graph, actor: "test" });
      expect(summary).toMatchObject({
        changed: true,
        elements: { added: 0, updated: 1, removed: 1 },
        links: { added: 1, updated: 0, removed: 1 },
      });
      expect(await idOf("O1")).toEqual(objectiveIdBefore);
      const audit = await tx
        .select()
        .from(schema.auditEvents)
        .where(eq(schema.auditEvents.action, "plan.import.update"));
      expect(audit).toHaveLength(1);
    });
  });
});

/** Each kind of bad file named by the issue: the exact place, and the reason. */
const badFiles: { name: string; text: () => string; path: string; message: RegExp }[] = [
  {
    name: "invalid JSON",
    text: () => '{\n  "format": "throughline/plan-graph",\n  "version": 1,\n  "plan": {,\n}',
    path: "$",
    message: /invalid JSON at line 4, column \d+/,
  },
  {
    name: "a wrong kind",
    text: () => {
      const graph = seedPlan("2010-2012");
      (graph.elements[1] as { kind: string }).kind = "goal";
      return JSON.stringify(graph);
    },
    path: "$.elements[1].kind",
    message: /expected one of .*"objective"/,
  },
  {
    name: "a duplicate code",
    text: () => {
      const graph = seedPlan("2010-2012");
      (graph.elements[2] as { code: string }).code = "O1.S1";
      return JSON.stringify(graph);
    },
    path: "$.elements[2].code",
    message: /"O1.S1" is already used by \$\.elements\[1\]/,
  },
  {
    name: "a link to a missing element",
    text: () => {
      const graph = seedPlan("2010-2012");
      (graph.links[0] as { to: string }).to = "O9";
      return JSON.stringify(graph);
    },
    path: "$.links[0].to",
    message: /no element has the code "O9"/,
  },
  {
    name: "a cycle in part_of",
    text: () => {
      const graph = seedPlan("2010-2012");
      graph.links.push({
        kind: "part_of",
        from: "O1",
        to: "O1.S1.A1",
        rationale: null,
        evidenceStrength: null,
        citation: null,
      });
      return JSON.stringify(graph);
    },
    path: "$.links",
    message: /part_of links form a cycle: .*O1.*→/,
  },
];

describe("importing a bad file", () => {
  it.each(badFiles)(
    "rejects $name with its place and reason, and writes nothing",
    async ({ text, path, message }) => {
      const before = await tableCounts(seeded.db);
      const parsed = parseImportFile(text());
      expect(parsed.ok).toBe(false);
      if (parsed.ok) return;
      expect(parsed.problems).toContainEqual({ path, message: expect.stringMatching(message) });
      expect(await tableCounts(seeded.db)).toEqual(before);
    },
  );

  it("rejects lineage to a plan that does not exist, writing nothing (not even the file's sources)", async () => {
    await inRollback(empty.db, async (tx) => {
      const failure = await importPlanGraph({ db: tx, graph: seedPlan("2013-2015"), actor: "test" }).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(ImportRejected);
      expect(Object.values(await tableCounts(tx)).every((n) => n === 0)).toBe(true);
    });
  });

  it("rejects lineage that would loop, or give a plan two successors", async () => {
    await inRollback(seeded.db, async (tx) => {
      const earlier = seedPlan("2010-2012");
      earlier.plan.previousPlan = "2013-2015";
      await expect(importPlanGraph({ db: tx, graph: earlier, actor: "test" })).rejects.toThrow(
        "$.plan.previousPlan: the lineage would loop: 2010-2012 → 2013-2015 → 2010-2012",
      );
      const sibling = seedPlan("2013-2015");
      sibling.plan.slug = "2013-2015-bis";
      await expect(importPlanGraph({ db: tx, graph: sibling, actor: "test" })).rejects.toThrow(
        '$.plan.previousPlan: plan "2013-2015" already follows "2010-2012"; a plan is followed by at most one plan',
      );
    });
  });

  it("the CLI exits non-zero and prints the place and reason for each kind", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "throughline-cli-"));
    for (const [i, bad] of badFiles.entries()) {
      const file = path.join(dir, `bad-${i}.json`);
      writeFileSync(file, bad.text());
      const run = spawnSync("node_modules/.bin/tsx", ["app/cli/main.ts", "import", file], {
        encoding: "utf8",
        env: { ...process.env, DATA_DIR: path.join(dir, "data") },
      });
      expect(run.status, bad.name).toBe(1);
      expect(run.stderr, bad.name).toContain("Rejected; nothing was written");
      expect(run.stderr, bad.name).toContain(`${bad.path}: `);
      expect(run.stderr, bad.name).toMatch(bad.message);
      expect(run.stderr, bad.name).not.toMatch(/\n\s+at /); // no stack trace
    }
  });
});
