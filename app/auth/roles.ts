/** The roles of docs/security.md. A user can hold several. */
export const roles = ["admin", "me_officer", "staff", "board", "funder", "consultant"] as const;
export type Role = (typeof roles)[number];
