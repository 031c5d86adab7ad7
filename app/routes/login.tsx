import { Form, redirect, useActionData, useLoaderData } from "react-router";
import { z } from "zod";
import { signInWithPassword } from "../auth/accounts.server";
import { demoAccounts, demoPassword } from "../auth/demo.server";
import {
  clientAddress,
  fromKnownDevice,
  isDemo,
  sessionCookie,
  signedInHeaders,
} from "../auth/request.server";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Field } from "../components/ui/field";
import { getDb } from "../db.server";
import { refusal } from "../errors";
import { parseForm } from "../forms/parse.server";
import { problem, wholeForm } from "../forms/problem";
import { fieldRules } from "../forms/rules.server";
import { safeRedirect } from "../forms/safe-redirect";
import { useProblems } from "../forms/use-problems";
import { useI18n } from "../i18n/i18n";
import { sessionContext, viewerContext } from "../request-context";
import { retryAfterHeaders } from "../retry-after";
import type { Route } from "./+types/login";

export function loader({ request, context }: Route.LoaderArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (context.get(viewerContext)) throw redirect(redirectTo);
  return {
    redirectTo,
    rules: fieldRules(signInForm),
    demo: isDemo()
      ? { password: demoPassword, accounts: demoAccounts.map((account) => account.email) }
      : null,
  };
}

const signInForm = z.object({
  email: z.string().trim().min(1, "signIn.emailRequired").max(254, "signIn.emailRequired"),
  password: z.string().min(1, "signIn.passwordRequired").max(1024, "signIn.refused"),
  redirectTo: z.string().optional(),
});

export async function action(args: Route.ActionArgs) {
  const { request, context } = args;
  const form = await parseForm(request, signInForm);
  if (!form.ok) return form.response;
  const { email, password } = form.data;
  const redirectTo = safeRedirect(form.data.redirectTo);
  const result = await signInWithPassword({
    db: await getDb(),
    email,
    password,
    ipAddress: clientAddress(args),
    userAgent: request.headers.get("User-Agent"),
    now: new Date(),
    replaces: context.get(sessionContext)?.id,
    knownDevice: fromKnownDevice(request, email),
  });
  switch (result.outcome) {
    case "throttled":
      return refusal(
        [problem(wholeForm, "signIn.throttled", { minutes: Math.ceil(result.retryAfterSeconds / 60) })],
        { status: 429, values: { email }, headers: { "Retry-After": String(result.retryAfterSeconds) } },
      );
    case "refused":
      return refusal([problem(wholeForm, "signIn.refused")], { status: 401, values: { email } });
    case "second_factor":
      return redirect(`/login/second-factor?redirectTo=${encodeURIComponent(redirectTo)}`, {
        headers: { "Set-Cookie": sessionCookie(result.token) },
      });
    case "signed_in": {
      const headers = signedInHeaders({ request, email, token: result.token, notice: result.notice });
      return redirect(redirectTo, { headers });
    }
  }
}

/** A throttled attempt tells the browser when to try again. */
export const headers = retryAfterHeaders;

export default function SignIn() {
  const { t } = useI18n();
  const { redirectTo, demo, rules } = useLoaderData<typeof loader>();
  const problems = useProblems(useActionData<typeof action>());
  return (
    <div className="narrow">
      <title>{`${t("signIn.title")} · Throughline`}</title>
      <h1>{t("signIn.title")}</h1>
      <Card>
        <Form method="post" noValidate>
          {problems.form && (
            <p className="form-error" role="alert">
              {problems.form}
            </p>
          )}
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <Field
            label={t("signIn.email")}
            name="email"
            type="email"
            autoComplete="username"
            {...rules.email}
            defaultValue={problems.value("email")}
            error={problems.of("email")}
          />
          <Field
            label={t("signIn.password")}
            name="password"
            type="password"
            autoComplete="current-password"
            {...rules.password}
            error={problems.of("password")}
          />
          <Button type="submit">{t("signIn.submit")}</Button>
        </Form>
      </Card>
      {demo && (
        <Card className="demo-notice">
          <h2>{t("signIn.demoTitle")}</h2>
          <p>{t("signIn.demoBody", { password: demo.password })}</p>
          <ul>
            {demo.accounts.map((email) => (
              <li key={email}>
                <code>{email}</code>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
