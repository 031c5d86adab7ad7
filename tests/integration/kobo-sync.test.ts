import { and, count, eq, like } from "drizzle-orm";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { decryptSecret } from "../../app/auth/secrets.server";
import { translator } from "../../app/i18n/i18n";
import { createConnection, restartConnection, updateConnection } from "../../app/kobo/connections.server";
import type { KoboMapping } from "../../app/kobo/format";
import { runErrorText } from "../../app/kobo/run-error";
import { SyncAlreadyRunning, syncClaimMinutes, syncConnection } from "../../app/kobo/sync.server";
import { logger } from "../../app/logger.server";
import { createKoboFake, type FakeSubmission, makeSubmissions } from "../../app/mocks/kobo";
import type { Database, Db } from "../../db/client";
import {
  auditEvents,
  elements,
  indicatorElements,
  indicators,
  koboConnections,
  koboRuns,
  plans,
  progressEntries,
  referenceItems,
  users,
} from "../../db/schema";
import { createTestDatabase, inRollback } from "../support/database";

const appSecret = "kobo-sync-test-secret-0123456789-abcdefghij";
const today = "2026-01-01";
const uid = "aTrainingReports2014";
const fake = createKoboFake({ baseUrl: "https://kobo.example.test" });
const server = setupServer(...fake.handlers);

let database: Database;
let userId: string;
let planId: string;

/** A training report as field staff fill it in: where, when, who came, how it went. */
const report = (i: number): Record<string, unknown> => ({
  "group_event/event_date": `2014-0${1 + (i % 9)}-1${i % 10}`,
  "group_event/region": ["afr", "asia_pacific", "europe"][i % 3],
  "group_participants/women": String(5 + (i % 4)),
  "group_participants/men": String(i % 3),
  "group_participants/trans": String(2 + (i % 2)),
  "group_event/sessions": String(1 + (i % 2)),
  "group_eval/satisfied_pct": String(60 + (i % 40)),
  "group_event/notes": `Training ${i}`,
});

function setForm(submissions: FakeSubmission[]) {
  fake.forms.set(uid, { uid, formhubUuid: "0c9d4f3e", version: "vT1", submissions });
}

const mapping: KoboMapping = {
  version: 1,
  period: { field: "group_event/event_date", from: "date" },
  reportedOn: null,
  narrative: "group_event/notes",
  dimensions: {
    region: { field: "group_event/region", choices: { afr: "africa", asia_pacific: "asia-pacific" } },
  },
  indicators: [
    {
      indicator: "T1",
      value: null,
      cells: [
        { field: "group_participants/women", at: { gender: "women" } },
        { field: "group_participants/men", at: { gender: "men" } },
        { field: "group_participants/trans", at: { gender: "trans" } },
      ],
      totalOnly: false,
    },
    { indicator: "T2", value: "group_event/sessions", cells: [], totalOnly: false },
    { indicator: "T3", value: "group_eval/satisfied_pct", cells: [], totalOnly: false },
  ],
};

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const [user] = await db
    .insert(users)
    .values({ email: "meo@kobo.test", name: "M. E. Officer", passwordHash: "not-used" })
    .returning();
  userId = (user as { id: string }).id;
  await db.insert(referenceItems).values(
    ["africa", "asia-pacific", "europe", "latin-america", "north-america-caribbean"].map(
      (code, position) => ({
        list: "region" as const,
        code,
        position,
        label: { en: code },
      }),
    ),
  );
  const [plan] = await db
    .insert(plans)
    .values({
      slug: "kobo-test",
      title: { en: "Kobo test plan" },
      startDate: "2013-01-01",
      endDate: "2015-12-31",
    })
    .returning();
  planId = (plan as { id: string }).id;
  const [activity] = await db
    .insert(elements)
    .values({ planId, code: "A1", kind: "activity", title: { en: "Trainings" } })
    .returning();
  const base = { planId, direction: "increase" as const, dimensions: [] };
  const [t1] = await db
    .insert(indicators)
    .values([
      {
        ...base,
        code: "T1",
        name: { en: "People trained" },
        measure: "number",
        aggregation: "cumulative",
        frequency: "quarterly",
        dimensions: [{ code: "region" }, { code: "gender" }],
      },
      {
        ...base,
        code: "T2",
        name: { en: "Sessions" },
        measure: "number",
        aggregation: "per_period",
        frequency: "annual",
      },
      {
        ...base,
        code: "T3",
        name: { en: "Satisfied participants" },
        measure: "percentage",
        aggregation: "latest",
        frequency: "quarterly",
      },
    ])
    .returning();
  await db.insert(indicatorElements).values({
    planId,
    indicatorId: (t1 as { id: string }).id,
    elementId: (activity as { id: string }).id,
  });
  // Started after the database: PGlite must not see msw.
  server.listen({ onUnhandledRequest: "error" });
});

