import { eq } from "drizzle-orm";
import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { z } from "zod";
import { userRoles } from "../../db/schema";
import {
  changePassword,
  enrolSecondFactor,
  regenerateRecoveryCodes,
  removeSecondFactor,
  replaceSecondFactor,
} from "../auth/credentials.server";
import { rolesNeedSecondFactor } from "../auth/policy";
import { appSecret, clientAddress, requirePermission } from "../auth/request.server";
import { qrCodeDataUri, unusedRecoveryCodes } from "../auth/second-factor.server";
import { decryptSecret, encryptSecret } from "../auth/secrets.server";
import { generateTotpSecret, otpauthUri } from "../auth/totp";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Field } from "../components/ui/field";
import { getDb } from "../db.server";
import { answerRefused, type RefusalStatus, refusal } from "../errors";
import { parseForm } from "../forms/parse.server";
import { problem, wholeForm } from "../forms/problem";
import { useProblems } from "../forms/use-problems";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages";
import { sessionContext } from "../request-context";
import type { Route } from "./+types/account";

export async function loader(args: Route.LoaderArgs) {
  const viewer = requirePermission(args, { action: "account.manage" });
  const db = await getDb();
  // A fresh secret to enrol (or to replace the current one) with; it travels sealed in the form so that it cannot
  // be swapped, and is stored only once its first code is right.
  const secret = generateTotpSecret();
  const uri = otpauthUri(secret, viewer.email);
  const held = await db
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(eq(userRoles.userId, viewer.id));
  const done = new URL(args.request.url).searchParams.get("done");
  return {
    done: (done === "password"
      ? "account.passwordChanged"
      : done === "removed"
        ? "account.removed"
        : null) as MessageKey | null,
    viewer: {
      name: viewer.name,
      email: viewer.email,
      roles: viewer.roles,
      hasSecondFactor: viewer.hasSecondFactor,
      pendingStep: viewer.pendingStep ?? null,
      secondFactorRequired: rolesNeedSecondFactor(held.map((grant) => grant.role)),
      recoveryCodesLeft: viewer.hasSecondFactor ? await unusedRecoveryCodes({ db, userId: viewer.id }) : 0,
    },
    enrolment: {
      secret,
      uri,
      qr: await qrCodeDataUri(uri),
      sealed: encryptSecret(secret, appSecret(), "enrolment"),
    },
  };
}

const code = z.string().trim().min(1, "secondFactor.codeFormat").max(64, "secondFactor.codeFormat");
const newCode = z
  .string()
  .trim()
  .regex(/^\d{3}\s?\d{3}$/, "secondFactor.codeFormat");
const currentPassword = z.string().min(1, "signIn.passwordRequired").max(1024, "users.wrongPassword");
const reauthentication = { currentPassword, currentCode: code };
const accountForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("enrol"), sealed: z.string().min(1).max(500), code: newCode }),
  z.object({
    intent: z.literal("replace"),
    sealed: z.string().min(1).max(500),
    code: newCode,
    ...reauthentication,
  }),
  z.object({ intent: z.literal("remove"), ...reauthentication }),
  z.object({ intent: z.literal("recovery-codes"), ...reauthentication }),
  z.object({
    intent: z.literal("password"),
    currentPassword,
    password: z.string().max(1024, "password.tooLong"),
    repeatPassword: z.string().max(1024, "password.tooLong"),
  }),
]);

type Intent = z.infer<typeof accountForm>["intent"];

/** While a step is pending, only that step's form is accepted. */
const allowedWhilePending: Record<string, Intent> = {
  change_password: "password",
  enrol_second_factor: "enrol",
};

