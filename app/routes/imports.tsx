import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import { requirePermission } from "../auth/request.server";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Badge } from "../components/ui/status-badge";
import { Table } from "../components/ui/table";
import { getDb } from "../db.server";
import { answerRefused, refusal } from "../errors";
import { parseForm, readForm } from "../forms/parse.server";
import {
  type FieldProblem,
  type FormRefusal,
  type Message,
  problem,
  problemAt,
  problemsIn,
  wholeForm,
} from "../forms/problem";
import { notFound } from "../http-errors";
import { formatNumber, pickText, useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages";
import {
  commitImport,
  importablePlans,
  importGuide,
  importRecord,
  maxUploadBytes,
  previewImport,
  summarizePreview,
} from "../imports/csv.server";
import { heldPreview, heldUpload, holdUpload, releaseUpload } from "../imports/pending.server";
import { todayUtc } from "../progress/workflow.server";
import type { Route } from "./+types/imports";

/** The upload limit as the page says it. */
const uploadSize = `${maxUploadBytes / 1024 / 1024} MiB`;

const query = z.object({
  // An address typed or mangled by hand is an unknown plan (404) or an expired upload, never an error.
  plan: z.string().max(200).optional().catch("\u0000unknown"),
  upload: z.string().max(100).optional().catch("\u0000expired"),
  imported: z.coerce.number().int().positive().optional().catch(undefined),
});

export async function loader(args: Route.LoaderArgs) {
  const viewer = requirePermission(args, { action: "progress.import" });
  const params = query.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const db = await getDb();
  const plans = await importablePlans(db);
  const upload = params.upload ? heldUpload(params.upload, viewer.id) : null;
  const plan = upload
    ? plans.find((candidate) => candidate.id === upload.planId)
    : params.plan
      ? plans.find((candidate) => candidate.slug === params.plan)
      : plans[0];
  if (params.plan && !plan) notFound();
  let preview = null;
  if (upload && plan) {
    // Checked once per upload and day, then read from the held upload: a reload does not parse the file again.
    const on = todayUtc();
    const summary = await heldPreview(upload, on, async () =>
      summarizePreview(await previewImport({ db, planId: plan.id, text: upload.text, on })),
    );
    preview = { token: upload.token, fileName: upload.fileName, ...summary };
  }
  return {
    plans: plans.map(({ slug, title, synthetic }) => ({ slug, title, synthetic })),
    plan: plan ? { slug: plan.slug, title: plan.title, synthetic: plan.synthetic } : null,
    guide: plan ? await importGuide(db, plan.id) : null,
    preview,
    expired: Boolean(params.upload && !upload),
    done: params.imported ? await importRecord(db, params.imported, viewer.id) : null,
    uploadSize,
  };
}

/** The import page's forms: check a file (multipart: the file is taken from the form read once), then commit or discard it. */
const importForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("check"), plan: z.string().max(200).default("") }),
  z.object({ intent: z.literal("commit"), token: z.string().max(100).default("") }),
  z.object({ intent: z.literal("discard"), token: z.string().max(100).default("") }),
]);

export async function action(args: Route.ActionArgs) {
  const viewer = requirePermission(args, { action: "progress.import" });
  let form: FormData;
  try {
    form = await readForm(args.request, maxUploadBytes);
  } catch (error) {
    if (!(error instanceof Response && error.status === 413)) throw error;
    const body: FormRefusal = { problems: [problem("file", "imports.tooLarge", { size: uploadSize })] };
    return data(body, { status: 413 });
  }
  const parsed = await parseForm(args.request, importForm, { form });
  if (!parsed.ok) return parsed.response;
  const input = parsed.data;
  const db = await getDb();

  if (input.intent === "check") {
    const plan = (await importablePlans(db)).find((candidate) => candidate.slug === input.plan);
    const file = form.get("file");
    const problems: FieldProblem[] = [];
    if (!plan) problems.push(problem("plan", "imports.planUnknown"));
    if (!(file instanceof File) || file.size === 0) problems.push(problem("file", "imports.fileRequired"));
    if (!plan || !(file instanceof File) || problems.length) return refusal(problems);
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      return refusal([problem("file", "imports.fileNotText")]);
    }
    const held = holdUpload({ userId: viewer.id, planId: plan.id, fileName: file.name.slice(0, 200), text });
    return redirect(`/imports?upload=${held.token}`);
  }

  const upload = heldUpload(input.token, viewer.id);
  if (input.intent === "discard") {
    releaseUpload(input.token, viewer.id);
    const plan = (await importablePlans(db)).find((candidate) => candidate.id === upload?.planId);
    return redirect(plan ? `/imports?plan=${plan.slug}` : "/imports");
  }
  if (!upload) return refusal([problem(wholeForm, "imports.expired")]);
  try {
    const result = await commitImport({
      db,
      planId: upload.planId,
      text: upload.text,
      fileName: upload.fileName,
      userId: viewer.id,
    });
    releaseUpload(input.token, viewer.id);
    const plan = (await importablePlans(db)).find((candidate) => candidate.id === upload.planId);
    const next = new URLSearchParams({ plan: plan?.slug ?? "" });
    if (result.auditId) next.set("imported", String(result.auditId));
    return redirect(`/imports?${next}`);
  } catch (error) {
    // Checked again at commit time and refused (a period locked meanwhile): nothing was written (409).
    return answerRefused(error);
  }
}

