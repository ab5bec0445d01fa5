import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/modules/auth/session.server";
import { listBranches } from "~/modules/branches/branches.server";
import { config } from "~/config.server";
import { dormantCutoff, listPeople } from "~/modules/people/people.server";
import { swedishDate } from "~/utils/time";
import { SelectField, TextField } from "~/components/field";
import { branchOptions, positionOptions } from "~/components/filters";
import { POSITION_KEYS, positionLabel } from "~/modules/people/positions";
import { ROLE_KEYS, ROLES, roleLabel } from "~/modules/people/roles";
import { formatCount, formatNumber } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Personer · Ledarlyftet" }];

const filterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  branchId: z.string().max(40).optional().catch(undefined),
  role: z.enum(ROLE_KEYS).optional().catch(undefined),
  position: z.enum(POSITION_KEYS).optional().catch(undefined),
  status: z.enum(["active", "inactive", "all", "review", "invited"]).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "people:manage");
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== ""));
  const filter = filterSchema.parse(params);
  const [{ people, total }, branches] = await Promise.all([
    listPeople({ ...filter, dormantBefore: dormantCutoff(config.INACTIVE_AFTER_DAYS) }),
    listBranches(),
  ]);
  return { filter, people, total, inactiveAfterDays: config.INACTIVE_AFTER_DAYS, branches: branches.map((b) => ({ id: b.id, name: b.name })) };
}

const STATUS_OPTIONS = [
  { value: "active", label: "Aktiva" },
  { value: "inactive", label: "Inaktiverade" },
  { value: "all", label: "Alla" },
  { value: "review", label: "Inaktiva konton att granska" },
  { value: "invited", label: "Har inte valt lösenord ännu" },
];

export default function PeopleList() {
  const { filter, people, total, branches, inactiveAfterDays } = useLoaderData<typeof loader>();
  const filtered = Object.values(filter).some(Boolean);
  return (
    <>
      <h1>Personer</h1>
      <div className="actions" style={{ marginTop: 0, marginBottom: "1rem" }}>
        <Link to="/admin/people/new" className="button">
          Lägg till person
        </Link>
        <Link to="/admin/people/import" className="button secondary">
          Importera från CSV
        </Link>
      </div>
      <Form method="get" className="filters" role="search" aria-label="Filtrera personer">
        <TextField name="q" label="Sök namn eller e-post" type="search" defaultValue={filter.q ?? ""} />
        <SelectField placeholder="Alla" name="branchId" label="Arbetarekommun" options={branchOptions(branches)} defaultValue={filter.branchId} />
        <SelectField
          placeholder="Alla"
          name="role"
          label="Roll"
          options={ROLES.map((role) => ({ value: role.key, label: role.label }))}
          defaultValue={filter.role}
        />
        <SelectField placeholder="Alla" name="position" label="Befattning" options={positionOptions} defaultValue={filter.position} />
        <SelectField name="status" label="Status" options={STATUS_OPTIONS} defaultValue={filter.status ?? "active"} />
        <button type="submit">Filtrera</button>
        {filtered ? <Link to="/admin/people">Rensa filter</Link> : null}
      </Form>
      {filter.status === "review" ? (
        <p>
          Konton som inte har loggat in på {formatCount(inactiveAfterDays, "dag", "dagar")} (eller aldrig, och skapades för så länge sedan). Öppna personen och
          inaktivera kontot eller radera personuppgifterna om personen inte längre ska finnas i Ledarlyftet.
        </p>
      ) : null}
      {filter.status === "invited" ? (
        <p>Personer som har bjudits in men ännu inte har valt lösenord. Öppna personen för att skicka en ny inbjudan (en inbjudningslänk gäller i 7 dagar).</p>
      ) : null}
      <p role="status">
        {people.length === total
          ? formatCount(total, "person", "personer")
          : `Visar ${formatNumber(people.length)} av ${formatCount(total, "person", "personer")}`}
      </p>
      {people.length === 0 ? (
        <p className="empty">Ingen person matchar filtret. Ändra filtret eller lägg till en person.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Personer</caption>
            <thead>
              <tr>
                <th scope="col">Namn</th>
                <th scope="col">E-post</th>
                <th scope="col">Arbetarekommun</th>
                <th scope="col">Befattning</th>
                <th scope="col">Roller</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id}>
                  <td>
                    <Link to={`/admin/people/${person.id}`}>{person.name}</Link>
                    {person.erasedAt ? (
                      <span className="badge inactive"> raderad</span>
                    ) : !person.active ? (
                      <span className="badge inactive"> inaktiverad</span>
                    ) : null}
                    {person.dormantSince ? <span className="badge review"> inaktiv sedan {swedishDate(person.dormantSince)}, granska</span> : null}
                  </td>
                  <td>{person.email}</td>
                  <td>{person.branch.name}</td>
                  <td>
                    {positionLabel(person.position)}
                    {person.leading ? <span className="badge leading"> ledande</span> : null}
                  </td>
                  <td>{person.roles.map(roleLabel).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
