import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { elementAssignees, elementLinks, elements, plans, userRoles, users } from "../../db/schema";
import { recordAudit } from "../audit.server";
import { Refused } from "../errors";
import { problem, wholeForm } from "../forms/problem";
import { outlineOrder } from "../plan-graph/graph";
import type { VisiblePlan } from "../plan-graph/scope.server";

/**
 * Who is responsible for which activity of a plan (element_assignees): what a staff member's "my activities" lists
 * first. Read by everyone who reads the whole plan; changed by M&E officers and administrators, audited.
 */

export { pairKey } from "./assignment-pair";

export async function getAssignments({ db, plan: visible }: { db: Db; plan: VisiblePlan["plan"] }) {
  const plan = { id: visible.id, slug: visible.slug, title: visible.title, synthetic: visible.synthetic };
  const elementRows = await db
    .select({
      id: elements.id,
      code: elements.code,
      kind: elements.kind,
      title: elements.title,
      status: elements.status,
    })
    .from(elements)
    .where(eq(elements.planId, plan.id));
  const parents = await db
    .select({ from: elementLinks.fromElementId, to: elementLinks.toElementId })
    .from(elementLinks)
    .where(and(eq(elementLinks.planId, plan.id), eq(elementLinks.kind, "part_of")));
  const codeById = new Map(elementRows.map((row) => [row.id, row.code]));
  const parentOf = new Map(
    parents.map((link) => [codeById.get(link.from) ?? "", codeById.get(link.to) ?? ""]),
  );
  const byCode = new Map(elementRows.map((row) => [row.code, row]));
  const activities = outlineOrder(
    elementRows.map((row) => row.code),
    parentOf,
  )
    .map((code) => byCode.get(code) as (typeof elementRows)[number])
    .filter((row) => row.kind === "activity");
  const assigned = activities.length
    ? await db
        .select({
          elementId: elementAssignees.elementId,
          userId: elementAssignees.userId,
          name: users.name,
          email: users.email,
        })
        .from(elementAssignees)
        .innerJoin(users, eq(users.id, elementAssignees.userId))
        .where(
          inArray(
            elementAssignees.elementId,
            activities.map((activity) => activity.id),
          ),
        )
        .orderBy(asc(users.name))
    : [];
  return {
    plan,
    activities: activities.map((activity) => ({
      ...activity,
      assignees: assigned
        .filter((a) => a.elementId === activity.id)
        .map(({ userId, name }) => ({ userId, name })),
    })),
    people: withAssigned(await assignablePeople(db), assigned),
  };
}

/** The assignable people, and anyone still assigned who no longer is (deactivated, no longer staff): to be unticked. */
function withAssigned(
  people: { id: string; name: string; email: string }[],
  assigned: readonly { userId: string; name: string; email: string }[],
) {
  const extra = new Map<string, { id: string; name: string; email: string }>();
  for (const { userId, name, email } of assigned)
    if (!people.some((person) => person.id === userId)) extra.set(userId, { id: userId, name, email });
  return [...people, ...extra.values()];
}

/** People who can be responsible for an activity: active users who may log progress. */
async function assignablePeople(db: Db) {
  return db
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(isNull(users.deactivatedAt), inArray(userRoles.role, ["staff", "me_officer", "admin"])))
    .orderBy(asc(users.name));
}

/** A pair that is not an activity of this plan and an assignable person: the form was tampered with. */
export class AssignmentRefused extends Refused {
  constructor(readonly pair: string) {
    super([problem(wholeForm, "assignments.error.unknown")], 400);
  }
}

/**
 * Applies what the person changed on the page: pairs ticked that were not shown ticked are added, pairs shown
 * ticked and now unticked are removed. Someone else's change made meanwhile to other pairs is kept, and sending
 * the same form twice changes nothing the second time. One audit row when anything changed.
 */
export async function changeAssignments({
  db,
  actor,
  planId,
  shown,
  ticked,
}: {
  db: Db;
  actor: string;
  planId: string;
  shown: readonly string[];
  ticked: readonly string[];
}): Promise<{ added: number; removed: number }> {
  return db.transaction(async (tx) => {
    const activityRows = await tx
      .select({ id: elements.id, code: elements.code })
      .from(elements)
      .where(and(eq(elements.planId, planId), eq(elements.kind, "activity")));
    const people = await assignablePeople(tx);
    const activityCode = new Map(activityRows.map((row) => [row.id, row.code]));
    const personEmail = new Map(people.map((person) => [person.id, person.email]));
    // Only an assignable person can be added; anyone can be removed (someone deactivated, or no longer staff).
    const parse = (pair: string, { adding }: { adding: boolean }) => {
      const [elementId = "", userId = ""] = pair.split(":");
      if (!activityCode.has(elementId) || (adding && !personEmail.has(userId)))
        throw new AssignmentRefused(pair);
      return { elementId, userId };
    };
    const shownSet = new Set(shown);
    const tickedSet = new Set(ticked);
    const toAdd = [...tickedSet]
      .filter((pair) => !shownSet.has(pair))
      .map((pair) => parse(pair, { adding: true }));
    const toRemove = [...shownSet]
      .filter((pair) => !tickedSet.has(pair))
      .map((pair) => parse(pair, { adding: false }));
    const current = activityRows.length
      ? await tx
          .select()
          .from(elementAssignees)
          .where(
            inArray(
              elementAssignees.elementId,
              activityRows.map((row) => row.id),
            ),
          )
      : [];
    const has = (pair: { elementId: string; userId: string }) =>
      current.some((row) => row.elementId === pair.elementId && row.userId === pair.userId);
    const adding = toAdd.filter((pair) => !has(pair));
    const removing = toRemove.filter(has);
    if (adding.length) await tx.insert(elementAssignees).values(adding);
    for (const pair of removing) {
      await tx
        .delete(elementAssignees)
        .where(and(eq(elementAssignees.elementId, pair.elementId), eq(elementAssignees.userId, pair.userId)));
    }
    if (adding.length || removing.length) {
      const removedPeople = removing.length
        ? await tx
            .select({ id: users.id, email: users.email })
            .from(users)
            .where(
              inArray(
                users.id,
                removing.map((pair) => pair.userId),
              ),
            )
        : [];
      for (const person of removedPeople) personEmail.set(person.id, person.email);
      const named = (pair: { elementId: string; userId: string }) => ({
        activity: activityCode.get(pair.elementId),
        user: personEmail.get(pair.userId),
      });
      const [plan] = await tx.select({ slug: plans.slug }).from(plans).where(eq(plans.id, planId));
      await recordAudit(tx, {
        actor,
        action: "assignments.update",
        entityType: "plan",
        entityId: plan?.slug ?? planId,
        before: { removed: removing.map(named) },
        after: { added: adding.map(named) },
      });
    }
    return { added: adding.length, removed: removing.length };
  });
}
