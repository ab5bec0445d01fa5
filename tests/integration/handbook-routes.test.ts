import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DomUtils, parseDocument } from "htmlparser2";
import { getDocument, type PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { pdfTextLines } from "../support/pdf-text";
import { rewrite } from "./content-fixture";
import { signedIn } from "./helpers";
import { liveContentIn, startRemixApp, type RemixApp } from "./remix-app";

/**
 * The handbook from the real course text (a copy of content/, so a test can
 * change a lesson), through the app as the server runs it: the print page
 * as HTML, the PDF read back with PDF.js.
 */

const PAGE = "/handbok/kommunikationsmodellen";
const PDF = "/handbok/kommunikationsmodellen.pdf";
const PERSPECTIVES = ["Agenda", "Närhet", "Kompetens", "Tydlighet"];
const AGENDA_TEXT = "kommunikatorsutbildningen/kommunikationsmodellen/agenda/km-agenda-text.md";
const PROGRAM = "programs/kommunikatorsutbildningen.md";

type Person = Awaited<ReturnType<typeof signedIn>>;
let app: RemixApp;
let dir: string;
let member: Person;
let admin: Person;

/** The sync the server runs: the build's own module, so it forgets the build's catalog copy. */
async function sync() {
  const { syncContent } = (await app.vite.ssrLoadModule("/app/modules/catalog/sync.server.ts")) as typeof import("~/modules/catalog/sync.server");
  await syncContent(dir);
}

function editFile(name: string, edit: (text: string) => string) {
  rewrite(dir, name, edit(fs.readFileSync(path.join(dir, name), "utf8")));
}

async function page(cookie = member.cookie) {
  const res = await app.request(PAGE, { cookie });
  const html = await res.text();
  expect(res.status, html.slice(0, 300)).toBe(200);
  return { html, dom: parseDocument(html) };
}

async function pdfBytes(cookie = member.cookie) {
  const res = await app.request(PDF, { cookie });
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("application/pdf");
  return new Uint8Array(await res.arrayBuffer());
}

async function open(pdf: Uint8Array): Promise<PDFDocumentProxy> {
  return getDocument({ data: new Uint8Array(pdf), verbosity: 0, fontExtraProperties: true }).promise;
}

/** Every knowledge check's prompts, options and feedback in the course, and the reflections' and assignment's own words. */
async function courseWork(): Promise<string[]> {
  const lessons = await db.lesson.findMany({ where: { module: { course: { slug: "kommunikationsmodellen" } }, type: { not: "text" }, retiredAt: null } });
  const quizzes = lessons.filter((lesson) => lesson.type === "quiz");
  expect(quizzes.length).toBeGreaterThanOrEqual(4);
  const words = quizzes.flatMap((quiz) =>
    (JSON.parse(quiz.questions) as { prompt: string; options: { text: string; feedback?: string }[] }[]).flatMap((question) => [
      question.prompt,
      ...question.options.flatMap((option) => [option.text, option.feedback ?? ""]),
    ]),
  );
  return [
    ...words.filter((text) => text.length > 20),
    "Vilka tre frågor tror du att människor i din kommun tycker är viktigast just nu?",
    "Så ser en bra inlämning ut",
  ];
}

const byClass = (dom: ReturnType<typeof parseDocument>, name: string) =>
  DomUtils.findAll((el) => (el.attribs.class ?? "").split(" ").includes(name), dom.children);
const text = (node: Parameters<typeof DomUtils.textContent>[0]) => DomUtils.textContent(node).replace(/\s+/g, " ").trim();

beforeAll(async () => {
  app = await startRemixApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledarlyftet-handbook-"));
  fs.cpSync(path.resolve("content"), dir, { recursive: true });
  await sync();
  member = await signedIn({ branch: "Kiruna" });
  admin = await signedIn({ roles: ["admin"] });
}, 60_000);

afterAll(async () => {
  await app?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the handbook's print page", () => {
  it("has a cover, the contents, the introduction, then the four perspectives in order, each marked to start a new printed page", async () => {
    const { html, dom } = await page();
    const [cover] = byClass(dom, "handbook-cover");
    expect(text(DomUtils.getElementsByTagName("h1", cover!)[0]!)).toBe("Kommunikationsmodellen");
    expect(text(cover!)).toContain("Handbok för Socialdemokraterna i Norrbotten");
    expect(text(cover!)).toMatch(/Version [0-9a-f]{8}, senast ändrad \d{1,2} \p{L}+ \d{4}\. Utskriven \d{1,2} \p{L}+ \d{4}\./u);

    const sections = byClass(dom, "handbook-section");
    const titles = sections.map((section) => text(DomUtils.getElementsByTagName("h2", section)[0]!));
    expect(titles.slice(0, 5)).toEqual(["Introduktion", ...PERSPECTIVES]);
    expect(titles[5]).toBe("Tillämpa modellen på ett eget utspel");
    const contents = byClass(dom, "handbook-contents")[0]!;
    expect(DomUtils.getElementsByTagName("a", contents).map(text)).toEqual(titles);

    // Every section is a .handbook-section, and the stylesheet starts each on a new page.
    const css = fs.readFileSync(path.resolve("app/styles/app.css"), "utf8");
    expect(css).toMatch(/\.handbook-section \{[^}]*break-before: page;/);

    // The text lessons' words, with their headings under the section's: a lesson's own h2 is an h4 here.
    const agenda = sections[1]!;
    expect(text(agenda)).toContain("Målet är att inget annat parti ska vara bättre än vi på att prata om det som väljarna själva sätter högst.");
    expect(DomUtils.getElementsByTagName("h3", agenda).map(text)).toEqual(["Agenda – prata om det som berör människor"]);
    expect(DomUtils.getElementsByTagName("h4", agenda).map(text)).toContain("Frågor att ställa dig");
    expect(liveContentIn(html)).toEqual([]);
  });

  it("leaves out knowledge checks (no question, option or feedback), reflections and the assignment", async () => {
    const { dom } = await page();
    const words = text(byClass(dom, "handbook")[0]!);
    for (const work of await courseWork()) expect(words, work).not.toContain(work);
  });

  it("sends an anonymous visitor to log in, and answers 404 for a course that is not a handbook", async () => {
    for (const url of [PAGE, PDF]) expect(await app.request(url)).toRedirectTo(`/login?redirectTo=${encodeURIComponent(url)}`);
    for (const url of [
      "/handbok/kommunikatorens-verktyg",
      "/handbok/kommunikatorens-verktyg.pdf",
      "/handbok/finns-inte",
      "/handbok/finns-inte.pdf",
      "/handbok/..%2F..%2Fetc%2Fpasswd",
      "/handbok/kommunikationsmodellen%00.pdf",
    ]) {
      const res = await app.request(url, { cookie: member.cookie });
      expect(res.status, url).toBe(404);
      expect(await res.text()).not.toContain("%PDF");
    }
  });

  it("is linked from its course page and from its card on Kurser, and no other course links one", async () => {
    const link = `href="${PAGE}"`;
    expect(await (await app.request("/courses/kommunikationsmodellen", { cookie: member.cookie })).text()).toContain(link);
    expect(await (await app.request("/courses", { cookie: member.cookie })).text()).toContain(link);
    expect(await (await app.request("/courses/kommunikatorens-verktyg", { cookie: member.cookie })).text()).not.toContain('href="/handbok/');
  });
});

describe("the handbook as PDF", () => {
  it("is tagged, titled, in Swedish, with a bookmark for each section and the fonts embedded", async () => {
    const doc = await open(await pdfBytes());
    expect(await doc.getMarkInfo()).toMatchObject({ Marked: true });
    expect((await doc.getMetadata()).info).toMatchObject({ Title: "Kommunikationsmodellen", Language: "sv-SE" });
    expect(await doc.getViewerPreferences()).toMatchObject({ DisplayDocTitle: true });
    expect((await doc.getOutline()).map((item) => item.title)).toEqual(["Introduktion", ...PERSPECTIVES, "Tillämpa modellen på ett eget utspel"]);

    const roles = new Set<string>();
    const walk = (node: { role?: string; children?: unknown[] }) => {
      if (node.role) roles.add(node.role);
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    const fonts = new Map<string, { missingFile: boolean; type: string }>();
    for (let n = 1; n <= doc.numPages; n++) {
      const pdfPage = await doc.getPage(n);
      walk((await pdfPage.getStructTree()) as Parameters<typeof walk>[0]);
      await pdfPage.getOperatorList();
      for (const [, font] of pdfPage.commonObjs as unknown as Iterable<[string, { name?: string; missingFile: boolean; type: string }]>) {
        if (font?.name) fonts.set(font.name, font);
      }
    }
    for (const role of ["Document", "H1", "H2", "H3", "H4", "P", "Sect", "TOC", "TOCI", "Link", "L", "LI", "Lbl", "LBody"]) expect(roles).toContain(role);
    expect(fonts.size).toBeGreaterThanOrEqual(2);
    for (const [name, font] of fonts) {
      expect(name).toMatch(/^[A-Z]{6}\+NotoSans-/);
      expect(font).toMatchObject({ missingFile: false, type: "CIDFontType2" });
    }
    await doc.destroy();
  });

  it("has the cover, then the four perspectives in order as text, each from the top of a page, and no knowledge check", async () => {
    const lines = await pdfTextLines(await pdfBytes());
    expect(lines.slice(0, 2)).toEqual(["Kommunikationsmodellen", "Handbok för Socialdemokraterna i Norrbotten"]);
    expect(lines[2]).toMatch(/^Version [0-9a-f]{8}, senast ändrad /);
    const starts = PERSPECTIVES.map((title) => lines.indexOf(title));
    expect(starts.every((index) => index > 0)).toBe(true);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    // Footers are written last on each page: the line before a perspective's heading ends the page before.
    for (const index of starts) expect(lines[index - 1]).toMatch(/^Kommunikationsmodellen – sida \d+ av \d+$/);
    const words = lines.join(" ");
    expect(words).toContain("Målet är att inget annat parti ska vara bättre än vi på att prata om det som väljarna själva sätter högst.");
    for (const work of await courseWork()) expect(words, work).not.toContain(work);
  });
});

describe("the handbook follows the course as published", () => {
  it("shows a changed lesson text in the page and the PDF, under a new edition", async () => {
    const before = await page();
    const beforeEdition = text(byClass(before.dom, "handbook-cover")[0]!).match(/Version ([0-9a-f]{8})/)![1];
    const sentence = "En mening som kom till i handboken efter den första utskriften.";
    editFile(AGENDA_TEXT, (body) => `${body.trimEnd()}\n\n${sentence}\n`);
    await sync();

    const after = await page();
    expect(text(byClass(after.dom, "handbook-section")[1]!)).toContain(sentence);
    expect(text(byClass(after.dom, "handbook-cover")[0]!)).not.toContain(`Version ${beforeEdition}`);
    const lines = await pdfTextLines(await pdfBytes());
    expect(lines.join(" ")).toContain(sentence);
    expect(lines[2]).not.toContain(beforeEdition);
  });

  it("in an enrolment-only program is for that program's participants, as the course is", async () => {
    editFile(PROGRAM, (file) => file.replace("enrolmentOnly: false", "enrolmentOnly: true"));
    await sync();
    try {
      for (const url of [PAGE, PDF]) {
        const refused = await app.request(url, { cookie: member.cookie });
        expect(refused.status, url).toBe(403);
        expect(await refused.text()).not.toContain("Målet är att inget annat parti");
        const preview = await app.request(url, { cookie: admin.cookie });
        expect(preview.status, url).toBe(200);
        await preview.arrayBuffer();
      }
    } finally {
      editFile(PROGRAM, (file) => file.replace("enrolmentOnly: true", "enrolmentOnly: false"));
      await sync();
    }
  });
});
