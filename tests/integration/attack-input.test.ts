/**
 * Oversized and malformed input gets a clear refusal, never a 500 or a hang.
 *
 * - Bodies: server.js refuses a body over MAX_BODY_BYTES (413) or one sent
 *   without a length (411) before anything reads it; only Verktygen's upload
 *   forms take more (a 20 MB manual).
 * - Fields: every free-text field has a maximum, answered in Swedish beside the field.
 * - CSV (people import, bulk enrolment): broken quoting, wrong columns, binary
 *   files and every common encoding (UTF-8 with and without BOM, UTF-16 from
 *   Excel's Unicode text, Windows-1252 from Excel's CSV) give rows or a Swedish error.
 * - ICS: nothing in the app reads ICS; what it writes keeps user text inside its
 *   property. The feed route's refusals of malformed file names are in
 *   attack-access.test.ts (kalender.$file), as are path tricks in URL slugs.
 * - Content sync: a slug that tries to leave its place, and a symlink out of content/.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { ActionFunctionArgs } from "@remix-run/node";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { actorOf } from "~/modules/auth/session.server";
import { ContentSyncError, syncContent } from "~/modules/catalog/sync.server";
import { scheduleSessions } from "~/modules/sessions/sessions.server";
import { action as branchAction } from "~/routes/admin.branches.$branchId";
import { action as newCohortAction } from "~/routes/admin.cohorts.new";
import { action as templateAction } from "~/routes/admin.crisis-template";
import { action as goalAction } from "~/routes/admin.goals.$key";
import { action as importAction } from "~/routes/admin.people.import";
import { action as newPersonAction } from "~/routes/admin.people.new";
import { action as cohortAction } from "~/routes/cohorts.$cohortId._index";
import { action as bulkAction } from "~/routes/cohorts.$cohortId.bulk";
import { action as lessonAction } from "~/routes/courses.$courseSlug.$lessonSlug";
import { action as crisisAction } from "~/routes/crisis.$branchSlug._index";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as loginAction } from "~/routes/login";
import { action as passwordAction } from "~/routes/password.$token";
import { action as submissionAction } from "~/routes/review.submissions.$submissionId";
import { action as newSessionAction } from "~/routes/sessions.new";
import { MAX_FIELD_LENGTH } from "~/utils/read-form.server";
import { MANUAL_UPLOAD_BODY_BYTES, MAX_BODY_BYTES, limitRequestBody } from "../../server-limits.js";
import { basicContent, lessonFile, writeContent } from "./content-fixture";
import { utf16, utf8, windows1252 } from "../support/bytes";
import { isoDay } from "../support/dates";
import { approvalCohort, attackWorld } from "./attack-world";
import { formRequest, settle, signedIn } from "./helpers";

type Person = Awaited<ReturnType<typeof signedIn>>;
const MEGABYTE_TEXT = "x".repeat(1024 * 1024);
/** Far past every field's own maximum (the longest is 20,000), yet under readForm's cap on one field, so the field's own message answers. */
const LONG_TEXT = "x".repeat(MAX_FIELD_LENGTH - 100);
const context = { clientAddress: "203.0.113.77" };

const w = {} as { admin: Person; f1: Person; learner: Person; chair: Person; cohortId: string; submissionId: string; lulea: string; enrolmentId: string };

beforeAll(async () => {
  const world = await attackWorld();
  Object.assign(w, world);
  w.cohortId = await approvalCohort(world, w.f1);
  w.enrolmentId = (await db.enrolment.create({ data: { cohortId: w.cohortId, personId: w.learner.id, status: "pending" } })).id;
  const lesson = await db.lesson.findUniqueOrThrow({ where: { slug: "t-uppgift" } });
  w.submissionId = (await db.assignmentSubmission.create({ data: { personId: w.learner.id, lessonId: lesson.id, text: "En inlämning som väntar." } })).id;
});

