import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CheckboxGroup, RadioGroup, SelectField, TextArea, TextField } from "./field";

const html = (element: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(element);

describe("form fields", () => {
  it("a field with an error is marked invalid and names its hint and error, which sit right after the label", () => {
    const page = html(
      createElement(TextArea, {
        name: "comment",
        label: "Kommentar",
        hint: "Krävs när du returnerar.",
        errors: ["Skriv vad som saknas."],
        defaultValue: "Mitt utkast",
      }),
    );
    expect(page).toContain(
      '<label for="comment">Kommentar</label><p class="hint" id="comment-hint">Krävs när du returnerar.</p><p class="error" id="comment-error">Skriv vad som saknas.</p>',
    );
    expect(page).toMatch(
      /<textarea id="comment" name="comment" rows="4" aria-invalid="true" aria-describedby="comment-hint comment-error">Mitt utkast<\/textarea>/,
    );
    expect(html(createElement(TextField, { name: "title", label: "Rubrik" }))).not.toContain("aria-");
  });

  it("a field repeated per row takes its own id, so labels and messages point at the right one", () => {
    const page = html(
      createElement(SelectField, {
        id: "owner-7",
        name: "ownerId",
        label: "Ansvarig",
        placeholder: "Ingen",
        options: [{ value: "p1", label: "Per" }],
        defaultValue: "p1",
        errors: ["Välj en aktiv person."],
      }),
    );
    expect(page).toContain('<label for="owner-7">Ansvarig</label>');
    expect(page).toContain('id="owner-7-error"');
    expect(page).toMatch(
      /<select id="owner-7" name="ownerId" aria-invalid="true" aria-describedby="owner-7-error"><option value="">Ingen<\/option><option value="p1" selected="">Per<\/option><\/select>/,
    );
  });

  it("checkbox and radio groups are fieldsets whose legend names them, with the error described on the group", () => {
    const radios = html(
      createElement(RadioGroup, {
        name: "decision",
        label: "Beslut",
        options: [
          { value: "approve", label: "Godkänn" },
          { value: "return", label: "Returnera" },
        ],
        errors: ["Välj ett."],
      }),
    );
    // The group is a radiogroup and carries the invalid state: ARIA gives a single radio none.
    expect(radios).toMatch(/^<fieldset class="field" role="radiogroup" aria-invalid="true" aria-describedby="decision-error"><legend>Beslut<\/legend>/);
    expect(radios).not.toMatch(/type="radio"[^>]*aria-invalid/);
    expect(radios.match(/type="radio"/g)).toHaveLength(2);
    expect(radios).not.toContain("checked");
    const boxes = html(
      createElement(CheckboxGroup, {
        name: "roles",
        label: "Roller",
        hideLabel: true,
        options: [
          { value: "a", label: "A" },
          { value: "b", label: "B" },
        ],
        checked: ["b"],
      }),
    );
    expect(boxes).toContain('<legend class="visually-hidden">Roller</legend>');
    expect(boxes.match(/checked=""/g)).toHaveLength(1);
  });
});
