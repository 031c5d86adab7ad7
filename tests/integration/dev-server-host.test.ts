import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { RouterContextProvider } from "react-router";
import { afterAll, describe, expect, it, vi } from "vitest";

// The dev server (`npm run dev`) has no app/http-server.ts in front: the root middleware applies the demo's Host rule.
// A fresh clone's environment: no APP_SECRET, no DATABASE_URL, no DEMO.
vi.stubEnv("DATABASE_URL", "");
vi.stubEnv("APP_SECRET", undefined);
vi.stubEnv("DEMO", undefined);
vi.stubEnv("DATA_DIR", mkdtempSync(path.join(tmpdir(), "throughline-dev-host-")));
const { protect } = await import("../../app/auth/request.server");
afterAll(() => {
  vi.unstubAllEnvs();
});

const page = () => new Response("the page", { status: 200 });
const run = (headers: Record<string, string>) =>
  protect(
    {
      request: new Request("http://localhost:3000/login", { headers }),
      context: new RouterContextProvider(),
    },
    async () => page(),
  );

describe("the dev server's demo", () => {
  it("answers requests addressed to localhost", async () => {
    for (const host of ["localhost:3000", "127.0.0.1:5173", "[::1]:3000"])
      expect((await run({ Host: host })).status, host).toBe(200);
  });

  it("refuses, saying why, a request addressed to another host or forwarded by a proxy", async () => {
    const other = await run({ Host: "evil.example:3000" });
    expect(other.status).toBe(421);
    expect(await other.text()).toContain("demo installation");
    expect((await run({ Host: "localhost:3000", "X-Forwarded-Host": "evil.example" })).status).toBe(421);
  });
});
