import { createHash, randomUUID } from "node:crypto";
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../../app/auth/policy";
import type { Role } from "../../app/auth/roles";
import { translator } from "../../app/i18n/i18n";
import { indicatorsOfElement } from "../../app/indicators/store.server";
import { seedNswp } from "../../app/plan-graph/seed.server";
import { purgeRemovedEvidence } from "../../app/progress/evidence.server";
import type { EntryFields } from "../../app/progress/form";
import { entryProblem, evidenceLimitBytes, problemCode } from "../../app/progress/form";
import {
  entryDetail,
  evidenceFile,
  myActivities,
  myEntries,
  periodsOverview,
  verificationQueue,
} from "../../app/progress/queries.server";
import {
  answerReturn,
  approveEntry,
  createEntry,
  EntryProblems,
  EntryRefused,
  type EvidenceInput,
  lockPeriod,
  returnEntry,
  submitEntry,
  unlockPeriod,
  updateEntry,
} from "../../app/progress/workflow.server";
import type { Database, Db } from "../../db/client";
import {
  auditEvents,
  elementAssignees,
  elementLinks,
  elements,
  entryEvidence,
  entryNotes,
  indicatorElements,
  indicators,
  plans,
  progressEntries,
  userRoles,
  users,
} from "../../db/schema";
import { createTestDatabase, databaseError, inRollback } from "../support/database";

/**
 * The progress workflow against a real database: every transition and refusal, one audit row per mutation, the
 * double submit, locked periods (checked first, and refused by the database whatever the path), and "only approved
 * entries count".
 */

const today = "2026-05-15";
const period = "2026-Q2"; // the current quarter on `today`
const earlier = "2026-Q1";

let database: Database;
const ids = {
  plan: "",
  activity: "",
  otherActivity: "",
  strategy: "",
  grid: "", // quarterly, region × gender, per period, on the activity
  share: "", // percentage, quarterly
  milestone: "", // qualitative, annual
  onStrategy: "", // measures the strategy only
};
const people: Record<"staff" | "otherStaff" | "meo" | "otherMeo" | "board", Viewer> = {} as never;

async function person(db: Db, key: keyof typeof people, role: Role) {
  const [row] = await db
    .insert(users)
    .values({ email: `${key.toLowerCase()}@test.example`, name: `Test ${key}`, passwordHash: "not-used" })
    .returning({ id: users.id });
  const id = (row as { id: string }).id;
  await db.insert(userRoles).values({ userId: id, role });
  people[key] = {
    id,
    email: `${key}@test.example`,
    name: `Test ${key}`,
    roles: [role],
    funderCode: null,
    hasSecondFactor: false,
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  // The NSWP data set gives the region reference list (and NSWP's own sourced, approved figures).
  await seedNswp({ db, actor: "test" });
  const [plan] = await db
    .insert(plans)
    .values({
      slug: "progress-test",
      title: { en: "Progress test plan" },
      startDate: "2025-01-01",
      endDate: "2027-12-31",
      status: "active",
    })
    .returning({ id: plans.id });
  ids.plan = (plan as { id: string }).id;
  const element = async (code: string, kind: "objective" | "strategy" | "activity") => {
    const [row] = await db
      .insert(elements)
      .values({ planId: ids.plan, code, kind, title: { en: `Element ${code}`, fr: `Élément ${code}` } })
      .returning({ id: elements.id });
    return (row as { id: string }).id;
  };
  const objective = await element("O1", "objective");
  ids.strategy = await element("O1.S1", "strategy");
  ids.activity = await element("O1.S1.A1", "activity");
  ids.otherActivity = await element("O1.S1.A2", "activity");
  await db.insert(elementLinks).values([
    { planId: ids.plan, kind: "part_of", fromElementId: ids.strategy, toElementId: objective },
    { planId: ids.plan, kind: "part_of", fromElementId: ids.activity, toElementId: ids.strategy },
    { planId: ids.plan, kind: "part_of", fromElementId: ids.otherActivity, toElementId: ids.strategy },
  ]);
  const indicator = async (
    values: Partial<typeof indicators.$inferInsert> & { code: string },
    on: string[],
  ) => {
    const [row] = await db
      .insert(indicators)
      .values({
        planId: ids.plan,
        name: { en: `Indicator ${values.code}` },
        measure: "number",
        direction: "increase",
        aggregation: "per_period",
        frequency: "quarterly",
        ...values,
      })
      .returning({ id: indicators.id });
    const id = (row as { id: string }).id;
    await db
      .insert(indicatorElements)
      .values(on.map((elementId) => ({ planId: ids.plan, indicatorId: id, elementId })));
    return id;
  };
  ids.grid = await indicator(
    { code: "T1", unit: { en: "people" }, dimensions: [{ code: "region" }, { code: "gender" }] },
    [ids.activity],
  );
  ids.share = await indicator({ code: "T2", measure: "percentage" }, [ids.activity, ids.otherActivity]);
  ids.milestone = await indicator(
    {
      code: "T3",
      measure: "qualitative",
      frequency: "annual",
      aggregation: "latest",
      scale: [{ label: { en: "Planned" } }, { label: { en: "Drafted" } }, { label: { en: "Adopted" } }],
    },
    [ids.activity],
  );
  ids.onStrategy = await indicator({ code: "T4" }, [ids.strategy]);
  await person(db, "staff", "staff");
  await person(db, "otherStaff", "staff");
  await person(db, "meo", "me_officer");
  await person(db, "otherMeo", "me_officer");
  await person(db, "board", "board");
  await db.insert(elementAssignees).values({ elementId: ids.activity, userId: people.staff.id });
});
afterAll(async () => {
  await database?.close();
});