afterAll(async () => {
  server.close();
  await database?.close();
});

beforeEach(() => {
  fake.reset();
  setForm([]);
});

async function newConnection(tx: Db, { token = fake.token, withMapping = true } = {}) {
  const settings = { name: "Training reports", serverUrl: fake.baseUrl, assetUid: uid };
  const id = await createConnection({
    db: tx,
    actor: `user:${userId}`,
    userId,
    planId,
    settings,
    token,
    appSecret,
  });
  if (withMapping)
    await updateConnection({
      db: tx,
      actor: `user:${userId}`,
      id,
      settings,
      mapping,
      token: null,
      appSecret,
    });
  return id;
}

const sync = (tx: Db, connectionId: string, options: { pageSize?: number; timeoutMs?: number } = {}) =>
  syncConnection({ db: tx, connectionId, userId, appSecret, today, ...options }).then((report) => {
    if (!report) throw new Error("no such connection");
    return report;
  });

const entriesOf = (tx: Db, connectionId: string) =>
  tx
    .select()
    .from(progressEntries)
    .where(eq(progressEntries.externalSource, `kobo:${connectionId}`));

const entryCount = async (tx: Db) => (await tx.select({ n: count() }).from(progressEntries))[0]?.n;

/** A run's stored error, and how the run's page shows it in English and in French. */
async function storedError(tx: Db, runId: number) {
  const [row] = await tx.select({ error: koboRuns.error }).from(koboRuns).where(eq(koboRuns.id, runId));
  const error = row?.error ?? "";
  return {
    stored: JSON.parse(error) as unknown,
    en: runErrorText(translator("en"), error),
    fr: runErrorText(translator("fr"), error),
  };
}

