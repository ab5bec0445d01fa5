import { redirect } from "@remix-run/node";
import type { Session, User } from "lucia";
import { db } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { forbidden } from "~/utils/http.server";
import { newSessionToken, parseSessionToken } from "./lucia-adapter.server";
import { lucia, sessionPolicy } from "./lucia.server";
import { may, type Actor, type OwnedResource, type Permission } from "./permissions";

export interface CurrentPerson {
  session: Session;
  person: User;
}

async function validate(sessionId: string): Promise<CurrentPerson | null> {
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user) return null;
  if (!user.active) {
    await lucia.invalidateSession(session.id);
    return null;
  }
  await touchSession(session);
  return { session, person: user };
}

/** Sessions that can still be used (not past their end, not idle, not too old), for lists such as Mitt konto. */
export function liveSessionWhere(now = new Date()) {
  return {
    expiresAt: { gt: now },
    lastSeenAt: { gt: new Date(now.getTime() - sessionPolicy.idleMs) },
    createdAt: { gt: new Date(now.getTime() - sessionPolicy.maxAgeMs) },
  };
}

/** A person's signed-in devices, newest first, for Mitt konto. */
export function liveSessionsOf(personId: string, now = new Date()) {
  return db.authSession.findMany({
    where: { personId, ...liveSessionWhere(now) },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true, userAgent: true },
  });
}

/** How stale the recorded activity may get before a request writes it again. */
export const TOUCH_EVERY_MS = 60_000;

/**
 * Records activity for the idle timeout. Written at most once a minute, so
 * most requests cost no write; the idle clock is at most a minute behind.
 */
export async function touchSession(session: Pick<Session, "id" | "lastSeenAt">, now = new Date()) {
  if (session.lastSeenAt && now.getTime() - session.lastSeenAt.getTime() < TOUCH_EVERY_MS) return;
  const token = parseSessionToken(session.id);
  if (token) await db.authSession.updateMany({ where: { id: token.id }, data: { lastSeenAt: now } });
}

/**
 * Validations under way, by session id. The root loader and the page's loader
 * of one request ask at the same moment, each with its own copy of the
 * Request (Remix makes one per loader), so the request cannot be the key.
 */
const validating = new Map<string, Promise<CurrentPerson | null>>();

/**
 * The signed-in person, or null: one session lookup however many loaders of
 * a request ask at once. The answer is forgotten as soon as it arrives, so a
 * later question (after a logout, say) looks again.
 */
export function getCurrentPerson(request: Request): Promise<CurrentPerson | null> {
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!sessionId) return Promise.resolve(null);
  let pending = validating.get(sessionId);
  if (!pending) {
    pending = validate(sessionId);
    validating.set(sessionId, pending);
    const forget = () => validating.delete(sessionId);
    pending.then(forget, forget);
  }
  return pending;
}

/**
 * The rules' view of a person: a signed-in User or a Person row alike, with
 * every role flag selected (a flag left out is a type error, not a guess).
 */
export function actorOf(person: Actor): Actor {
  return {
    id: person.id,
    branchId: person.branchId,
    isParticipant: person.isParticipant,
    isFacilitator: person.isFacilitator,
    isAdmin: person.isAdmin,
    isCourseEditor: person.isCourseEditor,
  };
}

/** Anonymous visitors go to /login and come back here afterwards. */
export async function requirePerson(request: Request): Promise<CurrentPerson & { actor: Actor }> {
  const current = await getCurrentPerson(request);
  if (!current) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return { ...current, actor: actorOf(current.person) };
}

/** Signed in and allowed, or a 403 page. */
export async function requirePermission(request: Request, permission: Permission, resource?: OwnedResource) {
  const current = await requirePerson(request);
  if (!may(current.actor, permission, resource)) throw forbidden();
  return current;
}

export async function startSession(personId: string, request: Request): Promise<string> {
  // A new session id at every login: a session id planted before login is worthless.
  const session = await lucia.createSession(
    personId,
    { userAgent: request.headers.get("User-Agent")?.slice(0, 200) ?? null },
    { sessionId: newSessionToken() },
  );
  return lucia.createSessionCookie(session.id).serialize();
}

export async function endSession(request: Request): Promise<string> {
  const current = await getCurrentPerson(request);
  if (current) await lucia.invalidateSession(current.session.id);
  return lucia.createBlankSessionCookie().serialize();
}

export async function endAllSessions(request: Request): Promise<string> {
  const current = await getCurrentPerson(request);
  if (current) {
    await lucia.invalidateUserSessions(current.person.id);
    await recordAudit({
      actorId: current.person.id,
      action: "auth.logout-everywhere",
      subjectType: "person",
      subjectId: current.person.id,
    });
  }
  return lucia.createBlankSessionCookie().serialize();
}