const noEvidence: EvidenceInput = { links: [], files: [] };
const fields = (overrides: Partial<EntryFields> = {}): EntryFields => ({
  period,
  reportedOn: today,
  total: "",
  narrative: "Two trainings in Nairobi and Dakar.",
  cells: {
    "cell.gender=women|region=africa": "12",
    "cell.gender=trans|region=africa": "5",
    "cell.gender=men|region=africa": "",
    "cell.gender=women|region=europe": "3",
  },
  ...overrides,
});

/** Logs an entry on the grid indicator as `who` (staff by default). */
function log(
  db: Db,
  options: {
    who?: Viewer;
    indicatorId?: string;
    elementId?: string;
    fields?: EntryFields;
    submit?: boolean;
    key?: string;
    evidence?: EvidenceInput;
    locale?: "en" | "fr";
  } = {},
) {
  return createEntry({
    db,
    viewer: options.who ?? people.staff,
    elementId: options.elementId ?? ids.activity,
    indicatorId: options.indicatorId ?? ids.grid,
    fields: options.fields ?? fields(),
    locale: options.locale ?? "en",
    evidence: options.evidence ?? noEvidence,
    submit: options.submit ?? false,
    submissionKey: options.key ?? randomUUID(),
    today,
  });
}

async function entry(db: Db, id: string) {
  const [row] = await db.select().from(progressEntries).where(eq(progressEntries.id, id));
  if (!row) throw new Error(`no entry ${id}`);
  return row;
}

const auditCount = async (db: Db) => (await db.select({ n: count() }).from(auditEvents))[0]?.n ?? 0;
const entryCount = async (db: Db) => (await db.select({ n: count() }).from(progressEntries))[0]?.n ?? 0;

/** The refusal a promise ends with (failing the test if it succeeds). */
async function refusal(promise: Promise<unknown>): Promise<EntryRefused> {
  const error = await promise.then(
    () => new Error("expected a refusal"),
    (caught: unknown) => caught,
  );
  if (!(error instanceof EntryRefused)) throw error;
  return error;
}
async function problems(promise: Promise<unknown>) {
  const error = await promise.then(
    () => new Error("expected problems"),
    (caught: unknown) => caught,
  );
  if (!(error instanceof EntryProblems)) throw error;
  return error.problems.map((problem) => `${problem.field}: ${problemCode(problem)}`);
}

/** Runs a mutation and returns the audit rows it wrote. */
async function audited(db: Db, work: () => Promise<unknown>) {
  const [{ last } = { last: 0 }] = await db
    .select({ last: sql<number>`coalesce(max(${auditEvents.id}), 0)::int` })
    .from(auditEvents);
  await work();
  return db.select().from(auditEvents).where(sql`${auditEvents.id} > ${last}`);
}

