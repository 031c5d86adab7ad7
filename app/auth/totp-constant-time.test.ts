import * as crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { totpCode, totpStep, verifyTotp } from "./totp";

vi.mock("node:crypto", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:crypto")>();
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) };
});

describe("TOTP verification", () => {
  it("compares codes in constant time, and compares every candidate step whichever one matches", () => {
    const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    const now = new Date("2026-03-02T09:00:00Z");
    const compare = vi.mocked(crypto.timingSafeEqual);
    compare.mockClear();
    expect(verifyTotp(secret, totpCode(secret, totpStep(now) - 1), { now, lastUsedStep: null })).toBe(
      totpStep(now) - 1,
    );
    expect(compare).toHaveBeenCalledTimes(3);
    compare.mockClear();
    expect(verifyTotp(secret, "000000", { now, lastUsedStep: null })).toBeUndefined();
    expect(compare).toHaveBeenCalledTimes(3);
  });
});
