import { Form, redirect, useLoaderData } from "react-router";
import { z } from "zod";
import { endSessionOf, endSessionsOf } from "../auth/accounts.server";
import { requirePermission, sessionLimits } from "../auth/request.server";
import { listLiveSessions } from "../auth/sessions.server";
import { Button } from "../components/ui/button";
import { Table } from "../components/ui/table";
import { getDb } from "../db.server";
import { parseForm } from "../forms/parse.server";
import { notFound } from "../http-errors";
import { formatDateTime, useI18n } from "../i18n/i18n";
import { sessionContext } from "../request-context";
import type { Route } from "./+types/account.sessions";

export async function loader(args: Route.LoaderArgs) {
  const viewer = requirePermission(args, { action: "account.manage" });
  const current = args.context.get(sessionContext)?.id;
  const sessions = await listLiveSessions({
    db: await getDb(),
    userId: viewer.id,
    now: new Date(),
    limits: sessionLimits(),
  });
  return { sessions: sessions.map((session) => ({ ...session, current: session.id === current })) };
}

const endForm = z.union([
  z.object({ intent: z.literal("end"), sessionId: z.uuid() }),
  z.object({ intent: z.literal("end-others") }),
]);

export async function action(args: Route.ActionArgs) {
  const viewer = requirePermission(args, { action: "account.manage" });
  const form = await parseForm(args.request, endForm);
  if (!form.ok) return form.response;
  const db = await getDb();
  const current = args.context.get(sessionContext)?.id;
  const actor = `user:${viewer.id}`;
  if (form.data.intent === "end") {
    // This page ends the viewer's own sessions; admins end other people's from the user's page.
    const ended = await endSessionOf({
      db,
      actor,
      ownerId: viewer.id,
      sessionId: form.data.sessionId,
      reason: "ended_by_user",
    });
    if (!ended) notFound();
  } else {
    await endSessionsOf({ db, actor, userId: viewer.id, reason: "ended_by_user", except: current });
  }
  return redirect(
    form.data.intent === "end" && form.data.sessionId === current ? "/login" : "/account/sessions",
  );
}

export default function Sessions() {
  const { t, locale } = useI18n();
  const { sessions } = useLoaderData<typeof loader>();
  const time = (value: string | Date) => formatDateTime(value, locale);
  return (
    <>
      <title>{`${t("sessions.title")} · Throughline`}</title>
      <h1>{t("sessions.title")}</h1>
      <p className="lead">{t("sessions.intro")}</p>
      <Table caption={t("sessions.caption")}>
        <thead>
          <tr>
            <th scope="col">{t("sessions.started")}</th>
            <th scope="col">{t("sessions.lastSeen")}</th>
            <th scope="col">{t("sessions.address")}</th>
            <th scope="col">{t("sessions.browser")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("sessions.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id}>
              <td>
                {time(session.createdAt)} {session.current && <strong>({t("sessions.thisOne")})</strong>}
              </td>
              <td>{time(session.lastSeenAt)}</td>
              <td>{session.ipAddress}</td>
              <td className="small">{session.userAgent}</td>
              <td>
                <Form method="post">
                  <input type="hidden" name="intent" value="end" />
                  <input type="hidden" name="sessionId" value={session.id} />
                  <Button type="submit" variant="secondary">
                    {t("sessions.end")}
                  </Button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      {sessions.length > 1 && (
        <Form method="post">
          <input type="hidden" name="intent" value="end-others" />
          <Button type="submit">{t("sessions.endOthers")}</Button>
        </Form>
      )}
    </>
  );
}
