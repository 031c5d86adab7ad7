import { redirect } from "react-router";
import { z } from "zod";
import { localeCookieName, locales } from "../i18n/i18n";
import type { Route } from "./+types/language";

const oneYear = 60 * 60 * 24 * 365;

const languageForm = z.object({
  lang: z.enum(locales),
  // Only a path on this site: never an open redirect.
  redirectTo: z
    .string()
    .regex(/^\/(?!\/)/)
    .catch("/"),
});

/** The language switcher posts here; it works without JavaScript. */
export async function action({ request }: Route.ActionArgs) {
  const parsed = languageForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    throw new Response(`Unknown language; choose one of: ${locales.join(", ")}`, { status: 400 });
  return redirect(parsed.data.redirectTo, {
    headers: {
      "Set-Cookie": `${localeCookieName}=${parsed.data.lang}; Path=/; Max-Age=${oneYear}; SameSite=Lax`,
    },
  });
}

export function loader() {
  return redirect("/");
}
