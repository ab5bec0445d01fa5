import { config } from "~/config.server";
import type { Tx } from "~/db.server";
import { queueEmail } from "~/modules/mail/outbox.server";
import { formatCount } from "~/utils/format";

/** Where a program certificate is shown to its holder, and where anyone can check it. */
export function certificateUrls(code: string) {
  return {
    own: new URL(`/certificates/${code}`, config.PUBLIC_URL).toString(),
    verify: new URL(`/verifiera/${code}`, config.PUBLIC_URL).toString(),
  };
}

/**
 * The congratulation when a person completes a whole program, queued in the
 * transaction that records the completion. Not optional: it carries the
 * certificate, as an enrolment decision carries its answer.
 */
export async function congratulateOnProgram(client: Tx, personId: string, program: { title: string; requiredSessions: number }, certificateCode: string) {
  const person = await client.person.findUnique({ where: { id: personId }, select: { name: true, email: true, active: true, erasedAt: true } });
  if (!person || !person.active || person.erasedAt) return;
  const urls = certificateUrls(certificateCode);
  const firstName = person.name.split(" ")[0] ?? person.name;
  await queueEmail(
    {
      to: person.email,
      personId,
      kind: "program-completed",
      subject: `Grattis! Du har genomfört ${program.title}`,
      text: [
        `Hej ${firstName}!`,
        "",
        program.requiredSessions > 0
          ? `Du har genomfört ${program.title}: alla kurser och ${formatCount(program.requiredSessions, "handledningstillfälle", "handledningstillfällen")}. Stort grattis!`
          : `Du har genomfört ${program.title}: alla kurser. Stort grattis!`,
        "",
        `Ditt programintyg: ${urls.own}`,
        `Vem som helst kan kontrollera intyget på ${urls.verify} (kontrollkod ${certificateCode}).`,
        "",
        "Tack för att du tar ansvar för att utveckla dig själv och vår rörelse.",
        "Socialdemokraterna i Norrbotten",
      ].join("\n"),
    },
    client,
  );
}
