import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { SelectField, TextArea, TextField } from "~/components/field";
import { formatIndicatorValue } from "~/utils/format";
import { recordAccess } from "~/modules/audit/audit.server";
import { requirePermission } from "~/modules/auth/session.server";
import { listBranches } from "~/modules/branches/branches.server";
import { addEntry, drillDown, indicatorWithEntries, requireIndicator, updateIndicator } from "~/modules/goals/goals.server";
import { parseGoalsQuery } from "~/modules/goals/goals-query";
import { goalsQueryString } from "~/modules/goals/goals-links";
import { thresholdField } from "~/modules/goals/thresholds";
import { formFailure } from "~/utils/action-result.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { parseForm, valueOf } from "~/utils/forms";
import { notFound } from "~/utils/http.server";
import { readForm } from "~/utils/read-form.server";
import { stockholmDate, swedishDate } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Indikator · Ledarlyftet" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "goals:drilldown");
  const query = parseGoalsQuery(request.url);
  const branchId = new URL(request.url).searchParams.get("branchId") ?? undefined;
  const drill = await drillDown(params.key ?? "", query.period, { positionGroup: query.group || undefined, branchId });
  if (!drill) throw notFound("Indikatorn finns inte.");
  if (!drill.isBranches)
    await recordAccess(
      actor.id,
      "goals.drilldown.viewed",
      { type: "indicator", id: drill.indicator.key },
      { period: query.period, group: query.group || null, branchId: branchId ?? null },
    );
  const [indicator, branches] = await Promise.all([indicatorWithEntries(drill.indicator.key), listBranches()]);
  return {
    query,
    branchId: branchId ?? "",
    branches: branches.map((b) => ({ value: b.id, label: b.name })),
    drill,
    indicator: {
      key: indicator.key,
      kind: indicator.kind,
      unit: indicator.unit,
      name: indicator.name,
      definition: indicator.definition,
      baseline: indicator.baseline,
      baselineSource: indicator.baselineSource,
      target: indicator.target,
      parameter: indicator.parameter,
      threshold: thresholdField(indicator.formula),
      entries: indicator.entries.map((entry) => ({
        id: entry.id,
        period: entry.period,
        value: entry.value,
        source: entry.source,
        measuredOn: entry.measuredOn.toISOString(),
      })),
    },
    today: stockholmDate(new Date()),
  };
}

const optionalNumber = z.union([z.literal("").transform(() => null), z.coerce.number({ invalid_type_error: "Ange ett tal." })]);
const schemas = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("edit"),
    name: z.string().trim().min(3, "Minst 3 tecken.").max(200),
    definition: z.string().trim().min(10, "Beskriv indikatorn (minst 10 tecken).").max(2000),
    baseline: optionalNumber,
    baselineSource: z.string().trim().max(200).default(""),
    target: z.coerce.number({ invalid_type_error: "Ange ett tal." }).min(0, "Målet kan inte vara negativt."),
    parameter: z.union([z.literal("").transform(() => null), z.coerce.number().int("Ange ett heltal.").min(0).max(100)]).default(""),
  }),
  z.object({
    intent: z.literal("entry"),
    period: z.string().regex(/^20\d\d$/, "Ange ett år, t.ex. 2026."),
    value: z.coerce.number({ invalid_type_error: "Ange ett tal." }).min(0, "Värdet kan inte vara negativt."),
    source: z.string().trim().min(1, "Ange källa, t.ex. Medlemstrendundersökningen.").max(200, "Högst 200 tecken."),
    measuredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Ange datum som ÅÅÅÅ-MM-DD."),
  }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "goals:edit");
  const indicator = await requireIndicator(params.key);
  const formData = await readForm(request);
  const form = parseForm(schemas, formData);
  if (!form.ok) return formFailure(form, formData);
  if (form.value.intent === "edit") {
    const { intent: _i, ...input } = form.value;
    const result = await updateIndicator(actor.id, indicator.id, input);
    if (!result.ok) return formFailure(result, formData);
  } else {
    const { intent: _i, ...input } = form.value;
    await addEntry(actor.id, indicator.id, input);
  }
  return redirectWithMessage(request, `/admin/goals/${indicator.key}`, "Sparat.");
}

