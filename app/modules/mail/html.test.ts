import { describe, expect, it } from "vitest";
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
