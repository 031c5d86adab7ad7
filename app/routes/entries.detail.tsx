import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import { requireViewer } from "../auth/request.server";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { getDb } from "../db.server";
import { SyntheticBadge } from "../demo-data/components/synthetic-badge";
import { parseForm } from "../forms/parse.server";
import { safeRedirect } from "../forms/safe-redirect";
import { useProblems } from "../forms/use-problems";
import { notFound } from "../http-errors";
import { formatDate, formatDateTime, negotiateLocale, pickText, useI18n } from "../i18n/i18n";
import {
  answerEntryRefused,
  entryFormSchema,
  entryFromForm,
  readProgressForm,
} from "../progress/actions.server";
import {
  BreakdownTable,
  Conversation,
  EntryForm,
  EntryStatus,
  EvidenceList,
  formatValue,
  LockedBadge,
  PlanCrumb,
  periodName,
  VerifyForms,
} from "../progress/components";
import { cellField } from "../progress/form";
import { entryDetail } from "../progress/queries.server";
import { answerReturn, submitEntry, todayUtc, updateEntry } from "../progress/workflow.server";
import { recordRead } from "../read-log.server";
import type { Route } from "./+types/entries.detail";

const entryId = z.uuid();

async function load(args: Route.LoaderArgs | Route.ActionArgs) {
  const viewer = requireViewer(args);
  if (!entryId.safeParse(args.params.id).success) notFound();
  const today = todayUtc();
  const detail = await entryDetail({ db: await getDb(), viewer, entryId: args.params.id, today });
  if (!detail) notFound();
  return { viewer, detail, today };
}

export async function loader(args: Route.LoaderArgs) {
  const { viewer, detail, today } = await load(args);
  // A narrative is the entry's sensitive text: who opened it goes to the read log.
  if (detail.entry.narrative)
    await recordRead({
      db: await getDb(),
      viewer,
      action: "entry.view",
      entityType: "progress_entry",
      entityId: detail.entry.id,
      detail: { narrative: true, evidence: detail.evidence.length },
    });
  const url = new URL(args.request.url);
  return { ...detail, today, saved: url.searchParams.get("saved"), already: url.searchParams.has("already") };
}

/** The entry page's forms: submit a draft as it is, answer a return note, or the logging form (save or submit). */
const entryPageForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("submit-as-is"), back: z.string().max(200).optional() }),
  z.object({ intent: z.literal("answer"), reply: z.string().max(20_000).default("") }),
  entryFormSchema,
]);

export async function action(args: Route.ActionArgs) {
  const { viewer, detail, today } = await load(args);
  const read = await readProgressForm(args.request);
  if (!read.ok) return read.response;
  const parsed = await parseForm(args.request, entryPageForm, { form: read.form });
  if (!parsed.ok) return parsed.response;
  const input = parsed.data;
  const db = await getDb();
  if (input.intent === "answer") {
    try {
      await answerReturn({ db, viewer, entryId: detail.entry.id, body: input.reply });
    } catch (error) {
      // An answer refused (empty, too long) comes back beside its own box, leaving the edit form as stored.
      return answerEntryRefused(error, { reply: input.reply });
    }
    return redirect(`/entries/${detail.entry.id}?saved=answer`);
  }
  if (input.intent === "submit-as-is") {
    try {
      await submitEntry({ db, viewer, entryId: detail.entry.id, today });
    } catch (error) {
      return answerEntryRefused(error);
    }
    return redirect(safeRedirect(input.back, `/entries/${detail.entry.id}?saved=submit`));
  }
  const form = await entryFromForm(input, read.form);
  try {
    await updateEntry({
      db,
      viewer,
      entryId: detail.entry.id,
      fields: form.fields,
      locale: negotiateLocale(args.request),
      evidence: form.evidence,
      extraProblems: form.formProblems,
      removeEvidence: form.removeEvidence,
      submit: form.intent === "submit",
      answer: form.answer,
      today,
    });
  } catch (error) {
    return answerEntryRefused(error, form.values);
  }
  return redirect(`/entries/${detail.entry.id}?saved=${form.intent}`);
}

