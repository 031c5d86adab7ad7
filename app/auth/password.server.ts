import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

/** argon2id with OWASP's minimum: 19 MiB of memory, 2 passes, 1 lane. */
export const argon2Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const passwordLength = { min: 8, max: 128 } as const;

let commonPasswords: Set<string> | undefined;

/** The ~18,000 most common passwords of 8 characters or more (zxcvbn-ts's ranked list); shorter ones fail length. */
function isCommonPassword(password: string) {
  commonPasswords ??= new Set(
    (dictionary["passwords-common"] as string[]).filter((word) => word.length >= passwordLength.min),
  );
  return commonPasswords.has(password.toLowerCase());
}

export type PasswordProblem = "tooShort" | "tooLong" | "common" | "sameAsEmail";

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, email: string): PasswordProblem | undefined {
  const length = [...password].length;
  if (length < passwordLength.min) return "tooShort";
  if (length > passwordLength.max) return "tooLong";
  if (password.toLowerCase() === email.toLowerCase()) return "sameAsEmail";
  if (isCommonPassword(password)) return "common";
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

/** A dummy hash to verify against when the email is unknown, so timing does not reveal which emails exist. */
let dummyHash: Promise<string> | undefined;

/**
 * Whether `password` matches `storedHash`. Without a stored hash (no such account) the same argon2 verification is
 * run against a dummy hash: a known and an unknown email cost the same. The dummy hash is made on the first call,
 * whichever kind it is, so not even the first attempt tells them apart.
 */
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword("throughline-dummy-password");
  const dummy = await dummyHash;
  if (password.length > passwordLength.max * 4) return false;
  try {
    const matches = await verify(storedHash ?? dummy, password);
    return storedHash !== undefined && matches;
  } catch {
    return false;
  }
}
