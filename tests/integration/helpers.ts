import { db } from "~/db.server";
import { hashPassword } from "~/modules/auth/password.server";
import { ensureDistrictBranches } from "~/modules/branches/branches.server";
import { roleFlags, type Role } from "~/modules/people/roles";
import { buildRequest, type FormFields } from "../support/requests";

let counter = 0;

export async function branchId(name = "Kiruna") {
  await ensureDistrictBranches();
  return (await db.branch.findUniqueOrThrow({ where: { name } })).id;
}

/** A person with a known password, for tests that log in. */
export async function createPerson(opts: { roles?: Role[]; password?: string; branch?: string; position?: string; email?: string; active?: boolean } = {}) {
  counter++;
  const password = opts.password ?? "ett-bra-losenord-123";
  const person = await db.person.create({
    data: {
      name: `Test Person ${counter}`,
      email: opts.email ?? `person${counter}-${Date.now()}@test.se`,
      branchId: await branchId(opts.branch),
      position: opts.position ?? "ledamot",
      active: opts.active ?? true,
      ...roleFlags(opts.roles ?? ["participant"]),
      password: { create: { hash: await hashPassword(password) } },
    },
  });
  return { ...person, password };
}

/** A form post to a loader or action, urlencoded as a browser sends it (see tests/support/requests.ts). */
export function formRequest(url: string, fields: FormFields, init: { cookie?: string } = {}) {
  return buildRequest(url, { form: fields, cookie: init.cookie, method: "POST" });
}

export function getRequest(url: string, cookie?: string) {
  return buildRequest(url, { cookie });
}

/** "name=value" from a Set-Cookie header, for the next request. */
export function cookieFrom(response: Response, name = "ledarlyftet_session"): string {
  const header = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  if (!header) throw new Error(`no ${name} cookie in response`);
  return header.split(";")[0]!;
}

/** Runs a loader/action and returns what it returned or threw as a Response. */
export async function settle(fn: () => Promise<unknown>): Promise<Response> {
  try {
    const out = await fn();
    if (out instanceof Response) return out;
    // Remix's data() helper returns a DataWithResponseInit; expose its init.
    const maybe = out as { type?: string; data?: unknown; init?: ResponseInit | null };
    if (maybe && maybe.type === "DataWithResponseInit") {
      return new Response(JSON.stringify(maybe.data), maybe.init ?? undefined);
    }
    return new Response(JSON.stringify(out), { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** A new person logged in through the real login action, with the session cookie to send. */
export async function signedIn(opts: Parameters<typeof createPerson>[0] = {}) {
  const person = await createPerson(opts);
  const { action } = await import("~/routes/login");
  const res = await settle(() =>
    action({ request: formRequest("/login", { email: person.email, password: person.password }), context: { clientAddress: "203.0.113.200" }, params: {} }),
  );
  return { ...person, cookie: cookieFrom(res) };
}
