import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

/**
 * Sealing of stored secrets with keys derived from APP_SECRET.
 *
 * Each purpose has its own AES-256-GCM key, derived with HKDF-SHA-256 from APP_SECRET (info `throughline/<purpose>`),
 * so a key serves one kind of secret only. A sealed value reads `v2.<purpose>.<kid>.<iv>.<tag>.<ciphertext>` (the last
 * three in base64url): `kid` names the APP_SECRET that sealed it (8 hex digits derived one-way from it) so that, while
 * a secret is being rotated, the right one of APP_SECRET and APP_SECRET_PREVIOUS is chosen; `v2.<purpose>.<kid>` is
 * the cipher's associated data, so a value sealed for one purpose does not open as another, nor under another kid.
 *
 * Values sealed before (`v1.<iv>.<tag>.<ciphertext>`, one SHA-256-derived key for everything) still open for the stored
 * purposes until `npm run cli -- rotate-secret` seals them again as v2.
 */

export const secretPurposes = ["totp-seed", "kobo-token", "enrolment"] as const;
export type SecretPurpose = (typeof secretPurposes)[number];

/** The installation's secret, and during a rotation the one it replaces. A bare string is a secret without one. */
export type AppSecrets = string | { current: string; previous?: string | undefined };

/** Purposes whose values are stored and may therefore still be in the v1 format. */
const legacyPurposes: ReadonlySet<SecretPurpose> = new Set(["totp-seed", "kobo-token"]);

/** HKDF's salt: fixed, public domain separation (RFC 5869 §3.1; APP_SECRET itself is required to be random). */
const salt = Buffer.from("throughline/app-secret");

/** A sealed value that cannot be opened; the message never contains the value or a key. */
export class SealedSecretError extends Error {
  override name = "SealedSecretError";
  constructor(
    readonly reason: "malformed" | "wrongPurpose" | "unknownKey" | "tampered",
    message: string,
  ) {
    super(message);
  }
}

type Keys = { kid: string; key: (purpose: SecretPurpose) => Buffer; legacy: Buffer };

const cache = new Map<string, Keys>();

function derive(secret: string, info: string, length: number) {
  return Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), salt, `throughline/${info}`, length));
}

function keysOf(secret: string): Keys {
  let keys = cache.get(secret);
  if (!keys) {
    const perPurpose = new Map(secretPurposes.map((purpose) => [purpose, derive(secret, purpose, 32)]));
    keys = {
      kid: derive(secret, "key-id", 4).toString("hex"),
      key: (purpose) => perPurpose.get(purpose) as Buffer,
      legacy: createHash("sha256").update(`throughline:secrets:v1:${secret}`).digest(),
    };
    if (cache.size > 16) cache.clear();
    cache.set(secret, keys);
  }
  return keys;
}

function ring(secrets: AppSecrets): Keys[] {
  if (typeof secrets === "string") return [keysOf(secrets)];
  return [secrets.current, secrets.previous]
    .filter((secret): secret is string => Boolean(secret))
    .map(keysOf);
}

const current = (secrets: AppSecrets) => keysOf(typeof secrets === "string" ? secrets : secrets.current);

/**
 * A key of its own for a value the app signs rather than seals (HKDF from the current APP_SECRET, info
 * `throughline/<purpose>`): rotating APP_SECRET makes what it signed unrecognised, which is what rotation is for.
 */
export function signingKey(secrets: AppSecrets, purpose: "known-device"): Buffer {
  return derive(typeof secrets === "string" ? secrets : secrets.current, purpose, 32);
}

/** The key id of the current APP_SECRET, as written into every value it seals. */
export const keyIdOf = (secrets: AppSecrets) => current(secrets).kid;

export function encryptSecret(plain: string, secrets: AppSecrets, purpose: SecretPurpose): string {
  const { kid, key } = current(secrets);
  const header = `v2.${purpose}.${kid}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(purpose), iv);
  cipher.setAAD(Buffer.from(header));
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [header, ...[iv, cipher.getAuthTag(), data].map((part) => part.toString("base64url"))].join(".");
}

export function decryptSecret(sealed: string, secrets: AppSecrets, purpose: SecretPurpose): string {
  const parts = sealed.split(".");
  if (parts[0] === "v1" && parts.length === 4)
    return openLegacy(parts as [string, string, string, string], secrets, purpose);
  const [version, sealedFor, kid, iv, tag, data] = parts;
  if (version !== "v2" || parts.length !== 6 || !sealedFor || !kid || !iv || !tag || data === undefined)
    throw new SealedSecretError("malformed", "not a sealed secret");
  if (sealedFor !== purpose)
    throw new SealedSecretError("wrongPurpose", `sealed for "${sealedFor}", not for "${purpose}"`);
  const keys = ring(secrets).find((candidate) => candidate.kid === kid);
  if (!keys)
    throw new SealedSecretError(
      "unknownKey",
      `sealed under key id ${kid}, which is neither APP_SECRET's (${keyIdOf(secrets)}) nor APP_SECRET_PREVIOUS's`,
    );
  try {
    const decipher = createDecipheriv("aes-256-gcm", keys.key(purpose), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(`v2.${sealedFor}.${kid}`));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new SealedSecretError("tampered", `sealed under key id ${kid} but does not authenticate`);
  }
}

function openLegacy(
  [, iv, tag, data]: [string, string, string, string],
  secrets: AppSecrets,
  purpose: SecretPurpose,
): string {
  if (!legacyPurposes.has(purpose))
    throw new SealedSecretError("wrongPurpose", `a v1 value is not accepted for "${purpose}"`);
  // v1 has no key id: try each secret; GCM's tag tells the right one.
  for (const keys of ring(secrets)) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", keys.legacy, Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString(
        "utf8",
      );
    } catch {}
  }
  throw new SealedSecretError(
    "unknownKey",
    "a v1 value that neither APP_SECRET nor APP_SECRET_PREVIOUS opens (or it was altered)",
  );
}

/** Whether a sealed value is already in the current format under the current APP_SECRET (rotation skips it). */
export function isSealedUnderCurrent(sealed: string, secrets: AppSecrets, purpose: SecretPurpose): boolean {
  return sealed.startsWith(`v2.${purpose}.${keyIdOf(secrets)}.`);
}
