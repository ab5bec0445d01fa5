import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { ensureTemplate } from "~/modules/crisis/template.server";
import { action as personAction } from "~/routes/admin.people.$personId";
import { action as importAction } from "~/routes/admin.people.import";
import { action as newPersonAction } from "~/routes/admin.people.new";
import { action as crisisAction } from "~/routes/crisis.$branchSlug._index";
import { branchId, createPerson, formRequest, settle, signedIn } from "./helpers";

const context = { clientAddress: "203.0.113.41" };
let admin: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  admin = await signedIn({ roles: ["admin"] });
});

const newPerson = async (name: string, email: string) =>
  settle(async () =>
    newPersonAction({
      request: formRequest(
        "/admin/people/new",
        { name, email, branchId: await branchId("Pajala"), position: "ledamot", roles: "participant" },
        { cookie: admin.cookie },
      ),
      context,
      params: {},
    }),
  );

describe("a person's name, in every form that takes one", () => {
  it("a one-letter name is a name: a new person called Å is added, spaces around it dropped", async () => {
    const res = await newPerson("  Å ", "a.pajala@test.se");
    expect(res).toRedirectTo(/^\/admin\/people\/\w+$/);
    await expect(res).toFlash("Å är tillagd och har fått en inbjudan via e-post.");
    expect((await db.person.findUniqueOrThrow({ where: { email: "a.pajala@test.se" } })).name).toBe("Å");
  });

  it("an edited name may be one letter too, and runs of spaces inside it become one", async () => {
    const person = await createPerson({ branch: "Pajala" });
    const save = (name: string) =>
      settle(async () =>
        personAction({
          request: formRequest(
            `/admin/people/${person.id}`,
            { intent: "save", name, email: person.email, branchId: await branchId("Pajala"), position: "ledamot", roles: "participant" },
            { cookie: admin.cookie },
          ),
          context,
          params: { personId: person.id },
        }),
      );
    expect(await save("B")).toRedirectTo(`/admin/people/${person.id}`);
    expect((await db.person.findUniqueOrThrow({ where: { id: person.id } })).name).toBe("B");
    await save("Bo   Ek ");
    expect((await db.person.findUniqueOrThrow({ where: { id: person.id } })).name).toBe("Bo Ek");
  });

  it("only an empty name is called missing; no letter at all, or too long, says so; what was typed stays", async () => {
    const cases: [name: string, message: string][] = [
      ["", "Ange ett namn."],
      ["   ", "Ange ett namn."],
      ["123", "Namnet ska innehålla minst en bokstav."],
      ["x".repeat(121), "Namnet får vara högst 120 tecken."],
    ];
    for (const [name, message] of cases) {
      const res = await newPerson(name, "refused@test.se");
      expect(res.status, JSON.stringify(name)).toBe(400);
      const body = await res.json();
      expect(body.errors.name, JSON.stringify(name)).toEqual([message]);
      expect(body.values.email).toBe("refused@test.se");
    }
    expect(await db.person.count({ where: { email: "refused@test.se" } })).toBe(0);
    // 120 is still a name.
    expect(await newPerson("x".repeat(120), "long.name@test.se")).toRedirectTo(/^\/admin\/people\/\w+$/);
  });

  it("the import takes a one-letter name and says 'namn saknas' only where the cell is empty", async () => {
    const csvText = [
      "namn;e-post;arbetarekommun;befattning;roller",
      "Ö;o.import@test.se;Pajala;ledamot;Deltagare",
      ";tom@test.se;Pajala;ledamot;Deltagare",
      "-;streck@test.se;Pajala;ledamot;Deltagare",
    ].join("\n");
    const preview = await settle(() =>
      importAction({ request: formRequest("/admin/people/import", { intent: "preview", csvText }, { cookie: admin.cookie }), context, params: {} }),
    );
    const rows: { name: string; errors: string[] }[] = (await preview.json()).preview.rows;
    expect(rows.map((row) => [row.name, row.errors])).toEqual([
      ["Ö", []],
      ["", ["namn saknas"]],
      ["-", ["namnet innehåller ingen bokstav"]],
    ]);

    const commit = await settle(() =>
      importAction({
        request: formRequest("/admin/people/import", { intent: "commit", csvText: csvText.split("\n").slice(0, 2).join("\n") }, { cookie: admin.cookie }),
        context,
        params: {},
      }),
    );
    expect(commit).toRedirectTo("/admin/people");
    await expect(commit).toFlash("1 person importerades och fick en inbjudan.");
    expect((await db.person.findUniqueOrThrow({ where: { email: "o.import@test.se" } })).name).toBe("Ö");
  });

  it("a crisis contact may have a one-letter name; an empty name or role is refused beside its field", async () => {
    await ensureTemplate(path.resolve("content/krisplan/mall.md"));
    const chair = await signedIn({ branch: "Pajala", position: "ordforande" });
    const contact = (fields: Record<string, string>) =>
      settle(() =>
        crisisAction({
          request: formRequest("/crisis/pajala", { intent: "contact", ...fields }, { cookie: chair.cookie }),
          context,
          params: { branchSlug: "pajala" },
        }),
      );
    expect(await contact({ name: "K", role: "Ordförande", phone: "070-123 45 67" })).toRedirectTo("/crisis/pajala#kontakter");
    const refused = await contact({ name: " ", role: "", phone: "070-123 45 67" });
    expect(refused.status).toBe(400);
    const { errors } = await refused.json();
    expect(errors.name).toEqual(["Ange ett namn."]);
    expect(errors.role).toEqual(["Ange en roll, t.ex. Ordförande."]);
    expect(await db.crisisContact.count({ where: { name: "K" } })).toBe(1);
  });
});