describe("logging progress", () => {
  it("derives the total from the breakdown, keeps the narrative and evidence, and writes one audit row", async () => {
    await inRollback(database.db, async (tx) => {
      let created = { id: "", created: false };
      const rows = await audited(tx, async () => {
        created = await log(tx, {
          evidence: {
            links: ["https://example.org/report.pdf"],
            files: [{ name: "attendance.csv", type: "text/csv", content: Buffer.from("name\nA\n") }],
          },
        });
      });
      expect(created.created).toBe(true);
      const row = await entry(tx, created.id);
      expect(row).toMatchObject({
        status: "draft",
        value: 20,
        periodKey: period,
        enteredBy: people.staff.id,
      });
      expect(row.elementId).toBe(ids.activity);
      expect(row.breakdown).toHaveLength(3); // the empty cell is not a zero: it is not reported
      expect(row.narrative).toEqual({ en: "Two trainings in Nairobi and Dakar." });
      const evidence = await tx.select().from(entryEvidence).where(eq(entryEvidence.entryId, created.id));
      expect(evidence.map((item) => item.url ?? item.fileName).sort()).toEqual([
        "attendance.csv",
        "https://example.org/report.pdf",
      ]);
      expect(rows.map((audit) => [audit.action, audit.entityId])).toEqual([["entry.create", created.id]]);
    });
  });

  it("submits straight away when asked, and a typed total equal to the breakdown is accepted", async () => {
    await inRollback(database.db, async (tx) => {
      const { id } = await log(tx, { submit: true, fields: fields({ total: "20" }) });
      expect(await entry(tx, id)).toMatchObject({ status: "submitted", value: 20 });
      expect((await entry(tx, id)).submittedAt).not.toBeNull();
    });
  });

  it("refuses a total that contradicts its breakdown, naming both, and writes nothing", async () => {
    await inRollback(database.db, async (tx) => {
      const before = [await entryCount(tx), await auditCount(tx)];
      expect(await problems(log(tx, { fields: fields({ total: "21" }) }))).toEqual([
        "total: contradictsBreakdown",
      ]);
      const error = await log(tx, { fields: fields({ total: "21" }) }).catch((caught: unknown) => caught);
      expect(error instanceof EntryProblems && error.problems[0]?.message.values).toEqual({
        total: 21,
        sum: 20,
      });
      expect([await entryCount(tx), await auditCount(tx)]).toEqual(before);
    });
  });

  it("reports every bad value on its own field: not a number, negative, unknown region, future date, outside the plan", async () => {
    await inRollback(database.db, async (tx) => {
      const before = await entryCount(tx);
      expect(
        await problems(
          log(tx, {
            fields: fields({
              period: "2031-Q1",
              reportedOn: "2026-12-01",
              cells: {
                "cell.gender=women|region=africa": "12a",
                "cell.gender=men|region=africa": "-3",
                "cell.gender=women|region=atlantis": "4",
              },
            }),
          }),
        ),
      ).toEqual([
        "cell.gender=women|region=africa: notANumber",
        "period: outsidePlan",
        "cell.gender=women|region=atlantis: unknown",
        "cell.gender=men|region=africa: negative",
      ]);
      expect(await problems(log(tx, { fields: fields({ period: "2027-Q1" }) }))).toEqual([
        "period: notStarted",
      ]);
      expect(await problems(log(tx, { fields: fields({ reportedOn: "2026-05-16" }) }))).toEqual([
        "reportedOn: inFuture",
      ]);
      expect(await problems(log(tx, { fields: fields({ cells: {}, total: "" }) }))).toEqual([
        "total: required",
      ]);
      // With a box unreadable, the breakdown's sum is not what was meant: the total is not compared with it.
      expect(
        await problems(
          log(tx, { fields: fields({ total: "21", cells: { "cell.gender=women|region=africa": "2,5" } }) }),
        ),
      ).toEqual(["cell.gender=women|region=africa: notANumber"]);
      expect(await entryCount(tx)).toBe(before);
    });
  });

  it("refuses a count with decimals on its own field, in either language's notation, and writes nothing", async () => {
    await inRollback(database.db, async (tx) => {
      const before = [await entryCount(tx), await auditCount(tx)];
      const cell = "cell.gender=women|region=africa";
      expect(await problems(log(tx, { fields: fields({ cells: { [cell]: "2.5" } }) }))).toEqual([
        `${cell}: notWhole`,
      ]);
      expect(await problems(log(tx, { locale: "fr", fields: fields({ cells: {}, total: "20,5" }) }))).toEqual(
        ["total: notWhole"],
      );
      expect([await entryCount(tx), await auditCount(tx)]).toEqual(before);
      // What the person reads, in English and in French.
      const { message } = entryProblem("total", "notWhole");
      expect(translator("en")(message.key, message.values)).toBe(
        "This indicator counts: give a whole number, without decimals.",
      );
      expect(translator("fr")(message.key, message.values)).toBe(
        "Cet indicateur compte\u202f: donnez un nombre entier, sans décimales.",
      );
    });
  });

  it("reads numbers the French way in French, refuses a percentage over 100 and a level off the scale", async () => {
    await inRollback(database.db, async (tx) => {
      const share = (total: string, locale: "en" | "fr") =>
        log(tx, { indicatorId: ids.share, locale, fields: fields({ cells: {}, total }) });
      const { id } = await share("12,5", "fr");
      expect((await entry(tx, id)).value).toBe(12.5);
      expect(await problems(share("12,5", "en"))).toEqual(["total: notANumber"]);
      expect(await problems(share("120", "en"))).toEqual(["total: percentageRange"]);
      const level = (total: string) =>
        log(tx, { indicatorId: ids.milestone, fields: fields({ period: "2026", cells: {}, total }) });
      expect((await entry(tx, (await level("2")).id)).value).toBe(2);
      expect(await problems(level("3"))).toEqual(["total: notOnScale"]);
      expect(await problems(level(""))).toEqual(["total: levelRequired"]);
    });
  });

  it("refuses bad evidence: a link that is not a web address is reported with the entry's problems, files over the limit", async () => {
    await inRollback(database.db, async (tx) => {
      const big = Buffer.alloc(evidenceLimitBytes + 1);
      expect(
        await problems(
          log(tx, { evidence: { links: [], files: [{ name: "big.bin", type: "", content: big }] } }),
        ),
      ).toEqual(["evidenceFiles: filesTooLarge"]);
      const eleven = Array.from({ length: 11 }, (_, i) => `https://example.org/${i}`);
      expect(await problems(log(tx, { evidence: { links: eleven, files: [] } }))).toEqual([
        "evidenceFiles: tooManyEvidence",
      ]);
    });
  });

  it("logs only from an activity the indicator measures", async () => {
    await inRollback(database.db, async (tx) => {
      expect((await refusal(log(tx, { elementId: ids.strategy, indicatorId: ids.onStrategy }))).reason).toBe(
        "notAnActivity",
      );
      expect((await refusal(log(tx, { elementId: ids.otherActivity, indicatorId: ids.grid }))).reason).toBe(
        "notFound",
      );
      expect((await refusal(log(tx, { who: people.board }))).reason).toBe("notFound");
    });
  });
});

