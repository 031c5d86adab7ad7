import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import QRCode from "qrcode";
import type { Db } from "../../db/client";
import { recoveryCodes, users } from "../../db/schema";
import { type AppSecrets, decryptSecret } from "./secrets.server";
import { base32Encode, verifyTotp } from "./totp";

/** How many recovery codes a user gets at once; each works once. */
export const recoveryCodeCount = 10;

/**
 * A recovery code: 16 base32 letters and digits (80 random bits) in four groups, e.g. `k7qm-2xpa-…`. With that much
 * entropy a plain SHA-256 is enough to keep them from being read off the database (no dictionary to try).
 */
export function generateRecoveryCode(): string {
  const text = base32Encode(randomBytes(10)).toLowerCase();
  return text.match(/.{4}/g)?.join("-") ?? text;
}

/** What the user typed, reduced to the code's letters (spaces, dashes and case do not matter). */
export function normaliseRecoveryCode(typed: string) {
  return typed.replace(/[\s-]/g, "").toLowerCase();
}

export const isRecoveryCodeShape = (typed: string) => /^[a-z2-7]{16}$/.test(normaliseRecoveryCode(typed));
export const isTotpShape = (typed: string) => /^\d{6}$/.test(typed.replace(/\s/g, ""));

export function hashRecoveryCode(code: string) {
  return createHash("sha256")
    .update(`throughline:recovery:${normaliseRecoveryCode(code)}`)
    .digest("hex");
}

/** Replaces a user's recovery codes with a new set; returns the codes, to be shown once and never again. */
export async function issueRecoveryCodes({ db, userId, now }: { db: Db; userId: string; now: Date }) {
  const codes = Array.from({ length: recoveryCodeCount }, generateRecoveryCode);
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db
    .insert(recoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code), createdAt: now })));
  return codes;
}

/**
 * Accepts a TOTP step once: the update only happens if no later-or-equal step was accepted before, and the row
 * lock makes a second request for the same step wait and then find nothing to update. True when this request won.
 */
export async function claimTotpStep({ db, userId, step }: { db: Db; userId: string; step: number }) {
  const claimed = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return claimed.length > 0;
}

/** Spends one unused recovery code (atomically: two requests with the same code cannot both succeed). */
export async function spendRecoveryCode({
  db,
  userId,
  code,
  now,
}: {
  db: Db;
  userId: string;
  code: string;
  now: Date;
}) {
  const spent = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashRecoveryCode(code)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return spent.length > 0;
}

export async function unusedRecoveryCodes({ db, userId }: { db: Db; userId: string }) {
  const rows = await db
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return rows.length;
}

/**
 * Checks a code typed for the user's enrolled second factor, and uses it up: a TOTP code (its step claimed) or one
 * of their recovery codes. Returns how it was proved, or null. Call it inside the transaction that acts on success.
 */
export async function spendSecondFactor({
  db,
  user,
  code,
  appSecret,
  now,
}: {
  db: Db;
  user: { id: string; totpSecret: string | null; totpLastStep: number | null };
  code: string;
  appSecret: AppSecrets;
  now: Date;
}): Promise<"totp" | "recovery_code" | null> {
  if (!user.totpSecret) return null;
  if (isTotpShape(code)) {
    const step = verifyTotp(decryptSecret(user.totpSecret, appSecret, "totp-seed"), code.replace(/\s/g, ""), {
      now,
      lastUsedStep: user.totpLastStep,
    });
    if (step === undefined) return null;
    return (await claimTotpStep({ db, userId: user.id, step })) ? "totp" : null;
  }
  if (isRecoveryCodeShape(code)) {
    return (await spendRecoveryCode({ db, userId: user.id, code, now })) ? "recovery_code" : null;
  }
  return null;
}

/** The enrolment QR code as an SVG document, for an `<img src="data:…">` (the CSP allows `data:` images). */
export async function qrCodeDataUri(uri: string) {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
