import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/modules/auth/session.server";
import { listBranchesWithCounts } from "~/modules/branches/branches.server";

export const meta: MetaFunction = () => [{ title: "Arbetarekommuner · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "branches:manage");
  return { branches: await listBranchesWithCounts() };
}

export default function Branches() {
  const { branches } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Arbetarekommuner</h1>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Arbetarekommuner och antal aktiva personer</caption>
          <thead>
            <tr>
              <th scope="col">Arbetarekommun</th>
              <th scope="col">Aktiva personer</th>
            </tr>
          </thead>
          <tbody>
            {branches.map((b) => (
              <tr key={b.id}>
                <td>
                  <Link to={`/admin/people?branchId=${b.id}`}>{b.name}</Link>
                </td>
                <td>{b.activePeople}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