describe("a double submit", () => {
  it("returns the entry the first submit created, and writes one entry and one audit row", async () => {
    await inRollback(database.db, async (tx) => {
      const key = randomUUID();
      const before = [await entryCount(tx), await auditCount(tx)];
      const first = await log(tx, { key, submit: true });
      const second = await log(tx, { key, submit: true });
      expect(second).toEqual({ id: first.id, created: false });
      expect([await entryCount(tx), await auditCount(tx)]).toEqual([
        (before[0] ?? 0) + 1,
        (before[1] ?? 0) + 1,
      ]);
      // Someone else's key is never an entry of theirs.
      expect((await refusal(log(tx, { key, who: people.otherStaff }))).reason).toBe("submissionKeyUsed");
    });
  });

  it("sent twice at the same moment, still creates one entry", async () => {
    const key = randomUUID();
    const results = await Promise.all([
      log(database.db, { key, fields: fields({ period: earlier }) }),
      log(database.db, { key, fields: fields({ period: earlier }) }),
    ]);
    expect(results[0].id).toBe(results[1].id);
    expect(results.map((result) => result.created).sort()).toEqual([false, true]);
    const rows = await database.db
      .select()
      .from(progressEntries)
      .where(eq(progressEntries.submissionKey, key));
    expect(rows).toHaveLength(1);
    await database.db.delete(progressEntries).where(eq(progressEntries.submissionKey, key));
  });
});

describe("editing and submitting (the author)", () => {
  it("changes a draft, then submits it; each step is one audit row", async () => {
    await inRollback(database.db, async (tx) => {
      const { id } = await log(tx);
      const edit = await audited(tx, () =>
        updateEntry({
          db: tx,
          viewer: people.staff,
          entryId: id,
          fields: fields({ cells: { "cell.gender=women|region=asia-pacific": "7" } }),
          locale: "en",
          evidence: { links: ["https://example.org/photos"], files: [] },
          submit: false,
          today,
        }),
      );
      expect(await entry(tx, id)).toMatchObject({ status: "draft", value: 7 });
      expect(edit.map((row) => row.action)).toEqual(["entry.update"]);
      const submit = await audited(tx, () =>
        submitEntry({ db: tx, viewer: people.staff, entryId: id, today }),
      );
      expect(await entry(tx, id)).toMatchObject({ status: "submitted" });
      expect(submit.map((row) => row.action)).toEqual(["entry.submit"]);
    });
  });

  it("refuses someone else's entry as not found, and a submitted or approved entry as not editable", async () => {
    await inRollback(database.db, async (tx) => {
      const { id } = await log(tx, { submit: true });
      const change = (viewer: Viewer) =>
        updateEntry({
          db: tx,
          viewer,
          entryId: id,
          fields: fields(),
          locale: "en",
          evidence: noEvidence,
          submit: false,
          today,
        });
      expect((await refusal(change(people.otherStaff))).reason).toBe("notFound");
      expect((await refusal(change(people.staff))).reason).toBe("notEditable");
      expect((await refusal(submitEntry({ db: tx, viewer: people.staff, entryId: id, today }))).reason).toBe(
        "notEditable",
      );
      await approveEntry({ db: tx, viewer: people.meo, entryId: id });
      expect((await refusal(change(people.staff))).reason).toBe("notEditable");
    });
  });

  it("refuses an edit that breaks a rule, keeping the entry as it was", async () => {
    await inRollback(database.db, async (tx) => {
      const { id } = await log(tx);
      const before = await entry(tx, id);
      expect(
        await problems(
          updateEntry({
            db: tx,
            viewer: people.staff,
            entryId: id,
            fields: fields({ total: "99" }),
            locale: "en",
            evidence: noEvidence,
            submit: true,
            today,
          }),
        ),
      ).toEqual(["total: contradictsBreakdown"]);
      expect(await entry(tx, id)).toEqual(before);
    });
  });
});

