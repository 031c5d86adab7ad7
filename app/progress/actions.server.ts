import { data } from "react-router";
import { z } from "zod";
import { answerRefused } from "../errors";
import { readForm } from "../forms/parse.server";
import { type FormRefusal, problem, wholeForm } from "../forms/problem";
import { notFound } from "../http-errors";
import {
  cellFieldPrefix,
  type EntryFields,
  entryFormLimitBytes,
  entryProblem,
  evidenceLimitBytes,
  mib,
  readEvidenceLinks,
} from "./form";
import { EntryRefused, type EvidenceFile, type EvidenceInput } from "./workflow.server";

/** What the progress routes share: reading the logging form, and answering a refusal with the one payload. */

const text = (max: number) => z.string().max(max).default("");

/**
 * The logging form (new entry or edit): the typed fields, and the grid's boxes (`cell.<key>`), which the loose
 * object passes through. Files are not in it: they are taken from the form that was read.
 */
export const entryFormSchema = z.looseObject({
  intent: z.enum(["draft", "submit"]),
  period: z.string().max(40),
  reportedOn: text(40),
  total: text(200),
  narrative: text(20_000),
  evidenceLinks: text(30_000),
  answer: text(20_000),
  removeEvidence: z.union([z.uuid(), z.array(z.uuid())]).optional(),
});

/** A new entry's form also names its indicator and carries the key that makes a second post find the first entry. */
export const newEntryFormSchema = entryFormSchema.extend({ submissionKey: z.uuid(), indicatorId: z.uuid() });

export type EntryForm = {
  intent: "draft" | "submit";
  fields: EntryFields;
  evidence: EvidenceInput;
  /** Problems found while reading the form (a bad link), reported with the entry's own. */
  formProblems: ReturnType<typeof entryProblem>[];
  answer: string;
  removeEvidence: string[];
  /** Every text typed, to show the form again after a problem (files cannot be given back: browsers forbid it). */
  values: Record<string, string>;
};

/** The body of a progress form was over the logging form's limit: a 413 with the one refusal payload. */
const tooLarge = () => {
  const body: FormRefusal = {
    problems: [
      entryProblem("evidenceFiles", "requestTooLarge", { max: evidenceLimitBytes }),
      problem(wholeForm, "progress.form.tooLarge", { max: mib(evidenceLimitBytes) }),
    ],
    values: {},
  };
  return data(body, { status: 413 });
};

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

/** The logging form's fields, evidence and typed values, from what `entryFormSchema` parsed and the form's files. */
export async function entryFromForm(
  input: z.infer<typeof entryFormSchema>,
  form: FormData,
): Promise<EntryForm> {
  const values: Record<string, string> = {};
  const cells: Record<string, string> = {};
  for (const [name, value] of Object.entries(input)) {
    if (typeof value !== "string") continue;
    values[name] = value;
    if (name.startsWith(cellFieldPrefix) && name.length <= 300) cells[name] = value;
  }
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
    removeEvidence: input.removeEvidence === undefined ? [] : [input.removeEvidence].flat(),
    values,
  };
}

/**
 * Answers a refusal of the progress domain with the one payload (its status: 400 for problems, 409 for a transition
 * the entry's state does not allow), with the values typed; an entry the viewer may not see is a 404. A lock refused
 * for waiting entries names them too.
 */
export function answerEntryRefused(error: unknown, values?: FormRefusal["values"]) {
  if (error instanceof EntryRefused) {
    if (error.reason === "notFound") notFound();
    if (error.entries.length) {
      const body: FormRefusal & { entries: typeof error.entries } = {
        problems: error.problems,
        ...(values ? { values } : {}),
        entries: error.entries,
      };
      return data(body, { status: error.status });
    }
  }
  return answerRefused(error, values);
}
