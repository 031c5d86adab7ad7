import { redirect } from "react-router";
import { z } from "zod";
import { parseForm } from "../forms/parse.server";
import { safeRedirect } from "../forms/safe-redirect";
import { localeCookieName, locales } from "../i18n/i18n";
import type { Route } from "./+types/language";

const oneYear = 60 * 60 * 24 * 365;
const languageForm = z.object({ lang: z.enum(locales), redirectTo: z.string().optional() });

/** The language switcher posts here; it works without JavaScript. */
export async function action({ request }: Route.ActionArgs) {
  const form = await parseForm(request, languageForm);
  if (!form.ok) throw new Response(`Unknown language; choose one of: ${locales.join(", ")}`, { status: 400 });
  return redirect(safeRedirect(form.data.redirectTo), {
    headers: {
      "Set-Cookie": `${localeCookieName}=${form.data.lang}; Path=/; Max-Age=${oneYear}; SameSite=Lax`,
    },
  });
}

export function loader() {
  return redirect("/");
}
