import { data } from "react-router";
import type { z } from "zod";
import { type MessageKey, messages } from "../i18n/messages";
import { type FieldProblem, type FormRefusal, problem, wholeForm } from "./problem";

/** Forms here are small; anything bigger is refused before it is read (413). */
export const maxFormBytes = 64 * 1024;

/** A zod issue's path as a field name: `["rows", 0, "value"]` → `rows[0].value` (the whole form when empty). */
export function fieldOf(path: readonly PropertyKey[]): string {
  let field = "";
  for (const part of path)
    field += typeof part === "number" ? `[${part}]` : field ? `.${String(part)}` : String(part);
  return field || wholeForm;
}

/**
 * The one form-handling shape: size check → zod → typed data, or a 400 `FormRefusal`: the problems by field (the
 * zod issue's message when it is a catalogue key) and the values typed (never passwords), so the page can show both
 * without losing what was typed.
 */
export async function parseForm<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  { maxBytes = maxFormBytes, form: given }: { maxBytes?: number; form?: FormData } = {},
): Promise<{ ok: true; data: z.infer<Schema> } | { ok: false; response: ReturnType<typeof data> }> {
  // Forms with files (multipart) read the body once with `readForm` and pass it in, to take the files from it too.
  const form = given ?? (await readForm(request, maxBytes));
  // A name sent once is a string; a name sent several times (checkboxes) is an array of strings.
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).map((value) => (typeof value === "string" ? value : ""));
    values[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const problems: FieldProblem[] = parsed.error.issues.map((issue) =>
    // Schemas name their messages by catalogue key; anything else (a missing or mistyped field) gets a generic one.
    problem(
      fieldOf(issue.path),
      issue.message in messages.en ? (issue.message as MessageKey) : "form.invalid",
    ),
  );
  const safeValues = Object.fromEntries(
    Object.entries(values).filter(([key]) => !/password|code|token|secret/i.test(key)),
  );
  const body: FormRefusal = { problems, values: safeValues };
  return { ok: false, response: data(body, { status: 400 }) };
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
