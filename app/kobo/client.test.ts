import { describe, expect, it } from "vitest";
import { createKoboFake, makeSubmissions } from "../mocks/kobo";
import { checkServerUrl, dataUrl, fetchSubmissions, KoboRequestFailed } from "./client";

/** The fake's request handler as a `fetch`: the client as it runs against msw, without patching globals. */
function fakeServer(count: number) {
  const fake = createKoboFake({
    forms: [
      {
        uid: "aFormUid12345",
        formhubUuid: "f",
        version: "v1",
        submissions: makeSubmissions({
          count,
          from: new Date("2014-01-01T08:00:00Z"),
          fields: (i) => ({ "group_event/count": String(i) }),
        }),
      },
    ],
  });
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await fake.handle(new Request(input, init));
    init?.signal?.throwIfAborted(); // as fetch does when its signal fires first
    // msw turns `HttpResponse.error()` into a failed fetch; called directly, do the same.
    if (response.type === "error") throw new TypeError("fetch failed", { cause: { code: "ECONNRESET" } });
    return response;
  }) as typeof globalThis.fetch;
  const options = {
    serverUrl: fake.baseUrl,
    token: fake.token,
    assetUid: "aFormUid12345",
    after: null,
    fetch,
  };
  return { fake, options };
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(KoboRequestFailed);
  return error as KoboRequestFailed;
}

describe("checkServerUrl", () => {
  it("keeps https addresses, without a trailing slash", () => {
    expect(checkServerUrl("https://kf.kobotoolbox.org/", { allowLocalHttp: false })).toEqual({
      ok: true,
      url: "https://kf.kobotoolbox.org",
    });
    expect(checkServerUrl(" https://kobo.example.org/kobo/ ", { allowLocalHttp: false })).toEqual({
      ok: true,
      url: "https://kobo.example.org/kobo",
    });
  });

  it("refuses plain http, except this machine in demo mode", () => {
    expect(checkServerUrl("http://kf.kobotoolbox.org", { allowLocalHttp: true })).toEqual({
      ok: false,
      message: "kobo.connection.serverUrlHttps",
    });
    expect(checkServerUrl("http://127.0.0.1:8000", { allowLocalHttp: false }).ok).toBe(false);
    expect(checkServerUrl("http://127.0.0.1:8000", { allowLocalHttp: true })).toEqual({
      ok: true,
      url: "http://127.0.0.1:8000",
    });
    expect(checkServerUrl("file:///etc/passwd", { allowLocalHttp: true }).ok).toBe(false);
  });

  it("refuses credentials, queries, fragments and what is not an address", () => {
    for (const text of [
      "https://user:pw@kobo.org",
      "https://kobo.org/?a=1",
      "https://kobo.org/#x",
      "kobo.org",
      "",
    ])
      expect(checkServerUrl(text, { allowLocalHttp: false })).toEqual({
        ok: false,
        message: "kobo.connection.serverUrlInvalid",
      });
  });
});

describe("dataUrl", () => {
  it("asks for JSON, one page, and only submissions after the sync point", () => {
    const url = dataUrl({
      serverUrl: "https://kf.kobotoolbox.org",
      assetUid: "aXe5HBr3fUNSGqf6ocNXRk",
      start: 1000,
      limit: 1000,
      after: "2014-05-03T10:22:11",
    });
    expect(url.origin + url.pathname).toBe(
      "https://kf.kobotoolbox.org/api/v2/assets/aXe5HBr3fUNSGqf6ocNXRk/data/",
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      format: "json",
      start: "1000",
      limit: "1000",
      query: '{"_submission_time":{"$gt":"2014-05-03T10:22:11"}}',
    });
  });
});