describe("verification", () => {
  it("approves a submitted entry once: approving twice, or a draft, is refused", async () => {
    await inRollback(database.db, async (tx) => {
      const { id } = await log(tx, { submit: true });
      const rows = await audited(tx, () =>
        approveEntry({ db: tx, viewer: people.meo, entryId: id, note: "Checked." }),
      );
      expect(await entry(tx, id)).toMatchObject({ status: "approved", decidedBy: people.meo.id });
      expect(rows.map((row) => row.action)).toEqual(["entry.approve"]);
      const notes = await tx.select().from(entryNotes).where(eq(entryNotes.entryId, id));
      expect(notes.map((note) => [note.kind, note.body])).toEqual([["approved", "Checked."]]);
      expect((await refusal(approveEntry({ db: tx, viewer: people.meo, entryId: id }))).reason).toBe(
        "notSubmitted",
      );
      const draft = await log(tx);
      expect((await refusal(approveEntry({ db: tx, viewer: people.meo, entryId: draft.id }))).reason).toBe(
        "notSubmitted",
      );
    });
  });

  it("is for M&E officers only, and never of one's own entry", async () => {
    await inRollback(database.db, async (tx) => {
      const { id } = await log(tx, { submit: true });
      expect((await refusal(approveEntry({ db: tx, viewer: people.staff, entryId: id }))).reason).toBe(
        "notFound",
      );
      expect(
        (await refusal(returnEntry({ db: tx, viewer: people.otherStaff, entryId: id, note: "No" }))).reason,
      ).toBe("notFound");
      const own = await log(tx, { who: people.meo, submit: true });
      expect((await refusal(approveEntry({ db: tx, viewer: people.meo, entryId: own.id }))).reason).toBe(
        "ownEntry",
      );
      await approveEntry({ db: tx, viewer: people.otherMeo, entryId: own.id });
      expect((await entry(tx, own.id)).status).toBe("approved");
    });
  });

  it("returns with a required note; the author sees it, fixes, answers and resubmits; then it is approved", async () => {
    await inRollback(database.db, async (tx) => {
      const { id } = await log(tx, { submit: true });
      expect(
        (await refusal(returnEntry({ db: tx, viewer: people.meo, entryId: id, note: "  " }))).reason,
      ).toBe("noteRequired");
      const note = "Europe: the attendance sheet lists 4 women, not 3.";
      const returned = await audited(tx, () =>
        returnEntry({ db: tx, viewer: people.meo, entryId: id, note }),
      );
      expect(returned.map((row) => [row.action, row.after])).toEqual([
        ["entry.return", { status: "returned", note }],
      ]);
      expect((await entry(tx, id)).status).toBe("returned");

      // The author sees the note in "my entries" and on "my activities".
      const mine = await myEntries({ db: tx, viewer: people.staff });
      expect(
        mine?.find((group) => group.status === "returned")?.entries.map((item) => [item.id, item.note]),
      ).toEqual([[id, note]]);
      const activities = await myActivities({ db: tx, viewer: people.staff, today });
      expect(activities?.assigned[0]?.entries[0]).toMatchObject({ id, status: "returned", note });

      const resubmit = await audited(tx, () =>
        updateEntry({
          db: tx,
          viewer: people.staff,
          entryId: id,
          fields: fields({
            cells: {
              "cell.gender=women|region=africa": "12",
              "cell.gender=trans|region=africa": "5",
              "cell.gender=women|region=europe": "4",
            },
          }),
          locale: "en",
          evidence: noEvidence,
          submit: true,
          answer: "Corrected: 4 women in Europe.",
          today,
        }),
      );
      expect(resubmit.map((row) => row.action)).toEqual(["entry.resubmit"]);
      expect(await entry(tx, id)).toMatchObject({ status: "submitted", value: 21 });
      const conversation = await tx
        .select()
        .from(entryNotes)
        .where(eq(entryNotes.entryId, id))
        .orderBy(entryNotes.id);
      expect(conversation.map((item) => item.kind)).toEqual(["returned", "answered"]);
      // Back in the queue.
      expect(
        (await verificationQueue({ db: tx, viewer: people.meo }))?.entries.map((item) => item.id),
      ).toContain(id);
      await approveEntry({ db: tx, viewer: people.meo, entryId: id });
      expect((await entry(tx, id)).status).toBe("approved");
    });
  });

  it("lets the author answer a return note without changing the entry, only while it is returned", async () => {
    await inRollback(database.db, async (tx) => {
      const { id } = await log(tx, { submit: true });
      expect(
        (await refusal(answerReturn({ db: tx, viewer: people.staff, entryId: id, body: "Why?" }))).reason,
      ).toBe("notReturned");
      await returnEntry({ db: tx, viewer: people.meo, entryId: id, note: "Add the attendance sheet." });
      expect(
        (await refusal(answerReturn({ db: tx, viewer: people.staff, entryId: id, body: " " }))).reason,
      ).toBe("answerRequired");
      const rows = await audited(tx, () =>
        answerReturn({ db: tx, viewer: people.staff, entryId: id, body: "It is on the shared drive." }),
      );
      expect(rows.map((row) => row.action)).toEqual(["entry.answer"]);
      expect((await entry(tx, id)).status).toBe("returned");
      expect(
        (await refusal(answerReturn({ db: tx, viewer: people.otherStaff, entryId: id, body: "Hi" }))).reason,
      ).toBe("notFound");
    });
  });

  it("lists the queue oldest first", async () => {
    await inRollback(database.db, async (tx) => {
      const first = await log(tx, { submit: true });
      const second = await log(tx, { submit: true, fields: fields({ period: earlier }) });
      await tx
        .update(progressEntries)
        .set({ submittedAt: new Date("2026-05-01T10:00:00Z") })
        .where(eq(progressEntries.id, second.id));
      const queue = await verificationQueue({ db: tx, viewer: people.meo });
      const order = queue?.entries.map((item) => item.id).filter((id) => id === first.id || id === second.id);
      expect(order).toEqual([second.id, first.id]);
      expect(await verificationQueue({ db: tx, viewer: people.staff })).toBeNull();
    });
  });
});

