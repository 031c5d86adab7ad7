import { readFileSync } from "node:fs";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import { beforeAll, describe, expect, it } from "vitest";
import routes from "../../app/routes";
import { appForThisFile } from "./app";
import { demoEmails, get, post, signInOverHttp } from "./http";

const { baseUrl } = await appForThisFile();

/** The routes under the `plans/:slug` layout, with their full pattern and whether their module has an action. */
function planRoutes() {
  const layout = routes.find((route) => route.path === "plans/:slug") as RouteConfigEntry;
  const children = layout.children ?? [];
  expect(children.length).toBeGreaterThan(10);
  return children.map((route) => {
    const source = readFileSync(`app/${route.file}`, "utf8");
    return {
      pattern: route.index ? "/plans/:slug" : `/plans/:slug/${route.path}`,
      hasAction: /export (async )?function action\b/.test(source),
      // A route that only takes a POST answers every GET with 405, before anything else.
      postOnly: /export function loader\(\) \{\s*return new Response\("Method Not Allowed"/.test(source),
    };
  });
}

/** An address of the pattern in the given plan (an element, indicator or canvas that exists in the demo plans). */
const address = (pattern: string, slug: string) =>
  pattern
    .replace(":slug", slug)
    .replace(":code", "O1")
    .replace(":canvas", "draft-2015-review")
    .replace(":revision", "1");

describe("a plan the viewer may not see", () => {
  const cookies: { funder?: string; board?: string } = {};
  beforeAll(async () => {
    cookies.funder = await signInOverHttp(baseUrl, demoEmails.funder);
    cookies.board = await signInOverHttp(baseUrl, demoEmails.board);
  }, 120_000);

  it("is a 404 on every page and resource route under /plans/:slug, decided once by the plan layout", async () => {
    const answers: string[] = [];
    const expected: string[] = [];
    for (const route of planRoutes()) {
      for (const [who, slug] of [
        ["funder", "2010-2012"], // a plan outside the funder's scope
        ["board", "no-such-plan"], // a plan that does not exist, for someone who reads every plan
      ] as const) {
        const path = address(route.pattern, slug);
        const cookie = cookies[who] as string;
        if (!route.postOnly) {
          const response = await get(baseUrl, path, cookie);
          answers.push(`GET ${path} as ${who}: ${response.status}`);
          expected.push(`GET ${path} as ${who}: 404`);
          await response.body?.cancel();
        }
        if (route.hasAction) {
          const response = await post(baseUrl, path, "", { Cookie: cookie });
          answers.push(`POST ${path} as ${who}: ${response.status}`);
          expected.push(`POST ${path} as ${who}: 404`);
          await response.body?.cancel();
        }
      }
    }
    expect(answers).toEqual(expected);
  }, 120_000);
});
