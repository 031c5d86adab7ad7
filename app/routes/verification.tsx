import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import { requirePermission } from "../auth/request.server";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { getDb } from "../db.server";
import { SyntheticBadge } from "../demo-data/components/synthetic-badge";
import { parseForm } from "../forms/parse.server";
import { type FieldProblem, problem, problemsIn } from "../forms/problem";
import { safeRedirect } from "../forms/safe-redirect";
import { notFound } from "../http-errors";
import { formatDate, formatDateTime, formatNumber, pickText, useI18n } from "../i18n/i18n";
import { answerEntryRefused } from "../progress/actions.server";
import {
  BreakdownTable,
  Conversation,
  EvidenceList,
  formatValue,
  periodName,
  VerifyForms,
} from "../progress/components";
import { type QueueFilters, verificationQueue } from "../progress/queries.server";
import { approveEntry, returnEntry } from "../progress/workflow.server";
import { recordNarrativesRead } from "../read-log.server";
import type { Route } from "./+types/verification";

/** An empty choice ("all plans") is no filter. */
const optional = <Schema extends z.ZodType>(schema: Schema) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const filterInvalid = "progress.verify.filter.invalid";
const pageInvalid = "progress.verify.filter.page";

/** The queue's address: its filters and page (so a filtered page is a link), each checked. */
const queueQuery = z.object({
  plan: optional(z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, filterInvalid)),
  activity: optional(z.uuid(filterInvalid)),
  author: optional(z.uuid(filterInvalid)),
  period: optional(z.string().regex(/^(lop|\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?)$/, filterInvalid)),
  page: optional(
    z.coerce.number({ error: pageInvalid }).int(pageInvalid).min(1, pageInvalid).max(100_000, pageInvalid),
  ),
});

const filterNames = ["plan", "activity", "author", "period"] as const;

export async function loader(args: Route.LoaderArgs) {
  const viewer = requirePermission(args, { action: "progress.verify" });
  const db = await getDb();
  const url = new URL(args.request.url);
  const asDone = url.searchParams.get("done");
  const done = asDone === "approve" || asDone === "return" ? asDone : null;
  const asked = queueQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!asked.success) {
    // An address whose filters cannot be read shows them to fix (or clear), and no entry: never a wrong list.
    const problems: FieldProblem[] = asked.error.issues.map((issue) =>
      problem(String(issue.path[0]), issue.message === pageInvalid ? pageInvalid : filterInvalid),
    );
    const queue = await verificationQueue({ db, viewer, pageSize: 1 });
    if (!queue) notFound();
    const typed = Object.fromEntries(
      [...filterNames, "page"].map((name) => [name, (url.searchParams.get(name) ?? "").slice(0, 100)]),
    );
    return data(
      { ...queue, entries: [] as typeof queue.entries, total: 0, filters: typed, problems, done },
      { status: 400 },
    );
  }
  const { page, ...chosen } = asked.data;
  const filters: QueueFilters = chosen;
  // The filter form sends its empty choices too: the address is made the queue's own, so a filter is a clean link.
  const canonical = queueLink(filters, page ?? 1, done);
  if (`${url.pathname.replace(/\.data$/, "")}${url.search}` !== canonical) throw redirect(canonical);
  const queue = await verificationQueue({ db, viewer, filters, page: page ?? 1 });
  if (!queue) notFound();
  await recordNarrativesRead({ db, viewer, request: args.request, entries: queue.entries });
  return {
    ...queue,
    filters: filters as Record<string, string | undefined>,
    problems: [] as FieldProblem[],
    done,
  };
}

const decision = z.object({
  intent: z.enum(["approve", "return"]),
  entryId: z.uuid(),
  note: z.string().max(20_000).default(""),
  back: z.string().max(500).optional(),
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
    return answerEntryRefused(error, { entryId, intent, note });
  }
  // Back to the page the decision was made on (the queue keeps its filters and page), saying what was done.
  const target = new URL(safeRedirect(back, "/verification"), "http://throughline.invalid");
  if (target.pathname === "/verification") target.searchParams.set("done", intent);
  return redirect(`${target.pathname}${target.search}`);
}

/** The queue's address with these filters and page (the first page and empty filters are left out). */
function queueLink(filters: Record<string, string | undefined>, page: number, done?: string | null) {
  const query = new URLSearchParams();
  for (const name of filterNames) {
    const value = filters[name];
    if (value) query.set(name, value);
  }
  if (page > 1) query.set("page", String(page));
  if (done) query.set("done", done);
  const text = query.toString();
  return text ? `/verification?${text}` : "/verification";
}

