import { describe, expect, it } from "vitest";
import { organizerOf } from "~/modules/calendar/ics.server";
import { htmlFromText } from "./html";

describe("a message's HTML part", () => {
  it("says what the text says: paragraphs, line breaks, clickable links, and nothing of the text taken as markup", () => {
    const html = htmlFromText("Hej Åsa!\n\nPlats: <Folkets hus> & co\nVideolänk: https://meet.example.se/abc?x=1&y=2.\n\nVälkommen");
    expect(html).toContain("<p>Hej Åsa!</p>");
    expect(html).toContain("Plats: &lt;Folkets hus&gt; &amp; co<br>");
    expect(html).toContain('<a href="https://meet.example.se/abc?x=1&amp;y=2">https://meet.example.se/abc?x=1&amp;y=2</a>.');
    expect(html).toContain("<p>Välkommen</p>");
    expect(html).not.toContain("<Folkets");
  });
});

describe("an invitation's organizer", () => {
  it("is read back from the ORGANIZER line, folded or not, quoted or not", () => {
    expect(organizerOf('BEGIN:VEVENT\r\nORGANIZER;CN="Sara Forsberg":MAILTO:sara@example.se\r\nEND:VEVENT')).toEqual({
      name: "Sara Forsberg",
      address: "sara@example.se",
    });
    expect(organizerOf("ORGANIZER;CN=Per:mailto:per@exa\r\n mple.se\r\n")).toEqual({ name: "Per", address: "per@example.se" });
    expect(organizerOf("BEGIN:VEVENT\r\nEND:VEVENT")).toBeNull();
  });
});
