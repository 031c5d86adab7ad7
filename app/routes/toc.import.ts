import { maxJsonBytes, readText } from "../forms/parse.server";
import { notFound } from "../http-errors";
import { jsonAnswer, requireCanvasWrite } from "../toc/access.server";
import { importCanvas } from "../toc/exchange.server";
import type { Route } from "./+types/toc.import";

/** Only POST: a file is sent here, nothing is read. */
export function loader() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}

/**
 * Puts a canvas file (what `export.json` gives) back onto the canvas: 200 with the version, 400 with every problem
 * (malformed JSON with its line and column, an element the plan does not have, another plan or canvas), 403 for a
 * reader who may not edit, 404 when the canvas is not theirs to see.
 */
export async function action(args: Route.ActionArgs) {
  const { db, plan, slug, by, t, refusal } = await requireCanvasWrite(args);
  if (refusal) return refusal;
  const text = await readText(args.request, maxJsonBytes);
  const result = await importCanvas({ db, plan, slug, text, by });
  if (result.status === "not_found") notFound();
  if (result.status === "forbidden")
    return jsonAnswer({ status: "forbidden", message: t("toc.save.forbidden") }, 403);
  if (result.status === "invalid") {
    // The one problem shape (the JSON path as the field), each with its text in the reader's language.
    const problems = result.problems.map((found) => ({
      ...found,
      text: t(found.message.key, found.message.values),
    }));
    return jsonAnswer(
      { status: "invalid", message: t("toc.import.refused", { count: problems.length }), problems },
      400,
    );
  }
  return jsonAnswer({
    status: "imported",
    message: t(result.changed ? "toc.import.imported" : "toc.import.unchanged", { version: result.version }),
    version: result.version,
    changed: result.changed,
  });
}
