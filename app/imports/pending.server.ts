import { randomBytes } from "node:crypto";

/**
 * Checked uploads waiting for their commit, held in the server's memory for 30 minutes, one per user (a new upload
 * replaces the previous one), so confirming an import does not mean choosing the file again. The commit checks the
 * file again anyway. With several app servers behind a load balancer, a commit that reaches another server finds
 * nothing and asks for the file again (docs/guides/importing-data.md).
 */
export type HeldUpload = {
  token: string;
  userId: string;
  planId: string;
  fileName: string;
  text: string;
  heldAt: number;
};

export const holdMinutes = 30;
const holdMs = holdMinutes * 60 * 1000;
/** All held files together stay under this (the oldest go first). */
const maxHeldChars = 64 * 1024 * 1024;

const held = new Map<string, HeldUpload>();

function sweep(now: number) {
  for (const [token, upload] of held) if (now - upload.heldAt > holdMs) held.delete(token);
  let total = [...held.values()].reduce((sum, upload) => sum + upload.text.length, 0);
  for (const [token, upload] of held) {
    if (total <= maxHeldChars) break;
    held.delete(token);
    total -= upload.text.length;
  }
}

export function holdUpload(upload: Omit<HeldUpload, "token" | "heldAt">, now = Date.now()): HeldUpload {
  for (const [token, other] of held) if (other.userId === upload.userId) held.delete(token);
  const entry: HeldUpload = {
    ...upload,
    token: randomBytes(16).toString("base64url"),
    heldAt: now,
  };
  held.set(entry.token, entry);
  sweep(now);
  return entry;
}

/** The user's held upload with this token, or null (unknown, someone else's, or older than 30 minutes). */
export function heldUpload(token: string, userId: string, now = Date.now()): HeldUpload | null {
  sweep(now);
  const upload = held.get(token);
  return upload && upload.userId === userId ? upload : null;
}

export function releaseUpload(token: string, userId: string) {
  if (held.get(token)?.userId === userId) held.delete(token);
}
