import { data, Form, redirect, useActionData, useLoaderData } from "react-router";
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
import { parseForm } from "../forms/parse.server";
import { safeRedirect } from "../forms/safe-redirect";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages";
import { sessionContext, viewerContext } from "../request-context";
import { retryAfterHeaders } from "../retry-after";
import type { Route } from "./+types/login";

export function loader({ request, context }: Route.LoaderArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (context.get(viewerContext)) throw redirect(redirectTo);
  return {
    redirectTo,
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
      return data(
        {
          errors: { form: "signIn.throttled" },
          values: { email },
          retryAfterMinutes: Math.ceil(result.retryAfterSeconds / 60),
        },
        { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
      );
    case "refused":
      return data({ errors: { form: "signIn.refused" }, values: { email } }, { status: 401 });
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
  const { redirectTo, demo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as
    | {
        errors: Record<string, string | undefined>;
        values: Record<string, string>;
        retryAfterMinutes?: number;
      }
    | undefined;
  const errors = result?.errors ?? {};
  const message = (key: string | undefined) =>
    key ? t(key as MessageKey, { minutes: result?.retryAfterMinutes ?? 15 }) : undefined;
  return (
    <div className="narrow">
      <title>{`${t("signIn.title")} · Throughline`}</title>
      <h1>{t("signIn.title")}</h1>
      <Card>
        <Form method="post" noValidate>
          {errors.form && (
            <p className="form-error" role="alert">
              {message(errors.form)}
            </p>
          )}
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <Field
            label={t("signIn.email")}
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={result?.values?.email}
            error={message(errors.email)}
          />
          <Field
            label={t("signIn.password")}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={message(errors.password)}
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