describe("a KoboToolbox sync", () => {
  it("reads every page (2,500 submissions, 1000 a page) into draft entries entered by the person syncing", async () => {
    setForm(
      makeSubmissions({
        count: 2500,
        from: new Date("2014-01-01T08:00:00Z"),
        everyMinutes: 90,
        fields: report,
      }),
    );
    await inRollback(database.db, async (tx) => {
      const id = await newConnection(tx);
      const run = await sync(tx, id);
      expect(run).toMatchObject({ outcome: "succeeded", fetched: 2500, created: 7500, error: null });
      expect(
        fake.requests.map((url) => [url.searchParams.get("start"), url.searchParams.get("limit")]),
      ).toEqual([
        ["0", "1000"],
        ["1000", "1000"],
        ["2000", "1000"],
      ]);
      expect(fake.requests[0]?.searchParams.has("query")).toBe(false);

      const entries = await entriesOf(tx, id);
      expect(entries).toHaveLength(7500);
      expect(new Set(entries.map((entry) => entry.status))).toEqual(new Set(["draft"]));
      expect(new Set(entries.map((entry) => entry.enteredBy))).toEqual(new Set([userId]));
      const first = fake.forms.get(uid)?.submissions[0] as FakeSubmission;
      const t1 = entries.find((entry) => entry.externalId === `${first._uuid}:T1`);
      // women 5, men 0, trans 2 in Africa: the total is derived from the breakdown.
      expect(t1).toMatchObject({
        periodKey: "2014-Q1",
        value: 7,
        reportedOn: "2014-01-01",
        narrative: { en: "Training 0" },
        breakdown: [
          { values: { gender: "women", region: "africa" }, value: 5 },
          { values: { gender: "men", region: "africa" }, value: 0 },
          { values: { gender: "trans", region: "africa" }, value: 2 },
        ],
      });
      expect(t1?.elementId).not.toBeNull();

      const [connection] = await tx.select().from(koboConnections).where(eq(koboConnections.id, id));
      const last = fake.forms.get(uid)?.submissions.at(-1) as FakeSubmission;
      expect(connection?.lastSubmissionTime).toBe(last._submission_time);
      const runs = await tx.select().from(koboRuns).where(eq(koboRuns.connectionId, id));
      expect(runs).toEqual([
        expect.objectContaining({
          outcome: "succeeded",
          fetched: 2500,
          created: 7500,
          skipped: [],
          error: null,
        }),
      ]);
      const audit = await tx.select().from(auditEvents).where(eq(auditEvents.action, "kobo.sync"));
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: `user:${userId}`, entityId: id });
    });
  });

  it("re-runs ask only for later submissions and never duplicate, even when told to start over", async () => {
    const from = new Date("2014-03-01T08:00:00Z");
    setForm(makeSubmissions({ count: 30, from, fields: report }));
    await inRollback(database.db, async (tx) => {
      const id = await newConnection(tx);
      expect(await sync(tx, id, { pageSize: 10 })).toMatchObject({ fetched: 30, created: 90 });
      const lastTime = fake.forms.get(uid)?.submissions.at(-1)?._submission_time;

      fake.reset();
      expect(await sync(tx, id)).toMatchObject({ outcome: "succeeded", fetched: 0, created: 0, items: [] });
      expect(fake.requests).toHaveLength(1);
      expect(JSON.parse(fake.requests[0]?.searchParams.get("query") ?? "null")).toEqual({
        _submission_time: { $gt: lastTime },
      });

      const later = makeSubmissions({ count: 4, from: new Date("2014-06-01T08:00:00Z"), fields: report });
      fake.forms.get(uid)?.submissions.push(...later);
      fake.reset();
      expect(await sync(tx, id)).toMatchObject({ fetched: 4, created: 12 });
      expect(await entriesOf(tx, id)).toHaveLength(102);

      await restartConnection({ db: tx, actor: `user:${userId}`, id });
      const again = await sync(tx, id, { pageSize: 10 });
      expect(again).toMatchObject({ outcome: "succeeded", fetched: 34, created: 0 });
      expect(again.items).toHaveLength(34);
      expect(new Set(again.items.map((item) => item.reason))).toEqual(new Set(["already imported"]));
      expect(await entriesOf(tx, id)).toHaveLength(102);
    });
  });

  it("reports a changed form (a renamed question, a new one) and imports what still fits", async () => {
    setForm(makeSubmissions({ count: 6, from: new Date("2014-02-01T08:00:00Z"), fields: report }));
    await inRollback(database.db, async (tx) => {
      const id = await newConnection(tx);
      expect(await sync(tx, id)).toMatchObject({ fetched: 6, created: 18 });

      fake.forms
        .get(uid)
        ?.submissions.push(
          ...makeSubmissions({ count: 3, from: new Date("2014-07-01T08:00:00Z"), fields: report }),
        );
      fake.changeForm = {
        from: 6,
        rename: { "group_event/region": "group_location/region" },
        add: { "group_new/venue_type": "community_centre" },
      };
      const run = await sync(tx, id);
      expect(run).toMatchObject({ outcome: "succeeded", fetched: 3, created: 6, error: null });
      const reasons = run.items.map((item) => item.reason);
      expect(reasons).toEqual(
        expect.arrayContaining([
          "no submission has the mapped field group_event/region: was the question renamed or removed?",
          "submissions have a field the mapping does not use: group_location/region",
          "submissions have a field the mapping does not use: group_new/venue_type",
          "T1: field group_event/region has no answer, so the region is not known",
        ]),
      );
      expect(run.items.filter((item) => item.indicator === "T1")).toHaveLength(3);
    });
  });

  it("skips what cannot become an entry, each with its reason, and imports the rest", async () => {
    const submissions = makeSubmissions({ count: 5, from: new Date("2014-04-01T08:00:00Z"), fields: report });
    Object.assign(submissions[0] as FakeSubmission, { "group_event/region": "Atlantis" });
    Object.assign(submissions[1] as FakeSubmission, { "group_event/event_date": "2031-01-05" });
    Object.assign(submissions[2] as FakeSubmission, { "group_eval/satisfied_pct": "140" });
    Object.assign(submissions[3] as FakeSubmission, { "group_event/sessions": "two" });
    setForm(submissions);
    await inRollback(database.db, async (tx) => {
      const id = await newConnection(tx);
      const run = await sync(tx, id);
      expect(run).toMatchObject({ outcome: "succeeded", fetched: 5, created: 9 });
      const by = (i: number) =>
        run.items.filter((item) => item.submission === submissions[i]?._uuid).map((item) => item.reason);
      expect(by(0)).toEqual(["T1: field group_event/region: “Atlantis” is not a known region"]);
      expect(by(1)).toEqual([
        "T1: field group_event/event_date: 2031-01-05 is in no period of the plan",
        "T2: field group_event/event_date: 2031-01-05 is in no period of the plan",
        "T3: field group_event/event_date: 2031-01-05 is in no period of the plan",
      ]);
      expect(by(2)).toEqual([
        "T3: field group_eval/satisfied_pct: 140 is not a percentage between 0 and 100",
      ]);
      expect(by(3)).toEqual(["T2: field group_event/sessions: “two” is not a number"]);
      expect(by(4)).toEqual([]);
      const stored = await tx.select().from(koboRuns).where(eq(koboRuns.id, run.runId));
      expect(stored[0]?.skipped).toEqual(run.items);
    });
  });
});

