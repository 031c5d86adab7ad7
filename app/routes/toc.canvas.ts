import { maxJsonBytes, readText } from "../forms/parse.server";
import { notFound } from "../http-errors";
import type { Translate } from "../i18n/i18n";
import { jsonAnswer, requireCanvasWrite, requireTocPlan } from "../toc/access.server";
import { loadCanvas, saveCanvas } from "../toc/canvas.server";
import { readCanvasEdit, type SaveProblem } from "../toc/edit";
import type { Route } from "./+types/toc.canvas";

/** The canvas document the editor loads (`{ version, doc }` and what surrounds it); 404 when not visible. */
export async function loader(args: Route.LoaderArgs) {
  const { db, plan, scope, canEdit } = await requireTocPlan(args);
  const canvas = await loadCanvas({ db, plan, scope, slug: args.params.canvas, canEdit });
  if (!canvas) notFound();
  return jsonAnswer(canvas);
}

const withMessages = (problems: SaveProblem[], t: Translate) =>
  problems.map((problem) => ({ ...problem, message: t(problem.key, problem.values) }));

/**
 * Saves an edit document (JSON, docs/formats/canvas-edit.md): 200 with the new version and the canvas, 409 with
 * the canvas as it is now when the edit started from an older version, 400 with every problem (path, message key,
 * message), 403 for a reader who may see the canvas but not change it, 404 when it is not theirs to see.
 */
export async function action(args: Route.ActionArgs) {
  const { db, plan, slug, by, t, refusal } = await requireCanvasWrite(args);
  if (refusal) return refusal;
  let input: unknown;
  try {
    input = JSON.parse(await readText(args.request, maxJsonBytes));
  } catch (error) {
    if (error instanceof Response) throw error;
    return jsonAnswer({ status: "invalid", message: t("toc.save.notJson"), problems: [] }, 400);
  }
  const read = readCanvasEdit(input);
  if (!read.ok) {
    const problems = withMessages(read.problems, t);
    return jsonAnswer(
      { status: "invalid", message: t("toc.save.refused", { count: problems.length }), problems },
      400,
    );
  }
  const result = await saveCanvas({ db, plan, slug, edit: read.edit, by });
  switch (result.status) {
    case "not_found":
      return notFound();
    case "forbidden":
      return jsonAnswer({ status: "forbidden", message: t("toc.save.forbidden") }, 403);
    case "invalid": {
      const problems = withMessages(result.problems, t);
      return jsonAnswer(
        { status: "invalid", message: t("toc.save.refused", { count: problems.length }), problems },
        400,
      );
    }
    case "conflict":
      return jsonAnswer(
        {
          status: "conflict",
          message: t("toc.save.conflict", { current: result.canvas.version, base: result.baseVersion }),
          baseVersion: result.baseVersion,
          savedBy: result.savedBy,
          canvas: result.canvas,
        },
        409,
      );
    case "saved":
      return jsonAnswer({
        status: "saved",
        message: t(result.changed ? "toc.save.saved" : "toc.save.unchanged", { version: result.version }),
        version: result.version,
        changed: result.changed,
        created: result.created,
        canvas: result.canvas,
      });
  }
}
