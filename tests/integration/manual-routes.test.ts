/**
 * Verktygen's shelf through its routes, on a real database: uploading,
 * replacing, editing, deleting and downloading manuals, each refusal of a
 * file, who sees which manual, and who may change the shelf.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { listAuditEventsFor } from "~/modules/audit/audit.server";
import { describeDetail, describeSubject, namesFor } from "~/modules/audit/audit-words.server";
import { auditLabel } from "~/modules/audit/actions";
import { PART_BYTES } from "~/modules/manuals/manuals.server";
import { MAX_MANUAL_BYTES } from "~/modules/manuals/manuals";
import { loader as downloadLoader } from "~/routes/verktyg.$manualId.ladda-ner";
import { action as editAction, loader as editLoader } from "~/routes/verktyg.$manualId.redigera";
import { action as deleteAction, loader as deleteLoader } from "~/routes/verktyg.$manualId.ta-bort";
import { loader as shelfLoader } from "~/routes/verktyg._index";
import { action as newAction, loader as newLoader } from "~/routes/verktyg.ny";
import { compoundFile, docxFile, linuxProgram, pdfFile, pngFile, pptxFile, webpFile, windowsProgram } from "../support/sample-files";
import { TEST_ORIGIN } from "../support/requests";
import { formRequest, getRequest, settle, signedIn } from "./helpers";

type Person = Awaited<ReturnType<typeof signedIn>>;
type Fields = Record<string, string | string[]>;

const context = { clientAddress: "203.0.113.61" };
const w = {} as { admin: Person; editor: Person; facilitator: Person; participant: Person };

beforeAll(async () => {
  w.admin = await signedIn({ roles: ["admin"] });
  w.editor = await signedIn({ roles: ["editor"] });
  w.facilitator = await signedIn({ roles: ["facilitator"] });
  w.participant = await signedIn({ roles: ["participant"] });
});

const FIELDS: Fields = { title: "Utspel steg för steg", description: "Från fråga till utspel.", category: "utspel", visibility: "everyone" };

/** A multipart post as the browser sends the upload form; `file: null` leaves the file input out altogether. */
function multipart(url: string, cookie: string | undefined, fields: Fields, file: { name: string; bytes: Uint8Array; type?: string } | null) {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(key, item);
  if (file) body.append("file", new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "application/octet-stream" }));
  return new Request(`${TEST_ORIGIN}${url}`, { method: "POST", body, headers: cookie ? { Cookie: cookie } : {} });
}

async function upload(who: Person, file: { name: string; bytes: Uint8Array } | null, fields: Fields = FIELDS) {
  return settle(() => newAction({ request: multipart("/verktyg/ny", who.cookie, fields, file), context, params: {} }));
}

/** Uploads and answers the new manual's id. */
async function uploaded(file: { name: string; bytes: Uint8Array }, fields: Fields = FIELDS, who = w.admin) {
  const res = await upload(who, file, fields);
  expect(res, JSON.stringify(await res.clone().text()).slice(0, 300)).toRedirectTo("/verktyg");
  return (await db.manual.findFirstOrThrow({ where: { title: String(fields.title) }, orderBy: { createdAt: "desc" } })).id;
}

const download = (manualId: string, who?: Person) =>
  settle(() => downloadLoader({ request: getRequest(`/verktyg/${manualId}/ladda-ner`, who?.cookie), context, params: { manualId } }));

async function shelf(who: Person, query = "") {
  const res = await settle(() => shelfLoader({ request: getRequest(`/verktyg${query}`, who.cookie), context, params: {} }));
  expect(res.status).toBe(200);
  return (await res.json()) as {
    manage: boolean;
    total: number;
    manuals: { id: string; title: string; downloads: number | null; audience: string[] | null }[];
  };
}

const edit = (manualId: string, who: Person, fields: Fields) =>
  settle(() => editAction({ request: formRequest(`/verktyg/${manualId}/redigera`, fields, { cookie: who.cookie }), context, params: { manualId } }));

const replace = (manualId: string, who: Person, file: { name: string; bytes: Uint8Array } | null) =>
  settle(() => editAction({ request: multipart(`/verktyg/${manualId}/redigera`, who.cookie, { intent: "replace" }, file), context, params: { manualId } }));

/** A PDF of `size` bytes: a real header, then filler, so it spans several stored parts. */
function largePdf(size: number) {
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode("%PDF-1.7\n"));
  for (let i = 9; i < size; i++) bytes[i] = (i * 31) % 256;
  return bytes;
}

