import { z } from "zod";
import { checkServerUrl } from "./client";
import type { ConnectionSettings } from "./connections.server";

/**
 * The connection form's fields (name, server, token, form id), shared by the new and edit pages. Problems are
 * message keys by input name, the shape the mapping form uses too; what was typed comes back, except the token.
 */

export type FormProblem = { message: string; params?: Record<string, string | number> };
export type FormProblems = Record<string, FormProblem[]>;

const settingsSchema = z.object({
  name: z.string().trim().min(1, "kobo.connection.nameRequired").max(200, "kobo.connection.nameRequired"),
  serverUrl: z.string().max(500, "kobo.connection.serverUrlInvalid"),
  token: z
    .string()
    .trim()
    .max(200, "kobo.connection.tokenInvalid")
    .regex(/^[A-Za-z0-9_-]*$/, "kobo.connection.tokenInvalid"),
  assetUid: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{5,64}$/, "kobo.connection.assetUidInvalid"),
});

/** The form's fields as text: a name sent several times keeps its last value; files are ignored. */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") values[key] = value;
  return values;
}

/** What a page may show back after a refusal: never the token. */
export function valuesToShow(values: Record<string, string>): Record<string, string> {
  const { token: _token, ...rest } = values;
  return rest;
}

export function addProblem(problems: FormProblems, input: string, problem: FormProblem) {
  const list = problems[input] ?? [];
  list.push(problem);
  problems[input] = list;
}

/** The settings, or the problems by input. The token is required only when none is stored yet. */
export function readSettings(
  values: Record<string, string>,
  { allowLocalHttp, tokenRequired }: { allowLocalHttp: boolean; tokenRequired: boolean },
): { settings: ConnectionSettings; token: string | null; problems: FormProblems } {
  const problems: FormProblems = {};
  const parsed = settingsSchema.safeParse({
    name: values.name ?? "",
    serverUrl: values.serverUrl ?? "",
    token: values.token ?? "",
    assetUid: values.assetUid ?? "",
  });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const input = String(issue.path[0]);
      if (!problems[input]) addProblem(problems, input, { message: issue.message });
    }
  const server = checkServerUrl(values.serverUrl ?? "", { allowLocalHttp });
  if (!server.ok && !problems.serverUrl)
    addProblem(problems, "serverUrl", {
      message:
        server.message === "kobo.connection.serverUrlHttps" && allowLocalHttp
          ? "kobo.connection.serverUrlHttpsDemo"
          : server.message,
    });
  const token = parsed.success ? parsed.data.token : "";
  if (tokenRequired && token === "" && !problems.token)
    addProblem(problems, "token", { message: "kobo.connection.tokenRequired" });
  return {
    settings: {
      name: parsed.data?.name ?? "",
      serverUrl: server.ok ? server.url : "",
      assetUid: parsed.data?.assetUid ?? "",
    },
    token: token || null,
    problems,
  };
}
