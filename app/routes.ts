import { index, type RouteConfig, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("plans/:slug", "routes/plan.tsx"),
  route("plans/:slug/elements/:code", "routes/element.tsx"),
  route("sources", "routes/sources.tsx"),
  route("language", "routes/language.ts"),
  route("healthz", "routes/healthz.ts"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
