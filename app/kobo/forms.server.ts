import { z } from "zod";
import { type FieldProblem, problem } from "../forms/problem";
import type { MessageKey } from "../i18n/messages";
import { checkServerUrl } from "./client";
import type { ConnectionSettings } from "./connections.server";

/**
 * The connection form's fields (name, server, token, form id), shared by the new and edit pages. Problems are
 * `FieldProblem`s by input name, as the mapping form's are; what was typed comes back, except the token.
 */

/**
 * What the connection pages post, as `parseForm` reads it: the settings' inputs as text (their rules are checked by
 * `readSettings`, so every problem is reported at once), and the edit page's mapping inputs (`dim:…`, `ind:…`),
 * which the loose object passes through to `mappingFromForm`.
 */
export const connectionFormSchema = z.looseObject({
  name: z.string().max(1000).default(""),
  serverUrl: z.string().max(1000).default(""),
  token: z.string().max(1000).default(""),
  assetUid: z.string().max(1000).default(""),
  planId: z.string().max(100).default(""),
});

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

/** The form's inputs as text, from what `connectionFormSchema` parsed (an input sent several times keeps its last). */
export function formValues(input: z.infer<typeof connectionFormSchema>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    const text = Array.isArray(value) ? value.at(-1) : value;
    if (typeof text === "string") values[key] = text;
  }
  return values;
}

/** The settings, or the problems by input. The token is required only when none is stored yet. */
export function readSettings(
  values: Record<string, string>,
  { allowLocalHttp, tokenRequired }: { allowLocalHttp: boolean; tokenRequired: boolean },
): { settings: ConnectionSettings; token: string | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const has = (input: string) => problems.some((found) => found.field === input);
  const parsed = settingsSchema.safeParse({
    name: values.name ?? "",
    serverUrl: values.serverUrl ?? "",
    token: values.token ?? "",
    assetUid: values.assetUid ?? "",
  });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const input = String(issue.path[0]);
      if (!has(input)) problems.push(problem(input, issue.message as MessageKey));
    }
  const server = checkServerUrl(values.serverUrl ?? "", { allowLocalHttp });
  if (!server.ok && !has("serverUrl"))
    problems.push(
      problem(
        "serverUrl",
        server.message === "kobo.connection.serverUrlHttps" && allowLocalHttp
          ? "kobo.connection.serverUrlHttpsDemo"
          : server.message,
      ),
    );
  const token = parsed.success ? parsed.data.token : "";
  if (tokenRequired && token === "" && !has("token"))
    problems.push(problem("token", "kobo.connection.tokenRequired"));
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
