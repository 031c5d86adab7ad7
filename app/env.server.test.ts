import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InvalidEnvironment, readEnv } from "./env.server";

const secret = "a-real-installation-secret-0123456789abcdef";
const read = (values: Record<string, string>) =>
  readEnv({ DATA_DIR: mkdtempSync(path.join(tmpdir(), "throughline-env-")), ...values });

describe("the demo-mode rule (docs/decisions/010-demo-mode.md)", () => {
  it("is demo mode, loopback only, when nothing is configured (a fresh clone's npm start)", () => {
    const env = read({});
    expect(env.demo).toBe(true);
    expect(env.demoLoopbackOnly).toBe(true);
    expect(env.appSecret).toBeTruthy(); // generated into DATA_DIR
  });

  it("is a real installation whenever APP_SECRET is set, on the embedded database too", () => {
    expect(read({ APP_SECRET: secret })).toMatchObject({ demo: false, demoLoopbackOnly: false });
    expect(read({ APP_SECRET: secret, DEMO: "false" })).toMatchObject({ demo: false });
    expect(read({ APP_SECRET: secret, DATABASE_URL: "postgres://db/x" })).toMatchObject({ demo: false });
  });

  it("is not demo mode on PostgreSQL, nor with DEMO=false", () => {
    expect(read({ DATABASE_URL: "postgres://db/x" }).demo).toBe(false);
    expect(read({ DEMO: "false" }).demo).toBe(false);
  });

  it("serves other machines only when DEMO=true is explicit", () => {
    expect(read({ DEMO: "true" })).toMatchObject({ demo: true, demoLoopbackOnly: false });
    expect(read({ DEMO: "true", DATABASE_URL: "postgres://db/x" })).toMatchObject({
      demo: true,
      demoLoopbackOnly: false,
    });
  });

  it("refuses DEMO=true together with APP_SECRET, naming both", () => {
    expect(() => read({ DEMO: "true", APP_SECRET: secret })).toThrow(InvalidEnvironment);
    expect(() => read({ DEMO: "true", APP_SECRET: secret })).toThrow(/DEMO=true and APP_SECRET/);
  });
});

describe("TRUST_PROXY", () => {
  it("is off by default", () => {
    expect(read({}).TRUST_PROXY).toBe(false);
    expect(read({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(false);
  });

  it("refuses true, which would take the client-supplied left-most X-Forwarded-For", () => {
    expect(() => read({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY: `true` is refused.*X-Forwarded-For/);
  });

  it("takes a hop count or a list of trusted addresses and subnets", () => {
    expect(read({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(read({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(read({ TRUST_PROXY: "10.0.0.0/8, 192.168.1.7,fd00::/8,::1,loopback" }).TRUST_PROXY).toEqual([
      "10.0.0.0/8",
      "192.168.1.7",
      "fd00::/8",
      "::1",
      "loopback",
    ]);
  });

  it("refuses what is neither, naming the bad entry", () => {
    expect(() => read({ TRUST_PROXY: "0" })).toThrow(/TRUST_PROXY: a hop count must be between 1 and 10/);
    expect(() => read({ TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY: not an IP address or subnet: "yes"/);
    expect(() => read({ TRUST_PROXY: "10.0.0.0/33" })).toThrow(/"10.0.0.0\/33"/);
    expect(() => read({ TRUST_PROXY: "10.0.0.0/8,proxy.example" })).toThrow(/"proxy.example"/);
  });
});
