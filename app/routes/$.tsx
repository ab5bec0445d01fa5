import { notFound } from "~/utils/http.server";

// Unknown paths get the 404 page inside the app's layout (root ErrorBoundary).
export async function loader() {
  throw notFound();
}

export async function action() {
  throw notFound();
}

export default function NotFound() {
  return null;
}
