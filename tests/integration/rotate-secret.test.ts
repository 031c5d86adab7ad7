import { spawnSync } from "node:child_process";
import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signInWithPassword, signInWithSecondFactor } from "../../app/auth/accounts.server";
import { RotationRefused, rotateSecrets } from "../../app/auth/rotate-secret.server";
import { decryptSecret, encryptSecret, keyIdOf } from "../../app/auth/secrets.server";
import { findSession } from "../../app/auth/sessions.server";
import { generateTotpSecret, totpCode, totpStep } from "../../app/auth/totp";
import { createConnection } from "../../app/kobo/connections.server";
import { type Database, type Db, openDatabase } from "../../db/client";
import { auditEvents, koboConnections, plans, users } from "../../db/schema";
import { createTestDatabase, inRollback } from "../support/database";

const secretA = randomBytes(48).toString("base64");
const secretB = randomBytes(48).toString("base64");
const secretC = randomBytes(48).toString("base64");
const password = "correct horse battery";
const t0 = new Date("2026-03-02T09:00:00Z");
const facts = { ipAddress: "192.0.2.10", userAgent: "test", now: t0 };

/** How the app sealed before key separation (967bbee): what an existing database holds. */
function sealV1(plain: string, appSecret: string) {
  const key = createHash("sha256").update(`throughline:secrets:v1:${appSecret}`).digest();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", ...[iv, cipher.getAuthTag(), data].map((part) => part.toString("base64url"))].join(".");
}

let database: Database;
let planId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  const [plan] = await database.db
    .insert(plans)
    .values({ slug: "rotation", title: { en: "Rotation" }, startDate: "2020-01-01", endDate: "2020-12-31" })
    .returning();
  planId = (plan as { id: string }).id;
});
afterAll(async () => {
  await database?.close();
});

async function signInWithTotp(tx: Db, email: string, seed: string, appSecret: string) {
  const first = await signInWithPassword({ db: tx, email, password, ...facts });
  if (first.outcome !== "second_factor")
    throw new Error(`expected a second-factor step, got ${first.outcome}`);
  const pending = await findSession({
    db: tx,
    token: first.token,
    now: t0,
    limits: { idleMinutes: 30, absoluteHours: 12 },
  });
  return signInWithSecondFactor({
    db: tx,
    sessionId: pending?.id as string,
    userId: pending?.userId as string,
    code: totpCode(seed, totpStep(t0)),
    appSecret,
    ...facts,
  });
}

/** Two users with a second factor (one sealed as v2, one as v1) and two KoboToolbox tokens (likewise), under A. */
async function sealedUnderA(tx: Db) {
  const seeds = { fresh: generateTotpSecret(), legacy: generateTotpSecret() };
  const admin = (name: "fresh" | "legacy") =>
    createUser({
      db: tx,
      actor: "test",
      email: `${name}@example.org`,
      name,
      password,
      grants: [{ role: "admin", accessUntil: null }],
      totpSecret: seeds[name],
      appSecret: secretA,
      now: t0,
    });
  const fresh = await admin("fresh");
  const legacy = await admin("legacy");
  await tx
    .update(users)
    .set({ totpSecret: sealV1(seeds.legacy, secretA) })
    .where(eq(users.id, legacy));
  const settings = { serverUrl: "https://kobo.example.test", assetUid: "aForm" };
  const tokens = { fresh: "token-fresh-0123456789abcdef", legacy: "token-legacy-0123456789abcdef" };
  const connection = (name: "fresh" | "legacy") =>
    createConnection({
      db: tx,
      actor: "test",
      userId: fresh,
      planId,
      settings: { ...settings, name },
      token: tokens[name],
      appSecret: secretA,
    });
  const legacyConnection = await connection("legacy");
  await connection("fresh");
  await tx
    .update(koboConnections)
    .set({ tokenEncrypted: sealV1(tokens.legacy, secretA) })
    .where(eq(koboConnections.id, legacyConnection));
  return { seeds, tokens, userIds: { fresh: fresh, legacy: legacy } };
}

const storedValues = async (tx: Db) => [
  ...(await tx.select({ email: users.email, sealed: users.totpSecret }).from(users)),
  ...(await tx
    .select({ name: koboConnections.name, sealed: koboConnections.tokenEncrypted })
    .from(koboConnections)),
];