export default function Verification({ loaderData, actionData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { entries, total, waiting, page, pageCount, pageSize, choices, filters, problems, done } = loaderData;
  const [refused] = problemsIn(actionData);
  const refusedText = refused && t(refused.message.key, refused.message.values);
  const answered = (
    actionData as { values?: { entryId?: string; intent?: string; note?: string } } | undefined
  )?.values;
  const filtered = filterNames.some((name) => filters[name]);
  const here = queueLink(filters, page);
  const problemOf = (name: string) => {
    const found = problems.find((candidate) => candidate.field === name);
    return found && t(found.message.key, found.message.values);
  };
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <>
      <title>{`${t("progress.verify.title")} · Throughline`}</title>
      <h1>{t("progress.verify.title")}</h1>
      <p className="lead">{t("progress.verify.intro")}</p>
      <p>
        <Link to="/verification/periods">{t("progress.periods.title")}</Link>
      </p>
      {done && !actionData && (
        <p className="notice" role="status">
          {done === "approve" ? t("progress.verify.approved") : t("progress.verify.returned")}
        </p>
      )}
      {refusedText && !entries.some((entry) => entry.id === answered?.entryId) && (
        <p className="form-error" role="alert">
          {refusedText}
        </p>
      )}
      <div className="queue-controls">
        <QueueFilterForm choices={choices} filters={filters} problemOf={problemOf} filtered={filtered} />
        {problems.length > 0 ? (
          <p className="form-error" role="alert">
            {t("progress.verify.filter.refused")}
          </p>
        ) : (
          <p role="status">
            {total === 0
              ? filtered
                ? t("progress.verify.noMatch", { waiting: formatNumber(waiting, locale) })
                : t("progress.verify.empty")
              : t(filtered ? "progress.verify.rangeFiltered" : "progress.verify.range", {
                  from: formatNumber(first, locale),
                  to: formatNumber(last, locale),
                  total: formatNumber(total, locale),
                  waiting: formatNumber(waiting, locale),
                })}
          </p>
        )}
      </div>
      {entries.length > 0 && (
        <ol className="queue" start={first}>
          {entries.map((entry) => {
            const name = pickText(entry.indicator.name, locale);
            const narrative = entry.narrative ? pickText(entry.narrative, locale) : null;
            const planTitle = pickText(entry.plan.title, locale);
            const mine = answered?.entryId === entry.id ? answered : undefined;
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
                {mine && refusedText && (
                  <p className="form-error" role="alert">
                    {refusedText}
                  </p>
                )}
                {entry.own ? (
                  <p className="notice">{t("progress.refused.ownEntry")}</p>
                ) : (
                  <VerifyForms
                    entryId={entry.id}
                    back={here}
                    noteValue={mine?.intent === "return" ? mine.note : ""}
                    error={mine?.intent === "return" ? refusedText : undefined}
                  />
                )}
              </Card>
            );
          })}
        </ol>
      )}
      {pageCount > 1 && problems.length === 0 && (
        <nav className="pager" aria-label={t("progress.verify.pages")}>
          {page > 1 && (
            <Link to={queueLink(filters, page - 1)} rel="prev">
              {t("progress.verify.previous")}
            </Link>
          )}{" "}
          <span>
            {t("progress.verify.pageOf", {
              page: formatNumber(page, locale),
              pages: formatNumber(pageCount, locale),
            })}
          </span>{" "}
          {page < pageCount && (
            <Link to={queueLink(filters, page + 1)} rel="next">
              {t("progress.verify.next")}
            </Link>
          )}
        </nav>
      )}
    </>
  );
}

/** The queue's filters: a plain GET form, so each filtered view is an address to keep or share. */
function QueueFilterForm({
  choices,
  filters,
  problemOf,
  filtered,
}: {
  choices: Route.ComponentProps["loaderData"]["choices"];
  filters: Record<string, string | undefined>;
  problemOf: (name: string) => string | undefined;
  filtered: boolean;
}) {
  const { t, locale } = useI18n();
  const select = (
    name: (typeof filterNames)[number],
    all: string,
    options: { value: string; label: string; lang?: string }[],
  ) => {
    const error = problemOf(name);
    return (
      <div className={error ? "field field-invalid" : "field"}>
        <label htmlFor={`queue-${name}`}>{t(`progress.verify.filter.${name}`)}</label>
        <select
          id={`queue-${name}`}
          name={name}
          defaultValue={filters[name] ?? ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `queue-${name}-error` : undefined}
        >
          <option value="">{all}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value} lang={option.lang}>
              {option.label}
            </option>
          ))}
        </select>
        {error && (
          <p id={`queue-${name}-error`} className="field-error">
            {error}
          </p>
        )}
      </div>
    );
  };
  return (
    <Form
      method="get"
      action="/verification"
      className="filters"
      aria-label={t("progress.verify.filter.title")}
    >
      {select(
        "plan",
        t("progress.verify.filter.allPlans"),
        choices.plans.map((plan) => {
          const title = pickText(plan.title, locale);
          return { value: plan.slug, label: title.text, lang: title.lang };
        }),
      )}
      {select(
        "activity",
        t("progress.verify.filter.allActivities"),
        choices.activities.map((activity) => ({
          value: activity.id,
          label: `${activity.planSlug} · ${activity.code} ${pickText(activity.title, locale).text}`,
        })),
      )}
      {select(
        "author",
        t("progress.verify.filter.allAuthors"),
        choices.authors.map((person) => ({ value: person.id, label: person.name })),
      )}
      {select(
        "period",
        t("progress.verify.filter.allPeriods"),
        choices.periods.map((key) => ({ value: key, label: periodName(key, t) })),
      )}
      <Button type="submit" variant="secondary">
        {t("progress.verify.filter.show")}
      </Button>
      {problemOf("page") && (
        <p className="field-error" id="queue-page-error">
          {problemOf("page")}
        </p>
      )}
      {(filtered || problemOf("page")) && <Link to="/verification">{t("progress.verify.filter.clear")}</Link>}
    </Form>
  );
}
