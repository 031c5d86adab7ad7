import { data, Link, redirect } from "react-router";
import { z } from "zod";
import { requirePermission } from "../auth/request.server";
import { Card } from "../components/ui/card";
import { getDb } from "../db.server";
import { SyntheticBadge } from "../demo-data/components/synthetic-badge";
import { parseForm } from "../forms/parse.server";
import { safeRedirect } from "../forms/safe-redirect";
import { formatDate, formatDateTime, pickText, useI18n } from "../i18n/i18n";
import { problemMessages, refusalMessage } from "../progress/actions.server";
import {
  BreakdownTable,
  Conversation,
  EvidenceList,
  formatValue,
  type MessageLike,
  periodName,
  translateMessage,
  VerifyForms,
} from "../progress/components";
import { verificationQueue } from "../progress/queries.server";
import { approveEntry, EntryProblems, EntryRefused, returnEntry } from "../progress/workflow.server";
import { recordNarrativesRead } from "../read-log.server";
import type { Route } from "./+types/verification";

export async function loader(args: Route.LoaderArgs) {
  const viewer = requirePermission(args, { action: "progress.verify" });
  const db = await getDb();
  const queue = await verificationQueue({ db, viewer });
  if (!queue) throw new Response("Not Found", { status: 404 });
  await recordNarrativesRead({ db, viewer, request: args.request, entries: queue.entries });
  const url = new URL(args.request.url);
  return { ...queue, done: url.searchParams.get("done") };
}

const decision = z.object({
  intent: z.enum(["approve", "return"]),
  entryId: z.uuid(),
  note: z.string().max(20_000).default(""),
  back: z.string().max(200).optional(),
});

export async function action(args: Route.ActionArgs) {
  const viewer = requirePermission(args, { action: "progress.verify" });
  const form = await parseForm(args.request, decision);
  if (!form.ok) return form.response;
  const { intent, entryId, note, back } = form.data;
  const db = await getDb();
  try {
    if (intent === "approve") await approveEntry({ db, viewer, entryId, note });
    else await returnEntry({ db, viewer, entryId, note });
  } catch (error) {
    if (error instanceof EntryRefused && error.reason === "notFound")
      throw new Response("Not Found", { status: 404 });
    if (error instanceof EntryRefused || error instanceof EntryProblems) {
      const message =
        error instanceof EntryRefused
          ? refusalMessage(error)
          : Object.values(problemMessages(error.problems))[0];
      return data(
        { entryId, intent, note, formError: message },
        { status: error instanceof EntryRefused && error.reason !== "noteRequired" ? 409 : 400 },
      );
    }
    throw error;
  }
  const target = safeRedirect(back, "/verification");
  return redirect(target === "/verification" ? `/verification?done=${intent}` : target);
}

type ActionResult = { entryId?: string; intent?: string; note?: string; formError?: MessageLike };

export default function Verification({ loaderData, actionData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { entries, total, done } = loaderData;
  const result = actionData as ActionResult | undefined;
  return (
    <>
      <title>{`${t("progress.verify.title")} · Throughline`}</title>
      <h1>{t("progress.verify.title")}</h1>
      <p className="lead">{t("progress.verify.intro")}</p>
      <p>
        <Link to="/verification/periods">{t("progress.periods.title")}</Link>
      </p>
      {done && !result && (
        <p className="notice" role="status">
          {done === "approve" ? t("progress.verify.approved") : t("progress.verify.returned")}
        </p>
      )}
      {result?.formError && !entries.some((entry) => entry.id === result.entryId) && (
        <p className="form-error" role="alert">
          {translateMessage(result.formError, t)}
        </p>
      )}
      <p>{t("progress.verify.count", { count: total, shown: entries.length })}</p>
      {entries.length === 0 ? (
        <p>{t("progress.verify.empty")}</p>
      ) : (
        <ol className="queue">
          {entries.map((entry) => {
            const name = pickText(entry.indicator.name, locale);
            const narrative = entry.narrative ? pickText(entry.narrative, locale) : null;
            const planTitle = pickText(entry.plan.title, locale);
            const mine = result?.entryId === entry.id ? result : undefined;
            return (
              <Card as="li" key={entry.id} aria-labelledby={`entry-${entry.id}`}>
                <p className="eyebrow">
                  <span lang={planTitle.lang}>{planTitle.text}</span>
                  {entry.activity && (
                    <>
                      {" · "}
                      <span className="code">{entry.activity.code}</span>{" "}
                      {pickText(entry.activity.title, locale).text}
                    </>
                  )}
                  {entry.plan.synthetic && (
                    <>
                      {" "}
                      <SyntheticBadge />
                    </>
                  )}
                </p>
                <h2 id={`entry-${entry.id}`}>
                  <Link to={`/entries/${entry.id}`}>
                    <span className="code">{entry.indicator.code}</span>{" "}
                    <span lang={name.lang}>{name.text}</span> · {periodName(entry.periodKey, t)}
                  </Link>
                </h2>
                <p>
                  <strong className="figure">{formatValue(entry.indicator, entry.value, locale)}</strong>
                </p>
                <p className="meta">
                  {t("progress.verify.byline", {
                    name: entry.authorName ?? "—",
                    date: formatDate(entry.reportedOn, locale),
                  })}
                  {entry.submittedAt &&
                    ` · ${t("progress.verify.submittedAt", { when: formatDateTime(entry.submittedAt, locale) })}`}
                  {entry.imported ? ` · ${t("progress.entries.imported")}` : ""}
                </p>
                <BreakdownTable indicator={entry.indicator} breakdown={entry.breakdown} total={entry.value} />
                {narrative && (
                  <p lang={narrative.lang} className="prose">
                    {narrative.text}
                  </p>
                )}
                <h3>{t("progress.evidence.title")}</h3>
                <EvidenceList entryId={entry.id} evidence={entry.evidence} />
                {entry.notes.length > 0 && (
                  <>
                    <h3>{t("progress.conversation")}</h3>
                    <Conversation notes={entry.notes} />
                  </>
                )}
                {mine?.formError && (
                  <p className="form-error" role="alert">
                    {translateMessage(mine.formError, t)}
                  </p>
                )}
                {entry.own ? (
                  <p className="notice">{t("progress.refused.ownEntry")}</p>
                ) : (
                  <VerifyForms
                    entryId={entry.id}
                    back="/verification"
                    noteValue={mine?.intent === "return" ? mine.note : ""}
                    error={mine?.intent === "return" ? translateMessage(mine.formError, t) : undefined}
                  />
                )}
              </Card>
            );
          })}
        </ol>
      )}
    </>
  );
}
