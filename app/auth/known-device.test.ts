import { describe, expect, it } from "vitest";
import { isKnownDevice, rememberDevice } from "./known-device.server";

const secret = "a-secret-for-the-known-device-tests-only-4c1e9a77b2";

describe("known devices", () => {
  it("recognise the account they were given for, whatever the email's case, and no other", () => {
    const cookie = rememberDevice(undefined, "Owner@Example.org", secret);
    expect(isKnownDevice(cookie, "owner@example.org ", secret)).toBe(true);
    expect(isKnownDevice(cookie, "someone@example.org", secret)).toBe(false);
    expect(isKnownDevice(undefined, "owner@example.org", secret)).toBe(false);
    expect(isKnownDevice("forged.token", "owner@example.org", secret)).toBe(false);
  });

  it("are no longer recognised once APP_SECRET is rotated", () => {
    const cookie = rememberDevice(undefined, "owner@example.org", secret);
    expect(isKnownDevice(cookie, "owner@example.org", `${secret}-rotated`)).toBe(false);
  });

  it("keep the five most recent accounts of a shared browser", () => {
    let cookie: string | undefined;
    for (let i = 0; i < 7; i++) cookie = rememberDevice(cookie, `user${i}@example.org`, secret);
    expect([0, 1].map((i) => isKnownDevice(cookie, `user${i}@example.org`, secret))).toEqual([false, false]);
    expect([2, 3, 4, 5, 6].every((i) => isKnownDevice(cookie, `user${i}@example.org`, secret))).toBe(true);
    // Signing in again moves an account to the front without a second copy.
    cookie = rememberDevice(cookie, "user2@example.org", secret);
    expect(cookie?.split(".")).toHaveLength(5);
  });
});