describe("locking a period", () => {
  it("is refused while entries wait (naming them) or when nothing is approved; then locks, and unlocks with a rationale", async () => {
    await inRollback(database.db, async (tx) => {
      const lock = () => lockPeriod({ db: tx, viewer: people.meo, indicatorId: ids.grid, periodKey: period });
      expect((await refusal(lock())).reason).toBe("nothingApproved");
      const waiting = await log(tx, { submit: true });
      const blocked = await refusal(lock());
      expect(blocked.reason).toBe("waitingEntries");
      expect(blocked.entries).toEqual([{ id: waiting.id, status: "submitted" }]);
      await returnEntry({ db: tx, viewer: people.meo, entryId: waiting.id, note: "Check the total." });
      expect((await refusal(lock())).entries).toEqual([{ id: waiting.id, status: "returned" }]);
      await submitEntry({ db: tx, viewer: people.staff, entryId: waiting.id, today });
      await approveEntry({ db: tx, viewer: people.meo, entryId: waiting.id });
      const draft = await log(tx, { fields: fields() }); // a draft does not block the lock

      const locked = await audited(tx, lock);
      expect(locked.map((row) => [row.action, row.after])).toEqual([
        ["period.lock", { indicator: "T1", period, approved: 1, drafts: 1 }],
      ]);
      expect((await refusal(lock())).reason).toBe("alreadyLocked");
      expect(
        (
          await refusal(
            lockPeriod({ db: tx, viewer: people.meo, indicatorId: ids.grid, periodKey: "2031-Q1" }),
          )
        ).reason,
      ).toBe("unknownPeriod");
      expect(
        (
          await refusal(
            lockPeriod({ db: tx, viewer: people.staff, indicatorId: ids.grid, periodKey: period }),
          )
        ).reason,
      ).toBe("notFound");

      // Nothing can be added or changed in it, whatever the path.
      expect(await problems(log(tx))).toEqual(["period: locked"]);
      const change = updateEntry({
        db: tx,
        viewer: people.staff,
        entryId: draft.id,
        fields: fields(),
        locale: "en",
        evidence: noEvidence,
        submit: true,
        today,
      });
      expect((await refusal(change)).reason).toBe("locked");
      expect(
        (await refusal(submitEntry({ db: tx, viewer: people.staff, entryId: draft.id, today }))).reason,
      ).toBe("locked");
      expect(
        await databaseError(tx, (db) =>
          db.update(progressEntries).set({ value: 1 }).where(eq(progressEntries.id, waiting.id)),
        ),
      ).toMatch(/locked/);
      const overview = await periodsOverview({ db: tx, viewer: people.meo, planSlug: "progress-test" });
      const row = overview?.indicators
        .find((item) => item.code === "T1")
        ?.periods.find((p) => p.key === period);
      expect(row?.lock).not.toBeNull();
      expect((await entryDetail({ db: tx, viewer: people.staff, entryId: draft.id, today }))?.editable).toBe(
        false,
      );

      expect(
        (
          await refusal(
            unlockPeriod({
              db: tx,
              viewer: people.meo,
              indicatorId: ids.grid,
              periodKey: period,
              rationale: " ",
            }),
          )
        ).reason,
      ).toBe("rationaleRequired");
      const unlocked = await audited(tx, () =>
        unlockPeriod({
          db: tx,
          viewer: people.meo,
          indicatorId: ids.grid,
          periodKey: period,
          rationale: "Late attendance sheets from Dakar.",
        }),
      );
      expect(unlocked.map((audit) => [audit.action, audit.rationale])).toEqual([
        ["period.unlock", "Late attendance sheets from Dakar."],
      ]);
      expect(
        (
          await refusal(
            unlockPeriod({
              db: tx,
              viewer: people.meo,
              indicatorId: ids.grid,
              periodKey: period,
              rationale: "x",
            }),
          )
        ).reason,
      ).toBe("notLocked");
      await submitEntry({ db: tx, viewer: people.staff, entryId: draft.id, today });
      expect((await entry(tx, draft.id)).status).toBe("submitted");
    });
  });

  it("offers the lock only for periods whose entries are all verified", async () => {
    await inRollback(database.db, async (tx) => {
      const approved = await log(tx, { submit: true, fields: fields({ period: earlier }) });
      await approveEntry({ db: tx, viewer: people.meo, entryId: approved.id });
      await log(tx, { submit: true });
      const overview = await periodsOverview({ db: tx, viewer: people.meo, planSlug: "progress-test" });
      const periods = overview?.indicators.find((item) => item.code === "T1")?.periods ?? [];
      expect(periods.map((p) => [p.key, p.lockable])).toEqual([
        [earlier, true],
        [period, false],
      ]);
    });
  });
});