describe("parallel syncs of one connection", () => {
  it("run one at a time: the second is told one is running since when, and writes nothing", async () => {
    setForm(makeSubmissions({ count: 40, from: new Date("2014-02-01T08:00:00Z"), fields: report }));
    await inRollback(database.db, async (tx) => {
      const id = await newConnection(tx);
      const before = await entryCount(tx);
      const [a, b] = await Promise.allSettled([
        sync(tx, id, { pageSize: 10 }),
        sync(tx, id, { pageSize: 10 }),
      ]);
      const ran = [a, b].filter((result) => result.status === "fulfilled");
      const refused = [a, b].filter((result) => result.status === "rejected");
      expect(ran).toHaveLength(1);
      expect(ran[0]?.value).toMatchObject({ outcome: "succeeded", fetched: 40, created: 120 });
      expect(refused).toHaveLength(1);
      const reason = refused[0]?.reason as SyncAlreadyRunning;
      expect(reason).toBeInstanceOf(SyncAlreadyRunning);
      expect(reason.status).toBe(409);
      expect(reason.problems).toEqual([
        {
          field: "form",
          message: { key: "kobo.sync.running", values: { since: reason.since.toISOString() } },
        },
      ]);
      // Only the one sync asked the server (4 pages of 10), wrote entries, a run and an audit row.
      expect(fake.requests).toHaveLength(4);
      expect(Number(await entryCount(tx)) - Number(before)).toBe(120);
      expect(await tx.select().from(koboRuns).where(eq(koboRuns.connectionId, id))).toHaveLength(1);
      const audit = await tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "kobo.sync"), eq(auditEvents.entityId, id)));
      expect(audit).toHaveLength(1);

      // Once it is over, the connection is free again, after a failed run too.
      const [after] = await tx.select().from(koboConnections).where(eq(koboConnections.id, id));
      expect(after?.syncStartedAt).toBeNull();
      fake.failure = { status: 500 };
      expect(await sync(tx, id)).toMatchObject({ outcome: "failed" });
      fake.reset();
      expect(await sync(tx, id)).toMatchObject({ outcome: "succeeded", fetched: 0 });
    });
  });

  it("take over a claim left by a sync that never finished (a crash), after the claim's time limit", async () => {
    setForm(makeSubmissions({ count: 3, from: new Date("2014-02-01T08:00:00Z"), fields: report }));
    await inRollback(database.db, async (tx) => {
      const id = await newConnection(tx);
      const claimed = (minutesAgo: number) =>
        tx
          .update(koboConnections)
          .set({ syncStartedAt: new Date(Date.now() - minutesAgo * 60_000) })
          .where(eq(koboConnections.id, id));
      await claimed(1);
      await expect(sync(tx, id)).rejects.toBeInstanceOf(SyncAlreadyRunning);
      expect(fake.requests).toHaveLength(0);
      await claimed(syncClaimMinutes + 1);
      expect(await sync(tx, id)).toMatchObject({ outcome: "succeeded", fetched: 3 });
    });
  });
});

