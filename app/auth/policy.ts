import type { Role } from "./roles";

/** The signed-in person as the policy sees them: their effective roles (expired access already removed). */
export type Viewer = {
  id: string;
  email: string;
  name: string;
  roles: readonly Role[];
  /** For funders: the funder organisation whose grants scope what they see. */
  funderCode: string | null;
  /** True when the user has enrolled a TOTP second factor. */
  hasSecondFactor: boolean;
  /**
   * A step the user must take before anything else (the server redirects every page to /account until it is done,
   * and no role is in force meanwhile): choose a new password after an admin reset, or enrol a second factor that
   * their roles require.
   */
  pendingStep?: PendingStep | null;
};

export type PendingStep = "change_password" | "enrol_second_factor";

/**
 * Roles that need a second factor to be in force: admins manage accounts, M&E officers read every entry and
 * evidence file.
 */
export const secondFactorRoles: readonly Role[] = ["admin", "me_officer"];

export const rolesNeedSecondFactor = (roles: readonly Role[]) =>
  roles.some((role) => secondFactorRoles.includes(role));

/**
 * What a request wants to do. Resources that funders see in part carry `fundedBy`: the funder organisations whose
 * funded elements make the resource part of their scope.
 */
export type Permission =
  | { action: "plan.read"; fundedBy: readonly string[] }
  | { action: "element.read"; fundedBy: readonly string[] }
  | { action: "plans.list" }
  | { action: "sources.read" }
  | { action: "account.manage" }
  | { action: "session.end"; ownerId: string }
  | { action: "users.manage" }
  | { action: "audit.read" }
  /** Log progress on activities and answer return notes (own entries only; checked where entries are loaded). */
  | { action: "progress.log" }
  /** The verification queue: approve, return with a note, lock and unlock periods. */
  | { action: "progress.verify" }
  /** Create and change indicators, their targets and baselines (with a rationale once results exist). */
  | { action: "indicators.manage" }
  /** Bulk data in: CSV import and KoboToolbox connections. */
  | { action: "progress.import" }
  /**
   * Create, change and import theory-of-change canvases, and through them the plan's elements and links (reading
   * a canvas follows the plan's visibility).
   */
  | { action: "toc.edit" };

const readsWholePlan: readonly Role[] = ["admin", "me_officer", "staff", "board"];

const has = (viewer: Viewer, ...roles: Role[]) => roles.some((role) => viewer.roles.includes(role));

/**
 * The one access decision of the app: pure, so every rule is a unit test. A route that is refused answers 404 (not
 * 403) wherever the resource is named in the address, so ids cannot be probed.
 */
export function can(viewer: Viewer | null, permission: Permission): boolean {
  if (!viewer) return false;
  switch (permission.action) {
    case "plan.read":
    case "element.read":
      if (has(viewer, ...readsWholePlan)) return true;
      return (
        has(viewer, "funder") && viewer.funderCode !== null && permission.fundedBy.includes(viewer.funderCode)
      );
    case "plans.list":
    case "account.manage":
      return true;
    case "sources.read":
      return has(viewer, ...readsWholePlan);
    case "session.end":
      return permission.ownerId === viewer.id || has(viewer, "admin");
    case "users.manage":
    case "audit.read":
      return has(viewer, "admin");
    case "progress.log":
      return has(viewer, "staff", "me_officer", "admin");
    case "progress.verify":
    case "indicators.manage":
    case "progress.import":
    // Consultants will edit canvases through the review they are assigned to (they see no plan until reviews
    // exist); staff, board and funders read canvases. docs/security.md.
    case "toc.edit":
      return has(viewer, "me_officer", "admin");
  }
}

/**
 * The roles that are in force: a consultant's role ends after its `accessUntil` date (UTC), and admin and M&E
 * officer powers need a second factor, so someone who has not enrolled one acts without them until they do.
 */
export function effectiveRoles(
  held: readonly { role: Role; accessUntil: string | null }[],
  { today, hasSecondFactor }: { today: string; hasSecondFactor: boolean },
): Role[] {
  return held
    .filter((grant) => grant.accessUntil === null || grant.accessUntil >= today)
    .filter((grant) => hasSecondFactor || !secondFactorRoles.includes(grant.role))
    .map((grant) => grant.role);
}
