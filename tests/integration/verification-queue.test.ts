import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../../app/auth/policy";
import type { Role } from "../../app/auth/roles";
import { queuePageSize } from "../../app/progress/queries.server";
import { viewerContext } from "../../app/request-context";
import { action, loader } from "../../app/routes/verification";
import type { Database } from "../../db/client";
import {
  elements,
  indicatorElements,
  indicators,
  plans,
  progressEntries,
  userRoles,
  users,
} from "../../db/schema";
import { createTestDatabase } from "../support/database";

/**
 * The verification queue through its route (loader and action) on a real database: oldest first, a page at a time,
 * narrowed by plan, activity, author and period from the address; a filter that cannot be read is said, never a 500.
 * A new entry, submitted after a full page of older ones, is out of the first page and reachable each way.
 */

let database: Database;
const shared = globalThis as typeof globalThis & { throughlineDatabase?: Promise<Database> };
const ids = {} as Record<"oldActivity" | "newActivity" | "oldAuthor" | "newAuthor" | "newEntry", string>;
let officer: Viewer;
const older = queuePageSize + 5;

function argsOf(request: Request) {
  const context = new RouterContextProvider();
  context.set(viewerContext, officer);
  return { request, url: new URL(request.url), params: {}, context, pattern: "" } as never;
}

type Queue = Extract<Awaited<ReturnType<typeof loader>>, { entries: unknown }>;
type Answer = { data: Queue; init: { status: number } | null };

/** The queue at this address: what the page shows, and the status it answers with (200 unless said). */
async function queue(query = "") {
  const answer = (await loader(argsOf(new Request(`http://localhost/verification${query}`)))) as unknown;
  const refused = (answer as Partial<Answer>).init;
  const body = (refused ? (answer as Answer).data : answer) as Queue;
  return { ...body, status: refused?.status ?? 200, ids: body.entries.map((entry) => entry.id) };
}

async function person(email: string, name: string, role: Role) {
  const db = database.db;
  const [row] = await db
    .insert(users)
    .values({ email, name, passwordHash: "not-used" })
    .returning({ id: users.id });
  const id = (row as { id: string }).id;
  await db.insert(userRoles).values({ userId: id, role });
  return id;
}

/** A plan with one activity and one quarterly indicator on it: the activity's id and the indicator's. */
async function planWithActivity(slug: string) {
  const db = database.db;
  const [plan] = await db
    .insert(plans)
    .values({
      slug,
      title: { en: `Plan ${slug}` },
      startDate: "2024-01-01",
      endDate: "2027-12-31",
      status: "active",
    })
    .returning({ id: plans.id });
  const planId = (plan as { id: string }).id;
  const [activity] = await db
    .insert(elements)
    .values({ planId, code: "A1", kind: "activity", title: { en: `Activity of ${slug}` } })
    .returning({ id: elements.id });
  const activityId = (activity as { id: string }).id;
  const [indicator] = await db
    .insert(indicators)
    .values({
      planId,
      code: "I1",
      name: { en: `Indicator of ${slug}` },
      measure: "number",
      direction: "increase",
      aggregation: "per_period",
      frequency: "quarterly",
    })
    .returning({ id: indicators.id });
  const indicatorId = (indicator as { id: string }).id;
  await db.insert(indicatorElements).values({ planId, indicatorId, elementId: activityId });
  return { activityId, indicatorId };
}

beforeAll(async () => {
  database = await createTestDatabase();
  shared.throughlineDatabase = Promise.resolve(database);
  const officerId = await person("meo-queue@example.org", "Queue officer", "me_officer");
  officer = {
    id: officerId,
    email: "meo-queue@example.org",
    name: "Queue officer",
    roles: ["me_officer"],
    funderCode: null,
    hasSecondFactor: true,
  };
  ids.oldAuthor = await person("early@example.org", "Early reporter", "staff");
  ids.newAuthor = await person("late@example.org", "Late reporter", "staff");
  const old = await planWithActivity("queue-old");
  const fresh = await planWithActivity("queue-new");
  ids.oldActivity = old.activityId;
  ids.newActivity = fresh.activityId;
  // A full page and more of older entries (a day apart), then the new one, submitted last.
  await database.db.insert(progressEntries).values(
    Array.from({ length: older }, (_, i) => ({
      indicatorId: old.indicatorId,
      elementId: old.activityId,
      periodKey: "2025-Q1",
      status: "submitted" as const,
      value: i,
      reportedOn: "2025-04-02",
      enteredBy: ids.oldAuthor,
      submittedAt: new Date(Date.UTC(2025, 3, 3 + i)),
    })),
  );
  const [fresh1] = await database.db
    .insert(progressEntries)
    .values({
      indicatorId: fresh.indicatorId,
      elementId: fresh.activityId,
      periodKey: "2025-Q2",
      status: "submitted",
      value: 99,
      reportedOn: "2025-07-02",
      enteredBy: ids.newAuthor,
      submittedAt: new Date(Date.UTC(2025, 6, 3)),
    })
    .returning({ id: progressEntries.id });
  ids.newEntry = (fresh1 as { id: string }).id;
});
afterAll(async () => {
  shared.throughlineDatabase = undefined;
  await database?.close();
});

