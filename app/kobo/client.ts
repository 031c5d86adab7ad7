import { z } from "zod";
import { type RunMessage, runMessage } from "./run-error";

/**
 * The KoboToolbox data API, as Throughline uses it: `GET {server}/api/v2/assets/{uid}/data/?format=json` with
 * `Authorization: Token <key>`, paged with `start`/`limit` (at most 1000 a page), filtered on `_submission_time`.
 * Plain `fetch` and zod, so msw stands in for the server in tests and in `npm run dev:mocks`. The token is sent only
 * to the configured server: `next` addresses are read only as "there is more", and redirects are not followed.
 */

export const maxPageSize = 1000;
/** A run stops (and fails) beyond this many submissions, and a reply page beyond this many bytes. */
export const maxSubmissionsPerRun = 200_000;
export const maxReplyBytes = 64 * 1024 * 1024;
export const defaultTimeoutMs = 30_000;

/** Why a request to the Kobo server failed; `kobo_runs.error` keeps the failure's message (`reason`). */
export type KoboFailure =
  | "auth" // 401/403: the token was refused
  | "notFound" // 404: no such form (or not shared with the token's account)
  | "server" // 5xx: the server failed
  | "network" // no answer: DNS, connection refused, TLS
  | "timeout"
  | "redirect" // 3xx: the server URL is not the API's address
  | "refused" // another 4xx
  | "shape" // a reply that is not what the API answers
  | "tooLarge";

export class KoboRequestFailed extends Error {
  override name = "KoboRequestFailed";
  /** The failure as a message (`kobo.error.<code>`, `<code>` being `kind` unless said otherwise), for the run. */
  readonly reason: RunMessage;
  constructor(
    readonly kind: KoboFailure,
    params: Record<string, string | number> = {},
    code: string = kind,
  ) {
    super(`${kind}: ${code} ${JSON.stringify(params)}`);
    this.reason = runMessage(`error.${code}`, params);
  }
}

// ---------------------------------------------------------------- the server address

const localHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The server address as it will be stored: `https://host[:port][/path]` without a trailing slash. Plain http only
 * for this machine (localhost, 127.0.0.1) and only when `allowLocalHttp` (demo mode); no user name or password, no
 * query or fragment. Returns a message key when refused.
 */
export function checkServerUrl(
  text: string,
  { allowLocalHttp }: { allowLocalHttp: boolean },
):
  | { ok: true; url: string }
  | { ok: false; message: "kobo.connection.serverUrlInvalid" | "kobo.connection.serverUrlHttps" } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, message: "kobo.connection.serverUrlInvalid" };
  }
  if (url.username || url.password || url.search || url.hash || text.includes("#"))
    return { ok: false, message: "kobo.connection.serverUrlInvalid" };
  const local = url.protocol === "http:" && allowLocalHttp && localHosts.has(url.hostname);
  if (url.protocol !== "https:" && !local) return { ok: false, message: "kobo.connection.serverUrlHttps" };
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, "")}` };
}

// ---------------------------------------------------------------- replies

/** One submission: Kobo's metadata (`_id`, `_uuid`, `_submission_time`, …) and the form's fields by path. */
export const submissionSchema = z.looseObject({
  _id: z.number().int(),
  _uuid: z.string().min(1).optional(),
  /** UTC, second precision, without a zone: `2014-05-03T10:22:11`. */
  _submission_time: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/, "not a date and time"),
});
export type Submission = z.infer<typeof submissionSchema>;

export const pageSchema = z.object({
  count: z.number().int().nonnegative(),
  next: z.string().nullable(),
  previous: z.string().nullable(),
  results: z.array(submissionSchema),
});

/**
 * Where the reply was wrong, as `count, results[3]._uuid` (the first three places): never the value it had, nor zod's
 * English message (the run's error is shown in the reader's language).
 */
function issuePlaces(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map(
      (issue) =>
        issue.path
          .map((part, i) =>
            typeof part === "number" ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`,
          )
          .join("") || "/",
    )
    .join(", ");
}

/** The submission's own id: `_uuid`, or `_id` when a server gives none. */
export const submissionId = (submission: Submission) => submission._uuid ?? String(submission._id);