export async function action(args: Route.ActionArgs) {
  const viewer = requirePermission(args, { action: "account.manage" });
  const form = await parseForm(args.request, accountForm);
  if (!form.ok) return form.response;
  const input = form.data;
  // The intent travels back with a refusal: several forms of the page have a "current password" field.
  const values = { intent: input.intent };
  const refuse = (field: string, key: "users.notNow" | "users.wrongCode", status: RefusalStatus = 400) =>
    refusal([problem(field, key)], { status, values });
  if (viewer.pendingStep && allowedWhilePending[viewer.pendingStep] !== input.intent)
    return refuse(wholeForm, "users.notNow", 403);
  const db = await getDb();
  const where = { ipAddress: clientAddress(args), now: new Date() };
  const secrets = { appSecret: appSecret(), ...where };
  const sealedSecret = (sealed: string) => {
    try {
      return decryptSecret(sealed, appSecret(), "enrolment");
    } catch {
      return null;
    }
  };
  try {
    switch (input.intent) {
      case "enrol": {
        const secret = sealedSecret(input.sealed);
        if (!secret) return refuse("code", "users.wrongCode");
        const recoveryCodes = await enrolSecondFactor({
          db,
          userId: viewer.id,
          secret,
          code: input.code,
          appSecret: appSecret(),
          now: where.now,
        });
        return { intent: input.intent, recoveryCodes };
      }
      case "replace": {
        const secret = sealedSecret(input.sealed);
        if (!secret) return refuse("code", "users.wrongCode");
        const recoveryCodes = await replaceSecondFactor({
          db,
          userId: viewer.id,
          sessionId: args.context.get(sessionContext)?.id ?? "",
          currentPassword: input.currentPassword,
          currentCode: input.currentCode,
          secret,
          code: input.code,
          ...secrets,
        });
        return { intent: input.intent, recoveryCodes };
      }
      case "remove":
        await removeSecondFactor({
          db,
          userId: viewer.id,
          currentPassword: input.currentPassword,
          currentCode: input.currentCode,
          ...secrets,
        });
        return redirect("/account?done=removed");
      case "recovery-codes": {
        const recoveryCodes = await regenerateRecoveryCodes({
          db,
          userId: viewer.id,
          currentPassword: input.currentPassword,
          currentCode: input.currentCode,
          ...secrets,
        });
        return { intent: input.intent, recoveryCodes };
      }
      case "password":
        await changePassword({
          db,
          userId: viewer.id,
          sessionId: args.context.get(sessionContext)?.id ?? "",
          currentPassword: input.currentPassword,
          newPassword: input.password,
          repeatPassword: input.repeatPassword,
          ...where,
        });
        // A new request, so that the page (and the session's pending step) is read again after the change.
        return redirect("/account?done=password");
    }
  } catch (error) {
    return answerRefused(error, values);
  }
}

type ActionResult = { intent?: Intent; recoveryCodes?: string[] };

