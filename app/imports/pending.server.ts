import { randomBytes } from "node:crypto";
import type { ImportSummary } from "./csv.server";

/**
 * Checked uploads waiting for their commit, held in the server's memory for 30 minutes, one per user (a new upload
 * replaces the previous one), so confirming an import does not mean choosing the file again. The commit checks the
 * file again anyway. With several app servers behind a load balancer, a commit that reaches another server finds
 * nothing and asks for the file again (docs/guides/importing-data.md).
 *
 * The check's result is kept with the upload too (`preview`), so reloading the page (or a script asking for it in a
 * loop) does not parse and check the file again: one check per upload and day. It is what the page shows; the
 * commit checks the file again against the database as it then is.
 */
export type HeldUpload = {
  token: string;
  userId: string;
  planId: string;
  fileName: string;
  text: string;
  heldAt: number;
  /** The page's summary of the check, worked out on the first view (shared by parallel ones) on day `on`. */
  preview?: { on: string; summary: Promise<ImportSummary> };
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

/**
 * The summary of `upload`'s check on day `on`: the one kept with the upload, or `check()`'s (then kept). Parallel
 * views share one check; a check that fails is not kept.
 */
export function heldPreview(
  upload: HeldUpload,
  on: string,
  check: () => Promise<ImportSummary>,
): Promise<ImportSummary> {
  if (upload.preview?.on === on) return upload.preview.summary;
  const summary = check();
  const preview = { on, summary };
  upload.preview = preview;
  summary.catch(() => {
    if (upload.preview === preview) upload.preview = undefined;
  });
  return summary;
}