describe("attack: request bodies too large for the server", () => {
  let server: http.Server;
  let port: number;
  let handled = 0;

  beforeAll(async () => {
    const app = express();
    app.use(limitRequestBody());
    app.post("*", (req, res) => {
      handled++;
      let size = 0;
      req.on("data", (chunk: Buffer) => (size += chunk.length));
      req.on("end", () => res.type("text/plain").send(`read ${size}`));
    });
    server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Sends only the headers (and a little of the body), then waits for the answer: a refusal must not wait for the rest. */
  function announce(headers: Record<string, string>, path = "/login"): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, method: "POST", path, headers });
      req.on("response", (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body });
        });
      });
      req.on("error", reject);
      req.write("x".repeat(1024));
    });
  }

  it("a 10 MB body is refused with 413 and a Swedish message, before the app reads it", async () => {
    const before = handled;
    const res = await announce({ "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(10 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body).toBe("Förfrågan är för stor (högst 5 MB). Ladda upp en mindre fil eller dela upp den.");
    expect(handled).toBe(before);
    // A client that sends everything first (as a browser does) still reads the answer.
    const full = await fetch(`http://127.0.0.1:${port}/login`, {
      method: "POST",
      body: "x".repeat(10 * 1024 * 1024),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(full.status).toBe(413);
    expect(await full.text()).toMatch(/^Förfrågan är för stor/);
    expect(handled).toBe(before);
  });

  it("only Verktygen's upload forms take a 20 MB manual: 21 MB there, with their own message past it, and 5 MB everywhere else", async () => {
    const length = (megabytes: number) => ({ "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(megabytes * 1024 * 1024) });
    const before = handled;
    for (const path of ["/verktyg/ny", "/verktyg/cmx5abc/redigera", "/verktyg/ny.data", "/verktyg/cmx5abc/redigera.data"]) {
      const res = await announce(length(22), path);
      expect(res.status, path).toBe(413);
      expect(res.body).toBe("Filen är för stor: en manual får vara högst 20 MB. Gå tillbaka och välj en mindre fil.");
    }
    for (const path of ["/login", "/verktyg", "/verktyg/cmx5abc/ta-bort", "/verktyg/ny/extra", "/admin/people/import", "/x/verktyg/ny"]) {
      const res = await announce(length(10), path);
      expect(res.status, path).toBe(413);
      expect(res.body, path).toMatch(/högst 5 MB/);
    }
    expect(handled).toBe(before);
    // 20 MB and its form get through to the route.
    const body = "a".repeat(MANUAL_UPLOAD_BODY_BYTES - 100);
    const res = await fetch(`http://127.0.0.1:${port}/verktyg/ny`, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(await res.text()).toBe(`read ${body.length}`);
  });

  it("a body without a length (chunked) is refused with 411", async () => {
    const res = await announce({ "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" });
    expect(res.status).toBe(411);
    expect(res.body).toMatch(/saknar längd/);
  });

  it("a nonsense length is refused, and a body just under the limit goes through whole", async () => {
    expect((await announce({ "Content-Length": "-1" })).status).toBe(400); // Node's own parser refuses this one
    const body = "a=" + "x".repeat(MAX_BODY_BYTES - 10);
    const res = await fetch(`http://127.0.0.1:${port}/login`, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(`read ${body.length}`);
  });
});

describe("attack: a value far over its maximum in every free-text field gets a Swedish field message", () => {
  type Case = {
    action: (args: ActionFunctionArgs) => Promise<unknown>;
    url: string;
    params?: Record<string, string>;
    who?: keyof typeof w;
    form: () => Promise<Record<string, string>>;
    field: string;
    message: RegExp;
  };
  const big = LONG_TEXT;
  const cases: Record<string, Case> = {
    "login e-mail": { action: loginAction, url: "/login", form: async () => ({ email: big, password: "x" }), field: "email", message: /^Högst 254 tecken\.$/ },
    "login password": {
      action: loginAction,
      url: "/login",
      form: async () => ({ email: "a@b.se", password: big }),
      field: "password",
      message: /^Högst 500 tecken\.$/,
    },
    "forgot-password e-mail": { action: forgotAction, url: "/forgot-password", form: async () => ({ email: big }), field: "email", message: /för lång/ },
    "new password": {
      action: passwordAction,
      url: `/password/${"A".repeat(43)}`,
      params: { token: "A".repeat(43) },
      form: async () => ({ password: big, passwordConfirm: big }),
      field: "password",
      message: /högst 200 tecken/,
    },
    "person name": {
      action: newPersonAction,
      url: "/admin/people/new",
      who: "admin",
      form: async () => ({ name: big, email: "ny@test.se", branchId: w.lulea, position: "ledamot", roles: "participant" }),
      field: "name",
      message: /högst 120 tecken/,
    },
    "branch name": {
      action: branchAction,
      url: "/admin/branches/x",
      who: "admin",
      params: { branchId: "" },
      form: async () => ({ name: big }),
      field: "name",
      message: /högst 60 tecken/,
    },
    reflection: {
      action: lessonAction,
      url: "/courses/testkurs/t-reflektion",
      who: "learner",
      params: { courseSlug: "testkurs", lessonSlug: "t-reflektion" },
      form: async () => ({ intent: "reflection", text: big }),
      field: "text",
      message: /Högst 10 000 tecken/,
    },
    assignment: {
      action: lessonAction,
      url: "/courses/testkurs/t-uppgift",
      who: "learner",
      params: { courseSlug: "testkurs", lessonSlug: "t-uppgift" },
      form: async () => ({ intent: "assignment", text: big }),
      field: "text",
      message: /Högst 20 000 tecken/,
    },
    "review comment": {
      action: submissionAction,
      url: "/review/submissions/x",
      who: "f1",
      params: { submissionId: "" },
      form: async () => ({ decision: "return", comment: big }),
      field: "comment",
      message: /Högst 5 000 tecken/,
    },
    "session title": {
      action: newSessionAction,
      url: "/sessions/new",
      who: "f1",
      form: async () => ({ kind: "group", title: big, date: isoDay(9), startTime: "18:00", endTime: "19:00", location: "Luleå" }),
      field: "title",
      message: /Högst 120 tecken/,
    },
    "session agenda": {
      action: newSessionAction,
      url: "/sessions/new",
      who: "f1",
      form: async () => ({ kind: "group", title: "Möte", agenda: big, date: isoDay(9), startTime: "18:00", endTime: "19:00", location: "Luleå" }),
      field: "agenda",
      message: /Högst 5 000 tecken/,
    },
    "session place": {
      action: newSessionAction,
      url: "/sessions/new",
      who: "f1",
      form: async () => ({ kind: "group", title: "Möte", date: isoDay(9), startTime: "18:00", endTime: "19:00", location: big }),
      field: "location",
      message: /Högst 200 tecken/,
    },
    "session video link": {
      action: newSessionAction,
      url: "/sessions/new",
      who: "f1",
      form: async () => ({ kind: "group", title: "Möte", date: isoDay(9), startTime: "18:00", endTime: "19:00", videoUrl: `https://meet.example.se/${big}` }),
      field: "videoUrl",
      message: /Högst 500 tecken/,
    },
    "cohort name": {
      action: newCohortAction,
      url: "/admin/cohorts/new",
      who: "admin",
      form: async () => ({ name: big }),
      field: "name",
      message: /Högst 120 tecken/,
    },
    "decline reason": {
      action: cohortAction,
      url: "/cohorts/x",
      who: "f1",
      params: { cohortId: "" },
      form: async () => ({ intent: "decline", enrolmentId: w.enrolmentId, reason: big }),
      field: "reason",
      message: /Högst 500 tecken/,
    },
    "crisis item note": {
      action: crisisAction,
      url: "/crisis/lulea",
      who: "chair",
      params: { branchSlug: "lulea" },
      form: async () => ({ intent: "item", itemId: "x", status: "done", note: big }),
      field: "note",
      message: /^Högst 2000 tecken\.$/,
    },
    "crisis item link": {
      action: crisisAction,
      url: "/crisis/lulea",
      who: "chair",
      params: { branchSlug: "lulea" },
      form: async () => ({ intent: "item", itemId: "x", status: "done", link: `https://example.se/${big}` }),
      field: "link",
      message: /Högst 2 000 tecken/,
    },
    "crisis own item": {
      action: crisisAction,
      url: "/crisis/lulea",
      who: "chair",
      params: { branchSlug: "lulea" },
      form: async () => ({ intent: "own-item", sectionKey: "x", title: big }),
      field: "title",
      message: /Högst 200 tecken/,
    },
    "crisis contact": {
      action: crisisAction,
      url: "/crisis/lulea",
      who: "chair",
      params: { branchSlug: "lulea" },
      form: async () => ({ intent: "contact", name: big, role: "Roll", phone: "070-123 45 67" }),
      field: "name",
      message: /^Namnet får vara högst 120 tecken\.$/,
    },
    "crisis template item": {
      action: templateAction,
      url: "/admin/crisis-template",
      who: "admin",
      form: async () => ({ newTitle: big }),
      field: "newTitle",
      message: /högst 200 tecken/,
    },
    "indicator name": {
      action: goalAction,
      url: "/admin/goals/oppenhet",
      who: "admin",
      params: { key: "oppenhet" },
      form: async () => ({ intent: "edit", name: big, definition: "En definition.", target: "50" }),
      field: "name",
      message: /Högst 200 tecken/,
    },
    "indicator source": {
      action: goalAction,
      url: "/admin/goals/oppenhet",
      who: "admin",
      params: { key: "oppenhet" },
      form: async () => ({ intent: "entry", period: "2026", value: "40", source: big, measuredOn: "2026-01-01" }),
      field: "source",
      message: /Högst 200 tecken/,
    },
  };

  it.each(Object.keys(cases))("%s", async (name) => {
    const c = cases[name]!;
    const params = { ...c.params };
    if (name === "branch name") params.branchId = w.lulea;
    if (name === "review comment") params.submissionId = w.submissionId;
    if (name === "decline reason") params.cohortId = w.cohortId;
    const cookie = c.who ? (w[c.who] as Person).cookie : undefined;
    const fields = await c.form();
    const res = await settle(() => c.action({ request: formRequest(c.url, fields, { cookie }), context, params }));
    expect(res.status, name).toBe(400);
    const body = await res.json();
    const messages: string[] = body.errors?.[c.field] ?? [];
    expect(messages.join(" "), `${name}: ${JSON.stringify(body.errors).slice(0, 300)}`).toMatch(c.message);
    // The page shows the form again; it does not need to carry the long text back more than once.
    expect(JSON.stringify(body).length, name).toBeLessThan(3 * big.length);
  });

  it.each(Object.keys(cases))("%s: a 1 MB value is refused whole with 413 and a Swedish message, before the action looks at the form", async (name) => {
    const c = cases[name]!;
    const params = { ...c.params };
    if (name === "branch name") params.branchId = w.lulea;
    if (name === "review comment") params.submissionId = w.submissionId;
    if (name === "decline reason") params.cohortId = w.cohortId;
    const cookie = c.who ? (w[c.who] as Person).cookie : undefined;
    const fields = Object.fromEntries(Object.entries(await c.form()).map(([k, v]) => [k, v.replace(big, MEGABYTE_TEXT)]));
    const res = await settle(() => c.action({ request: formRequest(c.url, fields, { cookie }), context, params }));
    expect(res.status, name).toBe(413);
    expect(await res.text(), name).toBe("Ett fält i formuläret är för långt (högst 100 000 tecken). Korta texten och försök igen.");
  });

  it("an over-long name is refused beside the field, and 120 characters are fine", async () => {
    const fields = (name: string, email: string) => ({ name, email, branchId: w.lulea, position: "ledamot", roles: "participant" });
    const tooLong = await settle(() =>
      newPersonAction({ request: formRequest("/admin/people/new", fields("Å".repeat(121), "lang@test.se"), { cookie: w.admin.cookie }), context, params: {} }),
    );
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).errors.name).toEqual(["Namnet får vara högst 120 tecken."]);
    const fine = await settle(() =>
      newPersonAction({ request: formRequest("/admin/people/new", fields("Å".repeat(120), "lagom@test.se"), { cookie: w.admin.cookie }), context, params: {} }),
    );
    expect(fine).toRedirectTo(/^\/admin\/people\/[^/]+$/);
  });

  it("a video link the calendar library cannot write is refused at the form, not a 500 when the invitation is built", async () => {
    for (const videoUrl of ["https://ex_ample.se/rum", "https://meet.example.se:8/rum", "https://user:pw@meet.example.se/"]) {
      const res = await settle(() =>
        newSessionAction({
          request: formRequest(
            "/sessions/new",
            { kind: "group", title: "Möte", date: isoDay(9), startTime: "18:00", endTime: "19:00", videoUrl, participantIds: w.learner.id },
            { cookie: w.f1.cookie },
          ),
          context,
          params: {},
        }),
      );
      expect(res.status, videoUrl).toBe(400);
      expect((await res.json()).errors.videoUrl).toEqual(["Videolänken ser inte ut som en webbadress, t.ex. https://meet.example.se/rum."]);
    }
  });
});

/** A multipart upload, as the browser sends a chosen file. */
function upload(url: string, cookie: string, fields: Record<string, string>, file: { name: string; bytes: Uint8Array }) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  body.append("csvFile", new File([new Uint8Array(file.bytes)], file.name, { type: "text/csv" }));
  return new Request(`http://localhost:3000${url}`, { method: "POST", body, headers: { Cookie: cookie } });
}

describe("attack: malformed CSV in the people import and the bulk enrolment", () => {
  const header = "namn;e-post;arbetarekommun;befattning;roller";
  const row = (email: string) => `Åsa Öberg;${email};Luleå;ledamot;deltagare`;
  const importFile = async (bytes: Uint8Array) => {
    const res = await settle(() =>
      importAction({ request: upload("/admin/people/import", w.admin.cookie, { intent: "preview" }, { name: "personer.csv", bytes }), context, params: {} }),
    );
    return { status: res.status, body: await res.json() };
  };

  it("a file in any common encoding reads the same: UTF-8 with or without BOM, UTF-16 with or without BOM, Windows-1252", async () => {
    const text = `${header}\r\n${row("asa@test.se")}\r\n`;
    const variants: Record<string, Uint8Array> = {
      "UTF-8": utf8(text),
      "UTF-8 with BOM": utf8(`\uFEFF${text}`),
      "UTF-8 with two BOMs": utf8(`\uFEFF\uFEFF${text}`),
      "UTF-16LE with BOM": utf16(text, "le", true),
      "UTF-16BE with BOM": utf16(text, "be", true),
      "UTF-16LE without BOM": utf16(text, "le", false),
      "Windows-1252": windows1252(text),
      // Excel's "Unicode-text": tabs between the cells.
      "UTF-16LE with BOM, tab-separated": utf16(text.replaceAll(";", "\t"), "le", true),
      "UTF-16BE without BOM, tab-separated": utf16(text.replaceAll(";", "\t"), "be", false),
      "UTF-8, comma-separated": utf8(text.replaceAll(";", ",")),
    };
    for (const [name, bytes] of Object.entries(variants)) {
      const { status, body } = await importFile(bytes);
      expect(status, name).toBe(200);
      expect(body.preview, name).toMatchObject({ ok: true, valid: 1, invalid: 0 });
      expect(body.preview.rows[0], name).toMatchObject({ name: "Åsa Öberg", email: "asa@test.se", branchName: "Luleå" });
    }
  });

  it("broken files get one clear Swedish message each, and nothing is imported", async () => {
    const cases: Record<string, [Uint8Array, RegExp]> = {
      "an unclosed quote": [utf8(`${header}\n"Åsa Öberg;asa@test.se;Luleå;ledamot;deltagare\n`), /citattecken saknas/],
      "wrong columns": [utf8("förnamn;efternamn;telefon\nÅsa;Öberg;070\n"), /^Rubrikraden saknar namn, e-post, arbetarekommun, befattning, roller\./],
      "a separator the reader does not know": [
        utf8(`${header.replaceAll(";", "|")}\n${row("a@test.se").replaceAll(";", "|")}\n`),
        /^Kolumnerna i filen gick inte att skilja åt\..*med semikolon, komma eller tabb mellan kolumnerna\.$/,
      ],
      "binary garbage": [
        new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0x00, 0x12]),
        /inte vara en CSV-fil.*UTF-8, UTF-16 \(Excels Unicode-text\) eller Windows-1252/,
      ],
      "a NUL byte in text": [utf8(`${header}\n${row("a@test.se")}\u0000\n`), /inte vara en CSV-fil/],
      "only the header": [utf8(`${header}\n`), /ingen rad med personer/],
    };
    for (const [name, [bytes, message]] of Object.entries(cases)) {
      const { status, body } = await importFile(bytes);
      expect(status, name).toBe(200);
      expect(body.preview, name).toMatchObject({ ok: false });
      expect(body.preview.fileError, name).toMatch(message);
    }
    const commit = await settle(() =>
      importAction({
        request: upload("/admin/people/import", w.admin.cookie, { intent: "commit" }, { name: "x.csv", bytes: cases["binary garbage"]![0] }),
        context,
        params: {},
      }),
    );
    expect(commit.status).toBe(400);
    expect(await db.person.count({ where: { name: "Åsa Öberg" } })).toBe(0);
  });

  it("a pasted text over 2 MB is refused with 413, whatever the request's headers say", async () => {
    const res = await settle(() =>
      importAction({
        request: formRequest("/admin/people/import", { intent: "preview", csvText: `${header}\n${"x".repeat(2 * 1024 * 1024)}` }, { cookie: w.admin.cookie }),
        context,
        params: {},
      }),
    );
    expect(res.status).toBe(413);
    expect((await res.json()).errors.csv).toEqual(["Filen är för stor (högst 2 MB)."]);
  });

  it("bulk enrolment: encodings read alike; broken files, wrong columns and oversized files get a Swedish error", async () => {
    const bulk = async (bytes: Uint8Array) => {
      const res = await settle(() =>
        bulkAction({
          request: upload(`/cohorts/${w.cohortId}/bulk`, w.f1.cookie, { intent: "preview-csv" }, { name: "lista.csv", bytes }),
          context,
          params: { cohortId: w.cohortId },
        }),
      );
      return { status: res.status, body: await res.json() };
    };
    const list = `e-post\r\n${w.learner.email}\r\nokand@test.se\r\n`;
    for (const bytes of [utf8(list), utf8(`\uFEFF${list}`), utf16(list, "le", true), utf16(list, "be", true), windows1252(list)]) {
      const { status, body } = await bulk(bytes);
      expect(status).toBe(200);
      expect(body.preview.rows.map((r: { email: string }) => r.email)).toEqual([w.learner.email]);
      expect(body.preview.problems).toEqual([{ line: 3, value: "okand@test.se", message: "ingen person med den e-postadressen" }]);
    }
    const refused: [Uint8Array, number, RegExp][] = [
      [utf8(`e-post\n"${w.learner.email}\n`), 400, /citattecken saknas/],
      [utf8("namn;telefon\nÅsa;070\n"), 400, /Hittar ingen kolumn som heter e-post/],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]), 400, /inte vara en CSV-fil/],
      [utf8(`e-post\n${"a".repeat(600_000)}`), 413, /för stor/],
    ];
    for (const [bytes, status, message] of refused) {
      const res = await bulk(bytes);
      expect(res.status).toBe(status);
      expect(res.body.errors._form.join(" ")).toMatch(message);
    }
    expect(await db.enrolment.count({ where: { cohortId: w.cohortId, status: "enrolled" } })).toBe(0);
  });
});

