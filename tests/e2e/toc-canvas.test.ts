import { randomBytes } from "node:crypto";
import http from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { appForThisFile } from "./app";
import { demoEmails, get, post, signInOverHttp } from "./http";

/**
 * The canvas routes over HTTP against the running app: saving (200, 409, 400, 403), what a revoked session or a
 * forged cross-site request gets (nothing changes), and the JSON export and import. Each run works on a canvas of
 * its own, created through the list page's form.
 */

const { baseUrl } = await appForThisFile();
const slug = `e2e-${randomBytes(4).toString("hex")}`;
const canvasPath = `/plans/2013-2015/toc/${slug}.json`;
let meo = "";
let staff = "";

type Canvas = {
  version: number;
  doc: {
    elements: Record<string, { key: string; code: string }>;
    nodes: Record<string, { x: number; y: number; pinned: boolean }>;
  };
};

const postJson = (path: string, body: unknown, cookie: string, headers: Record<string, string> = {}) =>
  post(baseUrl, path, typeof body === "string" ? body : JSON.stringify(body), {
    "Content-Type": "application/json",
    Cookie: cookie,
    ...headers,
  });

/**
 * Posts a body over the 2 MiB limit on a connection of its own: the server answers 413 without reading the rest,
 * and that connection is not reused for the next request.
 */
function oversized(body: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.request(`${baseUrl}${canvasPath}`, {
      method: "POST",
      agent: false,
      headers: { "Content-Type": "application/json", Origin: baseUrl, Cookie: meo },
    });
    request.on("response", (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", () => {}); // the server may answer and close while the rest is still being sent
    request.end(body);
  });
}

async function canvas(cookie = meo): Promise<Canvas> {
  const response = await get(baseUrl, canvasPath, cookie);
  expect(response.status).toBe(200);
  expect(response.headers.get("Cache-Control")).toBe("no-store");
  return (await response.json()) as Canvas;
}

const keyOf = (loaded: Canvas, code: string) =>
  Object.values(loaded.doc.elements).find((element) => element.code === code)?.key as string;

beforeAll(async () => {
  meo = await signInOverHttp(baseUrl, demoEmails.me_officer);
  staff = await signInOverHttp(baseUrl, demoEmails.staff);
  const created = await post(
    baseUrl,
    "/plans/2013-2015/toc",
    new URLSearchParams({ title_en: "E2E pathway", title_fr: "", slug, focus: "O2" }).toString(),
    { Cookie: meo },
  );
  expect(created.status).toBe(302);
  expect(created.headers.get("Location")).toBe(`/plans/2013-2015/toc?created=${slug}`);
}, 60_000);

