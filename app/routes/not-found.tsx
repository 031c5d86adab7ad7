import { notFound } from "../http-errors";
/** Any address no route claims: the root error boundary renders a translated 404 page. */
export function loader() {
  notFound();
}

export default function NotFound() {
  return null;
}
