import { Form, Link, redirect, useActionData } from "react-router";
import { appSecret, isDemo, requirePermission } from "../auth/request.server";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Field, Select } from "../components/ui/field";
import { getDb } from "../db.server";
import { refusal } from "../errors";
import { parseForm, withoutSecrets } from "../forms/parse.server";
import { problem } from "../forms/problem";
import { useProblems } from "../forms/use-problems";
import { pickText, useI18n } from "../i18n/i18n";
import { MocksNotice } from "../kobo/components";
import { createConnection, listPlanChoices } from "../kobo/connections.server";
import { koboDevMocks } from "../kobo/dev-mocks.server";
import { connectionFormSchema, formValues, readSettings } from "../kobo/forms.server";
import type { Route } from "./+types/imports.kobo.new";

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, { action: "progress.import" });
  return { plans: await listPlanChoices({ db: await getDb() }), mocks: koboDevMocks() };
}

export async function action(args: Route.ActionArgs) {
  const viewer = requirePermission(args, { action: "progress.import" });
  const db = await getDb();
  const parsed = await parseForm(args.request, connectionFormSchema);
  if (!parsed.ok) return parsed.response;
  const values = formValues(parsed.data);
  const { settings, token, problems } = readSettings(values, {
    allowLocalHttp: isDemo(),
    tokenRequired: true,
  });
  const plans = await listPlanChoices({ db });
  const plan = plans.find((candidate) => candidate.id === values.planId);
  if (!plan) problems.push(problem("planId", "kobo.connection.planUnknown"));
  if (problems.length || !plan || !token) return refusal(problems, { values: withoutSecrets(values) });
  const id = await createConnection({
    db,
    actor: `user:${viewer.id}`,
    userId: viewer.id,
    planId: plan.id,
    settings,
    token,
    appSecret: appSecret(),
  });
  return redirect(`/imports/kobo/${id}/edit?created=1`);
}

export default function NewKoboConnection({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { plans, mocks } = loaderData;
  const result = useActionData<typeof action>() as { values?: Record<string, string> } | undefined;
  const values = result?.values ?? {};
  const problems = useProblems(result);
  // An input can have several problems (a bad field name, and nothing mapped): the person sees them all.
  const error = (input: string) =>
    problems
      .under(input)
      .map((found) => found.text)
      .join(" ") || undefined;
  return (
    <>
      <title>{`${t("kobo.newConnection")} · Throughline`}</title>
      <nav aria-label={t("shell.breadcrumbs")} className="breadcrumbs">
        <Link to="/imports/kobo">{t("kobo.title")}</Link>
      </nav>
      <h1>{t("kobo.newConnection")}</h1>
      <MocksNotice mocks={mocks} />
      {result && (
        <p className="form-error" role="alert">
          {t("kobo.connection.fixBelow")}
        </p>
      )}
      <Card className="narrow">
        <Form method="post" noValidate>
          <Field
            label={t("kobo.connection.name")}
            hint={t("kobo.connection.nameHint")}
            name="name"
            defaultValue={values.name}
            error={error("name")}
            required
            maxLength={200}
          />
          <Select
            label={t("kobo.connection.plan")}
            hint={t("kobo.connection.planHint")}
            name="planId"
            defaultValue={values.planId ?? plans[0]?.id}
            error={error("planId")}
            options={plans.map((plan) => ({
              value: plan.id,
              label: `${plan.slug} · ${pickText(plan.title, locale).text}`,
            }))}
          />
          <Field
            label={t("kobo.connection.serverUrl")}
            hint={t("kobo.connection.serverUrlHint")}
            name="serverUrl"
            type="url"
            defaultValue={values.serverUrl ?? "https://kf.kobotoolbox.org"}
            error={error("serverUrl")}
            required
          />
          <Field
            label={t("kobo.connection.token")}
            hint={t("kobo.connection.tokenHint")}
            name="token"
            type="password"
            autoComplete="off"
            error={error("token")}
            required
          />
          <Field
            label={t("kobo.connection.assetUid")}
            hint={t("kobo.connection.assetUidHint")}
            name="assetUid"
            defaultValue={values.assetUid}
            error={error("assetUid")}
            required
          />
          <Button type="submit">{t("kobo.connection.create")}</Button>
        </Form>
      </Card>
    </>
  );
}
