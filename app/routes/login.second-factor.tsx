import { Form, redirect, useActionData, useLoaderData } from "react-router";
import { z } from "zod";
import { getUserEmail, signInWithSecondFactor } from "../auth/accounts.server";
import { demoAdminCode } from "../auth/demo.server";
import { appSecret, clientAddress, fromKnownDevice, isDemo, signedInHeaders } from "../auth/request.server";
import { isRecoveryCodeShape, isTotpShape } from "../auth/second-factor.server";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Field } from "../components/ui/field";
import { getDb } from "../db.server";
import { refusal } from "../errors";
import { parseForm } from "../forms/parse.server";
import { problem } from "../forms/problem";
import { safeRedirect } from "../forms/safe-redirect";
import { useProblems } from "../forms/use-problems";
import { useI18n } from "../i18n/i18n";
import { sessionContext } from "../request-context";
import { retryAfterHeaders } from "../retry-after";
import type { Route } from "./+types/login.second-factor";

/** Only a browser that has just given a correct password has a session at this stage. */
function requirePendingSession(context: Route.LoaderArgs["context"]) {
  const session = context.get(sessionContext);
  if (session?.stage !== "second_factor") throw redirect("/login");
  return session;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = requirePendingSession(context);
  // Demo mode only: the demo accounts that need a second factor (admin, M&E officer) have no authenticator app, so
  // their own sign-in shows the code the app would show (from their key, random per installation).
  const demoCode = isDemo()
    ? await demoAdminCode({ db: await getDb(), userId: session.userId, appSecret: appSecret() })
    : null;
  return { redirectTo: safeRedirect(new URL(request.url).searchParams.get("redirectTo")), demoCode };
}

const codeForm = z.object({
  // A 6-digit code from the app, or one of the user's recovery codes.
  code: z
    .string()
    .trim()
    .max(64, "secondFactor.codeFormat")
    .refine((code) => isTotpShape(code) || isRecoveryCodeShape(code), "secondFactor.codeFormat"),
  redirectTo: z.string().optional(),
});

export async function action(args: Route.ActionArgs) {
  const session = requirePendingSession(args.context);
  const form = await parseForm(args.request, codeForm);
  if (!form.ok) return form.response;
  const db = await getDb();
  const email = (await getUserEmail({ db, id: session.userId })) ?? "";
  const result = await signInWithSecondFactor({
    db,
    sessionId: session.id,
    userId: session.userId,
    code: form.data.code,
    appSecret: appSecret(),
    ipAddress: clientAddress(args),
    userAgent: args.request.headers.get("User-Agent"),
    now: new Date(),
    knownDevice: fromKnownDevice(args.request, email),
  });
  if (result.outcome === "throttled") {
    return refusal(
      [problem("code", "signIn.throttled", { minutes: Math.ceil(result.retryAfterSeconds / 60) })],
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  if (result.outcome !== "signed_in")
    return refusal([problem("code", "secondFactor.wrong")], { status: 401 });
  const headers = signedInHeaders({
    request: args.request,
    email,
    token: result.token,
    notice: result.notice,
  });
  return redirect(safeRedirect(form.data.redirectTo), { headers });
}

/** A throttled attempt tells the browser when to try again. */
export const headers = retryAfterHeaders;

export default function SecondFactor() {
  const { t } = useI18n();
  const { redirectTo, demoCode } = useLoaderData<typeof loader>();
  const problems = useProblems(useActionData<typeof action>());
  return (
    <div className="narrow">
      <title>{`${t("secondFactor.title")} · Throughline`}</title>
      <h1>{t("secondFactor.title")}</h1>
      <Card>
        <p>{t("secondFactor.intro")}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <Field
            label={t("secondFactor.code")}
            name="code"
            autoComplete="one-time-code"
            required
            error={problems.of("code")}
          />
          <Button type="submit">{t("secondFactor.submit")}</Button>
        </Form>
      </Card>
      {demoCode && (
        <Card className="demo-notice">
          <p>{t("secondFactor.demoCode", { code: demoCode })}</p>
        </Card>
      )}
    </div>
  );
}
