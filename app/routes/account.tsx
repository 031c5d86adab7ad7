import { data, Form, Link, useActionData, useLoaderData } from "react-router";
import { z } from "zod";
import { enrolSecondFactor } from "../auth/accounts.server";
import { appSecret, requirePermission } from "../auth/request.server";
import { decryptSecret, encryptSecret } from "../auth/secrets.server";
import { generateTotpSecret, otpauthUri } from "../auth/totp";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Field } from "../components/ui/field";
import { getDb } from "../db.server";
import { parseForm } from "../forms.server";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages";
import type { Route } from "./+types/account";

export function loader(args: Route.LoaderArgs) {
  const viewer = requirePermission(args, { action: "account.manage" });
  // A fresh secret to enrol with; it travels sealed in the form so that it cannot be swapped.
  const secret = viewer.hasSecondFactor ? null : generateTotpSecret();
  return {
    viewer: {
      name: viewer.name,
      email: viewer.email,
      roles: viewer.roles,
      hasSecondFactor: viewer.hasSecondFactor,
    },
    enrolment: secret
      ? {
          secret,
          uri: otpauthUri(secret, viewer.email),
          sealed: encryptSecret(secret, appSecret(), "enrolment"),
        }
      : null,
  };
}

const enrolForm = z.object({
  sealed: z.string().min(1),
  code: z
    .string()
    .trim()
    .regex(/^\d{3}\s?\d{3}$/, "secondFactor.codeFormat"),
});

export async function action(args: Route.ActionArgs) {
  const viewer = requirePermission(args, { action: "account.manage" });
  const form = await parseForm(args.request, enrolForm);
  if (!form.ok) return form.response;
  let secret: string;
  try {
    secret = decryptSecret(form.data.sealed, appSecret(), "enrolment");
  } catch {
    return data({ errors: { code: "secondFactor.wrong" } }, { status: 400 });
  }
  const enrolled = await enrolSecondFactor({
    db: await getDb(),
    userId: viewer.id,
    secret,
    code: form.data.code.replace(/\s/g, ""),
    appSecret: appSecret(),
  });
  if (!enrolled) return data({ errors: { code: "secondFactor.wrong" } }, { status: 400 });
  return { enrolled: true };
}

export default function Account() {
  const { t } = useI18n();
  const { viewer, enrolment } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as
    | { errors?: Record<string, string | undefined> }
    | undefined;
  const error = result?.errors?.code;
  return (
    <>
      <title>{`${t("account.title")} · Throughline`}</title>
      <h1>{t("account.title")}</h1>
      <Card>
        <dl className="facts">
          <div>
            <dt>{t("account.name")}</dt>
            <dd>{viewer.name}</dd>
          </div>
          <div>
            <dt>{t("account.email")}</dt>
            <dd>{viewer.email}</dd>
          </div>
          <div>
            <dt>{t("account.roles")}</dt>
            <dd>
              {viewer.roles.length
                ? viewer.roles.map((role) => t(`role.${role}`)).join(", ")
                : t("account.noRoles")}
            </dd>
          </div>
        </dl>
        <p>
          <Link to="/account/sessions">{t("account.sessionsLink")}</Link>
        </p>
      </Card>
      <Card>
        <h2>{t("account.secondFactor")}</h2>
        {viewer.hasSecondFactor ? (
          <p>{t("account.secondFactorOn")}</p>
        ) : (
          enrolment && (
            <>
              <p>{t("account.secondFactorOff")}</p>
              <ol>
                <li>
                  {t("account.enrolStep1")} <code className="secret">{enrolment.secret}</code>
                </li>
                <li>
                  {t("account.enrolStep2")} <code className="uri">{enrolment.uri}</code>
                </li>
              </ol>
              <Form method="post" noValidate>
                <input type="hidden" name="sealed" value={enrolment.sealed} />
                <Field
                  label={t("secondFactor.code")}
                  name="code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  required
                  error={error ? t(error as MessageKey) : undefined}
                />
                <Button type="submit">{t("account.enrolSubmit")}</Button>
              </Form>
            </>
          )
        )}
      </Card>
    </>
  );
}
