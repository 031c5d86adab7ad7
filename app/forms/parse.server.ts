import { data } from "react-router";
import type { z } from "zod";
import { type MessageKey, messages } from "../i18n/messages";
import {
  type FieldProblem,
  type FormRefusal,
  type FormValues,
  type MessageValues,
  problem,
  wholeForm,
} from "./problem";

/** Forms here are small; anything bigger is refused before it is read (413). */
export const maxFormBytes = 64 * 1024;

export type { FormValues } from "./problem";

/** A parsed form: the schema's typed data, or the one refused-form answer (a 400 carrying a `FormRefusal`). */
export type ParsedForm<T> =
  | { ok: true; data: T; values: FormValues }
  | { ok: false; refusal: FormRefusal; response: ReturnType<typeof data<FormRefusal>> };

/** Fields never sent back to the page (passwords, sign-in and recovery codes, API tokens), unless a form says otherwise. */
export const secretFields = /password|token|secret|^(current)?code$/i;
/** For a form with no secrets (its `code` fields name things): everything typed is sent back. */
export const noSecrets = /(?!)/;

type ParseOptions = {
  /** Beyond this many bytes the form is refused unread (413). */
  maxBytes?: number;
  /** A form already read (multipart forms read the body once with `readForm`, to take the files from it too). */
  form?: FormData;
  /** The names whose values are never sent back; a form with no secrets but a `code` field passes its own. */
  secret?: RegExp;
};

/**
 * The one way a form is read: size check → zod → typed data, or a 400 `FormRefusal`: one problem per field (its
 * message key and the values the schema gives, such as `max`), and what was typed (never secrets), so the page
 * shows both without losing what was typed. On success, `values` is what an action gives `answerRefused` when the
 * domain refuses afterwards.
 */
export async function parseForm<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  { maxBytes = maxFormBytes, form: given, secret }: ParseOptions = {},
): Promise<ParsedForm<z.infer<Schema>>> {
  const form = given ?? (await readForm(request, maxBytes));
  return parseValues(formValues(form), schema, { secret });
}

/** `parseForm` over values already read (a form read once for several purposes, or a test). */
export function parseValues<Schema extends z.ZodType>(
  values: FormValues,
  schema: Schema,
  { secret = secretFields }: { secret?: RegExp } = {},
): ParsedForm<z.infer<Schema>> {
  const shown = withoutSecrets(values, secret);
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data, values: shown };
  const refusal: FormRefusal = { problems: problemsOf(parsed.error.issues), values: shown };
  return { ok: false, refusal, response: data(refusal, { status: 400 }) };
}

/** A form's fields as plain values: a name sent once is a string; a name sent several times is an array. */
export function formValues(form: FormData): FormValues {
  const values: FormValues = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).map((value) => (typeof value === "string" ? value : ""));
    values[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return values;
}

/** What was typed, less the fields named secret. */
export function withoutSecrets(values: FormValues, secret: RegExp = secretFields): FormValues {
  return Object.fromEntries(Object.entries(values).filter(([name]) => !secret.test(name)));
}

/** A catalogue key (a message a person can read), as opposed to zod's own English. */
export const isMessageKey = (text: string): text is MessageKey => Object.hasOwn(messages.en, text);

/** The field an issue is about, written as the form names it: `name`, `rows[3].value`, `form` for the whole. */
export function fieldOf(path: readonly PropertyKey[]): string {
  let field = "";
  for (const step of path) {
    if (typeof step === "number") field += `[${step}]`;
    else field += field ? `.${String(step)}` : String(step);
  }
  return field || wholeForm;
}

/**
 * Zod issues as the form's problems, one per field (the first the schema found): schemas name their messages by
 * catalogue key; anything else (a missing or mistyped field) gets the generic "form.invalid". The limits a message
 * may quote (`{max}`, `{min}`) come from the issue.
 */
export function problemsOf(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  const problems = new Map<string, FieldProblem>();
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    if (problems.has(field)) continue;
    const key = isMessageKey(issue.message) ? issue.message : "form.invalid";
    problems.set(field, problem(field, key, limitsOf(issue)));
  }
  return [...problems.values()];
}

/** The values a message may quote: a limit the schema set, or the `params` a refinement gave (`{value: "…"}`). */
function limitsOf(issue: z.core.$ZodIssue): MessageValues | undefined {
  if (issue.code === "too_big") return { max: Number(issue.maximum) };
  if (issue.code === "too_small") return { min: Number(issue.minimum) };
  if (issue.code === "custom" && issue.params) {
    const values = Object.entries(issue.params).filter(
      (entry): entry is [string, string | number] =>
        typeof entry[1] === "string" || typeof entry[1] === "number",
    );
    return values.length ? Object.fromEntries(values) : undefined;
  }
  return undefined;
}

/**
 * Reads at most `maxBytes` of the body, whatever Content-Length says (or does not say): 413 beyond that. Forms that
 * upload files pass their own documented limit.
 */
export async function readForm(request: Request, maxBytes = maxFormBytes): Promise<FormData> {
  const chunks = await readBody(request, maxBytes, "The form is too large.");
  try {
    return await new Response(new Blob(chunks), {
      headers: { "Content-Type": request.headers.get("Content-Type") ?? "" },
    }).formData();
  } catch {
    throw new Response("The form could not be read.", { status: 400 });
  }
}

/** A JSON request (a canvas save) is read whole up to this size; beyond it, 413. */
export const maxJsonBytes = 2 * 1024 * 1024;

/** Reads a request body as UTF-8 text, at most `maxBytes` of it (413 beyond that). */
export async function readText(request: Request, maxBytes = maxJsonBytes): Promise<string> {
  const chunks = await readBody(request, maxBytes, "The request is too large.");
  return new TextDecoder().decode(await new Blob(chunks).arrayBuffer());
}

async function readBody(request: Request, maxBytes: number, tooLargeText: string) {
  const tooLarge = () => new Response(tooLargeText, { status: 413 });
  if (Number(request.headers.get("Content-Length") ?? 0) > maxBytes) throw tooLarge();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      size += read.value.byteLength;
      // Stop reading (cancelling would tear down the connection before the 413 is sent); the server discards the rest.
      if (size > maxBytes) {
        reader.releaseLock();
        throw tooLarge();
      }
      chunks.push(new Uint8Array(read.value));
    }
  }
  return chunks;
}
