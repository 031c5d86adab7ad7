import { index, type RouteConfig, route } from "@react-router/dev/routes";

/** Every route must have rows in the access matrix of docs/security.md (tests/e2e/access-matrix.test.ts checks). */
export default [
  index("routes/home.tsx"),
  route("plans/:slug", "routes/plan.tsx"),
  route("plans/:slug/elements/:code", "routes/element.tsx"),
  route("sources", "routes/sources.tsx"),
  route("login", "routes/login.tsx"),
  route("login/second-factor", "routes/login.second-factor.tsx"),
  route("logout", "routes/logout.ts"),
  route("account", "routes/account.tsx"),
  route("account/sessions", "routes/account.sessions.tsx"),
  route("admin/users", "routes/admin.users.tsx"),
  route("admin/users/:id", "routes/admin.user.tsx"),
  route("admin/audit", "routes/admin.audit.tsx"),
  route("language", "routes/language.ts"),
  route("healthz", "routes/healthz.ts"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
