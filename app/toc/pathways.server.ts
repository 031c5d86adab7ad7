import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { type Db, rowsOf } from "../../db/client";
import type { PlanScope } from "../plan-graph/scope.server";
import {
  comparePathways,
  type LinkKind,
  type Pathway,
  type PathwayLimits,
  type PathwaysResult,
  type PathwayTarget,
  pathwayLimits,
} from "./pathways";

/**
 * Causal pathways and highlighting, computed in the database with recursive queries (drizzle has no builder for
 * them, so they are written with its `sql` template; every value is a bound parameter). The rules are those of the
 * pure module ./pathways.ts, which the integration tests compare these answers with; docs/toc.md explains them.
 *
 * A viewer's scope (on the theory of change, `tocScope` of ./scope.server.ts) is applied in the query: elements outside it are treated like dropped ones, so
 * nothing outside what the viewer may see is walked through or named.
 */

/**
 * The walkable part of the plan: elements not dropped (and in scope), and the links between them. `step` reads
 * the tables themselves, not `live`, so that the planner joins with what it knows of them (a join on a CTE is
 * estimated blind, and a nested loop over 1,500 links × 1,000 elements takes hundreds of milliseconds).
 */
function walkableGraph(planId: string, scope: PlanScope) {
  const ids = scope.all ? null : `{${[...scope.elementIds].join(",")}}`;
  const visible = (column: SQL) => (ids === null ? sql`true` : sql`${column} = any(${ids}::uuid[])`);
  return sql`
    live as materialized (
      select e.id, e.kind from elements e
      where e.plan_id = ${planId} and e.status <> 'dropped' and ${visible(sql`e.id`)}
    ),
    step as materialized (
      select l.from_element_id as from_id, l.to_element_id as to_id, l.kind::text as kind,
             l.kind <> 'part_of' as causal
      from element_links l
      join elements f on f.id = l.from_element_id
      join elements t on t.id = l.to_element_id
      where l.plan_id = ${planId} and f.status <> 'dropped' and t.status <> 'dropped'
        and ${visible(sql`f.id`)} and ${visible(sql`t.id`)}
    )`;
}

/** Whether the element is in the plan and in the scope (null), or its code. */
async function startElement(db: Db, planId: string, elementId: string, scope: PlanScope) {
  if (!z.uuid().safeParse(elementId).success) return null;
  if (!scope.all && !scope.elementIds.has(elementId)) return null;
  const [row] = await rowsOf(
    db,
    sql`select code from elements where plan_id = ${planId} and id = ${elementId}`,
  );
  return row ? { id: elementId, code: String(row.code) } : null;
}

const splitList = (value: unknown) => (typeof value === "string" && value !== "" ? value.split(",") : []);

/**
 * Every causal pathway from an element to an impact (or, when the plan has none, to where causal links stop), as
 * ordered lists of elements, shortest first. Bounded by `maxDepth` links per pathway and `maxPathways` pathways
 * (./pathways.ts `defaultPathwayLimits`, clamped to `pathwayLimitCeiling`); `limitReached` says when a limit cut
 * the answer short. Null when the element is not in the plan or outside the scope.
 *
 * The walk is a recursive CTE, so breadth first: each round extends the walks of the round before by one link.
 * It is guarded against cycles by the path it carries (`not s.to_id = any(w.path)`), pruned to steps from which a
 * target can still be reached (`reaching`, `with_pathway`), stops at `maxDepth` (one round more, to know whether
 * the depth cut anything), and is bounded in breadth: each round numbers its walks in a fixed order (element ids,
 * then link kinds in the "C" collation, so PostgreSQL and PGlite agree) with a window function, and only the first
 * `maxPathways` are extended. No round is bigger than `maxPathways` times the links out of an element, whatever
 * the graph; `limitReached` says whether the bounds cut anything.
 */
