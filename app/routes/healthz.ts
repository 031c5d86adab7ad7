import { sql } from "drizzle-orm";
import { getDb } from "../db.server";

/** For load balancers and start-up scripts: answers 200 when the database answers. */
export async function loader() {
  await (await getDb()).execute(sql`select 1`);
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
