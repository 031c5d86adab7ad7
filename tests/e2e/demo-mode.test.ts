import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import http from "node:http";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { describe, expect, it } from "vitest";
import { startApp } from "../support/app-server";
import { appForThisFile, copyOfTemplate } from "./app";
import { get, post } from "./http";

const { baseUrl } = await appForThisFile();
const port = Number(new URL(baseUrl).port);
const appSecret = "an-e2e-real-installation-secret-0123456789abcdef";
const banner = "Demo installation — do not enter real data";

/** A GET with the headers given as they are (fetch will not send another Host). */
function rawGet(path: string, headers: Record<string, string>, target = port) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port: target, path, headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => {
        body += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

const cli = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ["--import", "tsx", "app/cli/main.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", ...env },
  });

/** Runs `npm start` expecting it to refuse: resolves with its exit code and everything it printed. */
function startExpectingRefusal(env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const server = spawn(process.execPath, ["--import", "tsx", "app/cli/main.ts", "start"], {
      env: { ...process.env, DATABASE_URL: "", PORT: "39999", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    server.stdout.on("data", (chunk) => {
      output += chunk;
    });
    server.stderr.on("data", (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => server.kill("SIGTERM"), 60_000);
    server.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("the demo a fresh clone's npm start serves", () => {
  it("says on every page that it is a demo", async () => {
    for (const path of ["/login", "/no-such-page"]) {
      const page = await (await get(baseUrl, path)).text();
      expect(page, path).toContain(banner);
    }
  });

  it("answers only requests addressed to localhost, and none that came through a proxy", async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`])
      expect((await rawGet("/login", { Host: host })).status, host).toBe(200);

    const evil = await rawGet("/login", { Host: "evil.example" });
    expect(evil.status).toBe(421);
    expect(evil.body).toContain("demo installation");
    expect(evil.body).not.toContain("throughline-demo");
    expect((await rawGet("/healthz", { Host: `evil.example:${port}` })).status).toBe(421);

    const proxied = await rawGet("/login", { Host: `127.0.0.1:${port}`, "X-Forwarded-For": "203.0.113.7" });
    expect(proxied.status).toBe(421);
    expect(proxied.body).toContain("proxy");
  });

  it("listens on loopback only", async () => {
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && !address.internal && address.family === "IPv4")?.address;
    if (!outside) return; // no other interface on this machine
    const reached = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: outside, port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    expect(reached).toBe(false);
  });
});

describe("a real installation on the embedded database (APP_SECRET set, no DATABASE_URL)", () => {
  it("refuses the demo's accounts, then serves no demo, with Secure cookies, and ignores X-Forwarded-Host", async () => {
    // The data folder of a demo that ran before (a copy of the one every file's app starts from).
    const demo = { dataDir: copyOfTemplate() };

    const refused = await startExpectingRefusal({ DATA_DIR: demo.dataDir, APP_SECRET: appSecret });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("admin@example.org");
    expect(refused.output).toContain("meo@example.org");
    expect(refused.output).toContain("npm run cli -- remove-demo-accounts");

    const removal = cli(["remove-demo-accounts"], { DATA_DIR: demo.dataDir, APP_SECRET: appSecret });
    expect(removal.stderr).toBe("");
    expect(removal.status).toBe(0);
    expect(removal.stdout).toContain("admin@example.org");
    const admin = cli(["create-admin", "--email", "root@example.org", "--name", "Root"], {
      DATA_DIR: demo.dataDir,
      APP_SECRET: appSecret,
      ADMIN_PASSWORD: "a long admin passphrase for e2e",
    });
    expect(admin.status).toBe(0);

    const real = await startApp({ dataDir: demo.dataDir, env: { APP_SECRET: appSecret } });
    try {
      const login = await get(real.baseUrl, "/login");
      const page = await login.text();
      expect(page).not.toContain(banner);
      expect(page).not.toContain("throughline-demo");
      expect(login.headers.get("Strict-Transport-Security")).toContain("max-age=");

      const demoSignIn = await post(
        real.baseUrl,
        "/login",
        "email=admin%40example.org&password=throughline-demo",
      );
      expect(demoSignIn.status).toBe(401);

      const signIn = await post(
        real.baseUrl,
        "/login",
        new URLSearchParams({
          email: "root@example.org",
          password: "a long admin passphrase for e2e",
        }).toString(),
      );
      expect(signIn.status).toBe(302);
      const cookie = signIn.headers.getSetCookie().join("\n");
      expect(cookie).toMatch(/^__Host-throughline_session=[^;]+;.*Secure/m);

      // Not demo mode: served to any Host (the proxy in front decides).
      expect((await rawGet("/login", { Host: "throughline.example.org" }, real.port)).status).toBe(200);

      // A cross-site POST that claims, through X-Forwarded-Host, to be addressed to the attacker's site.
      const forged = await post(real.baseUrl, "/language", "lang=fr&redirectTo=%2F", {
        Origin: "http://evil.example",
        "X-Forwarded-Host": "evil.example",
      });
      expect(forged.status).toBe(403);
      expect(await forged.text()).toContain("Cross-site request refused");
    } finally {
      await real.stop();
      rmSync(demo.dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