describe("attack: calendar text", () => {
  it("line breaks in a title, an agenda and a name stay inside their iCalendar property", async () => {
    const guest = await signedIn({ branch: "Luleå" });
    await db.person.update({ where: { id: guest.id }, data: { name: "Eva\r\nATTENDEE:mailto:evil@example.com" } });
    const result = await scheduleSessions(actorOf(w.f1), {
      kind: "group",
      title: "Möte\r\nATTENDEE:mailto:evil@example.com",
      agenda: "Rad\r\nBEGIN:VALARM\r\nTRIGGER:-PT5M",
      date: isoDay(20),
      startTime: "18:00",
      endTime: "19:00",
      location: "Luleå",
      videoUrl: "",
      cohortId: "",
      participantIds: [guest.id],
      capacity: "",
      repeatWeeks: 0,
      occurrences: 1,
    });
    if (!result.ok) throw new Error(result.message);
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { personId: guest.id, kind: "session-invite" } });
    // Unfold the iCalendar lines as a reader would, then look for a forged line.
    const lines = mail.icsContent!.replace(/\r\n[ \t]/g, "").split("\r\n");
    expect(lines.filter((l) => l.startsWith("ATTENDEE"))).toHaveLength(1);
    // The invitation's own alarm (an hour before) and nothing the agenda tried to add.
    expect(lines.filter((l) => /^(BEGIN:VALARM|TRIGGER)/.test(l))).toEqual(["BEGIN:VALARM", "TRIGGER:-PT1H"]);
    expect(lines.find((l) => l.startsWith("SUMMARY:"))).toBe("SUMMARY:Möte\\nATTENDEE:mailto:evil@example.com");
  });
});

