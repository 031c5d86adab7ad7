import { describe, expect, it } from "vitest";
import { can, effectiveRoles, type Viewer } from "./policy";
import type { Role } from "./roles";

const viewer = (roles: Role[], funderCode: string | null = null): Viewer => ({
  id: "u1",
  email: "someone@example.org",
  name: "Someone",
  roles,
  funderCode,
  hasSecondFactor: true,
});

describe("can", () => {
  it("refuses everything to someone not signed in", () => {
    expect(can(null, { action: "plans.list" })).toBe(false);
    expect(can(null, { action: "plan.read", fundedBy: ["x"] })).toBe(false);
  });

  it("lets staff, M&E officers, the board and admins read whole plans and the sources", () => {
    for (const role of ["staff", "me_officer", "board", "admin"] as const) {
      expect(can(viewer([role]), { action: "plan.read", fundedBy: [] }), role).toBe(true);
      expect(can(viewer([role]), { action: "sources.read" }), role).toBe(true);
    }
  });

  it("lets a funder read only what its own organisation funds", () => {
    const funder = viewer(["funder"], "mama-cash");
    expect(can(funder, { action: "plan.read", fundedBy: ["hivos", "mama-cash"] })).toBe(true);
    expect(can(funder, { action: "element.read", fundedBy: ["hivos"] })).toBe(false);
    expect(can(funder, { action: "plan.read", fundedBy: [] })).toBe(false);
    expect(can(funder, { action: "sources.read" })).toBe(false);
    expect(can(viewer(["funder"], null), { action: "plan.read", fundedBy: ["mama-cash"] })).toBe(false);
  });

  it("gives consultants no plan access until reviews exist", () => {
    expect(can(viewer(["consultant"]), { action: "plan.read", fundedBy: [] })).toBe(false);
    expect(can(viewer(["consultant"]), { action: "plans.list" })).toBe(true);
  });

  it("keeps user management and the audit trail to admins; anyone may end their own sessions", () => {
    expect(can(viewer(["admin"]), { action: "users.manage" })).toBe(true);
    expect(can(viewer(["staff", "board"]), { action: "audit.read" })).toBe(false);
    expect(can(viewer(["staff"]), { action: "session.end", ownerId: "u1" })).toBe(true);
    expect(can(viewer(["staff"]), { action: "session.end", ownerId: "u2" })).toBe(false);
    expect(can(viewer(["admin"]), { action: "session.end", ownerId: "u2" })).toBe(true);
  });

  it("lets staff log progress; verification, indicators and bulk imports are for M&E officers and admins", () => {
    for (const role of ["staff", "me_officer", "admin"] as const)
      expect(can(viewer([role]), { action: "progress.log" }), role).toBe(true);
    for (const role of ["board", "funder", "consultant"] as const)
      expect(can(viewer([role], "mama-cash"), { action: "progress.log" }), role).toBe(false);
    for (const action of ["progress.verify", "indicators.manage", "progress.import"] as const) {
      expect(can(viewer(["me_officer"]), { action }), action).toBe(true);
      expect(can(viewer(["admin"]), { action }), action).toBe(true);
      expect(can(viewer(["staff", "board"]), { action }), action).toBe(false);
    }
  });

  it("lets M&E officers and admins edit theory-of-change canvases; staff, board, funders and consultants only read", () => {
    for (const role of ["me_officer", "admin"] as const)
      expect(can(viewer([role]), { action: "toc.edit" }), role).toBe(true);
    for (const role of ["staff", "board", "funder", "consultant"] as const)
      expect(can(viewer([role], "mama-cash"), { action: "toc.edit" }), role).toBe(false);
  });
});

describe("effectiveRoles", () => {
  const grants = [
    { role: "consultant" as const, accessUntil: "2026-06-30" },
    { role: "board" as const, accessUntil: null },
    { role: "admin" as const, accessUntil: null },
  ];

  it("ends a consultant's role after its end date (the end date itself still counts)", () => {
    expect(effectiveRoles(grants, { today: "2026-06-30", hasSecondFactor: true })).toContain("consultant");
    expect(effectiveRoles(grants, { today: "2026-07-01", hasSecondFactor: true })).not.toContain(
      "consultant",
    );
  });

  it("withholds admin powers until a second factor is enrolled", () => {
    expect(effectiveRoles(grants, { today: "2026-01-01", hasSecondFactor: false })).toEqual([
      "consultant",
      "board",
    ]);
  });

  it("withholds M&E officer powers until a second factor is enrolled (they read every entry and evidence file)", () => {
    const officer = [
      { role: "me_officer" as const, accessUntil: null },
      { role: "staff" as const, accessUntil: null },
    ];
    expect(effectiveRoles(officer, { today: "2026-01-01", hasSecondFactor: false })).toEqual(["staff"]);
    expect(effectiveRoles(officer, { today: "2026-01-01", hasSecondFactor: true })).toEqual([
      "me_officer",
      "staff",
    ]);
  });
});
