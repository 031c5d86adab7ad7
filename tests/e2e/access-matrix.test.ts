import { readFileSync } from "node:fs";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import { beforeAll, describe, expect, it } from "vitest";
import { roles } from "../../app/auth/roles";
import routes from "../../app/routes";
import { appForThisFile } from "./app";
import { demoEmails, get, post, signInOverHttp } from "./http";

const { baseUrl } = await appForThisFile();
const columns = ["anonymous", ...roles] as const;
type Column = (typeof columns)[number];
type Row = { route: string; method: string; example: string; expected: Record<Column, number> };

/** The access matrix of docs/security.md, read from its Markdown table. */
function readMatrix(): Row[] {
  const doc = readFileSync("docs/security.md", "utf8");
  const section = doc.slice(doc.indexOf("## Access matrix"), doc.indexOf("## How each protection is tested"));
  const header = section.split("\n").find((line) => line.startsWith("| route |")) ?? "";
  const names = header
    .split("|")
    .slice(1, -1)
    .map((cell) => cell.trim());
  expect(names).toEqual(["route", "method", "example", ...columns]);
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => {
      const cells = line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/^`|`$/g, ""));
      const expected = Object.fromEntries(
        columns.map((column, i) => [column, Number(cells[3 + i])]),
      ) as Record<Column, number>;
      return { route: cells[0] as string, method: cells[1] as string, example: cells[2] as string, expected };
    });
}

/**
 * Every path the app serves, from its route configuration: a layout route (`plans/:slug`) serves its children's
 * paths, its own through its index route.
 */
function routePaths(config: RouteConfigEntry[] = routes, parent = ""): string[] {
  return config.flatMap((route) => {
    const path = route.index ? parent : [parent, route.path].filter(Boolean).join("/");
    return route.children?.length ? routePaths(route.children, path) : [`/${path}`];
  });
}

const matrix = readMatrix();

describe("the access matrix in docs/security.md", () => {
  it("has a GET and a POST row for every route of app/routes.ts, and no row for a route that does not exist", () => {
    const paths = routePaths();
    const missing = paths.flatMap((path) =>
      ["GET", "POST"]
        .filter((method) => !matrix.some((row) => row.route === path && row.method === method))
        .map((m) => `${m} ${path}`),
    );
    expect(missing, "routes without a matrix row").toEqual([]);
    expect(matrix.filter((row) => !paths.includes(row.route)).map((row) => row.route)).toEqual([]);
  });
});

describe("every route, role and method", () => {
  const cookies: Partial<Record<Column, string>> = {};
  let staffId = "";

  beforeAll(async () => {
    for (const role of roles) cookies[role] = await signInOverHttp(baseUrl, demoEmails[role]);
    const usersPage = await (await get(baseUrl, "/admin/users", cookies.admin)).text();
    staffId = /href="\/admin\/users\/([0-9a-f-]{36})"[^>]*>Sam Staff/.exec(usersPage)?.[1] ?? "";
    expect(staffId).not.toBe("");
  }, 120_000);

  it("answers as the matrix says", async () => {
    const mismatches: string[] = [];
    // Signing out ends the session, so those rows go last.
    const ordered = [...matrix].sort(
      (a, b) =>
        Number(a.route === "/logout" && a.method === "POST") -
        Number(b.route === "/logout" && b.method === "POST"),
    );
    for (const row of ordered) {
      const path = row.example.replace("{staff}", staffId);
      for (const column of columns) {
        const cookie = column === "anonymous" ? undefined : cookies[column];
        const response =
          row.method === "GET"
            ? await get(baseUrl, path, cookie)
            : await post(baseUrl, path, "", cookie ? { Cookie: cookie } : {});
        if (response.status !== row.expected[column]) {
          mismatches.push(
            `${row.method} ${path} as ${column}: ${response.status}, expected ${row.expected[column]}`,
          );
        }
        await response.body?.cancel();
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
