import { data } from "react-router";
import { z } from "zod";
import { parseForm, readForm } from "../forms/parse.server";
import { notFound } from "../http-errors";
import {
  cellFieldPrefix,
  type EntryFields,
  entryFormLimitBytes,
  evidenceLimitBytes,
  type FieldProblem,
  readEvidenceLinks,
} from "./form";
import { EntryProblems, EntryRefused, type EvidenceFile, type EvidenceInput } from "./workflow.server";

/** What the progress routes share: reading the logging form, and turning refusals into messages for the page. */

export type ErrorMessage = { key: string; params?: Record<string, string | number> };
export type ErrorMessages = Record<string, ErrorMessage>;

const mib = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;

const problemKeys = new Set([
  "outsidePlan",
  "inFuture",
  "notStarted",
  "locked",
  "required",
  "levelRequired",
  "missing",
  "unknown",
  "repeated",
  "contradictsBreakdown",
  "notANumber",
  "negative",
  "notWhole",
  "percentageRange",
  "notOnScale",
  "dateFormat",
  "tooLong",
  "filesTooLarge",
  "tooManyEvidence",
  "badLink",
]);

/** A problem of the entry rules as a catalogue key and its parameters. */
export function problemMessage(problem: Pick<FieldProblem, "problem" | "detail">): ErrorMessage {
  const key = problemKeys.has(problem.problem) ? problem.problem : "invalid";
  const params: Record<string, string | number> = { ...(problem.detail ?? {}) };
  if (problem.problem === "filesTooLarge" && typeof params.max === "number") params.max = mib(params.max);
  return { key: `progress.problem.${key}`, params };
}

/** Problems by field (the first problem of each field is shown next to it). */
export function problemMessages(problems: readonly FieldProblem[]): ErrorMessages {
  const errors: ErrorMessages = {};
  for (const problem of problems) errors[problem.field] ??= problemMessage(problem);
  return errors;
}

export function refusalMessage(refusal: EntryRefused): ErrorMessage {
  return { key: `progress.refused.${refusal.reason}`, params: refusal.detail };
}

const text = (max: number) => z.string().max(max).default("");

const entryFormSchema = z.looseObject({
  intent: z.enum(["draft", "submit"]),
  period: z.string().max(40),
  reportedOn: text(40),
  total: text(200),
  narrative: text(20_000),
  evidenceLinks: text(30_000),
  answer: text(20_000),
  submissionKey: z.uuid().optional(),
  indicatorId: z.uuid().optional(),
  removeEvidence: z.union([z.uuid(), z.array(z.uuid())]).optional(),
});

export type EntryFormResult =
  | {
      ok: true;
      intent: "draft" | "submit";
      fields: EntryFields;
      evidence: EvidenceInput;
      /** Problems found while reading the form (a bad link), reported with the entry's own. */
      formProblems: FieldProblem[];
      answer: string;
      submissionKey: string | undefined;
      indicatorId: string | undefined;
      removeEvidence: string[];
      values: Record<string, string>;
    }
  | { ok: false; response: ReturnType<typeof data> };

/** Every value typed, to show the form again after a problem (files cannot be given back: browsers forbid it). */
function typedValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === "string" && !(name in values)) values[name] = value;
  return values;
}

const tooLarge = () =>
  data(
    {
      errors: {
        evidenceFiles: { key: "progress.problem.requestTooLarge", params: { max: mib(evidenceLimitBytes) } },
      } as ErrorMessages,
      values: {} as Record<string, string>,
      formError: { key: "progress.form.tooLarge", params: { max: mib(evidenceLimitBytes) } } as ErrorMessage,
    },
    { status: 413 },
  );

/**
 * Reads a progress form (multipart when it carries evidence files) under the logging form's documented limit: a
 * body over it is answered 413 with a message for the page, without reading the rest.
 */
export async function readProgressForm(
  request: Request,
): Promise<{ ok: true; form: FormData } | { ok: false; response: ReturnType<typeof data> }> {
  try {
    return { ok: true, form: await readForm(request, entryFormLimitBytes) };
  } catch (error) {
    if (error instanceof Response && error.status === 413) return { ok: false, response: tooLarge() };
    throw error;
  }
}

/** The logging form's fields, evidence and typed values; a form that is not one is 400 with the values typed. */
export async function readEntryForm(request: Request, given?: FormData): Promise<EntryFormResult> {
  let form = given;
  if (!form) {
    const read = await readProgressForm(request);
    if (!read.ok) return read;
    form = read.form;
  }
  const parsed = await parseForm(request, entryFormSchema, { form });
  if (!parsed.ok) return parsed;
  const input = parsed.data;
  const cells: Record<string, string> = {};
  for (const [name, value] of form) {
    if (name.startsWith(cellFieldPrefix) && typeof value === "string" && name.length <= 300)
      cells[name] = value;
  }
  const values = typedValues(form);
  const links = readEvidenceLinks(input.evidenceLinks);
  const files: EvidenceFile[] = [];
  for (const item of form.getAll("evidenceFiles")) {
    // A file input left empty still sends an empty part with no name.
    if (typeof item === "string" || (item.size === 0 && item.name === "")) continue;
    files.push({
      name: item.name.replace(/[\\/\r\n]/g, "_"),
      type: item.type,
      content: Buffer.from(await item.arrayBuffer()),
    });
  }
  return {
    ok: true,
    intent: input.intent,
    fields: {
      period: input.period,
      reportedOn: input.reportedOn,
      total: input.total,
      narrative: input.narrative,
      cells,
    },
    evidence: { links: links.links, files },
    formProblems: links.problem ? [links.problem] : [],
    answer: input.answer,
    submissionKey: input.submissionKey,
    indicatorId: input.indicatorId,
    removeEvidence: input.removeEvidence === undefined ? [] : [input.removeEvidence].flat(),
    values,
  };
}

/**
 * Turns a refusal into what the page shows: 404 for what the viewer may not see, 400 with the field problems and
 * the values typed, 409 for a transition the entry's status does not allow.
 */
export function refusalResponse(error: unknown, values: Record<string, string>) {
  if (error instanceof EntryProblems)
    return data({ errors: problemMessages(error.problems), values }, { status: 400 });
  if (error instanceof EntryRefused) {
    if (error.reason === "notFound") notFound();
    const status = ["noteRequired", "rationaleRequired"].includes(error.reason) ? 400 : 409;
    return data(
      { errors: {} as ErrorMessages, values, formError: refusalMessage(error), entries: error.entries },
      { status },
    );
  }
  throw error;
}