// ---------------------------------------------------------------- requests

export function dataUrl({
  serverUrl,
  assetUid,
  start,
  limit,
  after,
}: {
  serverUrl: string;
  assetUid: string;
  start: number;
  limit: number;
  after: string | null;
}): URL {
  const url = new URL(`${serverUrl}/api/v2/assets/${encodeURIComponent(assetUid)}/data/`);
  url.searchParams.set("format", "json");
  url.searchParams.set("start", String(start));
  url.searchParams.set("limit", String(limit));
  if (after) url.searchParams.set("query", JSON.stringify({ _submission_time: { $gt: after } }));
  return url;
}

async function readBody(response: Response): Promise<string> {
  if (Number(response.headers.get("Content-Length") ?? 0) > maxReplyBytes)
    throw new KoboRequestFailed("tooLarge", { megabytes: maxReplyBytes / 1024 ** 2 }, "replyTooLarge");
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > maxReplyBytes) {
      await reader.cancel();
      throw new KoboRequestFailed("tooLarge", { megabytes: maxReplyBytes / 1024 ** 2 }, "replyTooLarge");
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export type FetchOptions = {
  serverUrl: string;
  token: string;
  assetUid: string;
  /** Only submissions received after this `_submission_time` (null: all). */
  after: string | null;
  pageSize?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
};

/** One page of submissions, checked; throws `KoboRequestFailed` for anything else. */
export async function fetchPage(options: FetchOptions & { start: number; limit: number }) {
  const { token, timeoutMs = defaultTimeoutMs, fetch: fetchImpl = fetch } = options;
  let response: Response;
  try {
    response = await fetchImpl(dataUrl(options), {
      headers: { Authorization: `Token ${token}`, Accept: "application/json" },
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError")
      throw new KoboRequestFailed("timeout", { seconds: timeoutMs / 1000 });
    // The system's code (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED…), not its English message.
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    throw typeof code === "string" && /^[A-Z][A-Z0-9_]*$/.test(code)
      ? new KoboRequestFailed("network", { cause: code })
      : new KoboRequestFailed("network", {}, "networkUnexplained");
  }
  const status = response.status;
  if (status !== 200) {
    // Not awaited: the body is not needed (and some servers and mocks never finish a cancelled body).
    response.body?.cancel().catch(() => {});
    if (status === 401 || status === 403) throw new KoboRequestFailed("auth", { status });
    if (status === 404) throw new KoboRequestFailed("notFound", { status });
    if (status >= 300 && status < 400) throw new KoboRequestFailed("redirect", { status });
    if (status >= 500) throw new KoboRequestFailed("server", { status });
    throw new KoboRequestFailed("refused", { status });
  }
  let body: unknown;
  try {
    body = JSON.parse(await readBody(response));
  } catch (error) {
    if (error instanceof KoboRequestFailed) throw error;
    throw new KoboRequestFailed("shape", {}, "notJson");
  }
  const page = pageSchema.safeParse(body);
  if (!page.success) throw new KoboRequestFailed("shape", { where: issuePlaces(page.error) });
  return page.data;
}

/**
 * Every submission received after `after`, page by page (`start` = 0, 1000, 2000, … while the server says there is
 * a `next` page). Nothing is written here: the caller writes all or nothing once every page has arrived.
 */
export async function fetchSubmissions(
  options: FetchOptions,
): Promise<{ submissions: Submission[]; pages: number }> {
  const limit = Math.min(options.pageSize ?? maxPageSize, maxPageSize);
  const submissions: Submission[] = [];
  let pages = 0;
  for (let start = 0; ; ) {
    const page = await fetchPage({ ...options, start, limit });
    pages++;
    submissions.push(...page.results);
    if (page.next === null) break;
    if (page.results.length === 0) throw new KoboRequestFailed("shape", { start }, "emptyPage");
    if (submissions.length > maxSubmissionsPerRun)
      throw new KoboRequestFailed("tooLarge", { count: maxSubmissionsPerRun }, "tooManySubmissions");
    start += page.results.length;
  }
  return { submissions, pages };
}
