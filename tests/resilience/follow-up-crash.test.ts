// kill -9 while the server is queuing nudges: a restarted server sends the
// rest, and nobody gets two. Each nudge is its claim (Person.lastNudgedAt)
// and its outbox row in one transaction, so a kill lands between two people,
// never between a claim and its e-mail.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { copyTemplate, freePort, killAllServers, removeDatabase, spawnServer, startServer } from "./harness";

const PEOPLE = 400;
const DAY = 86_400_000;
let database = "";
afterAll(async () => {
  await killAllServers();
  if (database) removeDatabase(database);
});

/** SQLite holds Prisma's dates as ISO text with an explicit offset. */
const iso = (date: Date) => date.toISOString().replace("Z", "+00:00");

/** A running cohort of people enrolled three weeks ago who have done nothing since: every one of them is due a nudge. */
function seedStalledCohort(file: string): string[] {
  const sqlite = new Database(file);
  try {
    const program = sqlite.prepare(`SELECT id FROM Program WHERE slug = 'ledarskapsprogrammet'`).get() as { id: string };
    const someone = sqlite.prepare(`SELECT branchId, position FROM Person LIMIT 1`).get() as { branchId: string; position: string };
    const cohortId = `crash-${randomUUID()}`;
    const now = Date.now();
    const ids = Array.from({ length: PEOPLE }, (_, i) => `crash-person-${i}-${randomUUID()}`);
    sqlite.transaction(() => {
      sqlite
        .prepare(
          `INSERT INTO Cohort (id, programId, name, startsOn, endsOn, enrolmentOpensAt, enrolmentClosesAt, capacity, seatsTaken, mode, createdAt, updatedAt)
           VALUES (?, ?, 'Omgången som kraschar', ?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
        )
        .run(
          cohortId,
          program.id,
          iso(new Date(now - 40 * DAY)),
          iso(new Date(now + 60 * DAY)),
          iso(new Date(now - 50 * DAY)),
          iso(new Date(now + 30 * DAY)),
          PEOPLE,
          PEOPLE,
          iso(new Date(now)),
          iso(new Date(now)),
        );
      const person = sqlite.prepare(`INSERT INTO Person (id, email, name, position, branchId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)`);
      const enrolment = sqlite.prepare(
        `INSERT INTO Enrolment (id, cohortId, personId, status, enrolledAt, createdAt, updatedAt) VALUES (?, ?, ?, 'enrolled', ?, ?, ?)`,
      );
      ids.forEach((id, i) => {
        person.run(id, `krasch-${i}@example.se`, `Krasch Deltagare ${i}`, someone.position, someone.branchId, iso(new Date(now)), iso(new Date(now)));
        enrolment.run(`e-${id}`, cohortId, id, iso(new Date(now - 21 * DAY)), iso(new Date(now - 21 * DAY)), iso(new Date(now)));
      });
    })();
    return ids;
  } finally {
    sqlite.close();
  }
}

function nudgesPerPerson(file: string, ids: string[]): Map<string, number> {
  const sqlite = new Database(file, { readonly: true });
  try {
    const rows = sqlite
      .prepare(`SELECT personId, count(*) AS n FROM OutboxMessage WHERE kind = 'learner-nudge' AND personId LIKE 'crash-person-%' GROUP BY personId`)
      .all() as { personId: string; n: number }[];
    const wanted = new Set(ids);
    return new Map(rows.filter((r) => wanted.has(r.personId)).map((r) => [r.personId, r.n]));
  } finally {
    sqlite.close();
  }
}

it("a server killed with -9 while queuing nudges, restarted, leaves every stalled participant exactly one", async () => {
  database = await copyTemplate("follow-up-crash");
  const ids = seedStalledCohort(database);
  const env = { NUDGE_HOURS: "0-24" };

  // The follow-up job starts with the server: watch the outbox from outside and kill the server part-way.
  const first = spawnServer({ database, port: await freePort(), env });
  first.healthy.catch(() => undefined);
  for (let i = 0; i < 6000 && nudgesPerPerson(database, ids).size === 0; i++) await new Promise((r) => setTimeout(r, 5));
  first.child.kill("SIGKILL");
  expect(await first.exited).toMatchObject({ signal: "SIGKILL" });
  const afterKill = nudgesPerPerson(database, ids);
  // Killed part-way: some queued, not all (else the test proved nothing about a crash).
  expect(afterKill.size).toBeGreaterThan(0);
  expect(afterKill.size).toBeLessThan(PEOPLE);
  expect([...afterKill.values()].every((n) => n === 1)).toBe(true);

  const second = await startServer({ database, port: await freePort(), env });
  for (let i = 0; i < 600 && nudgesPerPerson(database, ids).size < PEOPLE; i++) await new Promise((r) => setTimeout(r, 50));
  const final = nudgesPerPerson(database, ids);
  expect(final.size).toBe(PEOPLE);
  expect([...final.values()].every((n) => n === 1)).toBe(true);
  second.child.kill("SIGTERM");
  await second.exited;
});