export default function Account() {
  const { t } = useI18n();
  const { viewer, enrolment, done } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const result = answer as ActionResult | undefined;
  const problems = useProblems(answer);
  // Problems belong to the form that was sent (several forms have a "current password" field).
  const errorsOf =
    (intent: Intent): Errors =>
    (field) =>
      problems.value("intent") === intent ? problems.of(field) : undefined;
  const pending = viewer.pendingStep;

  if (result?.recoveryCodes) {
    return (
      <>
        <title>{`${t("account.recoveryCodes")} · Throughline`}</title>
        <h1>{t("account.recoveryCodes")}</h1>
        <Card>
          <p>{t("account.recoveryCodesIntro")}</p>
          <ol className="recovery-codes">
            {result.recoveryCodes.map((recoveryCode) => (
              <li key={recoveryCode}>
                <code>{recoveryCode}</code>
              </li>
            ))}
          </ol>
          <p>
            <Link to="/">{t("account.continue")}</Link>
          </p>
        </Card>
      </>
    );
  }

  const passwordCard = (
    <Card>
      <h2>{t("account.password")}</h2>
      <p>{t("account.passwordIntro")}</p>
      <PasswordForm errors={errorsOf("password")} />
    </Card>
  );
  const enrolCard = (
    <Card>
      <h2>{t("account.secondFactor")}</h2>
      <p>{t("account.secondFactorOff")}</p>
      <EnrolmentForm intent="enrol" enrolment={enrolment} errors={errorsOf("enrol")} />
    </Card>
  );

  return (
    <>
      <title>{`${t("account.title")} · Throughline`}</title>
      <h1>{t("account.title")}</h1>
      {pending && (
        <p className="notice" role="status">
          {pending === "change_password"
            ? t("account.required.password")
            : t("account.required.secondFactor")}
        </p>
      )}
      {problems.form && (
        <p className="form-error" role="alert">
          {problems.form}
        </p>
      )}
      {done && !answer && (
        <p className="notice" role="status">
          {t(done)}
        </p>
      )}
      {pending === "change_password" ? (
        passwordCard
      ) : pending === "enrol_second_factor" ? (
        enrolCard
      ) : (
        <>
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
          {passwordCard}
          {viewer.hasSecondFactor ? (
            <Card>
              <h2>{t("account.secondFactor")}</h2>
              <p>{t("account.secondFactorOn")}</p>
              {viewer.recoveryCodesLeft > 0 ? (
                <p>{t("account.recoveryCodesLeft", { count: viewer.recoveryCodesLeft })}</p>
              ) : (
                <p className="form-error">{t("account.noRecoveryCodes")}</p>
              )}
              <details className="credential-step" open={result?.intent === "replace"}>
                <summary>{t("account.replace")}</summary>
                <p>{t("account.replaceIntro")}</p>
                <EnrolmentForm
                  intent="replace"
                  enrolment={enrolment}
                  errors={errorsOf("replace")}
                  reauthenticate
                />
              </details>
              <details className="credential-step" open={result?.intent === "recovery-codes"}>
                <summary>{t("account.regenerate")}</summary>
                <p>{t("account.regenerateIntro")}</p>
                <Form method="post" noValidate>
                  <input type="hidden" name="intent" value="recovery-codes" />
                  <Reauthentication errors={errorsOf("recovery-codes")} />
                  <Button type="submit">{t("account.regenerateSubmit")}</Button>
                </Form>
              </details>
              {!viewer.secondFactorRequired && (
                <details className="credential-step" open={result?.intent === "remove"}>
                  <summary>{t("account.remove")}</summary>
                  <p>{t("account.removeIntro")}</p>
                  <Form method="post" noValidate>
                    <input type="hidden" name="intent" value="remove" />
                    <Reauthentication errors={errorsOf("remove")} />
                    <Button type="submit" variant="secondary">
                      {t("account.removeSubmit")}
                    </Button>
                  </Form>
                </details>
              )}
            </Card>
          ) : (
            enrolCard
          )}
        </>
      )}
    </>
  );
}

/** The translated problem of a field of one of the page's forms. */
type Errors = (field: string) => string | undefined;

function Reauthentication({ errors }: { errors: Errors }) {
  const { t } = useI18n();
  return (
    <>
      <Field
        label={t("account.currentPassword")}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={errors("currentPassword")}
      />
      <Field
        label={t("account.currentCode")}
        name="currentCode"
        autoComplete="one-time-code"
        required
        error={errors("currentCode")}
      />
    </>
  );
}

function PasswordForm({ errors }: { errors: Errors }) {
  const { t } = useI18n();
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="password" />
      <Field
        label={t("account.currentPassword")}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={errors("currentPassword")}
      />
      <Field
        label={t("account.newPassword")}
        hint={t("password.rules")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={errors("password")}
      />
      <Field
        label={t("account.repeatPassword")}
        name="repeatPassword"
        type="password"
        autoComplete="new-password"
        required
        error={errors("repeatPassword")}
      />
      <Button type="submit">{t("account.passwordSubmit")}</Button>
    </Form>
  );
}

function EnrolmentForm({
  intent,
  enrolment,
  errors,
  reauthenticate = false,
}: {
  intent: "enrol" | "replace";
  enrolment: { secret: string; uri: string; qr: string; sealed: string };
  errors: Errors;
  reauthenticate?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value={intent} />
      {reauthenticate && <Reauthentication errors={errors} />}
      <div className="enrolment">
        <img src={enrolment.qr} alt={t("account.qrAlt")} width={200} height={200} className="qr-code" />
        <ol>
          <li>
            {t("account.enrolStep1")} <code className="secret">{enrolment.secret}</code>
          </li>
          <li>
            {t("account.enrolStep2")} <code className="uri">{enrolment.uri}</code>
          </li>
        </ol>
      </div>
      <input type="hidden" name="sealed" value={enrolment.sealed} />
      <Field
        label={t("account.newCode")}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        error={errors("code")}
      />
      <Button type="submit">
        {intent === "enrol" ? t("account.enrolSubmit") : t("account.replaceSubmit")}
      </Button>
    </Form>
  );
}