describe("upload and download", () => {
  it("a manual comes back byte for byte, as an attachment of the type its bytes are, under its cleaned Swedish name", async () => {
    const bytes = await pdfFile("Utspel steg för steg");
    const res = await upload(w.admin, { name: 'C:\\Users\\lena\\Utspel – "steg" för steg.pdf', bytes });
    expect(res).toRedirectTo("/verktyg");
    await expect(res).toFlash("Utspel steg för steg ligger nu i Verktyg.");
    const manual = await db.manual.findFirstOrThrow({ where: { title: "Utspel steg för steg" } });
    expect(manual).toMatchObject({ fileName: "Utspel – steg för steg.pdf", fileKind: "pdf", sizeBytes: bytes.length, category: "utspel", audience: "" });

    const file = await download(manual.id, w.participant);
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toBe("application/pdf");
    expect(file.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(file.headers.get("Cache-Control")).toBe("no-store");
    expect(file.headers.get("Content-Length")).toBe(String(bytes.length));
    expect(file.headers.get("Content-Disposition")).toBe(
      `attachment; filename="Utspel _ steg for steg.pdf"; filename*=UTF-8''Utspel%20%E2%80%93%20steg%20f%C3%B6r%20steg.pdf`,
    );
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });

  it("a file larger than one stored part is kept in parts and comes back whole", async () => {
    const bytes = largePdf(2 * PART_BYTES + 12_345);
    const id = await uploaded({ name: "stor.pdf", bytes }, { ...FIELDS, title: "Stor manual" });
    expect(await db.manualFilePart.count({ where: { manualId: id } })).toBe(3);
    const file = await download(id, w.participant);
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });

  it("takes every kind on the list: Word and PowerPoint old and new, PNG, JPEG-less WebP", async () => {
    const kinds: [string, Uint8Array, string][] = [
      ["a.docx", docxFile(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      ["a.doc", compoundFile("WordDocument"), "application/msword"],
      ["a.pptx", pptxFile(), "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
      ["a.ppt", compoundFile("PowerPoint Document"), "application/vnd.ms-powerpoint"],
      ["a.png", pngFile(), "image/png"],
      ["a.webp", webpFile(), "image/webp"],
    ];
    for (const [name, bytes, type] of kinds) {
      const id = await uploaded({ name, bytes }, { ...FIELDS, title: `Typ ${name}` });
      const file = await download(id, w.participant);
      expect(file.headers.get("Content-Type"), name).toBe(type);
      expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(bytes)), name).toBe(true);
    }
  });

  it("a PNG sent as .pdf is served as the PNG it is, under a .png name", async () => {
    const id = await uploaded({ name: "affisch.pdf", bytes: pngFile() }, { ...FIELDS, title: "Affisch" });
    const file = await download(id, w.participant);
    expect(file.headers.get("Content-Type")).toBe("image/png");
    expect(file.headers.get("Content-Disposition")).toMatch(/filename\*=UTF-8''affisch\.png$/);
    await file.arrayBuffer();
  });

  it("counts each whole download once, also when several run at once", async () => {
    const id = await uploaded({ name: "räknas.pdf", bytes: largePdf(PART_BYTES + 1) }, { ...FIELDS, title: "Räknas" });
    const answers = await Promise.all([1, 2, 3].map(() => download(id, w.participant)));
    await Promise.all(answers.map((a) => a.arrayBuffer()));
    expect((await db.manual.findUniqueOrThrow({ where: { id } })).downloads).toBe(3);
    // A download whose body was never read has not been handed over: not counted.
    await download(id, w.participant);
    expect((await db.manual.findUniqueOrThrow({ where: { id } })).downloads).toBe(3);
  });

  it("keeps the bytes out of the manual's own table, so listing the shelf never reads them", () => {
    const models = (db as unknown as { _runtimeDataModel: { models: Record<string, { fields: { name: string; type: string }[] }> } })._runtimeDataModel.models;
    expect(models.Manual!.fields.filter((f) => f.type === "Bytes")).toEqual([]);
    expect(models.ManualFilePart!.fields.filter((f) => f.type === "Bytes").map((f) => f.name)).toEqual(["bytes"]);
  });
});

describe("a refused file: the form comes back with the message beside the file field and what was typed", () => {
  const cases: [what: string, file: { name: string; bytes: Uint8Array } | null, message: RegExp][] = [
    ["no file part at all", null, /^Välj en fil att ladda upp\.$/],
    ["an empty file input (no file chosen)", { name: "", bytes: new Uint8Array() }, /^Välj en fil att ladda upp\.$/],
    ["an empty file", { name: "tom.pdf", bytes: new Uint8Array() }, /^Filen är tom\./],
    ["a text file renamed .pdf", { name: "manual.pdf", bytes: new TextEncoder().encode("Det här är ingen PDF.") }, /^Filen är inte en PDF, ett Word- eller/],
    ["a web page renamed .docx", { name: "manual.docx", bytes: new TextEncoder().encode("<html><script>alert(1)</script></html>") }, /^Filen är inte en PDF/],
    ["a Windows program renamed .pdf", { name: "manual.pdf", bytes: windowsProgram() }, /^Filen är ett program, inte ett dokument eller en bild\./],
    ["a Linux program renamed .pptx", { name: "bilder.pptx", bytes: linuxProgram() }, /^Filen är ett program/],
    ["a Word file with macros renamed .docx", { name: "mall.docx", bytes: docxFile({ macros: true }) }, /^Filen innehåller makron\./],
  ];

  it.each(cases)("%s", async (what, file, message) => {
    const before = await db.manual.count();
    const res = await upload(w.admin, file, { ...FIELDS, title: `Vägrad: ${what}` });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors.file, JSON.stringify(body.errors)).toEqual([expect.stringMatching(message)]);
    expect(body.values).toMatchObject({ title: `Vägrad: ${what}`, description: FIELDS.description, category: "utspel", visibility: "everyone" });
    expect(await db.manual.count()).toBe(before);
  });

  it("a file over 20 MB: refused beside the field when the form still fits the route's limit, and whole before it is read when it does not", async () => {
    const res = await upload(w.admin, { name: "för-stor.pdf", bytes: largePdf(MAX_MANUAL_BYTES + 1) }, { ...FIELDS, title: "För stor" });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors.file).toEqual(["Filen är större än 20 MB, det mesta en manual får vara. Välj en mindre fil eller dela upp den."]);
    expect(body.values.title).toBe("För stor");
    // Far over: the body passes the route's 21 MB while it is read, and the answer is the route's own page.
    const huge = await upload(w.admin, { name: "enorm.pdf", bytes: largePdf(22 * 1024 * 1024) }, { ...FIELDS, title: "Enorm" });
    expect(huge.status).toBe(413);
    expect(await huge.text()).toBe("Filen är för stor: en manual får vara högst 20 MB. Gå tillbaka och välj en mindre fil.");
    expect(await db.manual.count({ where: { title: { in: ["För stor", "Enorm"] } } })).toBe(0);
  });

  it("exactly 20 MB is taken", async () => {
    const bytes = largePdf(MAX_MANUAL_BYTES);
    const id = await uploaded({ name: "precis.pdf", bytes }, { ...FIELDS, title: "Precis 20 MB" });
    expect((await db.manual.findUniqueOrThrow({ where: { id } })).sizeBytes).toBe(MAX_MANUAL_BYTES);
    const file = await download(id, w.participant);
    expect((await file.arrayBuffer()).byteLength).toBe(MAX_MANUAL_BYTES);
  }, 60_000);

  it("names every problem at once: a missing title, no category and a wrong file", async () => {
    const res = await upload(w.admin, { name: "x.pdf", bytes: windowsProgram() }, { title: " ", description: "Kvar", visibility: "everyone" });
    expect(res.status).toBe(400);
    const { errors, values } = await res.json();
    expect(Object.keys(errors).sort()).toEqual(["category", "file", "title"]);
    expect(errors.title).toEqual(["Ge manualen en rubrik."]);
    expect(values.description).toBe("Kvar");
  });

  it("'Bara vissa roller' needs at least one role", async () => {
    const res = await upload(w.admin, { name: "a.pdf", bytes: await pdfFile() }, { ...FIELDS, visibility: "roles" });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual({ audience: ["Välj minst en roll, eller Alla inloggade."] });
  });
});

