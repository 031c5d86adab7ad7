import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Field } from "../components/ui/field";
import { Badge } from "../components/ui/status-badge";
import { Table } from "../components/ui/table";
import { SyntheticBadge } from "../demo-data/components/synthetic-badge";
import { refusal } from "../errors";
import { parseForm } from "../forms/parse.server";
import { fieldRules } from "../forms/rules.server";
import { useProblems } from "../forms/use-problems";
import { notFound } from "../http-errors";
import { formatDateTime, pickText, useI18n } from "../i18n/i18n";
import { PlanTrail } from "../plan-graph/components/plan-trail";
import { elementCodePattern } from "../plan-graph/format";
import { requireTocPlan } from "../toc/access.server";
import { createCanvas, listCanvases } from "../toc/canvas.server";
import type { Route } from "./+types/toc";

export async function loader(args: Route.LoaderArgs) {
  const { db, plan, scope, canEdit } = await requireTocPlan(args);
  const created = new URL(args.request.url).searchParams.get("created");
  const canvases = await listCanvases({ db, plan, scope });
  return {
    plan,
    canvases,
    canEdit,
    created: canvases.find((canvas) => canvas.slug === created) ?? null,
    rules: fieldRules(newCanvasForm),
  };
}

const optionalText = z
  .string()
  .trim()
  .max(500, "toc.new.titleTooLong")
  .transform((value) => value || undefined);

const newCanvasForm = z.object({
  title_en: z.string().trim().min(1, "toc.new.titleRequired").max(500, "toc.new.titleTooLong"),
  title_fr: optionalText,
  slug: z
    .string()
    .trim()
    .max(80, "toc.new.slugInvalid")
    .regex(/^[a-z0-9][a-z0-9-]*$/, "toc.new.slugInvalid"),
  focus: z
    .string()
    .trim()
    .max(100, "toc.new.focusInvalid")
    .refine((value) => value === "" || elementCodePattern.test(value), "toc.new.focusInvalid"),
  draft: z.literal("on").optional(),
});

/** Creates a canvas (M&E officers and administrators); others get 404, as for every action they may not take. */
export async function action(args: Route.ActionArgs) {
  const { db, plan, canEdit, by } = await requireTocPlan(args);
  if (!canEdit) notFound();
  const form = await parseForm(args.request, newCanvasForm);
  if (!form.ok) return form.response;
  const { title_en, title_fr, slug, focus, draft } = form.data;
  const result = await createCanvas({
    db,
    plan,
    input: {
      slug,
      title: { en: title_en, ...(title_fr ? { fr: title_fr } : {}) },
      focus: focus || null,
      draft: draft === "on",
    },
    by,
  });
  if ("forbidden" in result) notFound();
  if (!result.ok) return refusal(result.problems, { values: form.values });
  return redirect(`/plans/${plan.slug}/toc?created=${encodeURIComponent(result.slug)}`);
}

export default function TheoriesOfChange({ loaderData, actionData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { plan, canvases, canEdit, created, rules } = loaderData;
  const planTitle = pickText(plan.title, locale);
  const problems = useProblems(actionData);
  return (
    <>
      <title>{`${t("toc.list.title")} · ${planTitle.text} · Throughline`}</title>
      <PlanTrail />
      <header className="page-header">
        <p className="eyebrow" lang={planTitle.lang}>
          {planTitle.text}
        </p>
        <h1>{t("toc.list.title")}</h1>
        {plan.synthetic && <SyntheticBadge explain />}
        <p className="lead">{t("toc.list.intro")}</p>
      </header>
      {created && (
        <p className="notice" role="status">
          {t("toc.list.created", { title: pickText(created.title, locale).text, count: created.nodes })}
        </p>
      )}
      {canvases.length === 0 ? (
        <p>{t("toc.list.empty")}</p>
      ) : (
        <Table caption={t("toc.list.caption", { count: canvases.length })}>
          <thead>
            <tr>
              <th scope="col">{t("toc.list.column.title")}</th>
              <th scope="col">{t("toc.list.column.focus")}</th>
              <th scope="col">{t("toc.list.column.nodes")}</th>
              <th scope="col">{t("toc.list.column.version")}</th>
              <th scope="col">{t("toc.list.column.updated")}</th>
              <th scope="col">{t("toc.list.column.exchange")}</th>
            </tr>
          </thead>
          <tbody>
            {canvases.map((canvas) => {
              const title = pickText(canvas.title, locale);
              const description = canvas.description ? pickText(canvas.description, locale) : null;
              return (
                <tr key={canvas.slug} id={`canvas-${canvas.slug}`}>
                  <td>
                    <Link to={`/plans/${plan.slug}/toc/${canvas.slug}`} lang={title.lang}>
                      {title.text}
                    </Link>{" "}
                    {canvas.draft && <Badge tone="notice">{t("toc.list.draft")}</Badge>}
                    {description && (
                      <p className="meta small" lang={description.lang}>
                        {description.text}
                      </p>
                    )}
                  </td>
                  <td>
                    {canvas.focus ? (
                      <Link to={`/plans/${plan.slug}/elements/${canvas.focus.code}`}>
                        {t("toc.list.pathwayOf", { code: canvas.focus.code })}
                      </Link>
                    ) : (
                      t("toc.list.wholePlan")
                    )}
                  </td>
                  <td>{canvas.nodes}</td>
                  <td>{canvas.version}</td>
                  <td>{formatDateTime(canvas.updatedAt, locale)}</td>
                  <td>
                    <a href={`/plans/${plan.slug}/toc/${canvas.slug}/export.json`} download>
                      {t("toc.list.export")}
                    </a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      {canEdit && (
        <Card>
          <h2>{t("toc.new.heading")}</h2>
          <p>{t("toc.new.intro")}</p>
          <Form method="post" noValidate>
            <div className="field-pair">
              <Field
                label={`${t("toc.new.title")} (${t("language.en")})`}
                name="title_en"
                lang="en"
                {...rules.title_en}
                defaultValue={problems.value("title_en")}
                error={problems.of("title_en")}
              />
              <Field
                label={`${t("toc.new.title")} (${t("language.fr")})`}
                name="title_fr"
                lang="fr"
                {...rules.title_fr}
                defaultValue={problems.value("title_fr")}
                error={problems.of("title_fr")}
              />
            </div>
            <Field
              label={t("toc.new.slug")}
              hint={t("toc.new.slugHint")}
              name="slug"
              required
              {...rules.slug}
              defaultValue={problems.value("slug")}
              error={problems.of("slug")}
            />
            <Field
              label={t("toc.new.focus")}
              hint={t("toc.new.focusHint")}
              name="focus"
              {...rules.focus}
              defaultValue={problems.value("focus")}
              error={problems.of("focus")}
            />
            <label className="check">
              <input
                type="checkbox"
                name="draft"
                value="on"
                defaultChecked={problems.value("draft") === "on"}
              />{" "}
              {t("toc.new.draft")}
            </label>
            <Button type="submit">{t("toc.new.submit")}</Button>
          </Form>
        </Card>
      )}
    </>
  );
}
