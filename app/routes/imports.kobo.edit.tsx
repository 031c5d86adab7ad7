import { Form, Link, redirect, useActionData } from "react-router";
import { z } from "zod";
import { appSecret, isDemo, requirePermission } from "../auth/request.server";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Field, TextArea } from "../components/ui/field";
import { getDb } from "../db.server";
import { refusal } from "../errors";
import { parseForm, withoutSecrets } from "../forms/parse.server";
import { problem, wholeForm } from "../forms/problem";
import { useProblems } from "../forms/use-problems";
import { notFound } from "../http-errors";
import { pickText, useI18n } from "../i18n/i18n";
import { DimensionName, MocksNotice } from "../kobo/components";
import { getConnection, mappableIndicators, updateConnection } from "../kobo/connections.server";
import { koboDevMocks } from "../kobo/dev-mocks.server";
import { dimensionsOf, formFromMapping, inputs, mappingFromForm } from "../kobo/format";
import { connectionFormSchema, formValues, readSettings } from "../kobo/forms.server";
import type { Route } from "./+types/imports.kobo.edit";

async function load(id: string) {
  const db = await getDb();
  const connection = z.uuid().safeParse(id).success ? await getConnection({ db, id }) : null;
  if (!connection) notFound();
  return { db, connection, indicators: await mappableIndicators(db, connection.plan.id) };
}

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, { action: "progress.import" });
  const { connection, indicators } = await load(args.params.id);
  const values: Record<string, string> = {
    name: connection.name,
    serverUrl: connection.serverUrl,
    assetUid: connection.assetUid,
    ...formFromMapping(connection.mapping),
  };
  const created = new URL(args.request.url).searchParams.has("created");
  return { connection, indicators, values, created, mocks: koboDevMocks() };
}

export async function action(args: Route.ActionArgs) {
  const viewer = requirePermission(args, { action: "progress.import" });
  const { db, connection, indicators } = await load(args.params.id);
  const parsed = await parseForm(args.request, connectionFormSchema);
  if (!parsed.ok) return parsed.response;
  const values = formValues(parsed.data);
  const { settings, token, problems } = readSettings(values, {
    allowLocalHttp: isDemo(),
    tokenRequired: false,
  });
  const { mapping, problems: mappingProblems } = mappingFromForm(values, indicators);
  problems.push(...mappingProblems);
  if (problems.length) return refusal(problems, { values: withoutSecrets(values) });
  const outcome = await updateConnection({
    db,
    actor: `user:${viewer.id}`,
    id: connection.id,
    settings,
    mapping,
    token,
    appSecret: appSecret(),
  });
  if (outcome === "notFound") notFound();
  if (outcome === "tokenRequired")
    return refusal([problem("token", "kobo.connection.tokenForNewServer")], {
      values: withoutSecrets(values),
    });
  return redirect(`/imports/kobo/${connection.id}?saved=1`);
}

