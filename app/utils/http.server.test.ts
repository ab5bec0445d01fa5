import { describe, expect, it } from "vitest";
import { attachmentDisposition, fileDownload } from "./http.server";

describe("a file download", () => {
  it("is saved, not shown, under its Swedish name, with a plain-ASCII name for clients that read only that", () => {
    expect(attachmentDisposition("uppföljning-höstmötet-2026.pdf")).toBe(
      `attachment; filename="uppfoljning-hostmotet-2026.pdf"; filename*=UTF-8''uppf%C3%B6ljning-h%C3%B6stm%C3%B6tet-2026.pdf`,
    );
    expect(attachmentDisposition("Å Ä Ö.csv")).toBe(`attachment; filename="A A O.csv"; filename*=UTF-8''%C3%85%20%C3%84%20%C3%96.csv`);
  });

  it("cannot break out of the header's quoting, whatever the name holds", () => {
    const header = attachmentDisposition("a\"b\\c'(d)*.txt");
    expect(header).toBe(`attachment; filename="a_b_c'(d)*.txt"; filename*=UTF-8''a%22b%5Cc%27%28d%29%2A.txt`);
    expect(attachmentDisposition("rad\r\nX-Evil: 1.txt")).not.toMatch(/[\r\n]/);
  });

  it("answers with the type, the disposition and no caching", async () => {
    const res = fileDownload("a;b\r\n", { filename: "ledarlyftet-mål-2026.csv", contentType: "text/csv; charset=utf-8" });
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="ledarlyftet-mal-2026\.csv"; filename\*=UTF-8''ledarlyftet-m%C3%A5l-2026\.csv$/,
    );
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(await res.text()).toBe("a;b\r\n");
  });
});
