import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { z } from "zod";
import {
  endSessionOf,
  endSessionsOf,
  getUser,
  resetPassword,
  setUserActive,
  setUserRoles,
} from "../auth/accounts.server";
import { RoleFields } from "../auth/components/role-fields";
import { resetSecondFactor } from "../auth/credentials.server";
import { isDemo, requirePermission, sessionLimits } from "../auth/request.server";
import { listLiveSessions } from "../auth/sessions.server";
import { funderChoices, grantsFrom, isKnownFunder, roleFields } from "../auth/user-forms.server";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Field } from "../components/ui/field";
import { getDb } from "../db.server";
import { answerRefused, refusal } from "../errors";
import { parseForm } from "../forms/parse.server";
import { problem } from "../forms/problem";
import { useProblems } from "../forms/use-problems";
import { notFound } from "../http-errors";
import { formatDateTime, useI18n } from "../i18n/i18n";
import type { Route } from "./+types/admin.user";

async function loadUser(id: string) {
  const db = await getDb();
  const user = z.uuid().safeParse(id).success ? await getUser({ db, id }) : null;
  if (!user) notFound();
  return { db, user };
}

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, { action: "users.manage" });
  const { db, user } = await loadUser(args.params.id);
  const sessions = await listLiveSessions({ db, userId: user.id, now: new Date(), limits: sessionLimits() });
  // Changes with every load, so the forms below start empty again after a successful action (a reason typed for
  // one action must not be recorded again with the next).
  const loadedAt = Date.now();
  return { user, sessions, funders: await funderChoices(db, isDemo()), loadedAt };
}

const rationale = z.string().trim().max(2000).default("");
const userForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("roles"), rationale, ...roleFields }),
  z.object({ intent: z.literal("deactivate"), rationale }),
  z.object({ intent: z.literal("reactivate"), rationale }),
  z.object({ intent: z.literal("password"), password: z.string().max(1024, "password.tooLong") }),
  z.object({ intent: z.literal("second-factor"), rationale }),
  z.object({ intent: z.literal("end-session"), sessionId: z.uuid() }),
  z.object({ intent: z.literal("end-sessions") }),
]);

export async function action(args: Route.ActionArgs) {
  const admin = requirePermission(args, { action: "users.manage" });
  const { db, user } = await loadUser(args.params.id);
  const form = await parseForm(args.request, userForm);
  if (!form.ok) return form.response;
  const actor = `user:${admin.id}`;
  const now = new Date();
  const input = form.data;
  // The intent travels back with a refusal, so the problem shows in the form that was sent.
  const values = { intent: input.intent };
  try {
    switch (input.intent) {
      case "roles":
        if (!(await isKnownFunder(db, input.funderCode, isDemo())))
          return refusal([problem("funderCode", "users.funderUnknown")], { values });
        await setUserRoles({
          db,
          actor,
          userId: user.id,
          grants: grantsFrom(input),
          funderCode: input.funderCode || null,
          rationale: input.rationale || null,
        });
        break;
      case "deactivate":
      case "reactivate":
        await setUserActive({
          db,
          actor,
          userId: user.id,
          active: input.intent === "reactivate",
          now,
          rationale: input.rationale || null,
        });
        break;
      case "password":
        await resetPassword({ db, actor, userId: user.id, password: input.password, now });
        break;
      case "second-factor":
        await resetSecondFactor({ db, actor, userId: user.id, now, rationale: input.rationale || null });
        break;
      case "end-session":
        if (
          !(await endSessionOf({
            db,
            actor,
            ownerId: user.id,
            sessionId: input.sessionId,
            reason: "ended_by_admin",
            now,
          }))
        ) {
          notFound();
        }
        break;
      case "end-sessions":
        await endSessionsOf({ db, actor, userId: user.id, reason: "ended_by_admin", now });
        break;
    }
  } catch (error) {
    return answerRefused(error, values);
  }
  return redirect(`/admin/users/${user.id}`);
}

export default function UserPage() {
  const { t, locale } = useI18n();
  const { user, sessions, funders, loadedAt } = useLoaderData<typeof loader>();
  const problems = useProblems(useActionData<typeof action>());
  // A refusal about the whole form, or about the roles (the last administrator), shows above the forms.
  const pageError = problems.form ?? problems.of("roles");
  const time = (value: string | Date) => formatDateTime(value, locale);
  return (
    <>
      <title>{`${user.name} · Throughline`}</title>
      <nav aria-label={t("shell.breadcrumbs")} className="breadcrumbs">
        <Link to="/admin/users">{t("users.title")}</Link>
      </nav>
      <h1>{user.name}</h1>
      <p className="meta">
        {user.email} · {user.active ? t("users.active") : t("users.deactivated")} ·{" "}
        {t("label.colon", { label: t("users.secondFactor") })}{" "}
        {user.hasSecondFactor ? t("users.yes") : t("users.no")}
      </p>
      {pageError && (
        <p className="form-error" role="alert">
          {pageError}
        </p>
      )}
      <div className="detail-grid" key={loadedAt}>
        <div>
          <Card>
            <h2>{t("users.roles")}</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="roles" />
              <RoleFields
                grants={user.roles}
                funderCode={user.funderCode}
                funders={funders}
                errors={problems.of}
              />
              <Field label={t("users.rationale")} name="rationale" />
              <Button type="submit">{t("users.saveRoles")}</Button>
            </Form>
          </Card>
          <Card>
            <h2>{t("users.resetPassword")}</h2>
            <p>{t("users.resetPasswordIntro")}</p>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="password" />
              <Field
                label={t("users.newPassword")}
                hint={t("password.rules")}
                name="password"
                type="password"
                autoComplete="new-password"
                error={problems.of("password")}
              />
              <Button type="submit">{t("users.resetPassword")}</Button>
            </Form>
          </Card>
          {user.hasSecondFactor && (
            <Card>
              <h2>{t("users.resetSecondFactor")}</h2>
              <p>{t("users.resetSecondFactorIntro")}</p>
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="second-factor" />
                <Field label={t("users.rationale")} name="rationale" />
                <Button type="submit" variant="secondary">
                  {t("users.resetSecondFactor")}
                </Button>
              </Form>
            </Card>
          )}
        </div>
        <div>
          <Card>
            <h2>{user.active ? t("users.deactivate") : t("users.reactivate")}</h2>
            <p>{user.active ? t("users.deactivateIntro") : t("users.reactivateIntro")}</p>
            <Form method="post">
              <input type="hidden" name="intent" value={user.active ? "deactivate" : "reactivate"} />
              <Field label={t("users.rationale")} name="rationale" />
              <Button type="submit" variant="secondary">
                {user.active ? t("users.deactivate") : t("users.reactivate")}
              </Button>
            </Form>
          </Card>
          <Card>
            <h2>{t("sessions.title")}</h2>
            {sessions.length === 0 ? (
              <p>{t("users.noSessions")}</p>
            ) : (
              <ul className="link-list">
                {sessions.map((session) => (
                  <li key={session.id}>
                    {time(session.lastSeenAt)} · {session.ipAddress}
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="end-session" />
                      <input type="hidden" name="sessionId" value={session.id} />
                      <Button type="submit" variant="quiet">
                        {t("sessions.end")}
                      </Button>
                    </Form>
                  </li>
                ))}
              </ul>
            )}
            {sessions.length > 0 && (
              <Form method="post">
                <input type="hidden" name="intent" value="end-sessions" />
                <Button type="submit" variant="secondary">
                  {t("users.endAllSessions")}
                </Button>
              </Form>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