describe("replacing a file", () => {
  it("keeps the manual's id and link and its count: the bytes, type, size and name change, and the old bytes are gone", async () => {
    const id = await uploaded({ name: "version-1.pdf", bytes: largePdf(PART_BYTES + 10) }, { ...FIELDS, title: "Byts ut" });
    await (await download(id, w.participant)).arrayBuffer();
    const before = await db.manual.findUniqueOrThrow({ where: { id } });
    await new Promise((resolve) => setTimeout(resolve, 5));

    const res = await replace(id, w.editor, { name: "version-2.png", bytes: pngFile() });
    expect(res).toRedirectTo("/verktyg");
    await expect(res).toFlash("Byts ut har en ny fil. Länken till manualen är densamma.");
    const after = await db.manual.findUniqueOrThrow({ where: { id } });
    expect(after).toMatchObject({ id, title: "Byts ut", fileName: "version-2.png", fileKind: "png", sizeBytes: pngFile().length, downloads: 1 });
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    expect(await db.manualFilePart.count({ where: { fileId: before.fileId } })).toBe(0);

    const file = await download(id, w.participant);
    expect(file.headers.get("Content-Type")).toBe("image/png");
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(pngFile()))).toBe(true);
  });

  it("refuses a wrong file the same way and leaves the old one in place", async () => {
    const bytes = await pdfFile("Ligger kvar");
    const id = await uploaded({ name: "kvar.pdf", bytes }, { ...FIELDS, title: "Ligger kvar" });
    for (const [file, message] of [
      [{ name: "kvar.pdf", bytes: windowsProgram() }, /^Filen är ett program/],
      [null, /^Välj en fil/],
    ] as const) {
      const res = await replace(id, w.admin, file);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.errors.file).toEqual([expect.stringMatching(message)]);
      expect(body.values.intent).toBe("replace");
    }
    const file = await download(id, w.participant);
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe("editing and deleting", () => {
  it("edits title, description, category and who sees it; the edit page shows the stored values", async () => {
    const id = await uploaded({ name: "a.pdf", bytes: await pdfFile() }, { ...FIELDS, title: "Före" });
    const page = await settle(() => editLoader({ request: getRequest(`/verktyg/${id}/redigera`, w.editor.cookie), context, params: { manualId: id } }));
    expect((await page.json()).values).toEqual({ title: "Före", description: FIELDS.description, category: "utspel", visibility: "everyone", audience: [] });

    const res = await edit(id, w.editor, {
      intent: "details",
      title: "Efter",
      description: "Ny text",
      category: "ledarskap",
      visibility: "roles",
      audience: ["facilitator"],
    });
    expect(res).toRedirectTo("/verktyg");
    expect(await db.manual.findUniqueOrThrow({ where: { id } })).toMatchObject({
      title: "Efter",
      description: "Ny text",
      category: "ledarskap",
      audience: "facilitator",
    });
    const refused = await edit(id, w.editor, { intent: "details", title: "", category: "okänd", visibility: "everyone" });
    expect(refused.status).toBe(400);
    const body = await refused.json();
    expect(body.errors).toMatchObject({ title: ["Ge manualen en rubrik."], category: ["Välj en kategori."] });
    expect(body.values.intent).toBe("details");
  });

  it("deletes only after the confirmation step, bytes and all", async () => {
    const id = await uploaded({ name: "bort.pdf", bytes: largePdf(PART_BYTES + 1) }, { ...FIELDS, title: "Tas bort" });
    const confirm = await settle(() => deleteLoader({ request: getRequest(`/verktyg/${id}/ta-bort`, w.admin.cookie), context, params: { manualId: id } }));
    expect((await confirm.json()).manual.title).toBe("Tas bort");
    const stray = await settle(() =>
      deleteAction({ request: formRequest(`/verktyg/${id}/ta-bort`, {}, { cookie: w.admin.cookie }), context, params: { manualId: id } }),
    );
    expect(stray.status).toBe(400);
    expect(await db.manual.count({ where: { id } })).toBe(1);

    const res = await settle(() =>
      deleteAction({ request: formRequest(`/verktyg/${id}/ta-bort`, { intent: "delete" }, { cookie: w.admin.cookie }), context, params: { manualId: id } }),
    );
    expect(res).toRedirectTo("/verktyg");
    await expect(res).toFlash("Tas bort är borttagen från Verktyg.");
    expect(await db.manual.count({ where: { id } })).toBe(0);
    expect(await db.manualFilePart.count({ where: { manualId: id } })).toBe(0);
    expect((await download(id, w.admin)).status).toBe(404);
  });

  it("writes upload, replacement, edit and deletion to the audit log in Swedish", async () => {
    const id = await uploaded({ name: "logg.pdf", bytes: await pdfFile() }, { ...FIELDS, title: "Loggas" });
    await replace(id, w.admin, { name: "logg.png", bytes: pngFile() });
    await edit(id, w.admin, { intent: "details", title: "Loggas igen", category: "utspel", visibility: "everyone" });
    await settle(() =>
      deleteAction({ request: formRequest(`/verktyg/${id}/ta-bort`, { intent: "delete" }, { cookie: w.admin.cookie }), context, params: { manualId: id } }),
    );
    const events = (await listAuditEventsFor("manual", id)).reverse();
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["manual.uploaded", w.admin.id],
      ["manual.replaced", w.admin.id],
      ["manual.updated", w.admin.id],
      ["manual.deleted", w.admin.id],
    ]);
    expect(events.map((e) => auditLabel(e.action))).toEqual([
      "Manual laddades upp",
      "Manualens fil byttes ut",
      "Manualens uppgifter ändrades",
      "Manual togs bort",
    ]);
    expect(JSON.parse(events[1]!.detail)).toEqual({
      before: { fileName: "logg.pdf", fileKind: "pdf", sizeBytes: expect.any(Number) },
      after: { fileName: "logg.png", fileKind: "png", sizeBytes: pngFile().length },
    });
    // The log in words: the deleted manual is named by the title its deletion kept; codes as the pages say them.
    const names = await namesFor(events);
    expect(describeSubject(events[0]!, names)).toBe(`Manual: ${id}`);
    expect(describeDetail(events[1]!.detail, names)).toEqual([
      expect.stringMatching(/^Före: Fil logg\.pdf, Filtyp PDF, Storlek \d+ kB$/),
      `Efter: Fil logg.png, Filtyp PNG-bild, Storlek ${pngFile().length} byte`,
    ]);
    expect(describeDetail(events[3]!.detail, names)).toEqual(["Före: Rubrik Loggas igen, Fil logg.png, Kategori Utspel"]);
  });

  it("names a manual in the audit log by its title while it exists, and its audience in words", async () => {
    const id = await uploaded(
      { name: "namn.pdf", bytes: await pdfFile() },
      { ...FIELDS, title: "Namnges", visibility: "roles", audience: ["facilitator", "editor"] },
    );
    const [event] = await listAuditEventsFor("manual", id);
    const names = await namesFor([event!]);
    expect(describeSubject(event!, names)).toBe("Manual: Namnges");
    expect(describeDetail(event!.detail, names)[0]).toMatch(/Kategori Utspel, Synlig för Utvecklingsledare, Kursredaktör, Fil namn\.pdf, Filtyp PDF/);
  });
});

