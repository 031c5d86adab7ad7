import { redirect } from "react-router";
import { isLocale, localeCookieName } from "../i18n/i18n";
import type { Route } from "./+types/language";

const oneYear = 60 * 60 * 24 * 365;

/** The language switcher posts here; it works without JavaScript. */
export async function action({ request }: Route.ActionArgs) {
  const form = await request.formData();
  const lang = form.get("lang");
  if (!isLocale(lang)) throw new Response("Unknown language", { status: 400 });
  const target = String(form.get("redirectTo") ?? "/");
  // Only same-site paths: never an open redirect.
  const redirectTo = target.startsWith("/") && !target.startsWith("//") ? target : "/";
  return redirect(redirectTo, {
    headers: { "Set-Cookie": `${localeCookieName}=${lang}; Path=/; Max-Age=${oneYear}; SameSite=Lax` },
  });
}

export function loader() {
  return redirect("/");
}