describe("only approved entries count", () => {
  it("the element page's figures show an entry once it is approved, and never a draft, submitted or returned one", async () => {
    await inRollback(database.db, async (tx) => {
      const figures = async () =>
        (await indicatorsOfElement({ db: tx, elementId: ids.activity }))
          .find((indicator) => indicator.code === "T1")
          ?.entries.map((item) => item.value);
      await log(tx); // draft
      const returned = await log(tx, { submit: true, fields: fields({ total: "20" }) });
      await returnEntry({ db: tx, viewer: people.meo, entryId: returned.id, note: "Source?" });
      const submitted = await log(tx, { submit: true });
      expect(await figures()).toEqual([]);
      await approveEntry({ db: tx, viewer: people.meo, entryId: submitted.id });
      expect(await figures()).toEqual([20]);
    });
  });
});

describe("who sees what", () => {
  it("an entry and its evidence files: its author and M&E officers, not other staff", async () => {
    await inRollback(database.db, async (tx) => {
      const { id } = await log(tx, {
        evidence: {
          links: [],
          files: [{ name: "list.txt", type: "text/plain", content: Buffer.from("A, B") }],
        },
      });
      const [file] = await tx
        .select({ id: entryEvidence.id })
        .from(entryEvidence)
        .where(eq(entryEvidence.entryId, id));
      const fileOf = (viewer: Viewer) =>
        evidenceFile({ db: tx, viewer, entryId: id, evidenceId: file?.id ?? "" });
      expect((await fileOf(people.staff))?.content.toString()).toBe("A, B");
      expect((await fileOf(people.meo))?.fileName).toBe("list.txt");
      expect(await fileOf(people.otherStaff)).toBeNull();
      expect(await entryDetail({ db: tx, viewer: people.otherStaff, entryId: id, today })).toBeNull();
      expect(await entryDetail({ db: tx, viewer: people.board, entryId: id, today })).toBeNull();
      expect((await entryDetail({ db: tx, viewer: people.meo, entryId: id, today }))?.editable).toBe(false);
      expect((await entryDetail({ db: tx, viewer: people.staff, entryId: id, today }))?.editable).toBe(true);
    });
  });

  it("my activities lists assigned activities first, then other activities with indicators in open plans", async () => {
    await inRollback(database.db, async (tx) => {
      const staff = await myActivities({ db: tx, viewer: people.staff, today });
      expect(staff?.assigned.map((card) => card.code)).toEqual(["O1.S1.A1"]);
      expect(staff?.others.map((card) => `${card.plan.slug} ${card.code}`)).toContain(
        "progress-test O1.S1.A2",
      );
      // NSWP's plans are closed: their activities are not offered to everyone.
      expect(staff?.others.some((card) => card.plan.slug.startsWith("20"))).toBe(false);
      const grid = staff?.assigned[0]?.indicators.find((indicator) => indicator.code === "T1");
      expect(grid?.period).toEqual({ key: period, state: "empty" });
      expect((await myActivities({ db: tx, viewer: people.otherStaff, today }))?.assigned).toEqual([]);
      expect(await myActivities({ db: tx, viewer: people.board, today })).toBeNull();
    });
  });

  it("the state of the current period follows its entries and its lock", async () => {
    await inRollback(database.db, async (tx) => {
      const state = async () =>
        (await myActivities({ db: tx, viewer: people.staff, today }))?.assigned[0]?.indicators.find(
          (indicator) => indicator.code === "T1",
        )?.period?.state;
      const { id } = await log(tx, { submit: true });
      expect(await state()).toBe("submitted");
      await approveEntry({ db: tx, viewer: people.meo, entryId: id });
      expect(await state()).toBe("approved");
      await lockPeriod({ db: tx, viewer: people.meo, indicatorId: ids.grid, periodKey: period });
      expect(await state()).toBe("locked");
      expect(
        await tx
          .select({ n: count() })
          .from(progressEntries)
          .where(and(eq(progressEntries.indicatorId, ids.grid), eq(progressEntries.status, "approved"))),
      ).toEqual([{ n: 1 }]);
    });
  });
});