describe("a sync that fails", () => {
  const failing = [
    ["a refused token (401)", { status: 401 }, { code: "error.auth", params: { status: 401 } }],
    ["a forbidden form (403)", { status: 403 }, { code: "error.auth", params: { status: 403 } }],
    ["a server error (500)", { status: 500 }, { code: "error.server", params: { status: 500 } }],
    ["a dropped connection", { kind: "network" }, { code: expect.stringMatching(/^error\.network/) }],
  ] as const;

  for (const [what, failure, error] of failing) {
    it(`on ${what} half way through writes nothing and records the run with its error`, async () => {
      setForm(makeSubmissions({ count: 25, from: new Date("2014-01-01T08:00:00Z"), fields: report }));
      await inRollback(database.db, async (tx) => {
        const id = await newConnection(tx);
        const before = await entryCount(tx);
        fake.failure = failure;
        fake.failOnPage = 2; // the first page arrives, the second fails
        const run = await sync(tx, id, { pageSize: 10 });
        expect(run.outcome).toBe("failed");
        expect(run.error).toMatchObject(error);
        expect(run.created).toBe(0);
        expect(fake.requests).toHaveLength(2);
        expect(await entryCount(tx)).toBe(before);
        const [connection] = await tx.select().from(koboConnections).where(eq(koboConnections.id, id));
        expect(connection?.lastSubmissionTime).toBeNull();
        const runs = await tx.select().from(koboRuns).where(eq(koboRuns.connectionId, id));
        expect(runs).toEqual([
          expect.objectContaining({ outcome: "failed", created: 0, error: JSON.stringify(run.error) }),
        ]);
        const audit = await tx
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.action, "kobo.sync"), eq(auditEvents.entityId, id)));
        expect(audit).toHaveLength(1);

        // Once the server is well again, the next run takes everything.
        fake.reset();
        expect(await sync(tx, id, { pageSize: 10 })).toMatchObject({
          outcome: "succeeded",
          fetched: 25,
          created: 75,
        });
      });
    });
  }

  it("with a token the server does not know says the token was refused", async () => {
    setForm(makeSubmissions({ count: 2, from: new Date("2014-01-01T08:00:00Z"), fields: report }));
    await inRollback(database.db, async (tx) => {
      const id = await newConnection(tx, { token: "a-token-kobo-never-issued" });
      const run = await sync(tx, id);
      expect(run).toMatchObject({
        outcome: "failed",
        error: { code: "error.auth", params: { status: 401 } },
        created: 0,
      });
      expect(await storedError(tx, run.runId)).toEqual({
        stored: { code: "error.auth", params: { status: 401 } },
        en: "the token was refused (401). Check the API token and that the form is shared with its account.",
        fr: "le jeton a été refusé (401). Vérifiez le jeton d'API et que le formulaire est partagé avec son compte.",
      });
    });
  });

  it("for a form that does not exist says so", async () => {
    await inRollback(database.db, async (tx) => {
      const id = await newConnection(tx);
      fake.forms.delete(uid);
      expect(await sync(tx, id)).toMatchObject({
        outcome: "failed",
        error: { code: "error.notFound", params: { status: 404 } },
      });
    });
  });

  it("on a reply of the wrong shape names what was wrong", async () => {
    setForm(makeSubmissions({ count: 2, from: new Date("2014-01-01T08:00:00Z"), fields: report }));
    await inRollback(database.db, async (tx) => {
      const id = await newConnection(tx);
      fake.failure = { kind: "wrongShape" };
      const run = await sync(tx, id);
      expect(run.outcome).toBe("failed");
      expect(run.error).toEqual({ code: "error.shape", params: { where: "count, next, previous" } });
      expect((await storedError(tx, run.runId)).fr).toBe(
        "la réponse du serveur n'est pas celle de KoboToolbox (erroné ou absent\u202f: count, next, previous).",
      );
      expect(await entriesOf(tx, id)).toHaveLength(0);
    });
  });

  it("on a server that does not answer in time", async () => {
    setForm(makeSubmissions({ count: 2, from: new Date("2014-01-01T08:00:00Z"), fields: report }));
    await inRollback(database.db, async (tx) => {
      const id = await newConnection(tx);
      fake.failure = { kind: "slow", ms: 5_000 };
      const run = await sync(tx, id, { timeoutMs: 100 });
      expect(run).toMatchObject({
        outcome: "failed",
        error: { code: "error.timeout", params: { seconds: 0.1 } },
      });
      const shown = await storedError(tx, run.runId);
      expect(shown.en).toBe("the server did not answer within 0.1 s. Try again later.");
      expect(shown.fr).toBe("le serveur n'a pas répondu en 0.1 s. Réessayez plus tard.");
    });
  });

  it("when the mapping no longer fits the plan, before asking the server anything", async () => {
    await inRollback(database.db, async (tx) => {
      const id = await newConnection(tx);
      await tx.delete(indicators).where(and(eq(indicators.planId, planId), eq(indicators.code, "T3")));
      const run = await sync(tx, id);
      expect(run).toMatchObject({
        outcome: "failed",
        error: {
          code: "error.mapping",
          params: { problem: { code: "mapping.unknownIndicator", params: { code: "T3" } } },
        },
      });
      expect(fake.requests).toHaveLength(0);
      const shown = await storedError(tx, run.runId);
      expect(shown.en).toBe(
        "the mapping does not fit the plan: There is no indicator T3 in this plan. Edit the mapping.",
      );
      expect(shown.fr).toBe(
        "la correspondance ne convient pas au plan\u202f: Il n'y a pas d'indicateur T3 dans ce plan. Modifiez la correspondance.",
      );
    });
  });

  it("when nothing is mapped yet", async () => {
    await inRollback(database.db, async (tx) => {
      const id = await newConnection(tx, { withMapping: false });
      const run = await sync(tx, id);
      expect(run.outcome).toBe("failed");
      expect(run.error).toMatchObject({
        code: "error.mappingMore",
        params: { problem: { code: "mapping.periodRequired" }, more: expect.any(Number) },
      });
      const shown = await storedError(tx, run.runId);
      expect(shown.en).toMatch(/^the mapping does not fit the plan: Name the field that gives the period/);
      expect(shown.fr).toMatch(
        /^la correspondance ne convient pas au plan\u202f: Indiquez le champ qui donne la période .*\. Autres problèmes\u202f: \d+\. Modifiez la correspondance\.$/,
      );
    });
  });
});

