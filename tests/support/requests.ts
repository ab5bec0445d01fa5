/**
 * The one way tests build a Request: loaders and actions called directly
 * (tests/integration/helpers.ts: formRequest, getRequest) and the whole app
 * through Remix's handler (tests/integration/remix-app.ts: app.request) both
 * go through `buildRequest`, so a cookie, a form or a header is sent the same
 * way whichever the test calls.
 */

/** The origin every test request is made to; tests/setup/db-per-file.ts sets PUBLIC_URL to the same. */
export const TEST_ORIGIN = "http://localhost:3000";

export type FormFields = Record<string, string | string[]>;

export interface TestRequestInit {
  /** "name=value" pairs for the Cookie header (e.g. from cookieFrom). */
  cookie?: string;
  /** Sent urlencoded, as a browser sends a form; a field given an array is repeated. */
  form?: FormFields;
  /** Any other body (multipart FormData, raw text), sent as is. */
  body?: BodyInit;
  /** POST when there is a form or a body, GET otherwise. */
  method?: string;
  headers?: HeadersInit;
}

/** The body a browser posts for `fields`: each value of an array is its own field. */
export function formBody(fields: FormFields): URLSearchParams {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) body.append(k, item);
  return body;
}

/** A Request for `path` (e.g. "/login?redirectTo=%2F") on TEST_ORIGIN. */
export function buildRequest(path: string, init: TestRequestInit = {}): Request {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("Cookie", init.cookie);
  let body: BodyInit | undefined = init.body;
  if (init.form) {
    body = formBody(init.form);
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  const method = init.method ?? (body !== undefined ? "POST" : "GET");
  return new Request(`${TEST_ORIGIN}${path}`, { method, headers, body });
}