describe("fetchSubmissions", () => {
  it("reads every page, 1000 at a time, with the token", async () => {
    const { fake, options } = fakeServer(2500);
    const { submissions, pages } = await fetchSubmissions(options);
    expect(pages).toBe(3);
    expect(submissions).toHaveLength(2500);
    expect(new Set(submissions.map((submission) => submission._uuid)).size).toBe(2500);
    expect(fake.requests.map((url) => url.searchParams.get("start"))).toEqual(["0", "1000", "2000"]);
  });

  it("asks for a smaller page when told, never a larger one", async () => {
    const { fake, options } = fakeServer(25);
    await fetchSubmissions({ ...options, pageSize: 10 });
    expect(fake.requests.map((url) => url.searchParams.get("start"))).toEqual(["0", "10", "20"]);
    fake.reset();
    await fetchSubmissions({ ...options, pageSize: 5000 });
    expect(fake.requests.map((url) => url.searchParams.get("limit"))).toEqual(["1000"]);
  });

  it("tells each failure apart", async () => {
    const { fake, options } = fakeServer(3);
    expect(await failure(fetchSubmissions({ ...options, token: "wrong" }))).toMatchObject({
      kind: "auth",
      reason: { code: "error.auth", params: { status: 401 } },
    });
    expect(await failure(fetchSubmissions({ ...options, assetUid: "aNoSuchForm" }))).toMatchObject({
      kind: "notFound",
      reason: { code: "error.notFound", params: { status: 404 } },
    });
    for (const [failure_, kind] of [
      [{ status: 403 }, "auth"],
      [{ status: 500 }, "server"],
      [{ status: 503 }, "server"],
      [{ kind: "network" }, "network"],
      [{ kind: "notJson" }, "shape"],
    ] as const) {
      fake.reset();
      fake.failure = failure_;
      expect((await failure(fetchSubmissions(options))).kind).toBe(kind);
    }
  });

  it("gives each failure a message code and parameters, never English text", async () => {
    const { fake, options } = fakeServer(3);
    for (const [failure_, reason] of [
      [{ status: 500 }, { code: "error.server", params: { status: 500 } }],
      [{ status: 403 }, { code: "error.auth", params: { status: 403 } }],
      [{ kind: "network" }, { code: "error.network", params: { cause: "ECONNRESET" } }],
      [{ kind: "notJson" }, { code: "error.notJson", params: {} }],
    ] as const) {
      fake.reset();
      fake.failure = failure_;
      expect((await failure(fetchSubmissions(options))).reason).toEqual(reason);
    }
    fake.reset();
    fake.failure = { kind: "slow", ms: 2000 };
    expect((await failure(fetchSubmissions({ ...options, timeoutMs: 50 }))).reason).toEqual({
      code: "error.timeout",
      params: { seconds: 0.05 },
    });
  });

  it("keeps the status of another refusal", async () => {
    const fetch = (async () => new Response(null, { status: 418 })) as typeof globalThis.fetch;
    const options = { serverUrl: "https://kobo.example.org", token: "t", assetUid: "aForm", after: null };
    expect(await failure(fetchSubmissions({ ...options, fetch }))).toMatchObject({
      kind: "refused",
      reason: { code: "error.refused", params: { status: 418 } },
    });
  });

  it("keeps a system's code for a failed connection, not its English message", async () => {
    const refuse = (cause: unknown) =>
      (async () => {
        throw new TypeError("fetch failed", { cause });
      }) as typeof globalThis.fetch;
    const options = { serverUrl: "https://kobo.example.org", token: "t", assetUid: "aForm", after: null };
    expect(
      (await failure(fetchSubmissions({ ...options, fetch: refuse({ code: "ENOTFOUND" }) }))).reason,
    ).toEqual({ code: "error.network", params: { cause: "ENOTFOUND" } });
    expect(
      (await failure(fetchSubmissions({ ...options, fetch: refuse(new Error("other side closed")) }))).reason,
    ).toEqual({ code: "error.networkUnexplained", params: {} });
  });

  it("names where a reply of the wrong shape is wrong, not what it held", async () => {
    const { fake, options } = fakeServer(3);
    fake.failure = { kind: "wrongShape" };
    const error = await failure(fetchSubmissions(options));
    expect(error.kind).toBe("shape");
    expect(error.reason.code).toBe("error.shape");
    const where = String(error.reason.params.where);
    expect(where.split(", ")).toEqual(expect.arrayContaining(["count", "next"]));
    expect(where).not.toContain("many");
    // zod's messages are English: they are not kept.
    expect(where).not.toMatch(/invalid|expected/i);
  });

  it("gives up on a server that does not answer in time", async () => {
    const { fake, options } = fakeServer(3);
    fake.failure = { kind: "slow", ms: 2000 };
    expect(await failure(fetchSubmissions({ ...options, timeoutMs: 50 }))).toMatchObject({ kind: "timeout" });
  });

  it("follows no redirect, so the token goes nowhere else", async () => {
    const seen: string[] = [];
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(String(input));
      expect(init?.redirect).toBe("manual");
      return new Response(null, { status: 302, headers: { Location: "https://elsewhere.example/steal" } });
    }) as typeof globalThis.fetch;
    const error = await failure(
      fetchSubmissions({
        serverUrl: "https://kobo.example.org",
        token: "t",
        assetUid: "aForm",
        after: null,
        fetch,
      }),
    );
    expect(error.kind).toBe("redirect");
    expect(seen).toHaveLength(1);
  });

  it("stops on a server that announces pages forever without results", async () => {
    const fetch = (async () =>
      Response.json({
        count: 5,
        next: "https://kobo.example.org/next",
        previous: null,
        results: [],
      })) as typeof globalThis.fetch;
    const error = await failure(
      fetchSubmissions({
        serverUrl: "https://kobo.example.org",
        token: "t",
        assetUid: "aForm",
        after: null,
        fetch,
      }),
    );
    expect(error.kind).toBe("shape");
    expect(error.reason).toEqual({ code: "error.emptyPage", params: { start: 0 } });
  });
});