describe("a failed run's error", () => {
  it("is kept as a message code, so a French page shows it all in French", async () => {
    setForm(makeSubmissions({ count: 2, from: new Date("2014-01-01T08:00:00Z"), fields: report }));
    await inRollback(database.db, async (tx) => {
      const id = await newConnection(tx);
      // Another APP_SECRET cannot open the stored token.
      const run = await syncConnection({
        db: tx,
        connectionId: id,
        userId,
        appSecret: `${appSecret}-other`,
        today,
      });
      expect(run).toMatchObject({ outcome: "failed", error: { code: "error.token", params: {} } });
      const shown = await storedError(tx, run?.runId ?? 0);
      expect(shown.stored).toEqual({ code: "error.token", params: {} });
      expect(shown.fr).toBe(
        "le jeton enregistré ne peut pas être déchiffré avec l'APP_SECRET de cette installation\u202f: saisissez de nouveau le jeton.",
      );
      expect(translator("fr")("kobo.run.failedNothingWritten", { error: shown.fr })).not.toMatch(
        /\b(the|token|cannot|decrypted|enter|again)\b/,
      );
      expect(fake.requests).toHaveLength(0);
    });
  });

  it("of a database refusal is kept as a message code too", async () => {
    setForm(makeSubmissions({ count: 2, from: new Date("2014-01-01T08:00:00Z"), fields: report }));
    await inRollback(database.db, async (tx) => {
      const id = await newConnection(tx);
      // Entries entered by someone who is not a user: the database refuses them all.
      const logged = vi.spyOn(logger, "error").mockImplementation(() => {});
      const run = await syncConnection({
        db: tx,
        connectionId: id,
        userId: "00000000-0000-4000-8000-000000000000",
        appSecret,
        today,
      });
      expect(logged).toHaveBeenCalledOnce();
      logged.mockRestore();
      expect(run).toMatchObject({
        outcome: "failed",
        fetched: 2,
        created: 0,
        error: { code: "error.database" },
      });
      const shown = await storedError(tx, run?.runId ?? 0);
      expect(shown.stored).toEqual({ code: "error.database", params: {} });
      expect(shown.fr).toBe(
        "la base de données a refusé les saisies (par exemple, une période a été verrouillée pendant la synchronisation). Réessayez.",
      );
      const audit = await tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "kobo.sync"), eq(auditEvents.entityId, id)));
      expect(audit.map((event) => (event.after as { error?: unknown }).error)).toEqual([
        { code: "error.database", params: {} },
      ]);
    });
  });

  it("of an older run, kept as English text, is still shown, in French without the English", async () => {
    await inRollback(database.db, async (tx) => {
      const id = await newConnection(tx);
      const [row] = await tx
        .insert(koboRuns)
        .values({
          connectionId: id,
          outcome: "failed",
          error: "token: the stored token cannot be decrypted with this APP_SECRET; enter the token again",
        })
        .returning({ id: koboRuns.id });
      const [stored] = await tx
        .select()
        .from(koboRuns)
        .where(eq(koboRuns.id, row?.id ?? 0));
      expect(runErrorText(translator("fr"), stored?.error ?? "")).toBe(translator("fr")("kobo.error.token"));
      expect(runErrorText(translator("en"), stored?.error ?? "")).toBe(translator("en")("kobo.error.token"));
    });
  });
});