describe("the audit trail answers who changed what (issue 12)", () => {
  it("an edit records the narrative before and after", async () => {
    await inRollback(database.db, async (tx) => {
      const { id } = await log(tx);
      const [row] = await audited(tx, () =>
        updateEntry({
          db: tx,
          viewer: people.staff,
          entryId: id,
          fields: fields({ narrative: "Three trainings, not two." }),
          locale: "en",
          evidence: noEvidence,
          submit: false,
          today,
        }),
      );
      expect(row?.before).toMatchObject({ narrative: "Two trainings in Nairobi and Dakar." });
      expect(row?.after).toMatchObject({ narrative: "Three trainings, not two." });
    });
  });

  it("a new file gets its SHA-256; a removed one becomes a tombstone, hidden everywhere, named in the audit row", async () => {
    await inRollback(database.db, async (tx) => {
      const content = Buffer.from("name\nA\nB\n");
      const sha256 = createHash("sha256").update(content).digest("hex");
      const { id } = await log(tx, {
        evidence: { links: [], files: [{ name: "attendance.csv", type: "text/csv", content }] },
      });
      const [file] = await tx.select().from(entryEvidence).where(eq(entryEvidence.entryId, id));
      expect(file?.sha256).toBe(sha256);
      const evidenceId = file?.id ?? "";

      const [row] = await audited(tx, () =>
        updateEntry({
          db: tx,
          viewer: people.staff,
          entryId: id,
          fields: fields(),
          locale: "en",
          evidence: noEvidence,
          removeEvidence: [evidenceId],
          submit: false,
          today,
        }),
      );
      expect(row?.before).toMatchObject({
        evidence: [{ id: evidenceId, fileName: "attendance.csv", contentType: "text/csv", size: 9, sha256 }],
      });
      expect(row?.after).toMatchObject({ evidenceRemoved: 1 });

      // The row stays, as a tombstone: who removed it and when, the content kept until the retention rule.
      const [tombstone] = await tx.select().from(entryEvidence).where(eq(entryEvidence.id, evidenceId));
      expect(tombstone?.removedBy).toBe(people.staff.id);
      expect(tombstone?.removedAt).not.toBeNull();
      expect(tombstone?.content?.toString()).toBe(content.toString());
      // …and hidden: no download, not on the entry's page.
      expect(await evidenceFile({ db: tx, viewer: people.staff, entryId: id, evidenceId })).toBeNull();
      expect((await entryDetail({ db: tx, viewer: people.meo, entryId: id, today }))?.evidence).toEqual([]);
    });
  });

  it("the retention rule erases the content of old tombstones only, one audit row each", async () => {
    await inRollback(database.db, async (tx) => {
      const file = (name: string) => ({ name, type: "text/plain", content: Buffer.from(name) });
      const { id } = await log(tx, {
        evidence: { links: [], files: [file("old.txt"), file("recent.txt"), file("kept.txt")] },
      });
      const rows = await tx.select().from(entryEvidence).where(eq(entryEvidence.entryId, id));
      const idOf = (name: string) => rows.find((row) => row.fileName === name)?.id ?? "";
      await tx
        .update(entryEvidence)
        .set({ removedAt: sql`now() - interval '40 days'`, removedBy: people.staff.id })
        .where(eq(entryEvidence.id, idOf("old.txt")));
      await tx
        .update(entryEvidence)
        .set({ removedAt: sql`now() - interval '5 days'`, removedBy: people.staff.id })
        .where(eq(entryEvidence.id, idOf("recent.txt")));

      let purged = 0;
      const audit = await audited(tx, async () => {
        purged = await purgeRemovedEvidence({ db: tx, olderThanDays: 30, actor: "cli:operator" });
      });
      expect(purged).toBe(1);
      const after = await tx.select().from(entryEvidence).where(eq(entryEvidence.entryId, id));
      const contentOf = (name: string) =>
        after.find((row) => row.fileName === name)?.content?.toString() ?? null;
      expect([contentOf("old.txt"), contentOf("recent.txt"), contentOf("kept.txt")]).toEqual([
        null,
        "recent.txt",
        "kept.txt",
      ]);
      expect(after.find((row) => row.fileName === "old.txt")?.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(audit.map((row) => [row.action, row.entityId, row.actor])).toEqual([
        ["evidence.purge", idOf("old.txt"), "cli:operator"],
      ]);
      expect(audit[0]?.before).toMatchObject({ fileName: "old.txt", size: 7 });
    });
  });
});
