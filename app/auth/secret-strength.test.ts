import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidEnvironment, readEnv } from "../env.server";
import { estimateSecretBits, secretWeakness } from "./secret-strength";

const envError = (source: NodeJS.ProcessEnv) => {
  try {
    readEnv({ DATA_DIR: mkdtempSync(path.join(tmpdir(), "throughline-env-")), ...source });
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEnvironment);
    return (error as Error).message;
  }
  throw new Error("expected the environment to be refused");
};

describe("APP_SECRET strength", () => {
  it("accepts what the documented commands and demo mode generate", () => {
    for (let i = 0; i < 200; i++) {
      expect(secretWeakness(randomBytes(48).toString("base64"))).toBeNull(); // openssl rand -base64 48, demo mode
      expect(secretWeakness(randomBytes(32).toString("hex"))).toBeNull(); // openssl rand -hex 32
      expect(secretWeakness(randomBytes(24).toString("base64"))).toBeNull(); // openssl rand -base64 24
    }
  });

  it("accepts the secret demo mode generates into DATA_DIR/app-secret", () => {
    const env = readEnv({ DATA_DIR: mkdtempSync(path.join(tmpdir(), "throughline-demo-")) });
    expect(env.appSecret).toBeDefined();
    expect(secretWeakness(env.appSecret as string)).toBeNull();
  });

  it("refuses short, repeated, patterned or sequential secrets", () => {
    expect(secretWeakness("Zk3q9v2XH7m0pLr8sT1wYb4nC6dF5g")).toMatch(/at least 32 random characters/);
    for (const weak of [
      "a".repeat(64),
      "ab".repeat(20),
      "secret".repeat(8),
      "Zk3q9v2XH7m0pLr8".repeat(4), // a random-looking unit, repeated
      "abcdefghijklmnopqrstuvwxyz0123456789",
      "0123456789".repeat(4),
      "test-secret-test-secret-test-secret-0123",
      "passwordpasswordpassword12345678",
    ])
      expect(secretWeakness(weak), weak).toMatch(/too predictable .*openssl rand -base64 48/);
  });

  it("refuses any short unit repeated to any length", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.integer({ min: 32, max: 200 }),
        (unit, length) => {
          const secret = unit.repeat(Math.ceil(length / unit.length));
          expect(estimateSecretBits(secret)).toBeLessThan(128);
          expect(secretWeakness(secret)).not.toBeNull();
        },
      ),
    );
  });

  it("stops the app with a message naming the variable and how to generate one", () => {
    expect(envError({ APP_SECRET: "a".repeat(40) })).toBe(
      "Invalid environment: APP_SECRET: is too predictable (repeated or patterned characters: about 0 bits of the 128 needed); generate one with `openssl rand -base64 48`",
    );
    expect(envError({ APP_SECRET: "short" })).toBe(
      "Invalid environment: APP_SECRET: must be at least 32 random characters; generate one with `openssl rand -base64 48`",
    );
    const strong = randomBytes(48).toString("base64");
    expect(readEnv({ APP_SECRET: strong, DATABASE_URL: "postgres://db/x" }).appSecret).toBe(strong);
  });

  it("takes APP_SECRET_PREVIOUS only beside a different APP_SECRET, and does not judge its strength", () => {
    const strong = randomBytes(48).toString("base64");
    const env = readEnv({
      APP_SECRET: strong,
      APP_SECRET_PREVIOUS: "an old weak secret",
      DATABASE_URL: "postgres://db/x",
    });
    expect(env.appSecretPrevious).toBe("an old weak secret");
    expect(envError({ APP_SECRET: strong, APP_SECRET_PREVIOUS: strong })).toMatch(
      /^Invalid environment: APP_SECRET_PREVIOUS: /,
    );
    expect(envError({ APP_SECRET_PREVIOUS: strong, DATABASE_URL: "postgres://db/x" })).toMatch(
      /APP_SECRET_PREVIOUS: set only while rotating/,
    );
  });
});
