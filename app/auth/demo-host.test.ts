import { describe, expect, it } from "vitest";
import { demoHostRefusal, isLoopbackHost } from "./demo-host";

const headers = (values: Record<string, string>) => ({
  get: (name: string) => values[name.toLowerCase()] ?? null,
});

describe("a loopback-only demo's Host rule", () => {
  it("accepts localhost, 127.0.0.1 and [::1] on any port", () => {
    for (const host of [
      "localhost",
      "localhost:3000",
      "LOCALHOST:80",
      "127.0.0.1:41234",
      "[::1]:3000",
      "[::1]",
    ])
      expect(isLoopbackHost(host), host).toBe(true);
  });

  it("refuses any other name, a missing Host and look-alikes", () => {
    for (const host of [
      "evil.example",
      "evil.example:3000",
      "localhost.evil.example",
      "127.0.0.1.nip.io",
      "192.168.1.10:3000",
      "[::2]:3000",
      "0.0.0.0:3000",
      "",
    ])
      expect(isLoopbackHost(host), host).toBe(false);
    expect(isLoopbackHost(null)).toBe(false);
  });

  it("says why it refuses a request, and refuses one that came through a proxy", () => {
    expect(demoHostRefusal(headers({ host: "localhost:3000" }))).toBeNull();
    expect(demoHostRefusal(headers({ host: "evil.example" }))).toMatch(/demo installation.*"evil.example"/);
    expect(demoHostRefusal(headers({ host: "127.0.0.1:3000", "x-forwarded-for": "203.0.113.9" }))).toMatch(
      /forwarded by a proxy \(x-forwarded-for\)/,
    );
    expect(demoHostRefusal(headers({ host: "localhost", forwarded: "for=203.0.113.9" }))).toMatch(/proxy/);
  });
});
