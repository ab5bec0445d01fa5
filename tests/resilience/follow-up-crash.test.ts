// kill -9 while the server is queuing nudges, and again while it is queuing
// the weekly digests: a restarted server sends the rest, and nobody gets two.
// Each nudge is its claim (Person.lastNudgedAt) and its outbox row in one
// transaction, each digest its WeeklyDigest row and its outbox row, so a kill
// lands between two people, never between a claim and its e-mail.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { copyTemplate, freePort, killAllServers, removeDatabase, spawnServer, startServer } from "./harness";

const PEOPLE = 400;
/** Each leads a cohort of PEOPLE / FACILITATORS stalled participants: all behind, so every digest has news. */
const FACILITATORS = 100;
const DAY = 86_400_000;
let database = "";
afterAll(async () => {
  await killAllServers();
  if (database) removeDatabase(database);
});

/** SQLite holds Prisma's dates as ISO text with an explicit offset. */
const iso = (date: Date) => date.toISOString().replace("Z", "+00:00");

/** Running cohorts of people enrolled three weeks ago who have done nothing since: every one of them is due a nudge, every facilitator a digest. */
function seedStalledCohorts(file: string): { participants: string[]; facilitators: string[] } {
  const sqlite = new Database(file);
  try {
    const program = sqlite.prepare(`SELECT id FROM Program WHERE slug = 'ledarskapsprogrammet'`).get() as { id: string };
    const someone = sqlite.prepare(`SELECT branchId, position FROM Person LIMIT 1`).get() as { branchId: string; position: string };
    const now = Date.now();
    const participants = Array.from({ length: PEOPLE }, (_, i) => `crash-person-${i}-${randomUUID()}`);
    const facilitators = Array.from({ length: FACILITATORS }, (_, i) => `crash-leader-${i}-${randomUUID()}`);
    const perCohort = PEOPLE / FACILITATORS;
    sqlite.transaction(() => {
      const person = sqlite.prepare(
        `INSERT INTO Person (id, email, name, position, branchId, isParticipant, isFacilitator, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const cohort = sqlite.prepare(
        `INSERT INTO Cohort (id, programId, name, startsOn, endsOn, enrolmentOpensAt, enrolmentClosesAt, capacity, seatsTaken, mode, createdAt, updatedAt)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
      );
      const leads = sqlite.prepare(`INSERT INTO CohortFacilitator (cohortId, personId) VALUES (?, ?)`);
      const enrolment = sqlite.prepare(
        `INSERT INTO Enrolment (id, cohortId, personId, status, enrolledAt, createdAt, updatedAt) VALUES (?, ?, ?, 'enrolled', ?, ?, ?)`,
      );
      facilitators.forEach((leader, f) => {
        person.run(
          leader,
          `krasch-ledare-${f}@example.se`,
          `Krasch Ledare ${f}`,
          someone.position,
          someone.branchId,
          0,
          1,
          iso(new Date(now)),
          iso(new Date(now)),
        );
        const cohortId = `crash-cohort-${f}-${randomUUID()}`;
        cohort.run(
          cohortId,
          program.id,
          `Omgången som kraschar ${f}`,
          iso(new Date(now - 40 * DAY)),
          iso(new Date(now + 60 * DAY)),
          iso(new Date(now - 50 * DAY)),
          iso(new Date(now + 30 * DAY)),
          perCohort,
          perCohort,
          iso(new Date(now)),
          iso(new Date(now)),
        );
        leads.run(cohortId, leader);
        for (const id of participants.slice(f * perCohort, (f + 1) * perCohort)) {
          person.run(
            id,
            `${id}@example.se`,
            `Krasch Deltagare ${id.slice(13, 17)}`,
            someone.position,
            someone.branchId,
            1,
            0,
            iso(new Date(now)),
            iso(new Date(now)),
          );
          enrolment.run(`e-${id}`, cohortId, id, iso(new Date(now - 21 * DAY)), iso(new Date(now - 21 * DAY)), iso(new Date(now)));
        }
      });
    })();
    return { participants, facilitators };
  } finally {
    sqlite.close();
  }
}

/** How many e-mails of a kind each of these people has in the outbox. */
function queuedPerPerson(file: string, kind: "learner-nudge" | "weekly-digest", ids: string[]): Map<string, number> {
  const sqlite = new Database(file, { readonly: true });
  try {
    const rows = sqlite.prepare(`SELECT personId, count(*) AS n FROM OutboxMessage WHERE kind = ? AND personId LIKE 'crash-%' GROUP BY personId`).all(kind) as {
      personId: string;
      n: number;
    }[];
    const wanted = new Set(ids);
    return new Map(rows.filter((r) => wanted.has(r.personId)).map((r) => [r.personId, r.n]));
  } finally {
    sqlite.close();
  }
}

/** Starts a server and kills it with -9 as soon as `started` says its work has begun; answers what was queued by then. */
async function killWhen(started: () => boolean, env: Record<string, string>) {
  const server = spawnServer({ database, port: await freePort(), env });
  server.healthy.catch(() => undefined);
  for (let i = 0; i < 12_000 && !started(); i++) await new Promise((r) => setTimeout(r, 5));
  server.child.kill("SIGKILL");
  expect(await server.exited).toMatchObject({ signal: "SIGKILL" });
}

it("servers killed with -9 while queuing nudges and while queuing digests, restarted, leave each person exactly one", async () => {
  database = await copyTemplate("follow-up-crash");
  const { participants, facilitators } = seedStalledCohorts(database);
  // Nudges at any hour, and this week's digest due since Monday 00:00.
  const env = { NUDGE_HOURS: "0-24", DIGEST_WEEKDAY: "1", DIGEST_HOUR: "0" };
  const nudges = () => queuedPerPerson(database, "learner-nudge", participants);
  const digests = () => queuedPerPerson(database, "weekly-digest", facilitators);

  // The follow-up job starts with the server (nudges, then digests): watch the outbox from outside and kill part-way.
  await killWhen(() => nudges().size > 0, env);
  expect(nudges().size).toBeGreaterThan(0);
  expect(nudges().size).toBeLessThan(PEOPLE);
  expect(digests().size).toBe(0);

  await killWhen(() => digests().size > 0, env);
  expect(nudges().size).toBe(PEOPLE);
  expect(digests().size).toBeGreaterThan(0);
  expect(digests().size).toBeLessThan(FACILITATORS);

  const last = await startServer({ database, port: await freePort(), env });
  for (let i = 0; i < 600 && digests().size < FACILITATORS; i++) await new Promise((r) => setTimeout(r, 50));
  for (const [kind, queued, everyone] of [
    ["nudges", nudges(), participants],
    ["digests", digests(), facilitators],
  ] as const) {
    expect(queued.size, kind).toBe(everyone.length);
    expect(
      [...queued.values()].every((n) => n === 1),
      kind,
    ).toBe(true);
  }
  last.child.kill("SIGTERM");
  await last.exited;
});
