import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  decryptSecret,
  encryptSecret,
  isSealedUnderCurrent,
  keyIdOf,
  SealedSecretError,
  secretPurposes,
} from "./secrets.server";

const secretA = "Zk3q9v2XH7m0pLr8sT1wYb4nC6dF5gJe-first-installation-secret";
const secretB = "Qp8Lx2Nc7Vb1Mz4Rt6Wy9Ks3Hd5Gf0Ja-the-secret-that-replaces-it";

/** What the app sealed before key separation (app/auth/secrets.server.ts at 967bbee). */
function sealV1(plain: string, appSecret: string) {
  const key = createHash("sha256").update(`throughline:secrets:v1:${appSecret}`).digest();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

const refusal = (open: () => unknown) => {
  try {
    open();
  } catch (error) {
    expect(error).toBeInstanceOf(SealedSecretError);
    return error as SealedSecretError;
  }
  throw new Error("expected the sealed value to be refused");
};

describe("sealed secrets", () => {
  it("seals per purpose as v2.<purpose>.<kid>.<iv>.<tag>.<data>, never containing the plain text", () => {
    for (const purpose of secretPurposes) {
      const sealed = encryptSecret("JBSWY3DPEHPK3PXP", secretA, purpose);
      expect(sealed).toMatch(new RegExp(`^v2\\.${purpose}\\.[0-9a-f]{8}(\\.[A-Za-z0-9_-]+){3}$`));
      expect(sealed.split(".")[2]).toBe(keyIdOf(secretA));
      expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
      expect(decryptSecret(sealed, secretA, purpose)).toBe("JBSWY3DPEHPK3PXP");
    }
    // Fresh IV each time.
    expect(encryptSecret("x", secretA, "kobo-token")).not.toBe(encryptSecret("x", secretA, "kobo-token"));
  });

  it("does not open a value sealed for one purpose as another, even with its label rewritten", () => {
    const seed = encryptSecret("a second-factor key", secretA, "totp-seed");
    expect(refusal(() => decryptSecret(seed, secretA, "enrolment")).reason).toBe("wrongPurpose");
    expect(refusal(() => decryptSecret(seed, secretA, "kobo-token")).reason).toBe("wrongPurpose");
    // Relabelled: the purpose is associated data and each purpose has its own key, so authentication fails.
    const relabelled = seed.replace(/^v2\.totp-seed\./, "v2.enrolment.");
    expect(refusal(() => decryptSecret(relabelled, secretA, "enrolment")).reason).toBe("tampered");
  });

  it("names each APP_SECRET by a key id that differs between secrets and reveals nothing of them", () => {
    expect(keyIdOf(secretA)).toMatch(/^[0-9a-f]{8}$/);
    expect(keyIdOf(secretA)).toBe(keyIdOf({ current: secretA, previous: secretB }));
    expect(keyIdOf(secretA)).not.toBe(keyIdOf(secretB));
    expect(secretA).not.toContain(keyIdOf(secretA));
  });

  it("opens a value sealed under the previous secret only while APP_SECRET_PREVIOUS names it", () => {
    const sealed = encryptSecret("kobo api token", secretA, "kobo-token");
    expect(decryptSecret(sealed, { current: secretB, previous: secretA }, "kobo-token")).toBe(
      "kobo api token",
    );
    const unknown = refusal(() => decryptSecret(sealed, secretB, "kobo-token"));
    expect(unknown.reason).toBe("unknownKey");
    expect(unknown.message).toContain(keyIdOf(secretA));
    expect(unknown.message).not.toContain(secretA);
    expect(unknown.message).not.toContain(secretB);
    // New values are sealed under the current secret only.
    expect(isSealedUnderCurrent(sealed, { current: secretB, previous: secretA }, "kobo-token")).toBe(false);
    const resealed = encryptSecret("kobo api token", { current: secretB, previous: secretA }, "kobo-token");
    expect(isSealedUnderCurrent(resealed, secretB, "kobo-token")).toBe(true);
    expect(refusal(() => decryptSecret(resealed, secretA, "kobo-token")).reason).toBe("unknownKey");
  });

  it("still opens v1 values of stored purposes, under either secret, but never as an enrolment blob", () => {
    const legacy = sealV1("JBSWY3DPEHPK3PXP", secretA);
    expect(decryptSecret(legacy, secretA, "totp-seed")).toBe("JBSWY3DPEHPK3PXP");
    expect(decryptSecret(legacy, { current: secretB, previous: secretA }, "totp-seed")).toBe(
      "JBSWY3DPEHPK3PXP",
    );
    expect(decryptSecret(sealV1("token", secretA), secretA, "kobo-token")).toBe("token");
    expect(refusal(() => decryptSecret(legacy, secretB, "totp-seed")).reason).toBe("unknownKey");
    expect(refusal(() => decryptSecret(legacy, secretA, "enrolment")).reason).toBe("wrongPurpose");
    expect(isSealedUnderCurrent(legacy, secretA, "totp-seed")).toBe(false);
  });

  it("refuses altered or malformed values with a SealedSecretError", () => {
    const sealed = encryptSecret("JBSWY3DPEHPK3PXP", secretA, "totp-seed");
    const parts = sealed.split(".");
    const data = Buffer.from(parts[5] ?? "", "base64url");
    data[0] = (data[0] ?? 0) ^ 1;
    parts[5] = data.toString("base64url");
    expect(refusal(() => decryptSecret(parts.join("."), secretA, "totp-seed")).reason).toBe("tampered");
    for (const junk of ["", "v2", "v3.totp-seed.00000000.a.b.c", "plain text", `${sealed}.extra`])
      expect(refusal(() => decryptSecret(junk, secretA, "totp-seed")).reason).toBe("malformed");
  });
});
