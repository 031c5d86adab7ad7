import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../../app/auth/policy";
import { heldUpload } from "../../app/imports/pending.server";
import { seedNswp } from "../../app/plan-graph/seed.server";
import { viewerContext } from "../../app/request-context";
import { action, loader } from "../../app/routes/imports";
import type { Database } from "../../db/client";
import { createImportFixture, type ImportFixture, progressCsv } from "../fixtures/progress-csv";
import { createTestDatabase } from "../support/database";

/**
 * `GET /imports?upload=…` through the route's own action and loader on a real database: the file is checked on the
 * first view and the check is kept with the held upload, so reloading the page (even many times at once) does not
 * parse and check the file again.
 */

let database: Database;
let fixture: ImportFixture;
let officer: Viewer;
const shared = globalThis as typeof globalThis & { throughlineDatabase?: Promise<Database> };

function contextOf(who: Viewer) {
  const context = new RouterContextProvider();
  context.set(viewerContext, who);
  return context;
}

/** The route's arguments (its generated types are route-specific; these are the fields it reads). */
const argsOf = (request: Request) =>
  ({ request, url: new URL(request.url), params: {}, context: contextOf(officer), pattern: "" }) as never;

const view = (token: string) => loader(argsOf(new Request(`http://localhost/imports?upload=${token}`)));

/** Uploads `text` with the page's "check" button; the token of the held upload the page redirects to. */
async function upload(text: string): Promise<string> {
  const form = new FormData();
  form.set("intent", "check");
  form.set("plan", fixture.slug);
  form.set("file", new File([text], "progress.csv", { type: "text/csv" }));
  const response = (await action(
    argsOf(new Request("http://localhost/imports", { method: "POST", body: form })),
  )) as unknown as Response;
  const location = new URL(response.headers.get("Location") ?? "", "http://localhost");
  const token = location.searchParams.get("upload");
  if (!token) throw new Error(`no upload in ${location}`);
  return token;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedNswp({ db: database.db, actor: "test" }); // the regions and genders the file names
  fixture = await createImportFixture(database.db);
  officer = {
    id: fixture.userId,
    email: "meo-csv-fixture@example.org",
    name: "Import tester",
    roles: ["me_officer"],
    funderCode: null,
    hasSecondFactor: true,
  };
  shared.throughlineDatabase = Promise.resolve(database);
});
afterAll(async () => {
  shared.throughlineDatabase = undefined;
  await database?.close();
});

describe("the import page's preview of an upload", () => {
  it("is checked once and kept with the held upload; reloads read it from there", async () => {
    const text = progressCsv({ rows: 3_000, change: { index: 10, column: "value", to: "12a" } });
    const token = await upload(text);
    // Nothing checked yet: the check happens on the first view.
    expect(heldUpload(token, officer.id)?.preview).toBeUndefined();

    const first = await view(token);
    expect(first.preview).toMatchObject({ rows: 3_000, problemCount: 1 });
    const held = heldUpload(token, officer.id)?.preview;
    expect(held).toBeDefined();
    const kept = await held?.summary;
    expect(kept?.problems).toBe(first.preview?.problems);

    // A reload, and ten more at once: the same check, not a new one (a new check builds new lists).
    const again = await view(token);
    expect(again.preview?.problems).toBe(first.preview?.problems);
    const many = await Promise.all(Array.from({ length: 10 }, () => view(token)));
    for (const page of many) expect(page.preview?.problems).toBe(first.preview?.problems);
    expect(heldUpload(token, officer.id)?.preview).toBe(held);
  });

  it("checks a new upload afresh, and parallel first views share one check", async () => {
    const token = await upload(progressCsv({ rows: 300 }));
    const [a, b] = await Promise.all([view(token), view(token)]);
    expect(a.preview).toMatchObject({ rows: 300, problemCount: 0 });
    expect(a.preview?.problems).toBe(b.preview?.problems);
  });
});
