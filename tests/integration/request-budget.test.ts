import { isRouteErrorResponse, RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../../app/auth/policy";
import { dashboardHistoryRule } from "../../app/dashboards/budget.server";
import { loadVisiblePlan } from "../../app/plan-graph/plan-route.server";
import { todayUtc } from "../../app/progress/workflow.server";
import { viewerContext } from "../../app/request-context";
import { loader as overviewLoader } from "../../app/routes/dashboard";
import { loader as regionsLoader } from "../../app/routes/dashboard.regions";
import type { Database } from "../../db/client";
import { plans } from "../../db/schema";
import { createTestDatabase } from "../support/database";

/**
 * The dashboards' budget for past days, through the routes' own loaders on a real database: a user who asks for more
 * past days in a minute than the budget allows gets a 429 with Retry-After, while another user is still served and
 * today's dashboard stays open to the first.
 */

let database: Database;
const slug = "budget-test";
const shared = globalThis as typeof globalThis & { throughlineDatabase?: Promise<Database> };

const viewer = (n: number): Viewer => ({
  id: `00000000-0000-0000-0000-00000000000${n}`,
  email: `board${n}@budget.example`,
  name: `Board ${n}`,
  roles: ["board"],
  funderCode: null,
  hasSecondFactor: false,
});
const heavy = viewer(1);
const other = viewer(2);

/** A loader's arguments as the server gives them: the viewer set by the root middleware, the plan by the layout's. */
async function args(who: Viewer, query: string, page = "dashboard") {
  const context = new RouterContextProvider();
  context.set(viewerContext, who);
  const request = new Request(`http://localhost/plans/${slug}/${page}${query}`);
  // The loaders' generated argument types are route-specific; these are the fields they read.
  const given = { request, url: new URL(request.url), params: { slug }, context, pattern: "" } as never;
  await loadVisiblePlan(given, async () => new Response());
  return given;
}

/** What a loader answered: its data, or the status and Retry-After of what it threw. */
async function outcome(run: () => Promise<unknown>) {
  try {
    await run();
    return { status: 200, retryAfter: null };
  } catch (error) {
    if (error instanceof Response)
      return { status: error.status, retryAfter: error.headers.get("Retry-After") };
    if (isRouteErrorResponse(error)) return { status: error.status, retryAfter: null, data: error.data };
    const thrown = error as { type?: string; init?: ResponseInit; data?: unknown };
    if (thrown.type === "DataWithResponseInit")
      return {
        status: thrown.init?.status,
        retryAfter: new Headers(thrown.init?.headers).get("Retry-After"),
        data: thrown.data,
      };
    throw error;
  }
}

/** The nth day of 2014, as an ISO day. */
const day = (n: number) => new Date(Date.UTC(2014, 0, 1 + n)).toISOString().slice(0, 10);

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.insert(plans).values({
    slug,
    title: { en: "Budget test plan" },
    startDate: "2013-01-01",
    endDate: "2015-12-31",
  });
  shared.throughlineDatabase = Promise.resolve(database);
});
afterAll(async () => {
  shared.throughlineDatabase = undefined;
  await database?.close();
});

describe("the dashboards' budget for past days", () => {
  it("refuses the request after the budget with 429 and Retry-After, serves others and today", async () => {
    const { perMinute } = dashboardHistoryRule;
    for (let i = 0; i < perMinute; i++) {
      // Every dashboard spends the same budget: here the overview and the region view in turn.
      const loader = i % 2 ? regionsLoader : overviewLoader;
      const page = i % 2 ? "dashboard/regions" : "dashboard";
      expect(await outcome(async () => loader(await args(heavy, `?asOf=${day(i)}`, page)))).toMatchObject({
        status: 200,
      });
    }
    const refused = await outcome(async () => overviewLoader(await args(heavy, `?asOf=${day(perMinute)}`)));
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect(refused.data).toMatchObject({ retryAfterSeconds: Number(refused.retryAfter) });

    // Another user is served, for a past day too.
    expect(
      await outcome(async () => overviewLoader(await args(other, `?asOf=${day(perMinute)}`))),
    ).toMatchObject({
      status: 200,
    });
    // Today's dashboard is not limited: without asOf, and with asOf = today (the dashboards' links carry it).
    expect(await outcome(async () => overviewLoader(await args(heavy, "")))).toMatchObject({ status: 200 });
    expect(await outcome(async () => overviewLoader(await args(heavy, `?asOf=${todayUtc()}`)))).toMatchObject(
      {
        status: 200,
      },
    );
    // A day asked for within the minute is free again (following a dashboard's links keeps its asOf).
    expect(await outcome(async () => overviewLoader(await args(heavy, `?asOf=${day(0)}`)))).toMatchObject({
      status: 200,
    });
  });
});

describe("a funder's dashboards, computed afresh for its scope", () => {
  it("spend the budget on every request, today's included", async () => {
    const funder: Viewer = { ...viewer(3), roles: ["funder"], funderCode: "budget-funder" };
    const { perMinute } = dashboardHistoryRule;
    // This funder funds nothing in the plan: each request is a 404, after it has spent a token.
    for (let i = 0; i < perMinute; i++)
      expect(await outcome(async () => overviewLoader(await args(funder, "")))).toMatchObject({
        status: 404,
      });
    expect(await outcome(async () => overviewLoader(await args(funder, "")))).toMatchObject({ status: 429 });
  });
});
