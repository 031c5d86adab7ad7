/**
 * The one way a loader or action stops with an HTTP error: these throw the Response that the nearest error
 * boundary (app/components/error-boundary.tsx) shows as a translated page with the request id, never a stack.
 */
export function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

/** Signed in, but not allowed to do this (a person who is not signed in is sent to sign in instead). */
export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}
