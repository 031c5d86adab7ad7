import { z } from "zod";
import { requirePermission } from "../auth/request.server";
import { getDb } from "../db.server";
import { notFound } from "../http-errors";
import { templateFor } from "../imports/csv.server";
import type { Route } from "./+types/imports.template";

const elementCode = z.string().regex(/^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/);

/** The CSV template of a plan's indicators, or (`?element=O1.S2`) of the indicators measuring one element. */
export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, { action: "progress.import" });
  const element = new URL(args.request.url).searchParams.get("element");
  if (element !== null && !elementCode.safeParse(element).success) notFound();
  const template = await templateFor({ db: await getDb(), planSlug: args.params.slug, elementCode: element });
  if (!template) notFound();
  return new Response(template.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${template.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