const measureKey = (measure: string) =>
  (
    ({
      number: "imports.measure.number",
      percentage: "imports.measure.percentage",
      qualitative: "imports.measure.qualitative",
    }) as Record<string, MessageKey>
  )[measure] ?? "imports.measure.number";

export default function ImportsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { plans, plan, guide, preview, expired, done, uploadSize } = loaderData;
  const say = (message: Message | undefined) => message && t(message.key, message.values);
  const fileError = say(problemAt(actionData, "file"));
  // Whatever is not about the file is said at the top of the page (a plan unknown, an upload expired, a refusal).
  const other = problemsIn(actionData).find((found) => found.field !== "file");
  const number = (value: number) => formatNumber(value, locale);
  const formError = say(other?.message) ?? (expired ? t("imports.expired") : undefined);
  return (
    <>
      <title>{`${t("imports.title")} · Throughline`}</title>
      <h1>{t("imports.title")}</h1>
      <p className="lead">{t("imports.intro")}</p>
      <p>
        <Link to="/imports/kobo">{t("imports.koboLink")}</Link>
      </p>
      {done && (
        <p className="notice" role="status">
          {t("imports.done", {
            entries: number(done.entries),
            rows: number(done.rows),
            file: done.file,
            plan: pickText(done.planTitle, locale).text,
            skipped: number(done.skipped),
          })}
        </p>
      )}
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      {plans.length === 0 ? (
        <p>{t("imports.noPlans")}</p>
      ) : (
        <Form method="get" action="/imports" className="filters">
          <div className="field">
            <label htmlFor="import-plan">{t("imports.plan")}</label>
            <select id="import-plan" name="plan" defaultValue={plan?.slug}>
              {plans.map((candidate) => (
                <option key={candidate.slug} value={candidate.slug}>
                  {pickText(candidate.title, locale).text}
                  {candidate.synthetic ? ` (${t("imports.synthetic")})` : ""}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="secondary">
            {t("imports.show")}
          </Button>
        </Form>
      )}

      {preview && plan && (
        <Card>
          <h2>{t("imports.preview")}</h2>
          <p>
            {t("imports.previewSummary", {
              file: preview.fileName,
              rows: number(preview.rows),
              entries: number(preview.entryCount),
              plan: pickText(plan.title, locale).text,
            })}
          </p>
          {preview.problemCount > 0 ? (
            <>
              <h3>{t("imports.problems")}</h3>
              <p>{t("imports.problemsIntro")}</p>
              <p role="alert">{t("imports.problemCount", { count: number(preview.problemCount) })}</p>
              <Table caption={<span className="visually-hidden">{t("imports.problems")}</span>}>
                <thead>
                  <tr>
                    <th scope="col">{t("imports.row")}</th>
                    <th scope="col">{t("imports.column")}</th>
                    <th scope="col">{t("imports.problem")}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.problems.map((problem) => (
                    <tr
                      key={`${problem.row}|${problem.column}|${problem.message.key}|${JSON.stringify(problem.message.values)}`}
                    >
                      <td>{problem.row}</td>
                      <td>{problem.column ? <code>{problem.column}</code> : t("imports.wholeRow")}</td>
                      <td>{t(problem.message.key, problem.message.values)}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              {preview.problemCount > preview.problems.length && (
                <p>{t("imports.problemsMore", { shown: number(preview.problems.length) })}</p>
              )}
            </>
          ) : (
            <>
              {preview.alreadyImported > 0 && (
                <p className="notice">
                  {t("imports.alreadyImported", {
                    count: number(preview.alreadyImported),
                    rows:
                      preview.alreadyImportedRows.join(", ") + (preview.alreadyImported > 50 ? ", …" : ""),
                  })}
                </p>
              )}
              {preview.toImport > 0 ? (
                <p role="status">{t("imports.ready", { count: number(preview.toImport) })}</p>
              ) : (
                <p role="status">{t("imports.nothingNew")}</p>
              )}
            </>
          )}
          <div>
            {preview.problemCount === 0 && preview.toImport > 0 && (
              <Form method="post" action={`/imports?upload=${preview.token}`} className="inline">
                <input type="hidden" name="intent" value="commit" />
                <input type="hidden" name="token" value={preview.token} />
                <Button type="submit">{t("imports.commit", { count: number(preview.toImport) })}</Button>
              </Form>
            )}{" "}
            <Form method="post" action={`/imports?upload=${preview.token}`} className="inline">
              <input type="hidden" name="intent" value="discard" />
              <input type="hidden" name="token" value={preview.token} />
              <Button type="submit" variant="secondary">
                {t("imports.discard")}
              </Button>
            </Form>
          </div>
        </Card>
      )}

      {plan && guide && (
        <>
          {plan.synthetic && <Badge tone="notice">{t("imports.synthetic")}</Badge>}
          <Card>
            <h2>{t("imports.upload")}</h2>
            <Form method="post" action="/imports" encType="multipart/form-data">
              <input type="hidden" name="intent" value="check" />
              <input type="hidden" name="plan" value={plan.slug} />
              <div className={fileError ? "field field-invalid" : "field"}>
                <label htmlFor="import-file">{t("imports.file")}</label>
                <p id="import-file-hint" className="field-hint">
                  {t("imports.fileHint", { size: uploadSize })}
                </p>
                <input
                  id="import-file"
                  type="file"
                  name="file"
                  accept=".csv,text/csv"
                  required
                  aria-describedby={fileError ? "import-file-hint import-file-error" : "import-file-hint"}
                  aria-invalid={fileError ? true : undefined}
                />
                {fileError && (
                  <p id="import-file-error" className="field-error" role="alert">
                    {fileError}
                  </p>
                )}
              </div>
              <Button type="submit">{t("imports.check")}</Button>
            </Form>
          </Card>
          <Card>
            <h2>{t("imports.templates")}</h2>
            <p>{t("imports.templateHint")}</p>
            {guide.indicators.length === 0 ? (
              <p>{t("imports.noIndicators")}</p>
            ) : (
              <ul className="link-list">
                <li>
                  <a href={`/imports/template/${plan.slug}`} download>
                    {t("imports.templatePlan")}
                  </a>
                </li>
              </ul>
            )}
            {guide.elements.length > 0 && (
              <>
                <h3>{t("imports.templateElements")}</h3>
                <ul className="link-list">
                  {guide.elements.map((element) => {
                    const title = pickText(element.title, locale);
                    return (
                      <li key={element.code}>
                        <a
                          href={`/imports/template/${plan.slug}?element=${encodeURIComponent(element.code)}`}
                          download
                        >
                          <span className="code">{element.code}</span>{" "}
                          <span lang={title.lang}>{title.text}</span>
                        </a>
                      </li>
                    );
                  })}
                </ul>
              </>
            )}
          </Card>
          <Card>
            <h2>{t("imports.columns")}</h2>
            <p>{t("imports.rowsRule")}</p>
            <Table caption={<span className="visually-hidden">{t("imports.columns")}</span>}>
              <thead>
                <tr>
                  <th scope="col">{t("imports.column")}</th>
                  <th scope="col">{t("imports.meaning")}</th>
                </tr>
              </thead>
              <tbody>
                {["indicator", "period", "reported_on", ...guide.columns, "value", "narrative"].map(
                  (column) => (
                    <tr key={column}>
                      <th scope="row">
                        <code>{column}</code>
                      </th>
                      <td>
                        {guide.columns.includes(column)
                          ? t("imports.col.dimension")
                          : t(`imports.col.${column}` as MessageKey)}
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
            </Table>
          </Card>
          {guide.indicators.length > 0 && (
            <Card>
              <h2>{t("imports.indicators")}</h2>
              <Table caption={<span className="visually-hidden">{t("imports.indicators")}</span>}>
                <thead>
                  <tr>
                    <th scope="col">{t("imports.code")}</th>
                    <th scope="col">{t("imports.name")}</th>
                    <th scope="col">{t("imports.measure")}</th>
                    <th scope="col">{t("imports.periods")}</th>
                    <th scope="col">{t("imports.breakdown")}</th>
                  </tr>
                </thead>
                <tbody>
                  {guide.indicators.map((indicator) => {
                    const name = pickText(indicator.name, locale);
                    return (
                      <tr key={indicator.code}>
                        <th scope="row">
                          <code>{indicator.code}</code>
                        </th>
                        <td lang={name.lang}>{name.text}</td>
                        <td>
                          {t(measureKey(indicator.measure))}
                          {indicator.levels.length > 0 && (
                            <>
                              {" · "}
                              {t("label.colon", { label: t("imports.levels") })}{" "}
                              {indicator.levels.map((level, i) => `${i} = ${level}`).join("; ")}
                            </>
                          )}
                        </td>
                        <td>
                          {indicator.periods.join(", ")}
                          {indicator.lockedPeriods.length > 0 && (
                            <> ({t("imports.locked", { periods: indicator.lockedPeriods.join(", ") })})</>
                          )}
                        </td>
                        <td>
                          {indicator.dimensions.length === 0
                            ? t("imports.none")
                            : indicator.dimensions.map((dimension) => (
                                <div key={dimension.code}>
                                  <code>{dimension.code}</code>: {dimension.values.join(", ")}
                                </div>
                              ))}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </Table>
            </Card>
          )}
        </>
      )}
      <p className="meta">{t("imports.audit")}</p>
    </>
  );
}