describe("saving a canvas over HTTP", () => {
  it("saves (200), refuses a stale version with the current canvas (409), and lists the canvas", async () => {
    const opened = await canvas();
    const o2 = keyOf(opened, "O2");
    const saved = await postJson(
      canvasPath,
      { baseVersion: opened.version, nodes: [{ element: o2, x: 40, y: 80, pinned: true }] },
      meo,
    );
    expect(saved.status).toBe(200);
    const body = (await saved.json()) as { version: number; canvas: Canvas };
    expect(body.version).toBe(opened.version + 1);
    expect(body.canvas.doc.nodes[o2]).toEqual({ x: 40, y: 80, pinned: true });

    const stale = await postJson(
      canvasPath,
      { baseVersion: opened.version, nodes: [{ element: o2, x: 1, y: 1, pinned: true }] },
      meo,
    );
    expect(stale.status).toBe(409);
    const conflict = (await stale.json()) as { message: string; canvas: Canvas };
    expect(conflict.canvas.version).toBe(opened.version + 1);
    expect(conflict.canvas.doc.nodes[o2]).toEqual({ x: 40, y: 80, pinned: true });
    expect(conflict.message).toContain("Someone saved this canvas");

    const list = await (await get(baseUrl, "/plans/2013-2015/toc", staff)).text();
    expect(list).toContain("E2E pathway");
    expect(list).toContain(`/plans/2013-2015/toc/${slug}/export.json`);
  });

  it("answers bad input with 400 naming the field, in the reader's language, and changes nothing", async () => {
    const opened = await canvas();
    const bad = await postJson(
      canvasPath,
      {
        baseVersion: opened.version,
        addedLinks: [
          {
            key: "new:1",
            kind: "contributes_to",
            from: keyOf(opened, "O2"),
            to: keyOf(opened, "O2.S2.A1"),
            rationale: null,
            evidenceStrength: null,
            evidenceLinks: [{ url: "javascript:alert(1)" }],
          },
        ],
        nodes: [{ element: keyOf(opened, "O2"), x: 1e308 * 10, y: 0, pinned: false }],
      },
      `${meo}; lang=fr`,
    );
    expect(bad.status).toBe(400);
    const refused = (await bad.json()) as { message: string; problems: { path: string; message: string }[] };
    expect(refused.message).toContain("n’a pas été enregistré");
    expect(refused.problems.map((problem) => problem.path)).toEqual([
      "$.nodes[0].x",
      "$.addedLinks[0].evidenceLinks[0].url",
    ]);
    expect(refused.problems[1]?.message).toBe(
      "Un lien vers une preuve doit être une adresse http:// ou https://.",
    );

    const notJson = await postJson(canvasPath, "{ nope", meo);
    expect(notJson.status).toBe(400);
    expect(await oversized(`{"padding":"${"x".repeat(2_200_000)}"}`)).toBe(413);
    expect((await canvas()).version).toBe(opened.version);
  });

  it("refuses a reader who may not edit (403), a forged cross-site request (403) and a revoked session", async () => {
    const opened = await canvas();
    const move = {
      baseVersion: opened.version,
      nodes: [{ element: keyOf(opened, "O2"), x: 7, y: 7, pinned: true }],
    };

    expect((await postJson(canvasPath, move, staff)).status).toBe(403);
    const forged = await postJson(canvasPath, move, meo, { Origin: "https://evil.example" });
    expect(forged.status).toBe(403);

    // A second session of the M&E officer, signed out: its cookie no longer saves anything.
    const revoked = await signInOverHttp(baseUrl, demoEmails.me_officer, { fresh: true });
    expect((await post(baseUrl, "/logout", "", { Cookie: revoked })).status).toBe(302);
    const afterSignOut = await postJson(canvasPath, move, revoked);
    expect(afterSignOut.status).toBe(302);
    expect(afterSignOut.headers.get("Location")).toMatch(/^\/login/);

    const now = await canvas();
    expect(now.version).toBe(opened.version);
    expect(now.doc.nodes[keyOf(opened, "O2")]).toEqual(opened.doc.nodes[keyOf(opened, "O2")]);
  });
});

describe("exchange over HTTP", () => {
  it("exports the canvas as plan-graph JSON and takes it back; refuses malformed JSON and unknown elements", async () => {
    const exported = await get(baseUrl, `/plans/2013-2015/toc/${slug}/export.json`, staff);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("Content-Disposition")).toContain(`2013-2015-${slug}.json`);
    const text = await exported.text();
    const file = JSON.parse(text) as { format: string; canvases: { slug: string; nodes: unknown[] }[] };
    expect(file.format).toBe("throughline/plan-graph");
    expect(file.canvases.map((c) => c.slug)).toEqual([slug]);

    const importPath = `/plans/2013-2015/toc/${slug}/import`;
    expect((await postJson(importPath, text, staff)).status).toBe(403);
    const same = await postJson(importPath, text, meo);
    expect(same.status).toBe(200);
    expect(await same.json()).toMatchObject({ status: "imported", changed: false });

    const malformed = await postJson(importPath, text.slice(0, 100), meo);
    expect(malformed.status).toBe(400);
    const ghost = JSON.parse(text) as {
      elements: { code: string }[];
      canvases: { nodes: { element: string }[] }[];
    };
    ghost.elements.push({ ...(ghost.elements[0] as { code: string }), code: "O9" });
    ghost.canvases[0]?.nodes.push({ element: "O9", x: 0, y: 0, pinned: false } as never);
    const unknown = await postJson(importPath, ghost, meo);
    expect(unknown.status).toBe(400);
    const problems = ((await unknown.json()) as { problems: { field: string; text: string }[] }).problems;
    expect(problems).toEqual([
      {
        field: `$.canvases[0].nodes[${file.canvases[0]?.nodes.length}].element`,
        message: { key: "toc.import.unknownElement", values: { plan: "2013-2015", code: "O9" } },
        text: "The plan 2013-2015 has no element with the code O9.",
      },
    ]);
  });
});
