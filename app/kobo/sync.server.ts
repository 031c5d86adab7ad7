import { and, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { indicatorElements, indicators, koboConnections, koboRuns } from "../../db/schema";
import { recordAudit } from "../audit.server";
import { type AppSecrets, decryptSecret } from "../auth/secrets.server";
import { Refused } from "../errors";
import { type FieldProblem, problem, wholeForm } from "../forms/problem";
import { translator } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages";
import { logger } from "../logger.server";
import {
  type IndicatorRules,
  insertEntries,
  knownExternalIds,
  loadIndicatorRules,
  type NewEntry,
} from "../progress/entries.server";
import { fetchSubmissions, KoboRequestFailed, type Submission, submissionId } from "./client";
import { mappableIndicators } from "./connections.server";
import { checkMapping, type KoboMapping, mappedFields, mappingSchema } from "./format";
import { encodeRunError, type RunMessage, runMessage } from "./run-error";
import { type FormNote, formNotes, type PlannedEntry, readSubmission, type Skip } from "./submissions";

/**
 * One pull from a Kobo connection. Everything is fetched first; then, in one transaction, the submissions become
 * draft entries (entered by the person running the sync), the sync point moves to the newest `_submission_time`
 * seen, and the run and its audit row are written. A run that fails (token refused, no such form, server error,
 * timeout, a reply of the wrong shape, a mapping that no longer fits the plan) writes no entry: it is recorded in
 * kobo_runs with its error, and audited, in a transaction of its own. The error is kept as a message code and its
 * parameters (`RunMessage`, as JSON), never as English text: the pages translate it for their reader.
 */

/**
 * An item of a run's report, as kept in `kobo_runs.skipped`: a skipped submission (or one indicator of it), or a note
 * about the form (`submission` is then ""). `code` is `skip.<SkipCode>` or `form.<FormNote code>`; with `params`
 * it is translated on the page (message `kobo.<code>`); `reason` is the same in English, for whoever reads the table.
 */
export type RunItem = {
  submission: string;
  reason: string;
  indicator?: string;
  code: string;
  params: Record<string, string | number>;
};

/** At most this many report items are kept per run; the rest are counted in a last item. */
export const maxRunItems = 5_000;

const english = translator("en");
export const itemMessage = (code: string) => `kobo.${code}` as MessageKey;

function toItem(skip: Skip): RunItem {
  const code = `skip.${skip.code}`;
  const text = english(itemMessage(code), skip.params);
  return {
    submission: skip.submission,
    reason: skip.indicator ? `${skip.indicator}: ${text}` : text,
    ...(skip.indicator ? { indicator: skip.indicator } : {}),
    code,
    params: skip.params,
  };
}

function noteItem(note: FormNote): RunItem {
  const code = `form.${note.code}`;
  return { submission: "", reason: english(itemMessage(code), note.params), code, params: note.params };
}

/** A failed run's error for the mapping's problems: the first one (as a message of its own), and how many more. */
export function mappingFailure(problems: readonly FieldProblem[]): RunMessage {
  const [first] = problems as [FieldProblem, ...FieldProblem[]];
  const reason = runMessage(first.message.key.replace(/^kobo\./, ""), first.message.values);
  return problems.length > 1
    ? runMessage("error.mappingMore", { problem: reason, more: problems.length - 1 })
    : runMessage("error.mapping", { problem: reason });
}

export type RunReport = {
  runId: number;
  outcome: "succeeded" | "failed";
  fetched: number;
  created: number;
  items: RunItem[];
  /** Why the run failed; `kobo_runs.error` keeps it as JSON. */
  error: RunMessage | null;
};

/** Keeps a run that has just finished in the connection's history, and in the audit trail with `audit`; its id. */
async function recordRun(
  tx: Db,
  actor: string,
  run: Omit<typeof koboRuns.$inferInsert, "finishedAt">,
  audit: Record<string, unknown>,
): Promise<number> {
  const [row] = await tx
    .insert(koboRuns)
    .values({ ...run, finishedAt: new Date() })
    .returning({ id: koboRuns.id });
  const runId = (row as { id: number }).id;
  await recordAudit(tx, {
    actor,
    action: "kobo.sync",
    entityType: "kobo_connection",
    entityId: run.connectionId,
    after: { run: runId, ...audit },
  });
  return runId;
}

async function recordFailure(
  db: Db,
  {
    connectionId,
    actor,
    startedAt,
    fetched,
    error,
  }: {
    connectionId: string;
    actor: string;
    startedAt: Date;
    fetched: number;
    error: RunMessage;
  },
): Promise<RunReport> {
  return db.transaction(async (tx) => {
    const runId = await recordRun(
      tx,
      actor,
      { connectionId, startedAt, outcome: "failed", fetched, created: 0, error: encodeRunError(error) },
      { outcome: "failed", fetched, created: 0, error },
    );
    return { runId, outcome: "failed", fetched, created: 0, items: [], error };
  });
}

/** The newest of two `_submission_time`s (same format, so they compare as text). */
const newer = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/** Known external ids, asked in slices (a run may hold hundreds of thousands). */
async function alreadyImported(db: Db, source: string, ids: readonly string[]) {
  const known = new Set<string>();
  for (let i = 0; i < ids.length; i += 5_000)
    for (const id of await knownExternalIds(db, source, ids.slice(i, i + 5_000))) known.add(id);
  return known;
}

/** Rules and single measured element per indicator code of the mapping, read in the run's transaction. */
async function loadRules(db: Db, planId: string, mapping: KoboMapping) {
  const codes = mapping.indicators.map((source) => source.indicator);
  const rows = await db
    .select({ id: indicators.id, code: indicators.code })
    .from(indicators)
    .where(and(eq(indicators.planId, planId), inArray(indicators.code, codes)));
  const byId = await loadIndicatorRules(
    db,
    rows.map((row) => row.id),
  );
  const rules = new Map<string, IndicatorRules>();
  for (const rule of byId.values()) rules.set(rule.code, rule);
  const links = rows.length
    ? await db
        .select({ indicatorId: indicatorElements.indicatorId, elementId: indicatorElements.elementId })
        .from(indicatorElements)
        .where(
          inArray(
            indicatorElements.indicatorId,
            rows.map((row) => row.id),
          ),
        )
    : [];
  const elementByCode = new Map<string, string | null>();
  for (const row of rows) {
    const measured = links.filter((link) => link.indicatorId === row.id);
    elementByCode.set(row.code, measured.length === 1 ? (measured[0]?.elementId ?? null) : null);
  }
  return { rules, elementOf: (code: string) => elementByCode.get(code) ?? null };
}

/**
 * A claim on a connection older than this is taken to be left by a process that died mid-sync: a new sync may run.
 * Each request to the Kobo server has its own time limit; a sync of a huge form could outlast this (docs/security.md).
 */
export const syncClaimMinutes = 15;

/** Another sync of this connection is running (since `since`, an ISO moment the page shows): this one did nothing. */
export class SyncAlreadyRunning extends Refused {
  constructor(readonly since: Date) {
    super([problem(wholeForm, "kobo.sync.running", { since: since.toISOString() })], 409);
  }
}

/**
 * Claims the connection for one sync (a conditional update, so of two parallel syncs exactly one gets it): true, or
 * false with the running one's start when it is claimed already, or null when there is no such connection.
 */
async function claimConnection(db: Db, connectionId: string, now: Date) {
  const stale = new Date(now.getTime() - syncClaimMinutes * 60_000);
  const [claimed] = await db
    .update(koboConnections)
    .set({ syncStartedAt: now })
    .where(
      and(
        eq(koboConnections.id, connectionId),
        or(isNull(koboConnections.syncStartedAt), lt(koboConnections.syncStartedAt, stale)),
      ),
    )
    .returning({ id: koboConnections.id });
  if (claimed) return { claimed: true as const };
  const [running] = await db
    .select({ since: koboConnections.syncStartedAt })
    .from(koboConnections)
    .where(eq(koboConnections.id, connectionId));
  if (!running) return null;
  return { claimed: false as const, since: running.since ?? now };
}

/** Ends this sync's claim (only its own: a claim taken over after it went stale stays). */
async function releaseConnection(db: Db, connectionId: string, claimedAt: Date) {
  await db
    .update(koboConnections)
    .set({ syncStartedAt: null })
    .where(and(eq(koboConnections.id, connectionId), eq(koboConnections.syncStartedAt, claimedAt)));
}

/**
 * Runs a sync of one connection as `userId`, one at a time per connection: while another runs, throws
 * `SyncAlreadyRunning` and writes nothing. Returns null when there is no such connection. `fetch` and `today` are
 * for tests; `timeoutMs` bounds each request.
 */
export async function syncConnection(options: SyncOptions): Promise<RunReport | null> {
  const { db, connectionId } = options;
  const startedAt = new Date();
  const claim = await claimConnection(db, connectionId, startedAt);
  if (!claim) return null;
  if (!claim.claimed) throw new SyncAlreadyRunning(new Date(claim.since));
  try {
    return await runSync(options, startedAt);
  } finally {
    await releaseConnection(db, connectionId, startedAt);
  }
}

type SyncOptions = {
  db: Db;
  connectionId: string;
  userId: string;
  appSecret: AppSecrets;
  fetch?: typeof fetch;
  today?: string;
  timeoutMs?: number;
  pageSize?: number;
};

async function runSync(
  {
    db,
    connectionId,
    userId,
    appSecret,
    fetch: fetchImpl,
    today = new Date().toISOString().slice(0, 10),
    timeoutMs,
    pageSize,
  }: SyncOptions,
  startedAt: Date,
): Promise<RunReport | null> {
  const actor = `user:${userId}`;
  const [connection] = await db.select().from(koboConnections).where(eq(koboConnections.id, connectionId));
  if (!connection) return null;
  const fail = (error: RunMessage, fetched = 0) =>
    recordFailure(db, { connectionId, actor, startedAt, fetched, error });

  const parsed = mappingSchema.safeParse(connection.mapping);
  if (!parsed.success) return fail(runMessage("error.mappingUnreadable"));
  const mapping = parsed.data;
  const problems = checkMapping(mapping, await mappableIndicators(db, connection.planId));
  if (problems.length) return fail(mappingFailure(problems));

  let token: string;
  try {
    token = decryptSecret(connection.tokenEncrypted, appSecret, "kobo-token");
  } catch {
    return fail(runMessage("error.token"));
  }

  let submissions: Submission[];
  try {
    ({ submissions } = await fetchSubmissions({
      serverUrl: connection.serverUrl,
      token,
      assetUid: connection.assetUid,
      after: connection.lastSubmissionTime,
      fetch: fetchImpl,
      timeoutMs,
      pageSize,
    }));
  } catch (error) {
    if (error instanceof KoboRequestFailed) return fail(error.reason);
    throw error;
  }
  // A submission seen twice (the server's pages shifted while we read them) counts once.
  const unique = new Map<string, Submission>();
  for (const submission of submissions)
    if (!unique.has(submissionId(submission))) unique.set(submissionId(submission), submission);
  submissions = [...unique.values()];

  try {
    return await db.transaction(async (tx) => {
      // One run at a time per connection (the claim); the row lock also orders this write after a restart's.
      const [locked] = await tx
        .select({ lastSubmissionTime: koboConnections.lastSubmissionTime })
        .from(koboConnections)
        .where(eq(koboConnections.id, connectionId))
        .for("update");
      const { rules, elementOf } = await loadRules(tx, connection.planId, mapping);
      const source = `kobo:${connectionId}`;
      const known = await alreadyImported(
        tx,
        source,
        submissions.flatMap((submission) =>
          mapping.indicators.map((indicator) => `${submissionId(submission)}:${indicator.indicator}`),
        ),
      );
      const planned: PlannedEntry[] = [];
      const skipped: Skip[] = [];
      let newest = locked?.lastSubmissionTime ?? null;
      for (const submission of submissions) {
        const read = readSubmission({ submission, mapping, rules, known, elementOf, today });
        planned.push(...read.entries);
        skipped.push(...read.skipped);
        newest = newer(newest, submission._submission_time);
      }
      const entries: NewEntry[] = planned.map((entry) => ({
        draft: entry.draft,
        total: entry.total,
        status: "draft",
        enteredBy: userId,
        externalSource: source,
        externalId: entry.externalId,
      }));
      await insertEntries(tx, entries);
      await tx
        .update(koboConnections)
        .set({ lastSubmissionTime: newest })
        .where(eq(koboConnections.id, connectionId));

      let items = [...formNotes(submissions, mappedFields(mapping)).map(noteItem), ...skipped.map(toItem)];
      if (items.length > maxRunItems) {
        const more = items.length - maxRunItems;
        items = [
          ...items.slice(0, maxRunItems),
          {
            submission: "",
            reason: english("kobo.skip.more", { count: more }),
            code: "skip.more",
            params: { count: more },
          },
        ];
      }
      const runId = await recordRun(
        tx,
        actor,
        {
          connectionId,
          startedAt,
          outcome: "succeeded",
          fetched: submissions.length,
          created: entries.length,
          skipped: items,
        },
        {
          outcome: "succeeded",
          fetched: submissions.length,
          created: entries.length,
          skipped: skipped.length,
          lastSubmissionTime: newest,
        },
      );
      return {
        runId,
        outcome: "succeeded",
        fetched: submissions.length,
        created: entries.length,
        items,
        error: null,
      };
    });
  } catch (error) {
    // A database refusal (e.g. a period locked while the run was fetching): nothing of the run was written.
    logger.error({ err: error, connectionId }, "Kobo sync could not be saved");
    return fail(runMessage("error.database"), submissions.length);
  }
}
