// The load generator for load.test.ts, in its own process so it does not
// share an event loop with the server or the test runner. 16 simulated people
// work without pause for LOAD_DURATION_MS: learners reading and completing
// lessons, Utvecklingsledare looking at cohorts and sessions and booking new
// ones, admins on the goals dashboard and the people list, calendar apps
// polling feeds, and people logging in and out. Each person has their own
// client address (the server runs with TRUST_PROXY=true, as behind a proxy).
// Prints one line: LOAD-RESULT <json>.
import { allMatches, DEMO_PASSWORD, Visitor, type Answer } from "./harness";

const base = process.env.LOAD_BASE_URL!;
const durationMs = Number(process.env.LOAD_DURATION_MS ?? 10_000);
const domain = "demo.ledarlyftet.se";

interface Sample {
  op: string;
  status: number;
  ms: number;
}
const samples: Sample[] = [];
const failures: string[] = [];
let measuring = false;

/** Runs one request and records it (during the measured window). */
async function op(name: string, call: () => Promise<Answer>): Promise<Answer | null> {
  try {
    const answer = await call();
    if (measuring) samples.push({ op: name, status: answer.status, ms: answer.ms });
    if (measuring && answer.status >= 400 && answer.status !== 429)
      failures.push(
        `${name}: ${answer.status} ${answer.body
          .replace(/<[^>]+>/g, " ")
          .replace(/\s+/g, " ")
          .slice(0, 300)}`,
      );
    return answer;
  } catch (error) {
    if (measuring) {
      samples.push({ op: name, status: 0, ms: 0 });
      failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return null;
  }
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;
let address = 0;
const nextAddress = () => `198.51.100.${++address}`;

async function signedIn(email: string) {
  const visitor = new Visitor(base, nextAddress());
  await visitor.login(email);
  return visitor;
}

async function learner(email: string, until: number) {
  const me = await signedIn(email);
  while (Date.now() < until) {
    const courses = await op("GET /courses", () => me.get("/courses"));
    const slugs = allMatches(courses?.body ?? "", /href="\/courses\/([a-z0-9-]+)"/g);
    if (slugs.length === 0) continue;
    const course = pick(slugs);
    const page = await op("GET /courses/:course", () => me.get(`/courses/${course}`));
    const lessons = allMatches(page?.body ?? "", new RegExp(`href="/courses/${course}/([a-z0-9-]+)"`, "g"));
    if (lessons.length === 0) continue;
    const lesson = pick(lessons);
    const view = await op("GET lesson", () => me.get(`/courses/${course}/${lesson}`));
    if (view?.body.includes('name="intent" value="read"')) await op("POST lesson read", () => me.post(`/courses/${course}/${lesson}`, { intent: "read" }));
    if (Math.random() < 0.3) await op("GET /my-courses", () => me.get("/my-courses"));
  }
}

/** A different day for every session booked, so no booking clashes with another (a clash is a 400, rightly). */
let bookings = 0;
const nextBookingDay = () => new Date(Date.UTC(2028, 0, 1) + ++bookings * 86_400_000).toISOString().slice(0, 10);

async function facilitator(email: string, until: number) {
  const me = await signedIn(email);
  const form = await me.get("/sessions/new");
  const invitees = allMatches(form.body, /name="participantIds" value="([^"]+)"/g).slice(0, 2);
  for (let round = 1; Date.now() < until; round++) {
    const cohorts = await op("GET /cohorts", () => me.get("/cohorts"));
    const cohortIds = allMatches(cohorts?.body ?? "", /href="\/cohorts\/([a-z0-9]+)"/g);
    if (cohortIds.length) await op("GET /cohorts/:id", () => me.get(`/cohorts/${pick(cohortIds)}`));
    const sessions = await op("GET /sessions", () => me.get("/sessions"));
    const sessionIds = allMatches(sessions?.body ?? "", /href="\/sessions\/([a-z0-9]{20,})"/g);
    if (sessionIds.length) await op("GET /sessions/:id", () => me.get(`/sessions/${pick(sessionIds)}`));
    if (round % 4 === 0) {
      await op("POST /sessions/new", () =>
        me.post("/sessions/new", {
          kind: "group",
          title: `Belastning ${email.split("@")[0]} ${round}`,
          agenda: "",
          date: nextBookingDay(),
          startTime: "18:00",
          endTime: "19:00",
          location: "Folkets hus",
          videoUrl: "",
          cohortId: "",
          participantIds: invitees,
          capacity: "",
          repeatWeeks: "0",
          occurrences: "1",
        }),
      );
    }
  }
}

async function admin(until: number) {
  const me = await signedIn(`admin@${domain}`);
  while (Date.now() < until) {
    const goals = await op("GET /admin/goals", () => me.get("/admin/goals"));
    const keys = allMatches(goals?.body ?? "", /href="\/admin\/goals\/([a-z0-9-]+)\?period=\d{4}"/g).filter((k) => k !== "report");
    if (keys.length) await op("GET /admin/goals/:key", () => me.get(`/admin/goals/${pick(keys)}?period=${new Date().getFullYear()}`));
    await op("GET /admin/people", () => me.get("/admin/people"));
  }
}

/** A calendar app: polls one subscriber's feed after another, revalidating with the ETag it got last time. */
async function calendarApp(feeds: { path: string; address: string; etag?: string }[], until: number) {
  for (let i = 0; Date.now() < until; i++) {
    const feed = feeds[i % feeds.length]!;
    const client = new Visitor(base, feed.address);
    const answer = await op("GET /kalender/:token.ics", () => client.get(feed.path, feed.etag ? { "If-None-Match": feed.etag } : {}));
    // Every other round a fresh download, as a newly added subscription would do.
    feed.etag = answer && answer.status === 200 && i % 2 === 0 ? (answer.headers.get("etag") ?? undefined) : undefined;
  }
}

async function loginLogout(email: string, until: number) {
  const me = new Visitor(base, nextAddress());
  while (Date.now() < until) {
    await op("POST /login", () => me.post("/login", { email, password: DEMO_PASSWORD, redirectTo: "/" }));
    await op("GET /", () => me.get("/"));
    await op("POST /logout", () => me.post("/logout", {}));
  }
}

/** Calendar subscriptions for a number of people, made the way a person does it (Mitt konto). */
async function makeFeeds(emails: string[]) {
  const feeds: { path: string; address: string }[] = [];
  for (const email of emails) {
    const me = await signedIn(email);
    await me.post("/account", { intent: "feed-new" });
    const page = await me.get("/account");
    const [token] = allMatches(page.body, /\/kalender\/([A-Za-z0-9_-]+)\.ics/g);
    if (!token) throw new Error(`no feed address for ${email}`);
    feeds.push({ path: `/kalender/${token}.ics`, address: `203.0.113.${feeds.length + 1}` });
  }
  return feeds;
}

const learners = ["deltagare", "anna.andersson", "lars.oberg", "karin.hedlund", "mikael.granberg", "elin.berg", "patrik.strand"].map((n) => `${n}@${domain}`);
const subscribers = [
  "per.sandberg",
  "sofia.lindberg",
  "anders.hagglund",
  "linnea.lundstrom",
  "nils.lind",
  "ida.engstrom",
  "olof.bergman",
  "emma.holmberg",
  "henrik.eriksson",
  "frida.sundqvist",
  "jonas.marklund",
  "malin.isaksson",
  "gustav.bjork",
  "hanna.astrom",
  "mats.lidstrom",
  "lisa.wikstrom",
  "stefan.mattsson",
  "maja.nordin",
  "tomas.bostrom",
  "ebba.nystrom",
].map((n) => `${n}@${domain}`);

const feeds = await makeFeeds(subscribers);
const half = Math.ceil(feeds.length / 2);
const started = Date.now();
const until = started + durationMs;
measuring = true;
const users = [
  ...learners.map((email) => learner(email, until)),
  facilitator(`utvecklingsledare@${domain}`, until),
  facilitator(`utvecklingsledare@${domain}`, until),
  facilitator(`utvecklingsledare2@${domain}`, until),
  admin(until),
  admin(until),
  calendarApp(feeds.slice(0, half), until),
  calendarApp(feeds.slice(half), until),
  loginLogout(`sofia.lindberg@${domain}`, until),
  loginLogout(`admin@${domain}`, until),
];
await Promise.all(users);
const elapsedMs = Date.now() - started;
measuring = false;

function percentile(sorted: number[], q: number) {
  return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! * 10) / 10 : 0;
}
function summarise(list: Sample[]) {
  const ms = list
    .filter((s) => s.status > 0)
    .map((s) => s.ms)
    .sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const s of list) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
  return { count: list.length, statuses, p50: percentile(ms, 0.5), p95: percentile(ms, 0.95), p99: percentile(ms, 0.99), max: percentile(ms, 1) };
}
const byOp: Record<string, ReturnType<typeof summarise>> = {};
for (const name of [...new Set(samples.map((s) => s.op))].sort()) byOp[name] = summarise(samples.filter((s) => s.op === name));
console.log(`LOAD-RESULT ${JSON.stringify({ users: users.length, elapsedMs, total: summarise(samples), byOp, failures: failures.slice(0, 20) })}`);