describe("rotating APP_SECRET", () => {
  it("re-seals every stored secret, v1 ones included, so that the new secret alone opens them and sign-in works", async () => {
    await inRollback(database.db, async (tx) => {
      const { seeds, tokens } = await sealedUnderA(tx);
      const report = await rotateSecrets({ db: tx, actor: "cli:test", current: secretB, previous: secretA });
      expect(report).toEqual({
        keyId: keyIdOf(secretB),
        previousKeyId: keyIdOf(secretA),
        resealed: { totpSeeds: 2, koboTokens: 2 },
        alreadyCurrent: 0,
      });

      // Every value is now v2 under B, and opens with B alone.
      for (const row of await storedValues(tx))
        expect(row.sealed).toMatch(new RegExp(`^v2\\.(totp-seed|kobo-token)\\.${keyIdOf(secretB)}\\.`));
      const [legacyUser] = await tx.select().from(users).where(eq(users.email, "legacy@example.org"));
      expect(decryptSecret(legacyUser?.totpSecret ?? "", secretB, "totp-seed")).toBe(seeds.legacy);
      const connections = await tx.select().from(koboConnections);
      expect(
        connections.map((row) => decryptSecret(row.tokenEncrypted, secretB, "kobo-token")).sort(),
      ).toEqual([tokens.fresh, tokens.legacy].sort());
      // A can no longer open anything.
      expect(() => decryptSecret(legacyUser?.totpSecret ?? "", secretA, "totp-seed")).toThrow(/key id/);

      // Signing in with the second factor works with B only, for the v2 and the migrated v1 seed.
      expect((await signInWithTotp(tx, "fresh@example.org", seeds.fresh, secretB)).outcome).toBe("signed_in");
      expect((await signInWithTotp(tx, "legacy@example.org", seeds.legacy, secretB)).outcome).toBe(
        "signed_in",
      );

      // Audited, without any secret, seed, token or sealed value.
      const [audit] = await tx.select().from(auditEvents).where(eq(auditEvents.action, "secrets.rotate"));
      expect(audit).toMatchObject({
        actor: "cli:test",
        entityType: "app_secret",
        entityId: keyIdOf(secretB),
        before: { keyId: keyIdOf(secretA) },
        after: { keyId: keyIdOf(secretB), resealed: { totpSeeds: 2, koboTokens: 2 }, alreadyCurrent: 0 },
      });
      const text = JSON.stringify(audit);
      for (const secret of [secretA, secretB, seeds.fresh, seeds.legacy, tokens.fresh, tokens.legacy])
        expect(text).not.toContain(secret);

      // Running it again changes nothing.
      const again = await rotateSecrets({ db: tx, actor: "cli:test", current: secretB });
      expect(again.resealed).toEqual({ totpSeeds: 0, koboTokens: 0 });
      expect(again.alreadyCurrent).toBe(4);
    });
  });

  it("migrates v1 values to v2 without a new secret (APP_SECRET_PREVIOUS unset)", async () => {
    await inRollback(database.db, async (tx) => {
      const { seeds } = await sealedUnderA(tx);
      const report = await rotateSecrets({ db: tx, actor: "cli:test", current: secretA });
      expect(report.resealed).toEqual({ totpSeeds: 1, koboTokens: 1 });
      expect(report.alreadyCurrent).toBe(2);
      for (const row of await storedValues(tx)) expect(row.sealed).toMatch(/^v2\./);
      expect((await signInWithTotp(tx, "legacy@example.org", seeds.legacy, secretA)).outcome).toBe(
        "signed_in",
      );
    });
  });

  it("refuses, changing nothing, when a value opens with neither secret, and names the row", async () => {
    await inRollback(database.db, async (tx) => {
      const { userIds } = await sealedUnderA(tx);
      await tx
        .update(users)
        .set({ totpSecret: encryptSecret(generateTotpSecret(), secretC, "totp-seed") })
        .where(eq(users.id, userIds.legacy));
      const before = await storedValues(tx);
      const refusal = await rotateSecrets({
        db: tx,
        actor: "cli:test",
        current: secretB,
        previous: secretA,
      }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(RotationRefused);
      expect((refusal as Error).message).toBe(
        `Cannot open the second-factor key of user legacy@example.org (users.totp_secret, id ${userIds.legacy}): sealed under key id ${keyIdOf(secretC)}, which is neither APP_SECRET's (${keyIdOf(secretB)}) nor APP_SECRET_PREVIOUS's. Nothing was changed. Set APP_SECRET_PREVIOUS to the secret that sealed it, or clear that value (the user enrols again / the token is typed again).`,
      );
      expect(await storedValues(tx)).toEqual(before);
      expect(await tx.select().from(auditEvents).where(eq(auditEvents.action, "secrets.rotate"))).toEqual([]);
    });
  });

  it("works end to end from the command line: seal with A, rotate to B, sign in with B only", {
    timeout: 240_000,
  }, () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "throughline-rotate-"));
    const cli = (args: string[], env: Record<string, string>) =>
      spawnSync("node_modules/.bin/tsx", ["app/cli/main.ts", ...args], {
        encoding: "utf8",
        env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, APP_SECRET_PREVIOUS: "", ...env },
      });
    const created = cli(["create-admin", "--email", "root@example.org", "--name", "Root"], {
      APP_SECRET: secretA,
      ADMIN_PASSWORD: password,
    });
    expect(created.stderr).toBe("");
    const seed = created.stdout.match(/key: ([A-Z2-7]{32})\n/)?.[1] as string;

    const rotated = cli(["rotate-secret"], { APP_SECRET: secretB, APP_SECRET_PREVIOUS: secretA });
    expect(rotated.stderr).toBe("");
    expect(rotated.status).toBe(0);
    expect(rotated.stdout).toContain(
      "Re-sealed 1 second-factor key(s) and 0 KoboToolbox token(s) in pglite (",
    );
    expect(rotated.stdout).toContain(`) under APP_SECRET (key id ${keyIdOf(secretB)}); 0 were already.`);
    expect(rotated.stdout).toContain("remove it from the configuration and restart");

    const lost = cli(["rotate-secret"], { APP_SECRET: secretC });
    expect(lost.status).toBe(1);
    expect(lost.stderr).toMatch(
      /^Cannot open the second-factor key of user root@example\.org \(users\.totp_secret, id [0-9a-f-]{36}\): sealed under key id /,
    );

    const weak = cli(["rotate-secret"], { APP_SECRET: "x".repeat(48), APP_SECRET_PREVIOUS: secretB });
    expect(weak.status).toBe(1);
    expect(weak.stderr.trim()).toMatch(
      /^Invalid environment: APP_SECRET: is too predictable .*openssl rand -base64 48`$/,
    );

    return (async () => {
      const opened = await openDatabase({ pgliteDir: path.join(dataDir, "pglite") });
      try {
        expect((await signInWithTotp(opened.db, "root@example.org", seed, secretB)).outcome).toBe(
          "signed_in",
        );
      } finally {
        await opened.close();
      }
    })();
  });
});