export default function EditKoboConnection({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { connection, indicators, created, mocks } = loaderData;
  const result = useActionData<typeof action>() as { values?: Record<string, string> } | undefined;
  const values: Record<string, string> = result?.values ?? loaderData.values;
  const problems = useProblems(result);
  // An input can have several problems (a bad field name, and nothing mapped): the person sees them all.
  const error = (input: string) =>
    problems
      .under(input)
      .map((found) => found.text)
      .join(" ") || undefined;
  const plan = pickText(connection.plan.title, locale);
  const dimensions = dimensionsOf(indicators);
  const periodFrom = values[inputs.periodFrom] === "key" ? "key" : "date";
  return (
    <>
      <title>{`${connection.name} · ${t("kobo.title")} · Throughline`}</title>
      <nav aria-label={t("shell.breadcrumbs")} className="breadcrumbs">
        <Link to="/imports/kobo">{t("kobo.title")}</Link>
        <Link to={`/imports/kobo/${connection.id}`}>{connection.name}</Link>
      </nav>
      <h1>{t("kobo.detail.edit")}</h1>
      <MocksNotice mocks={mocks} />
      {created && !result && (
        <p className="notice" role="status">
          {t("kobo.connection.created")}
        </p>
      )}
      {result && (
        <p className="form-error" role="alert">
          {t("kobo.connection.fixBelow")}
        </p>
      )}
      <Form method="post" noValidate>
        <div className="detail-grid">
          <div>
            <Card>
              <h2>{t("kobo.detail.settings")}</h2>
              <dl className="facts">
                <div>
                  <dt>{t("kobo.connection.plan")}</dt>
                  <dd lang={plan.lang}>{plan.text}</dd>
                </div>
              </dl>
              <Field
                label={t("kobo.connection.name")}
                name="name"
                defaultValue={values.name}
                error={error("name")}
                maxLength={200}
              />
              <Field
                label={t("kobo.connection.serverUrl")}
                hint={t("kobo.connection.serverUrlHint")}
                name="serverUrl"
                type="url"
                defaultValue={values.serverUrl}
                error={error("serverUrl")}
              />
              <Field
                label={t("kobo.connection.token")}
                hint={t("kobo.connection.tokenKeepHint")}
                name="token"
                type="password"
                autoComplete="off"
                error={error("token")}
              />
              <Field
                label={t("kobo.connection.assetUid")}
                hint={t("kobo.connection.assetUidHint")}
                name="assetUid"
                defaultValue={values.assetUid}
                error={error("assetUid")}
              />
            </Card>
            <Card>
              <h2>{t("kobo.mapping.when")}</h2>
              <Field
                label={t("kobo.mapping.periodField")}
                name={inputs.periodField}
                defaultValue={values[inputs.periodField]}
                error={error(inputs.periodField)}
                placeholder="group_event/event_date"
              />
              <fieldset className="role-fields">
                <legend>{t("kobo.mapping.periodGives")}</legend>
                <label className="check">
                  <input
                    type="radio"
                    name={inputs.periodFrom}
                    value="date"
                    defaultChecked={periodFrom === "date"}
                  />
                  {t("kobo.mapping.periodFromDate")}
                </label>
                <label className="check">
                  <input
                    type="radio"
                    name={inputs.periodFrom}
                    value="key"
                    defaultChecked={periodFrom === "key"}
                  />
                  {t("kobo.mapping.periodFromKey")}
                </label>
              </fieldset>
              <Field
                label={t("kobo.mapping.reportedOnField")}
                hint={t("kobo.mapping.reportedOnHint")}
                name={inputs.reportedOnField}
                defaultValue={values[inputs.reportedOnField]}
                error={error(inputs.reportedOnField)}
              />
              <Field
                label={t("kobo.mapping.narrativeField")}
                hint={t("kobo.mapping.narrativeHint")}
                name={inputs.narrativeField}
                defaultValue={values[inputs.narrativeField]}
                error={error(inputs.narrativeField)}
              />
            </Card>
            {dimensions.length > 0 && (
              <Card>
                <h2>{t("kobo.mapping.dimensions")}</h2>
                <p>{t("kobo.mapping.dimensionsIntro")}</p>
                {dimensions.map((dimension) => (
                  <fieldset key={dimension.code} className="role-fields">
                    <legend>
                      <DimensionName code={dimension.code} />
                    </legend>
                    <Field
                      label={t("kobo.mapping.dimensionField", { dimension: dimension.code })}
                      name={inputs.dimensionField(dimension.code)}
                      defaultValue={values[inputs.dimensionField(dimension.code)]}
                      error={error(inputs.dimensionField(dimension.code))}
                    />
                    <TextArea
                      label={t("kobo.mapping.dimensionChoices", { dimension: dimension.code })}
                      hint={t("kobo.mapping.ourValues", {
                        values: dimension.values.map((value) => value.code).join(", "),
                      })}
                      name={inputs.dimensionChoices(dimension.code)}
                      defaultValue={values[inputs.dimensionChoices(dimension.code)]}
                      error={problems
                        .under(inputs.dimensionChoices(dimension.code))
                        .map((found) => found.text)}
                      rows={3}
                    />
                  </fieldset>
                ))}
              </Card>
            )}
          </div>
          <div>
            <Card>
              <h2>{t("kobo.mapping.indicators")}</h2>
              <p>{t("kobo.mapping.intro")}</p>
              <p>{t("kobo.mapping.indicatorsIntro")}</p>
              {error(wholeForm) && (
                <p className="form-error" role="alert">
                  {error(wholeForm)}
                </p>
              )}
              {indicators.length === 0 && <p>{t("kobo.mapping.noPlanIndicators")}</p>}
              {indicators.map((indicator) => {
                const name = pickText(indicator.name, locale);
                return (
                  <fieldset key={indicator.code} className="role-fields">
                    <legend>
                      <span className="code">{indicator.code}</span> <span lang={name.lang}>{name.text}</span>
                    </legend>
                    <p className="field-hint">
                      {indicator.dimensions.length
                        ? t("kobo.mapping.dimensionsOf", {
                            dimensions: indicator.dimensions.map((dimension) => dimension.code).join(" × "),
                          })
                        : t("kobo.mapping.noDimensionsOf")}
                    </p>
                    <Field
                      label={t("kobo.mapping.valueField")}
                      name={inputs.indicatorValue(indicator.code)}
                      defaultValue={values[inputs.indicatorValue(indicator.code)]}
                      error={error(inputs.indicatorValue(indicator.code))}
                    />
                    {indicator.dimensions.length > 0 && (
                      <>
                        <TextArea
                          label={t("kobo.mapping.cells")}
                          hint={t("kobo.mapping.cellsHint")}
                          name={inputs.indicatorCells(indicator.code)}
                          defaultValue={values[inputs.indicatorCells(indicator.code)]}
                          error={problems
                            .under(inputs.indicatorCells(indicator.code))
                            .map((found) => found.text)}
                          rows={4}
                        />
                        <label className="check">
                          <input
                            type="checkbox"
                            name={inputs.indicatorTotalOnly(indicator.code)}
                            defaultChecked={values[inputs.indicatorTotalOnly(indicator.code)] === "on"}
                          />
                          {t("kobo.mapping.totalOnly")}
                        </label>
                      </>
                    )}
                  </fieldset>
                );
              })}
            </Card>
          </div>
        </div>
        <Button type="submit">{t("kobo.connection.save")}</Button>
      </Form>
    </>
  );
}