export default function IndicatorPage() {
  const { query, branchId, branches, drill, indicator, today } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFailure();
  const isEdit = valueOf(values, "intent") === "edit";
  return (
    <>
      <p>
        <Link to={`/admin/goals${goalsQueryString(query)}`}>← Mål och indikatorer</Link>
      </p>
      <h1>{indicator.name}</h1>
      <p className="muted">{drill.indicator.definition}</p>
      {indicator.kind === "computed" ? (
        <section aria-labelledby="drill-title">
          <h2 id="drill-title">
            Bakom siffran {query.period}: {formatIndicatorValue(drill.value.value, indicator.unit)}
            {drill.value.denominator !== null ? ` (${drill.value.numerator} av ${drill.value.denominator})` : ""}
          </h2>
          <Form method="get" className="filters">
            <input type="hidden" name="period" value={query.period} />
            <input type="hidden" name="group" value={query.group} />
            <SelectField name="branchId" label="Arbetarekommun" placeholder="Hela distriktet" options={branches} defaultValue={branchId} />
            <button type="submit">Visa</button>
          </Form>
          {drill.rows.length === 0 ? (
            <p className="empty">Ingen ingår i urvalet.</p>
          ) : (
            <table>
              <caption className="visually-hidden">{drill.isBranches ? "Arbetarekommuner" : "Personer"} bakom siffran</caption>
              <thead>
                <tr>
                  <th scope="col">{drill.isBranches ? "Arbetarekommun" : "Person"}</th>
                  <th scope="col">Räknas i täljaren</th>
                </tr>
              </thead>
              <tbody>
                {drill.rows.map((row) => (
                  <tr key={row.id}>
                    <td>{row.name}</td>
                    <td>{row.counted ? "Ja" : "Nej"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : (
        <section aria-labelledby="entries-title">
          <h2 id="entries-title">Införda värden</h2>
          {indicator.entries.length === 0 ? <p className="empty">Inga värden ännu.</p> : null}
          <ul>
            {indicator.entries.map((entry) => (
              <li key={entry.id}>
                {entry.period}: {formatIndicatorValue(entry.value, indicator.unit)}, {entry.source}, mätt {swedishDate(entry.measuredOn)}
              </li>
            ))}
          </ul>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="entry" />
            <TextField
              name="period"
              label="År"
              defaultValue={!isEdit ? valueOf(values, "period") || query.period : query.period}
              errors={!isEdit ? errors.period : undefined}
            />
            <TextField
              name="value"
              label={indicator.unit === "percent" ? "Värde (%)" : "Värde (antal)"}
              type="number"
              defaultValue={!isEdit ? valueOf(values, "value") : ""}
              errors={!isEdit ? errors.value : undefined}
            />
            <TextField
              name="source"
              label="Källa"
              defaultValue={!isEdit ? valueOf(values, "source") : "Medlemstrendundersökningen"}
              errors={!isEdit ? errors.source : undefined}
            />
            <TextField
              name="measuredOn"
              label="Mätdatum"
              type="date"
              defaultValue={!isEdit ? valueOf(values, "measuredOn") || today : today}
              errors={!isEdit ? errors.measuredOn : undefined}
            />
            <button type="submit">För in värde</button>
          </Form>
        </section>
      )}
      <section aria-labelledby="edit-title">
        <h2 id="edit-title">Ändra indikatorn</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="edit" />
          <TextField name="name" label="Namn" defaultValue={isEdit ? valueOf(values, "name") : indicator.name} errors={isEdit ? errors.name : undefined} />
          <TextArea
            name="definition"
            label="Definition"
            rows={3}
            defaultValue={isEdit ? valueOf(values, "definition") : indicator.definition}
            errors={isEdit ? errors.definition : undefined}
            hint={
              indicator.threshold
                ? `Skriv ${indicator.threshold.placeholder} där talet ska stå. På sidorna, i PDF:en och i CSV-filen visas i stället talet du anger nedanför.`
                : undefined
            }
          />
          <TextField
            name="baseline"
            label="Utgångsläge"
            type="number"
            defaultValue={isEdit ? valueOf(values, "baseline") : (indicator.baseline?.toString() ?? "")}
            errors={isEdit ? errors.baseline : undefined}
          />
          <TextField
            name="baselineSource"
            label="Källa för utgångsläget"
            defaultValue={isEdit ? valueOf(values, "baselineSource") : indicator.baselineSource}
          />
          <TextField
            name="target"
            label="Målvärde"
            type="number"
            defaultValue={isEdit ? valueOf(values, "target") : indicator.target.toString()}
            errors={isEdit ? errors.target : undefined}
          />
          {indicator.threshold ? (
            <TextField
              name="parameter"
              label={indicator.threshold.label}
              type="number"
              defaultValue={isEdit ? valueOf(values, "parameter") : (indicator.parameter?.toString() ?? "")}
              errors={isEdit ? errors.parameter : undefined}
            />
          ) : null}
          <button type="submit" className="secondary">
            Spara indikatorn
          </button>
        </Form>
      </section>
    </>
  );
}
