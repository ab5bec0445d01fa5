import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client.ts";
import { csvDocument } from "~/utils/csv";
import { auditLabel } from "./actions";
import { describeDetail, describeSubject, namesFor } from "./audit-words.server";
import { stockholmToUtc, swedishDateTime } from "~/utils/time";

export interface AuditFilter {
  /** Name or e-mail (part of) of who did it. */
  actor?: string;
  /** Name or e-mail (part of) of the person it concerned, or an id. */
  subject?: string;
  action?: string;
  /** YYYY-MM-DD, Swedish dates, both ends included. */
  from?: string;
  to?: string;
}

export const PAGE_SIZE = 50;

async function peopleMatching(text: string) {
  const q = text.trim();
  const rows = await db.person.findMany({
    where: { OR: [{ name: { contains: q } }, { email: { contains: q.toLowerCase() } }, { id: q }] },
    select: { id: true },
    // Two filters of this size still fit SQLite's ~1,000 parameters in one query.
    take: 400,
  });
  return rows.map((r) => r.id);
}

export async function auditWhere(filter: AuditFilter): Promise<Prisma.AuditEventWhereInput> {
  const where: Prisma.AuditEventWhereInput = {};
  if (filter.actor) where.actorId = { in: await peopleMatching(filter.actor) };
  if (filter.subject) {
    const ids = await peopleMatching(filter.subject);
    where.OR = [{ subjectType: "person", subjectId: { in: ids } }, { subjectId: filter.subject.trim() }];
  }
  if (filter.action) where.action = filter.action;
  if (filter.from || filter.to) {
    where.createdAt = {
      ...(filter.from ? { gte: stockholmToUtc(filter.from) } : {}),
      ...(filter.to ? { lt: stockholmToUtc(new Date(Date.parse(`${filter.to}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) } : {}),
    };
  }
  return where;
}

async function withNames<T extends { actorId: string | null; subjectType: string; subjectId: string | null; detail: string }>(events: T[]) {
  const names = await namesFor(events);
  return events.map((e) => ({
    ...e,
    actorName: e.actorId ? (names.get(e.actorId) ?? "okänd") : "systemet",
    subjectName: e.subjectType === "person" && e.subjectId ? (names.get(e.subjectId) ?? null) : null,
    /** What the entry concerns and its details, in words (audit-words.server.ts). */
    subject: describeSubject(e, names),
    details: describeDetail(e.detail, names),
  }));
}

/** One page of the audit log, newest first. */
export async function searchAuditEvents(filter: AuditFilter, page = 1) {
  const where = await auditWhere(filter);
  const [total, events] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
  ]);
  return { total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), events: await withNames(events) };
}

export async function auditActions(): Promise<string[]> {
  const rows = await db.auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}

const HEADER = ["Tid", "Utförd av", "Utförd av (id)", "Åtgärd", "Åtgärd (kod)", "Gäller", "Gäller (id)", "Gäller (namn)", "Detaljer"];

/** The whole filtered log as CSV for Excel, formulas neutralised (utils/csv's cell rule). */
export async function auditCsv(filter: AuditFilter, limit = 50_000): Promise<string> {
  const events = await withNames(
    await db.auditEvent.findMany({ where: await auditWhere(filter), orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit }),
  );
  const rows = events.map((e) => [
    swedishDateTime(e.createdAt),
    e.actorName,
    e.actorId,
    auditLabel(e.action),
    e.action,
    e.subjectType,
    e.subjectId,
    e.subjectName,
    e.detail === "{}" ? "" : e.detail,
  ]);
  return csvDocument([HEADER, ...rows]);
}
