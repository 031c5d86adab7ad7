import { randomUUID } from "node:crypto";
import { type HttpHandler, HttpResponse, http } from "msw";

/**
 * A stand-in for KoboToolbox's data API (KPI v2), close enough to the real one that the sync cannot tell:
 * `GET {base}/api/v2/assets/{uid}/data/?format=json&start=&limit=&query=` answers `{count, next, previous, results}`
 * with DRF-style `next`/`previous` addresses, at most 1000 results a page, ordered by `_id`; `query` is Kobo's
 * Mongo-style filter (`{"_submission_time": {"$gt": "…"}}`, also `$gte`, `$lt`, `$lte` and plain equality);
 * `Authorization: Token <key>` is checked (401 `{"detail": "Invalid token."}`), an unknown form is 404. Submissions
 * carry Kobo's metadata (`_id`, `_uuid`, `_submission_time`, `_submitted_by`, `formhub/uuid`, `meta/instanceID`,
 * `__version__`, `_attachments`, …) and group-prefixed field names (`group_event/region`).
 *
 * Switches reproduce what goes wrong: `failure` (401, 403, 404, 500, 503, a reply of the wrong shape, a dropped
 * connection, a slow answer), `failOnPage` (fail only from the n-th request on, to show that a run failing half way
 * writes nothing) and `changeForm` (rename or add fields from the n-th submission on, as a redeployed form does).
 *
 * Used three ways: by msw's `setupServer` in the integration and unit tests (`fake.handlers`), by `npm run dev:mocks`
 * (app/mocks/node.ts), and over real HTTP in the browser tests (`serveKoboFake` in tests/mocks/kobo.ts calls
 * `fake.handle(request)`). It lives in app/ because the dev server runs it; tests import it from here (tests may
 * import app/, never the reverse). Nothing but app/mocks/node.ts (mocks mode only) and tests loads it.
 */

export type FakeSubmission = Record<string, unknown> & {
  _id: number;
  _uuid: string;
  _submission_time: string;
};

export type Failure =
  | { status: 401 | 403 | 404 | 500 | 502 | 503 }
  | { kind: "wrongShape" }
  | { kind: "notJson" }
  | { kind: "network" }
  | { kind: "slow"; ms: number };

export type FakeForm = {
  uid: string;
  /** `formhub/uuid` of the deployed form. */
  formhubUuid: string;
  version: string;
  submissions: FakeSubmission[];
};

export type KoboFake = {
  baseUrl: string;
  token: string;
  forms: Map<string, FakeForm>;
  /** Every data request received, as its URL (to assert paging and filters). */
  requests: URL[];
  failure: Failure | null;
  /** With `failure`: answer normally to the first `failOnPage - 1` requests, then fail. */
  failOnPage: number;
  /** From the submission at `from` on (by position), rename fields and add new ones, as a changed form does. */
  changeForm: { from: number; rename?: Record<string, string>; add?: Record<string, unknown> } | null;
  handle(request: Request): Promise<Response>;
  handlers: HttpHandler[];
  reset(): void;
};

const pad = (n: number) => String(n).padStart(2, "0");

/** Kobo's `_submission_time`: UTC, second precision, no zone. */
export const koboTime = (date: Date) =>
  `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(
    date.getUTCMinutes(),
  )}:${pad(date.getUTCSeconds())}`;

let nextId = 40_000_000;

/**
 * Submissions as Kobo stores them: `fields(i)` gives the form's answers of the i-th one (unanswered questions left
 * out, as Kobo does); the metadata is filled in. They arrive `everyMinutes` apart from `from`.
 */
export function makeSubmissions({
  count,
  from,
  everyMinutes = 60,
  form = { formhubUuid: "8e6f2a2c9c3b4f0c8a1e5d7b6c4a3f21", version: "vQ3oZx8YpK2mJ7sN4dW9rT" },
  submittedBy = "nswp_field",
  fields,
}: {
  count: number;
  from: Date;
  everyMinutes?: number;
  form?: { formhubUuid: string; version: string };
  submittedBy?: string | null;
  fields: (i: number, submittedAt: Date) => Record<string, unknown>;
}): FakeSubmission[] {
  return Array.from({ length: count }, (_, i) => {
    const submittedAt = new Date(from.getTime() + i * everyMinutes * 60_000);
    const uuid = randomUUID();
    const started = new Date(submittedAt.getTime() - 12 * 60_000);
    return {
      _id: nextId++,
      "formhub/uuid": form.formhubUuid,
      start: started.toISOString(),
      end: new Date(submittedAt.getTime() - 60_000).toISOString(),
      ...fields(i, submittedAt),
      __version__: form.version,
      "meta/instanceID": `uuid:${uuid}`,
      _xform_id_string: "",
      _uuid: uuid,
      _attachments: [],
      _status: "submitted_via_web",
      _geolocation: [null, null],
      _submission_time: koboTime(submittedAt),
      _tags: [],
      _notes: [],
      _validation_status: {},
      _submitted_by: submittedBy,
    };
  });
}

