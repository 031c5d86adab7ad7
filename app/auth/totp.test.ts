import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, generateTotpSecret, stepSeconds, totpCode, verifyTotp } from "./totp";

// RFC 6238 appendix B: the ASCII secret "12345678901234567890", SHA-1, 8 digits (we use the last 6).
const rfcSecret = base32Encode(Buffer.from("12345678901234567890"));

describe("TOTP", () => {
  it("matches RFC 6238's test vectors", () => {
    for (const [seconds, code] of [
      [59, "287082"],
      [1111111109, "081804"],
      [1234567890, "005924"],
      [2000000000, "279037"],
    ] as const) {
      expect(totpCode(rfcSecret, Math.floor(seconds / stepSeconds)), String(seconds)).toBe(code);
    }
  });

  it("round-trips base32 and makes 160-bit secrets", () => {
    expect(base32Decode(rfcSecret).toString()).toBe("12345678901234567890");
    expect(base32Decode(generateTotpSecret())).toHaveLength(20);
  });

  it("accepts one step of drift either way, and nothing older", () => {
    const now = new Date(1111111109 * 1000);
    const step = Math.floor(1111111109 / stepSeconds);
    expect(verifyTotp(rfcSecret, totpCode(rfcSecret, step - 1), { now, lastUsedStep: null })).toBe(step - 1);
    expect(verifyTotp(rfcSecret, totpCode(rfcSecret, step + 1), { now, lastUsedStep: null })).toBe(step + 1);
    expect(verifyTotp(rfcSecret, totpCode(rfcSecret, step - 2), { now, lastUsedStep: null })).toBeUndefined();
    expect(verifyTotp(rfcSecret, "12345", { now, lastUsedStep: null })).toBeUndefined();
  });

  it("refuses a code whose step was already used (no replay)", () => {
    const now = new Date(1111111109 * 1000);
    const step = Math.floor(1111111109 / stepSeconds);
    const code = totpCode(rfcSecret, step);
    expect(verifyTotp(rfcSecret, code, { now, lastUsedStep: step })).toBeUndefined();
    expect(verifyTotp(rfcSecret, code, { now, lastUsedStep: step - 1 })).toBe(step);
  });
});