describe("who sees what", () => {
  let forFacilitators: string;
  beforeAll(async () => {
    forFacilitators = await uploaded(
      { name: "guide.pdf", bytes: await pdfFile("Samtalsguide") },
      { ...FIELDS, title: "Samtalsguide för handledning", category: "ledarskap", visibility: "roles", audience: ["facilitator"] },
    );
  });

  it("a manual for Utvecklingsledare is neither listed nor downloadable for a Deltagare: 404, as if it did not exist", async () => {
    expect((await shelf(w.participant)).manuals.map((m) => m.title)).not.toContain("Samtalsguide för handledning");
    const refused = await download(forFacilitators, w.participant);
    expect(refused.status).toBe(404);
    expect(await refused.text()).toBe("Manualen finns inte, eller så har du inte tillgång till den.");
    expect((await download("finns-inte", w.participant)).status).toBe(404);
  });

  it("an Utvecklingsledare, an admin and a Kursredaktör see it and get it", async () => {
    for (const who of [w.facilitator, w.admin, w.editor]) {
      expect((await shelf(who)).manuals.map((m) => m.title)).toContain("Samtalsguide för handledning");
      const file = await download(forFacilitators, who);
      expect(file.status).toBe(200);
      await file.arrayBuffer();
    }
  });

  it("download counts and audiences are for those who keep the shelf", async () => {
    const member = await shelf(w.participant);
    expect(member.manage).toBe(false);
    expect(member.manuals.every((m) => m.downloads === null && m.audience === null)).toBe(true);
    const staff = await shelf(w.editor);
    expect(staff.manage).toBe(true);
    expect(staff.manuals.find((m) => m.id === forFacilitators)).toMatchObject({ downloads: expect.any(Number), audience: ["facilitator"] });
  });

  it("filters by category and searches by title, ignoring case; an unknown category means no filter", async () => {
    const titles = async (query: string, who = w.facilitator) => (await shelf(who, query)).manuals.map((m) => m.title);
    expect(await titles("?kategori=ledarskap")).toContain("Samtalsguide för handledning");
    expect((await titles("?kategori=ledarskap")).every((t) => t === "Samtalsguide för handledning" || t === "Efter")).toBe(true);
    expect(await titles("?kategori=utspel")).not.toContain("Samtalsguide för handledning");
    expect(await titles("?q=SAMTALSGUIDE")).toEqual(["Samtalsguide för handledning"]);
    expect(await titles("?q=samtal&kategori=utspel")).toEqual([]);
    expect(await titles("?kategori=finns-inte")).toEqual(await titles(""));
    // A Deltagare's search does not find what they may not see.
    expect(await titles("?q=Samtalsguide", w.participant)).toEqual([]);
  });
});