describe("attack: content files that try to leave their place", () => {
  it("a slug with ../ or an encoded dot-dot is refused by the sync, which then writes nothing", async () => {
    for (const slug of ["../../etc/passwd", "..%2f..%2fsecret", "a/../../b", "t-las\u0000", "x".repeat(10) + "/"]) {
      const dir = writeContent({
        ...basicContent(),
        "testkurs/m1/elak.md": lessonFile("placeholder", { order: 9 }).replace("lesson: placeholder", `lesson: ${JSON.stringify(slug)}`),
      });
      const before = await db.lesson.count();
      let problems: { file: string; field?: string; message: string }[] = [];
      try {
        await syncContent(dir);
      } catch (error) {
        if (!(error instanceof ContentSyncError)) throw error;
        problems = error.problems;
      }
      expect(problems, slug).toContainEqual({
        file: path.join("testkurs", "m1", "elak.md"),
        field: "lesson",
        message: "får bara innehålla a-z, 0-9 och bindestreck",
      });
      expect(await db.lesson.count()).toBe(before);
    }
  });

  it("a symlink inside content/ pointing at a file outside it is not read", async () => {
    const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ledarlyftet-outside-")), "hemlig.md");
    fs.writeFileSync(outside, lessonFile("t-hemlig", { order: 5, body: "HEMLIG TEXT UTANFÖR CONTENT" }));
    const dir = writeContent(basicContent());
    fs.symlinkSync(outside, path.join(dir, "testkurs", "m1", "lank.md"));
    fs.symlinkSync(path.dirname(outside), path.join(dir, "testkurs", "utanfor"));
    await syncContent(dir);
    expect(await db.lesson.count({ where: { slug: "t-hemlig" } })).toBe(0);
    expect(await db.lesson.count({ where: { bodyHtml: { contains: "HEMLIG TEXT" } } })).toBe(0);
  });
});
