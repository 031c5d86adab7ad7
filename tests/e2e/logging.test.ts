import { describe, expect, it } from "vitest";
import { appForThisFile } from "./app";
import { demoEmails, get, signInOverHttp } from "./http";

// The file's app, as `npm start` runs it, its stdout (the log, at info level) captured.
let output = "";
const app = await appForThisFile({ onOutput: (text) => (output += text) });

/** The complete log lines so far (the last one may still be arriving). */
const records = () =>
  output
    .split("\n")
    .slice(0, -1)
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe("the server's log", () => {
  it("has one line per request with its route, status, duration, id and user, and no query value, cookie or e-mail", async () => {
    const cookie = await signInOverHttp(app.baseUrl, demoEmails.staff);
    const response = await get(app.baseUrl, "/plans/2010-2012/dashboard?asOf=SECRETVALUE", cookie);
    expect(response.status).toBe(200);
    const id = response.headers.get("X-Request-Id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // The line is written once the response has finished: on a busy machine, a moment later.
    await expect.poll(() => records().some((record) => record.reqId === id), { timeout: 10_000 }).toBe(true);

    const line = records().find((record) => record.reqId === id);
    expect(line).toMatchObject({
      level: "info",
      req: { method: "GET", path: "/plans/2010-2012/dashboard" },
      route: "/plans/:slug/dashboard",
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
      userId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const signIn = records().find((record) => (record.req as { path?: string })?.path === "/login");
    expect(signIn).toMatchObject({ req: { method: "POST" }, res: { statusCode: 302 } });

    expect(output).not.toContain("SECRETVALUE");
    expect(output).not.toContain("asOf");
    expect(output).not.toContain(cookie.split("=")[1]);
    expect(output).not.toContain("@example.org");
    expect(output).not.toContain("throughline-demo");
  });
});
