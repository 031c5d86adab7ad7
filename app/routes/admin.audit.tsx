import { Form, Link, useLoaderData } from "react-router";
import { z } from "zod";
import { listAuditEvents } from "../audit.server";
import { listUsers } from "../auth/accounts.server";
import { requirePermission } from "../auth/request.server";
import { Button } from "../components/ui/button";
import { Field } from "../components/ui/field";
import { Table } from "../components/ui/table";
import { getDb } from "../db.server";
import { useI18n } from "../i18n/i18n";
import { listReadEvents } from "../read-log.server";
import type { Route } from "./+types/admin.audit";

const pageSize = 50;
const filtersSchema = z.object({
  actor: z.string().trim().max(200).catch(""),
  action: z.string().trim().max(200).catch(""),
  entityType: z.string().trim().max(100).catch(""),
  from: z.union([z.iso.date(), z.literal("")]).catch(""),
  to: z.union([z.iso.date(), z.literal("")]).catch(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  /** The audit trail (changes) or the read log (reads). */
  log: z.enum(["changes", "reads"]).catch("changes"),
});

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, { action: "audit.read" });
  const filters = filtersSchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const query = {
    db: await getDb(),
    filters: {
      actor: filters.actor || undefined,
      action: filters.action || undefined,
      entityType: filters.entityType || undefined,
      from: filters.from ? new Date(`${filters.from}T00:00:00Z`) : undefined,
      to: filters.to ? new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + 86_400_000) : undefined,
    },
    limit: pageSize + 1,
    offset: (filters.page - 1) * pageSize,
  };
  const events =
    filters.log === "reads"
      ? (await listReadEvents(query)).map((event) => ({
          ...event,
          before: null,
          after: event.detail,
          rationale: null,
        }))
      : await listAuditEvents(query);
  const people = new Map(
    (await listUsers({ db: await getDb() })).map((user) => [`user:${user.id}`, user.email]),
  );
  return {
    filters,
    events: events
      .slice(0, pageSize)
      .map((event) => ({ ...event, actorEmail: people.get(event.actor) ?? null })),
    hasMore: events.length > pageSize,
  };
}

export default function Audit() {
  const { t } = useI18n();
  const { filters, events, hasMore } = useLoaderData<typeof loader>();
  const reads = filters.log === "reads";
  const query = (page: number) =>
    `?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, String(v)])), page: String(page) })}`;
  return (
    <>
      <title>{`${t(reads ? "auditLog.readsTitle" : "audit.title")} · Throughline`}</title>
      <h1>{t(reads ? "auditLog.readsTitle" : "audit.title")}</h1>
      <nav aria-label={t("auditLog.which")} className="tabs">
        <Link to="?log=changes" aria-current={reads ? undefined : "page"}>
          {t("auditLog.changes")}
        </Link>{" "}
        <Link to="?log=reads" aria-current={reads ? "page" : undefined}>
          {t("auditLog.reads")}
        </Link>
      </nav>
      <p className="lead">{t(reads ? "auditLog.readsIntro" : "audit.intro")}</p>
      <Form method="get" className="filters">
        <input type="hidden" name="log" value={filters.log} />
        <Field label={t("audit.actor")} name="actor" defaultValue={filters.actor} />
        <Field label={t("audit.action")} name="action" defaultValue={filters.action} />
        <Field label={t("audit.entityType")} name="entityType" defaultValue={filters.entityType} />
        <Field label={t("audit.from")} name="from" type="date" defaultValue={filters.from} />
        <Field label={t("audit.to")} name="to" type="date" defaultValue={filters.to} />
        <Button type="submit">{t("audit.filter")}</Button>
      </Form>
      <Table caption={t(reads ? "auditLog.readsCaption" : "audit.caption")}>
        <thead>
          <tr>
            <th scope="col">{t("audit.when")}</th>
            <th scope="col">{t("audit.actor")}</th>
            <th scope="col">{t("audit.action")}</th>
            <th scope="col">{t("audit.entity")}</th>
            <th scope="col">{t("audit.details")}</th>
          </tr>
        </thead>
        <tbody>
          {events.length === 0 && (
            <tr>
              <td colSpan={5}>{t("auditLog.none")}</td>
            </tr>
          )}
          {events.map((event) => (
            <tr key={event.id}>
              <td>
                <time dateTime={new Date(event.at).toISOString()}>
                  {new Date(event.at).toISOString().replace("T", " ").slice(0, 19)} UTC
                </time>
              </td>
              <td>
                {event.actorEmail && <span>{event.actorEmail} </span>}
                <code className="small">{event.actor}</code>
              </td>
              <td>
                <code>{event.action}</code>
              </td>
              <td>
                {event.entityType} <code className="small">{event.entityId}</code>
              </td>
              <td className="small">
                {event.rationale && <p>{event.rationale}</p>}
                {event.before != null && <pre>{JSON.stringify(event.before)}</pre>}
                {event.after != null && <pre>{JSON.stringify(event.after)}</pre>}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <nav className="pager" aria-label={t("audit.pages")}>
        {filters.page > 1 && <Link to={query(filters.page - 1)}>{t("audit.newer")}</Link>}
        {hasMore && <Link to={query(filters.page + 1)}>{t("audit.older")}</Link>}
      </nav>
    </>
  );
}