describe("the API token", () => {
  it("is stored encrypted, replaced on request, and never written to the audit trail", async () => {
    await inRollback(database.db, async (tx) => {
      const id = await newConnection(tx);
      const [row] = await tx.select().from(koboConnections).where(eq(koboConnections.id, id));
      const sealed = row?.tokenEncrypted ?? "";
      expect(sealed).not.toContain(fake.token);
      expect(sealed).toMatch(/^v2\.kobo-token\./);
      expect(decryptSecret(sealed, appSecret, "kobo-token")).toBe(fake.token);

      const replacement = "fedcba9876543210fedcba9876543210fedcba98";
      const settings = { name: "Training reports", serverUrl: fake.baseUrl, assetUid: uid };
      await updateConnection({
        db: tx,
        actor: `user:${userId}`,
        id,
        settings,
        mapping,
        token: replacement,
        appSecret,
      });
      const [after] = await tx.select().from(koboConnections).where(eq(koboConnections.id, id));
      expect(decryptSecret(after?.tokenEncrypted ?? "", appSecret, "kobo-token")).toBe(replacement);

      // A stored token never goes to another server: a new address needs the token again.
      const elsewhere = { ...settings, serverUrl: "https://collector.example.net" };
      expect(
        await updateConnection({
          db: tx,
          actor: `user:${userId}`,
          id,
          settings: elsewhere,
          mapping,
          token: null,
          appSecret,
        }),
      ).toBe("tokenRequired");
      const [unchanged] = await tx.select().from(koboConnections).where(eq(koboConnections.id, id));
      expect(unchanged?.serverUrl).toBe(fake.baseUrl);

      const audit = await tx.select().from(auditEvents).where(like(auditEvents.action, "kobo.%"));
      expect(audit.map((event) => event.action)).toEqual([
        "kobo.connection.create",
        "kobo.connection.update",
        "kobo.connection.update",
      ]);
      expect(audit.map((event) => (event.after as { token?: string }).token)).toEqual([
        "set",
        "kept",
        "replaced",
      ]);
      const written = JSON.stringify(audit);
      for (const secret of [fake.token, replacement, sealed, after?.tokenEncrypted ?? "?"])
        expect(written).not.toContain(secret);
    });
  });
});