describe("the verification queue", () => {
  it("shows a page at a time, oldest first: the new entry is on the last page, counted", async () => {
    const first = await queue();
    expect(first.status).toBe(200);
    expect(first.ids).toHaveLength(queuePageSize);
    expect(first.ids).not.toContain(ids.newEntry);
    expect(first.entries.map((entry) => entry.value)).toEqual([...Array(queuePageSize).keys()]);
    expect([first.total, first.waiting, first.page, first.pageCount]).toEqual([older + 1, older + 1, 1, 2]);

    const second = await queue("?page=2");
    expect(second.ids.at(-1)).toBe(ids.newEntry);
    expect(second.ids).toHaveLength(older + 1 - queuePageSize);
    expect(second.page).toBe(2);
    // A page past the last shows the last one.
    expect((await queue("?page=40")).ids).toEqual(second.ids);
  });

  it("reaches the new entry on the first page by each filter, and the filters combine", async () => {
    const filters = {
      plan: "queue-new",
      activity: ids.newActivity,
      author: ids.newAuthor,
      period: "2025-Q2",
    };
    for (const [name, value] of Object.entries(filters)) {
      const filtered = await queue(`?${name}=${encodeURIComponent(value)}`);
      expect({ name, ids: filtered.ids, total: filtered.total }).toEqual({
        name,
        ids: [ids.newEntry],
        total: 1,
      });
      expect(filtered.waiting).toBe(older + 1);
    }
    expect((await queue(`?${new URLSearchParams(filters)}`)).ids).toEqual([ids.newEntry]);
    // The older ones by theirs, a page at a time too.
    const olderOnes = await queue(`?plan=queue-old&author=${ids.oldAuthor}&page=2`);
    expect([olderOnes.total, olderOnes.ids.length]).toEqual([older, older - queuePageSize]);
    expect(olderOnes.ids).not.toContain(ids.newEntry);
    // Filters that match nothing: an empty page, not an error.
    const none = await queue(`?plan=queue-new&author=${ids.oldAuthor}`);
    expect([none.status, none.total, none.ids]).toEqual([200, 0, []]);
  });

  it("makes the address the filter form sends (empty choices included) a clean link to the same queue", async () => {
    const redirected = (await loader(
      argsOf(
        new Request(`http://localhost/verification?plan=&activity=&author=${ids.newAuthor}&period=2025-Q2`),
      ),
    ).catch((thrown: unknown) => thrown)) as Response;
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get("Location")).toBe(`/verification?author=${ids.newAuthor}&period=2025-Q2`);
    expect((await queue(`?author=${ids.newAuthor}&period=2025-Q2`)).ids).toEqual([ids.newEntry]);
  });

  it("offers as choices the plans, activities, authors and periods of the waiting entries", async () => {
    const { choices } = await queue();
    expect(choices.plans.map((plan) => plan.slug)).toEqual(["queue-new", "queue-old"]);
    expect(choices.activities.map((activity) => activity.id).sort()).toEqual(
      [ids.newActivity, ids.oldActivity].sort(),
    );
    expect(choices.authors.map((author) => author.name)).toEqual(["Early reporter", "Late reporter"]);
    expect(choices.periods).toEqual(["2025-Q1", "2025-Q2"]);
  });

  it("says which filter of the address cannot be read (400), and shows no entry rather than a wrong list", async () => {
    const cases: [string, string, string][] = [
      ["?author=bob", "author", "progress.verify.filter.invalid"],
      ["?activity=A1", "activity", "progress.verify.filter.invalid"],
      ["?plan=Not%20a%20slug", "plan", "progress.verify.filter.invalid"],
      ["?period=2025-Q7", "period", "progress.verify.filter.invalid"],
      ["?page=two", "page", "progress.verify.filter.page"],
      ["?page=0", "page", "progress.verify.filter.page"],
      ["?page=1.5", "page", "progress.verify.filter.page"],
    ];
    for (const [query, field, key] of cases) {
      const refused = await queue(query);
      expect({ query, status: refused.status, ids: refused.ids, problems: refused.problems }).toEqual({
        query,
        status: 400,
        ids: [],
        problems: [{ field, message: { key } }],
      });
    }
  });

  it("goes back to the filtered page it was decided on, saying what was done", async () => {
    const form = new FormData();
    form.set("intent", "approve");
    form.set("entryId", ids.newEntry);
    form.set("back", "/verification?plan=queue-new&page=1");
    const answer = (await action(
      argsOf(new Request("http://localhost/verification", { method: "POST", body: form })),
    )) as unknown as Response;
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe("/verification?plan=queue-new&page=1&done=approve");
    expect((await queue("?plan=queue-new")).ids).toEqual([]);
  });

  it("answers a refused decision with the one refusal payload", async () => {
    const form = new FormData();
    form.set("intent", "return");
    form.set("entryId", (await queue()).ids[0] as string);
    form.set("note", "  ");
    const answer = (await action(
      argsOf(new Request("http://localhost/verification", { method: "POST", body: form })),
    )) as unknown as Answer;
    expect(answer.init?.status).toBe(400);
    expect(answer.data).toMatchObject({
      problems: [{ field: "note", message: { key: "progress.refused.noteRequired" } }],
      values: { intent: "return", note: "  " },
    });
  });
});