type Condition = Record<string, unknown>;

/** Kobo's `query` filter, the part of Mongo's syntax that matters here. */
function matches(submission: FakeSubmission, query: Condition): boolean {
  return Object.entries(query).every(([field, condition]) => {
    const value = submission[field];
    if (condition === null || typeof condition !== "object") return value === condition;
    return Object.entries(condition as Condition).every(([operator, operand]) => {
      const a = String(value ?? "");
      const b = String(operand);
      switch (operator) {
        case "$gt":
          return value !== undefined && a > b;
        case "$gte":
          return value !== undefined && a >= b;
        case "$lt":
          return value !== undefined && a < b;
        case "$lte":
          return value !== undefined && a <= b;
        case "$eq":
          return value === operand;
        case "$ne":
          return value !== operand;
        default:
          throw new Error(`unsupported operator ${operator}`);
      }
    });
  });
}

const json = (body: unknown, status = 200) => HttpResponse.json(body as never, { status });

export function createKoboFake({
  baseUrl = "https://kobo.example.test",
  token = "0123456789abcdef0123456789abcdef01234567",
  forms = [],
}: {
  baseUrl?: string;
  token?: string;
  forms?: FakeForm[];
} = {}): KoboFake {
  const fake: KoboFake = {
    baseUrl,
    token,
    forms: new Map(forms.map((form) => [form.uid, form])),
    requests: [],
    failure: null,
    failOnPage: 1,
    changeForm: null,
    reset() {
      fake.requests = [];
      fake.failure = null;
      fake.failOnPage = 1;
      fake.changeForm = null;
    },
    async handle(request) {
      const url = new URL(request.url);
      const match = /\/api\/v2\/assets\/([^/]+)\/data\/?$/.exec(url.pathname);
      if (!match || request.method !== "GET") return json({ detail: "Not found." }, 404);
      fake.requests.push(url);
      if (fake.failure && fake.requests.length >= fake.failOnPage) {
        const failure = fake.failure;
        if ("status" in failure)
          return failure.status === 401
            ? json({ detail: "Invalid token." }, 401)
            : failure.status === 403
              ? json({ detail: "You do not have permission to perform this action." }, 403)
              : failure.status === 404
                ? json({ detail: "Not found." }, 404)
                : new HttpResponse("<h1>Server Error (500)</h1>", {
                    status: failure.status,
                    headers: { "Content-Type": "text/html" },
                  });
        if (failure.kind === "wrongShape") return json({ count: "many", results: [{ _id: "x" }] });
        if (failure.kind === "notJson")
          return new HttpResponse("<html>Maintenance</html>", { headers: { "Content-Type": "text/html" } });
        if (failure.kind === "network") return HttpResponse.error();
        // A server that answers late: the client gives up first (and the late answer goes nowhere).
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, failure.ms);
          request.signal?.addEventListener("abort", () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      const authorization = request.headers.get("Authorization");
      if (!authorization) return json({ detail: "Authentication credentials were not provided." }, 401);
      if (authorization !== `Token ${fake.token}`) return json({ detail: "Invalid token." }, 401);
      const form = fake.forms.get(decodeURIComponent(match[1] as string));
      if (!form) return json({ detail: "Not found." }, 404);
      if (url.searchParams.get("format") && url.searchParams.get("format") !== "json")
        return json({ detail: "Not found." }, 404);

      let query: Condition = {};
      const queryText = url.searchParams.get("query");
      if (queryText) {
        try {
          query = JSON.parse(queryText) as Condition;
        } catch {
          return json({ detail: "Value must be valid JSON." }, 400);
        }
      }
      const start = Math.max(0, Number(url.searchParams.get("start") ?? 0) || 0);
      const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get("limit") ?? 1000) || 1000));
      const all = form.submissions
        .map((submission, i) => changed(submission, i, fake.changeForm))
        .filter((submission) => matches(submission, query))
        .sort((a, b) => a._id - b._id);
      const page = all.slice(start, start + limit);
      const at = (offset: number) => {
        const next = new URL(url);
        next.searchParams.set("start", String(offset));
        next.searchParams.set("limit", String(limit));
        return next.toString();
      };
      return json({
        count: all.length,
        next: start + limit < all.length ? at(start + limit) : null,
        previous: start > 0 ? at(Math.max(0, start - limit)) : null,
        results: page.map((submission) => ({ ...submission, _xform_id_string: form.uid })),
      });
    },
    handlers: [],
  };
  fake.handlers = [http.get(`${baseUrl}/api/v2/assets/:uid/data/`, ({ request }) => fake.handle(request))];
  return fake;
}

function changed(submission: FakeSubmission, i: number, change: KoboFake["changeForm"]): FakeSubmission {
  if (!change || i < change.from) return submission;
  const result: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(submission)) result[change.rename?.[field] ?? field] = value;
  return { ...(result as FakeSubmission), ...change.add };
}
