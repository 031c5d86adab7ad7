import { z } from "zod";
import { requireViewer } from "../auth/request.server";
import { getDb } from "../db.server";
import { notFound } from "../http-errors";
import { evidenceFile } from "../progress/queries.server";
import { recordRead } from "../read-log.server";
import type { Route } from "./+types/entries.evidence";

const id = z.uuid();

const inertTypes = new Set([
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "text/plain",
  "text/csv",
  "application/zip",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/msword",
  "application/vnd.ms-excel",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
]);

/** `filename` for old clients (ASCII, no quotes), `filename*` (RFC 5987) for the real name. */
function contentDisposition(fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\;]/g, "_") || "evidence";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * An evidence file, for the entry's author and for M&E officers. Always a download (never shown in the page), in a
 * sandbox, so a file cannot run as part of the site.
 */
export async function loader(args: Route.LoaderArgs) {
  const viewer = requireViewer(args);
  const { id: entryId, evidenceId } = args.params;
  if (!id.safeParse(entryId).success || !id.safeParse(evidenceId).success) notFound();
  const db = await getDb();
  const file = await evidenceFile({ db, viewer, entryId, evidenceId });
  if (!file) notFound();
  await recordRead({
    db,
    viewer,
    action: "evidence.download",
    entityType: "entry_evidence",
    entityId: evidenceId,
    detail: { entry: entryId, fileName: file.fileName, size: file.content.byteLength, sha256: file.sha256 },
  });
  return new Response(new Uint8Array(file.content), {
    headers: {
      // Only types a browser cannot run as part of the site keep their declared type; anything else is bytes.
      "Content-Type": inertTypes.has(file.contentType) ? file.contentType : "application/octet-stream",
      "Content-Length": String(file.content.byteLength),
      "Content-Disposition": contentDisposition(file.fileName),
      "Content-Security-Policy": "sandbox; default-src 'none'",
      "Cache-Control": "private, no-store",
    },
  });
}
