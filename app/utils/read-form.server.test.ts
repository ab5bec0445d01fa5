import { describe, expect, it, vi } from "vitest";
import { MAX_FIELD_LENGTH, MAX_FORM_FIELDS, readForm } from "./read-form.server";

const post = (body: BodyInit | null, contentType?: string) =>
  new Request("http://localhost:3000/login", { method: "POST", body, headers: contentType ? { "Content-Type": contentType } : {} });

/** What readForm threw, as status and text; fails the test if it returned a form. */
async function refusal(request: Request, limits?: Parameters<typeof readForm>[1]) {
  try {
    await readForm(request, limits);
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    return { status: thrown.status, text: await thrown.text(), type: thrown.headers.get("Content-Type") };
  }
  throw new Error("readForm accepted the body");
}

const urlencoded = (count: number) => Array.from({ length: count }, (_, i) => `f${i}=v`).join("&");

/** A multipart body as a browser sends it, built by the platform's own FormData. */
async function multipart(fill: (form: FormData) => void) {
  const form = new FormData();
  fill(form);
  const request = new Request("http://x.invalid/", { method: "POST", body: form });
  return { body: await request.arrayBuffer(), contentType: request.headers.get("Content-Type")! };
}

describe("readForm", () => {
  it("reads a urlencoded form and a multipart form with its file, as request.formData() does", async () => {
    const form = await readForm(
      post("email=a%40b.se&roles=admin&roles=facilitator&text=%C3%85sa+%C3%96berg", "application/x-www-form-urlencoded;charset=UTF-8"),
    );
    expect([...form.entries()]).toEqual([
      ["email", "a@b.se"],
      ["roles", "admin"],
      ["roles", "facilitator"],
      ["text", "Åsa Öberg"],
    ]);
    const { body, contentType } = await multipart((f) => {
      f.append("intent", "preview");
      f.append("csvFile", new File(["namn;e-post\n"], "personer.csv", { type: "text/csv" }));
    });
    const parsed = await readForm(post(body, contentType));
    expect(parsed.get("intent")).toBe("preview");
    const file = parsed.get("csvFile") as File;
    expect(file).toBeInstanceOf(File);
    expect(file.name).toBe("personer.csv");
    expect(await file.text()).toBe("namn;e-post\n");
    // An empty form (a button alone) is a form.
    expect([...(await readForm(post("", "application/x-www-form-urlencoded"))).entries()]).toEqual([]);
  });

  it("refuses every other body with 400 and a Swedish text: JSON, plain text, none at all", async () => {
    for (const [body, type] of [
      ['{"email":"a@b.se"}', "application/json"],
      ["email=a@b.se", "text/plain"],
      ["email=a@b.se", undefined],
      [null, undefined],
      ["<x/>", "application/xml"],
    ] as const) {
      const res = await refusal(post(body, type));
      expect(res, `${type}`).toEqual({
        status: 400,
        type: "text/plain; charset=utf-8",
        text: "Formuläret skickades i ett format som servern inte tar emot. Skicka det från sidan i webbläsaren.",
      });
    }
  });

  it("answers a multipart body that does not parse with 400, not a 500", async () => {
    const unreadable = { status: 400, type: "text/plain; charset=utf-8", text: "Formuläret gick inte att läsa. Ladda om sidan och skicka det igen." };
    const broken = [
      ['--abc\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end', "multipart/form-data; boundary=abc"],
      ["nothing like multipart", "multipart/form-data; boundary=abc"],
      ["--abc\r\nno headers at all\r\n--abc--", "multipart/form-data; boundary=abc"],
      ["--abc--", "multipart/form-data"],
    ] as const;
    for (const [body, type] of broken) expect(await refusal(post(body, type)), body).toEqual(unreadable);
  });

  it(`takes ${MAX_FORM_FIELDS} fields and refuses one more with 413, counted before the body is parsed`, async () => {
    expect([...(await readForm(post(urlencoded(MAX_FORM_FIELDS), "application/x-www-form-urlencoded"))).keys()]).toHaveLength(MAX_FORM_FIELDS);
    const tooMany = { status: 413, type: "text/plain; charset=utf-8", text: "Formuläret har för många fält (högst 1 000). Skicka det igen från sidan." };
    expect(await refusal(post(urlencoded(MAX_FORM_FIELDS + 1), "application/x-www-form-urlencoded"))).toEqual(tooMany);
    const wide = await multipart((f) => {
      for (let i = 0; i <= MAX_FORM_FIELDS; i++) f.append(`f${i}`, "v");
    });
    expect(await refusal(post(wide.body, wide.contentType))).toEqual(tooMany);
    const fits = await multipart((f) => {
      for (let i = 0; i < MAX_FORM_FIELDS; i++) f.append(`f${i}`, "v");
    });
    expect([...(await readForm(post(fits.body, fits.contentType))).keys()]).toHaveLength(MAX_FORM_FIELDS);
    // A route that needs more says so.
    expect([...(await readForm(post(urlencoded(5_000), "application/x-www-form-urlencoded"), { maxFields: 5_100 })).keys()]).toHaveLength(5_000);
  });

  it("refuses 50,000 fields by counting them, before a single field is decoded or a part parsed", async () => {
    // What keeps one such POST from holding the server for minutes is that no
    // parser ever sees it: the count is a scan of the raw body.
    let decoded = 0;
    class CountingParams extends URLSearchParams {
      constructor(...args: ConstructorParameters<typeof URLSearchParams>) {
        super(...args);
        decoded++;
      }
    }
    vi.stubGlobal("URLSearchParams", CountingParams);
    const parsed = vi.spyOn(Response.prototype, "formData");
    try {
      expect((await refusal(post(urlencoded(50_000), "application/x-www-form-urlencoded"))).status).toBe(413);
      const wide = await multipart((f) => {
        for (let i = 0; i < 50_000; i++) f.append(`f${i}`, "v");
      });
      expect((await refusal(post(wide.body, wide.contentType))).status).toBe(413);
      expect(decoded).toBe(0);
      expect(parsed).not.toHaveBeenCalled();
      // The same counters see a form within the limit being parsed: they are watching the real path.
      await readForm(post("a=1&b=2", "application/x-www-form-urlencoded"));
      const small = await multipart((f) => f.append("a", "1"));
      await readForm(post(small.body, small.contentType));
      expect(decoded).toBe(1);
      expect(parsed).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
      parsed.mockRestore();
    }
  });

  it(`refuses a text field over ${MAX_FIELD_LENGTH} characters with 413, whichever encoding, and leaves files to the route`, async () => {
    const tooLong = {
      status: 413,
      type: "text/plain; charset=utf-8",
      text: "Ett fält i formuläret är för långt (högst 100 000 tecken). Korta texten och försök igen.",
    };
    const at = "x".repeat(MAX_FIELD_LENGTH);
    expect((await readForm(post(`note=${at}`, "application/x-www-form-urlencoded"))).get("note")).toBe(at);
    expect(await refusal(post(`a=1&note=${at}x`, "application/x-www-form-urlencoded"))).toEqual(tooLong);
    const long = await multipart((f) => f.append("note", `${at}x`));
    expect(await refusal(post(long.body, long.contentType))).toEqual(tooLong);
    const file = await multipart((f) => f.append("csvFile", new File([`${at}x`], "stor.csv")));
    expect(((await readForm(post(file.body, file.contentType))).get("csvFile") as File).size).toBe(MAX_FIELD_LENGTH + 1);
    // The people import's pasted CSV may be 2 MB: its route raises the cap.
    const csv = "y".repeat(2 * 1024 * 1024);
    expect((await readForm(post(`csvText=${csv}`, "application/x-www-form-urlencoded"), { maxFieldLength: 4 * 1024 * 1024 })).get("csvText")).toBe(csv);
  });

  it("refuses an absurd field name as unreadable", async () => {
    expect((await refusal(post(`${"n".repeat(201)}=1`, "application/x-www-form-urlencoded"))).status).toBe(400);
  });

  it("stops reading a body as soon as it passes the route's limit, whatever its Content-Length said: 5 MB, and 21 MB on Verktygen's upload forms", async () => {
    const tooLarge = {
      status: 413,
      type: "text/plain; charset=utf-8",
      text: "Förfrågan är för stor (högst 5 MB). Ladda upp en mindre fil eller dela upp den.",
    };
    let pulled = 0;
    /** A body sent in 1 MB pieces without a length, counting how much of it was asked for. */
    const endless = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += 1024 * 1024;
          controller.enqueue(new Uint8Array(1024 * 1024).fill(0x61));
        },
      });
    const streamed = (path: string) =>
      new Request(`http://localhost:3000${path}`, {
        method: "POST",
        body: endless(),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        duplex: "half",
      } as RequestInit);
    expect(await refusal(streamed("/login"))).toEqual(tooLarge);
    expect(pulled).toBeLessThanOrEqual(7 * 1024 * 1024);
    pulled = 0;
    expect(await refusal(streamed("/verktyg/ny"))).toEqual({
      ...tooLarge,
      text: "Filen är för stor: en manual får vara högst 20 MB. Gå tillbaka och välj en mindre fil.",
    });
    expect(pulled).toBeGreaterThan(20 * 1024 * 1024);
    expect(pulled).toBeLessThanOrEqual(23 * 1024 * 1024);
    // A declared length over the limit is refused before anything is read.
    const declared = new Request("http://localhost:3000/login", {
      method: "POST",
      body: "a=1",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(6 * 1024 * 1024) },
    });
    expect((await refusal(declared)).status).toBe(413);
    // 6 MB is too much for the login form and fine for a manual.
    const six = await multipart((f) => f.append("file", new File([new Uint8Array(6 * 1024 * 1024)], "manual.pdf")));
    const to = (path: string) => new Request(`http://localhost:3000${path}`, { method: "POST", body: six.body, headers: { "Content-Type": six.contentType } });
    expect((await refusal(to("/login"))).status).toBe(413);
    expect(((await readForm(to("/verktyg/ny"))).get("file") as File).size).toBe(6 * 1024 * 1024);
    expect(((await readForm(to("/verktyg/abc123/redigera"))).get("file") as File).size).toBe(6 * 1024 * 1024);
    expect((await refusal(to("/verktyg/abc123/ta-bort"))).status).toBe(413);
  });
});