describe("who may change the shelf", () => {
  it("a Deltagare and an Utvecklingsledare get 403 for the upload, edit and delete pages and their posts, and nothing changes", async () => {
    const id = await uploaded({ name: "skyddad.pdf", bytes: await pdfFile() }, { ...FIELDS, title: "Skyddad" });
    for (const who of [w.participant, w.facilitator]) {
      const params = { manualId: id };
      const answers = [
        await settle(() => newLoader({ request: getRequest("/verktyg/ny", who.cookie), context, params: {} })),
        await upload(who, { name: "ny.pdf", bytes: await pdfFile() }, { ...FIELDS, title: "Smugglad" }),
        await settle(() => editLoader({ request: getRequest(`/verktyg/${id}/redigera`, who.cookie), context, params })),
        await edit(id, who, { intent: "details", title: "Hackad", category: "utspel", visibility: "everyone" }),
        await replace(id, who, { name: "byt.png", bytes: pngFile() }),
        await settle(() => deleteLoader({ request: getRequest(`/verktyg/${id}/ta-bort`, who.cookie), context, params })),
        await settle(() => deleteAction({ request: formRequest(`/verktyg/${id}/ta-bort`, { intent: "delete" }, { cookie: who.cookie }), context, params })),
      ];
      expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403, 403, 403, 403]);
    }
    expect(await db.manual.findUniqueOrThrow({ where: { id } })).toMatchObject({ title: "Skyddad", fileKind: "pdf" });
    expect(await db.manual.count({ where: { title: "Smugglad" } })).toBe(0);
  });

  it("an anonymous visitor is sent to log in, from the shelf, a download and the upload form's post", async () => {
    const id = await uploaded({ name: "öppen.pdf", bytes: await pdfFile() }, { ...FIELDS, title: "Inloggning krävs" });
    const list = await settle(() => shelfLoader({ request: getRequest("/verktyg?kategori=utspel"), context, params: {} }));
    expect(list).toRedirectTo(`/login?redirectTo=${encodeURIComponent("/verktyg?kategori=utspel")}`);
    expect(await download(id)).toRedirectTo(`/login?redirectTo=${encodeURIComponent(`/verktyg/${id}/ladda-ner`)}`);
    const post = await settle(() =>
      newAction({ request: multipart("/verktyg/ny", undefined, FIELDS, { name: "a.pdf", bytes: new Uint8Array(10) }), context, params: {} }),
    );
    expect(post).toRedirectTo(/^\/login\?redirectTo=/);
  });

  it("a Kursredaktör uploads, edits and deletes without being an admin", async () => {
    const id = await uploaded({ name: "red.pdf", bytes: await pdfFile() }, { ...FIELDS, title: "Redaktörens" }, w.editor);
    expect((await db.manual.findUniqueOrThrow({ where: { id } })).uploadedById).toBe(w.editor.id);
    expect(await edit(id, w.editor, { intent: "details", title: "Redaktörens nya", category: "organisation", visibility: "everyone" })).toRedirectTo(
      "/verktyg",
    );
    const gone = await settle(() =>
      deleteAction({ request: formRequest(`/verktyg/${id}/ta-bort`, { intent: "delete" }, { cookie: w.editor.cookie }), context, params: { manualId: id } }),
    );
    expect(gone).toRedirectTo("/verktyg");
  });
});
