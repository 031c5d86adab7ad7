import { redirect } from "react-router";
import { signOut } from "../auth/accounts.server";
import { sessionCookie } from "../auth/request.server";
import { getDb } from "../db.server";
import { sessionContext } from "../request-context";
import type { Route } from "./+types/logout";

/** Signing out ends the session on the server, not just in the browser. */
export async function action({ context }: Route.ActionArgs) {
  const session = context.get(sessionContext);
  if (session)
    await signOut({ db: await getDb(), sessionId: session.id, userId: session.userId, now: new Date() });
  return redirect("/login", { headers: { "Set-Cookie": sessionCookie(null) } });
}

export function loader() {
  return redirect("/");
}