export default function EntryPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { entry, plan, activity, indicator, notes, evidence, editable, canVerify, periods, today } =
    loaderData;
  const result = actionData as { values?: Record<string, string> } | undefined;
  const name = pickText(indicator.name, locale);
  const narrative = entry.narrative ? pickText(entry.narrative, locale) : null;
  // The reply box's answer comes back with its own text typed; its problems are shown beside it, not on the form.
  const reply = result?.values && "reply" in result.values ? result.values : null;
  const problems = useProblems(reply ? undefined : actionData);
  const replyProblems = useProblems(reply ? actionData : undefined);
  const replyText = replyProblems.of("answer") ?? replyProblems.of("reply") ?? replyProblems.form;
  const formError = problems.form;
  const typed = !reply && result?.values && Object.keys(result.values).length > 0 ? result.values : null;
  const stored: Record<string, string> = {
    period: entry.periodKey,
    reportedOn: entry.reportedOn,
    total: entry.breakdown?.length ? "" : String(entry.value),
    narrative: narrative?.text ?? "",
    ...Object.fromEntries(
      (entry.breakdown ?? []).map((cell) => [cellField(cell.values), String(cell.value)]),
    ),
  };
  const lastReturnNote =
    entry.status === "returned" ? notes.filter((item) => item.kind === "returned").at(-1)?.body : undefined;
  const notice = loaderData.already
    ? t("progress.entry.already")
    : loaderData.saved === "submit"
      ? t("progress.entry.submitted")
      : loaderData.saved === "answer"
        ? t("progress.entry.answered")
        : loaderData.saved === "draft"
          ? t("progress.entry.savedDraft")
          : null;
  return (
    <>
      <title>{`${indicator.code} ${periodName(entry.periodKey, t)} · Throughline`}</title>
      <nav aria-label={t("shell.breadcrumbs")} className="breadcrumbs">
        <Link to="/entries">{t("progress.entries.title")}</Link>
        <PlanCrumb plan={plan} />
        {activity && <Link to={`/activities/${plan.slug}/${activity.code}`}>{activity.code}</Link>}
      </nav>
      <header className="page-header">
        <p className="eyebrow">
          {t("progress.entry.eyebrow")} · {periodName(entry.periodKey, t)}
          {plan.synthetic && (
            <>
              {" "}
              <SyntheticBadge />
            </>
          )}
        </p>
        <h1>
          <span className="code">{indicator.code}</span> <span lang={name.lang}>{name.text}</span>
        </h1>
        <div className="outline-badges">
          <EntryStatus status={entry.status} />
          {entry.locked && <LockedBadge />}
        </div>
      </header>
      {notice && !result && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {formError && !editable && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      <div className="detail-grid">
        <div>
          <Card>
            <h2>{t("progress.entry.reported")}</h2>
            <dl className="facts">
              <div>
                <dt>{t("progress.period")}</dt>
                <dd>
                  {periodName(entry.periodKey, t)} {entry.locked && <LockedBadge />}
                </dd>
              </div>
              <div>
                <dt>{t("progress.value")}</dt>
                <dd>
                  <strong className="figure">{formatValue(indicator, entry.value, locale)}</strong>
                </dd>
              </div>
              <div>
                <dt>{t("progress.reportedOn")}</dt>
                <dd>{formatDate(entry.reportedOn, locale)}</dd>
              </div>
              <div>
                <dt>{t("progress.entry.author")}</dt>
                <dd>{entry.authorName ?? "—"}</dd>
              </div>
              {entry.submittedAt && (
                <div>
                  <dt>{t("progress.entry.submittedAt")}</dt>
                  <dd>{formatDateTime(entry.submittedAt, locale)}</dd>
                </div>
              )}
              {activity && (
                <div>
                  <dt>{t("progress.entry.activity")}</dt>
                  <dd>
                    <span className="code">{activity.code}</span> {pickText(activity.title, locale).text}
                  </dd>
                </div>
              )}
              {entry.imported && (
                <div>
                  <dt>{t("progress.entry.importedFrom")}</dt>
                  <dd>{entry.imported}</dd>
                </div>
              )}
            </dl>
            <BreakdownTable indicator={indicator} breakdown={entry.breakdown} total={entry.value} />
            {narrative && (
              <>
                <h3>{t("progress.form.narrative")}</h3>
                <p lang={narrative.lang} className="prose">
                  {narrative.text}
                </p>
              </>
            )}
            <h3>{t("progress.evidence.title")}</h3>
            <EvidenceList entryId={entry.id} evidence={evidence} />
          </Card>
          {editable ? (
            <Card>
              <h2>
                {entry.status === "returned" ? t("progress.entry.fixTitle") : t("progress.entry.editTitle")}
              </h2>
              {lastReturnNote && (
                <blockquote className="return-note">
                  <p>{lastReturnNote}</p>
                </blockquote>
              )}
              <EntryForm
                key={`${entry.id}-${entry.status}-${notes.length}`}
                indicator={indicator}
                periods={periods}
                values={typed ?? stored}
                problems={problems}
                today={today}
                hidden={{}}
                entryId={entry.id}
                existingEvidence={evidence}
                answerLabel={entry.status === "returned" ? t("progress.entry.answer") : undefined}
              />
            </Card>
          ) : (
            <p className="meta">{t(`progress.entry.why.${entry.locked ? "locked" : entry.status}`)}</p>
          )}
        </div>
        <div>
          <Card>
            <h2>{t("progress.conversation")}</h2>
            {notes.length === 0 ? (
              <p className="meta">{t("progress.entry.noNotes")}</p>
            ) : (
              <Conversation notes={notes} />
            )}
            {editable && entry.status === "returned" && (
              <Form method="post" className="reply">
                <input type="hidden" name="intent" value="answer" />
                <div className={replyText ? "field field-invalid" : "field"}>
                  <label htmlFor="reply">{t("progress.entry.reply")}</label>
                  <textarea
                    id="reply"
                    name="reply"
                    rows={3}
                    defaultValue={reply?.reply}
                    aria-invalid={replyText ? true : undefined}
                    aria-describedby={replyText ? "reply-error" : undefined}
                  />
                  {replyText && (
                    <p id="reply-error" className="field-error" role="alert">
                      {replyText}
                    </p>
                  )}
                </div>
                <Button type="submit" variant="secondary">
                  {t("progress.entry.sendReply")}
                </Button>
              </Form>
            )}
          </Card>
          {canVerify && (
            <Card>
              <h2>{t("progress.verify.decide")}</h2>
              <VerifyForms entryId={entry.id} back={`/entries/${entry.id}`} />
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