export async function causalPathways({
  db,
  planId,
  elementId,
  scope,
  limits: requested,
}: {
  db: Db;
  planId: string;
  elementId: string;
  scope: PlanScope;
  limits?: Partial<PathwayLimits>;
}): Promise<PathwaysResult | null> {
  const from = await startElement(db, planId, elementId, scope);
  if (!from) return null;
  const limits = pathwayLimits(requested);
  const rows = await rowsOf(
    db,
    sql`with recursive ${walkableGraph(planId, scope)},
    impact as materialized (
      select id from elements where plan_id = ${planId} and kind = 'impact' and status <> 'dropped'
    ),
    target as materialized (
      select id from live where kind = 'impact'
      union all
      select id from live
      where not exists (select 1 from impact)
        and not exists (select 1 from step s where s.from_id = live.id and s.causal)
    ),
    reaching(id) as (
      select id from target
      union
      select s.from_id from step s join reaching r on r.id = s.to_id where s.causal
    ),
    carrier as (
      select distinct s.from_id as id from step s join reaching r on r.id = s.to_id where s.causal
    ),
    with_pathway(id) as (
      select id from carrier
      union
      select s.from_id from step s join with_pathway w on w.id = s.to_id where not s.causal
    ),
    walk(id, path, kinds, depth, causal, terminal, rank, width) as (
      select e.id, array[e.id], array[]::text[], 0, false, false, 1::bigint, 1::bigint
      from elements e where e.plan_id = ${planId} and e.id = ${elementId}
      union all
      select s.to_id, w.path || s.to_id, w.kinds || s.kind, w.depth + 1, w.causal or s.causal,
             (w.causal or s.causal) and s.to_id in (select id from target),
             row_number() over (
               order by w.path || s.to_id, array_to_string(w.kinds || s.kind, ',') collate "C"
             ),
             count(*) over ()
      from walk w join step s on s.from_id = w.id
      where not w.terminal
        and w.rank <= ${limits.maxPathways}
        and w.depth <= ${limits.maxDepth}
        and not s.to_id = any(w.path)
        and case when s.causal then s.to_id in (select id from reaching)
                 else not w.causal and s.to_id in (select id from with_pathway) end
    )
    select array_to_string(w.path, ',') as path, array_to_string(w.kinds, ',') as kinds, w.depth, w.terminal,
           w.width > ${limits.maxPathways} and w.depth <= ${limits.maxDepth} as wide,
           (select count(*) from impact) > 0 as has_impact
    from walk w
    where w.terminal or w.depth > ${limits.maxDepth} or w.width > ${limits.maxPathways}`,
  );

  const found = rows.filter((row) => row.terminal === true && Number(row.depth) <= limits.maxDepth);
  const wide = rows.some((row) => row.wide === true);
  const depthCut = rows.some((row) => Number(row.depth) > limits.maxDepth);
  const limitReached: PathwaysResult["limitReached"] =
    wide || found.length > limits.maxPathways ? "pathways" : depthCut ? "depth" : null;
  const ids = [...new Set(found.flatMap((row) => splitList(row.path)))];
  const codes = await codesOf(db, planId, ids);
  const pathways: Pathway[] = found
    .map((row) => {
      const kinds = splitList(row.kinds) as LinkKind[];
      return splitList(row.path).map((id, index) => ({
        id,
        code: codes.get(id) ?? id,
        via: index === 0 ? null : (kinds[index - 1] as LinkKind),
      }));
    })
    .sort(comparePathways)
    .slice(0, limits.maxPathways);
  const target: PathwayTarget =
    rows.length > 0 ? (rows[0]?.has_impact ? "impact" : "end") : await planTarget(db, planId);
  return { from, target, limits, pathways, limitReached };
}

/**
 * Whether pathways in this plan end at impacts, when no pathway said so: decided on the whole plan, not the
 * reader's scope, so a funder whose scope reaches no impact is not told that the plan has none.
 */
async function planTarget(db: Db, planId: string): Promise<PathwayTarget> {
  const [row] = await rowsOf(
    db,
    sql`select exists (
      select 1 from elements where plan_id = ${planId} and kind = 'impact' and status <> 'dropped'
    ) as has_impact`,
  );
  return row?.has_impact ? "impact" : "end";
}

async function codesOf(db: Db, planId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await rowsOf(
    db,
    sql`select id, code from elements where plan_id = ${planId} and id = any(${`{${ids.join(",")}}`}::uuid[])`,
  );
  return new Map(rows.map((row) => [String(row.id), String(row.code)]));
}
