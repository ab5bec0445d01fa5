import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { config } from "~/config.server";
import { formatCount } from "~/utils/format";

export const meta: MetaFunction = () => [
  { title: "Integritet och personuppgifter · Ledarlyftet" },
  { name: "description", content: "Vilka uppgifter Ledarlyftet sparar om dig, varför, hur länge, vem som ser dem och hur du får ut eller raderar dem." },
];

/** Public: what is kept and why, in plain Swedish. Keep it true to what the app stores (see app/modules/privacy). */
export function loader() {
  return {
    contact: config.PRIVACY_CONTACT,
    inactiveAfterDays: config.INACTIVE_AFTER_DAYS,
    sessionIdleHours: Math.round(config.SESSION_IDLE_MINUTES / 6) / 10,
    sessionMaxDays: config.SESSION_MAX_DAYS,
  };
}

export default function Privacy() {
  const { contact, inactiveAfterDays, sessionIdleHours, sessionMaxDays } = useLoaderData<typeof loader>();
  return (
    <div className="lesson-body">
      <h1>Integritet och personuppgifter</h1>
      <p>
        Ledarlyftet är Socialdemokraterna i Norrbottens plattform för utbildning, handledning och krisplaner. Distriktet är personuppgiftsansvarigt. Här står
        vad vi sparar om dig, varför, hur länge och vem som ser det.
      </p>

      <h2>Känsliga uppgifter</h2>
      <p>
        Att du finns i Ledarlyftet visar att du är engagerad i Socialdemokraterna, alltså din politiska åsikt. Det är en känslig personuppgift enligt
        dataskyddsförordningen (artikel 9). Därför sparar vi bara det som behövs, visar det bara för dem som behöver det, loggar när någon öppnar dina
        uppgifter, och lämnar aldrig ut uppgifterna utanför partiet.
      </p>

      <h2>Vad vi sparar</h2>
      <ul>
        <li>
          <strong>Om dig:</strong> namn, e-postadress, arbetarekommun, befattning, roller (deltagare, utvecklingsledare, distriktsadmin) och uppdrag som
          krisansvarig.
        </li>
        <li>
          <strong>Din utbildning:</strong> anmälningar till omgångar (med eventuell anledning till beslut), vilka lektioner du har öppnat och slutfört, dina
          svar på kunskapskontroller, dina reflektioner, inlämnade uppgifter med återkoppling, och intyg.
        </li>
        <li>
          <strong>Handledning:</strong> tillfällen du är inbjuden till eller leder, ditt svar och om du närvarade.
        </li>
        <li>
          <strong>Krisplaner:</strong> punkter du ansvarar för. Arbetarekommunen kan föra in dig i planens kontaktlista med namn, roll och telefonnummer.
        </li>
        <li>
          <strong>Konto och säkerhet:</strong> lösenord (bara som en hash som inte går att läsa tillbaka), när och med vilken webbläsare du loggat in,
          inloggningsförsök (e-postadress, IP-adress och tid, för att stoppa lösenordsgissning), engångslänkar och kalenderadress (bara som hash), och e-post vi
          har skickat till dig.
        </li>
        <li>
          <strong>Granskningslogg:</strong> vem som ändrade vad och när, och vem som öppnade en annan persons uppgifter.
        </li>
      </ul>

      <h2>Varför, och med vilken rätt</h2>
      <p>
        Vi använder uppgifterna för att ge dig utbildning och handledning, för att arbetarekommunerna ska kunna hålla sina krisplaner aktuella, och för att
        distriktet ska kunna följa upp målen i handlingsplanen (till exempel hur många ledande företrädare som har gått Ledarskapsprogrammet). Vi får göra det
        eftersom det är en del av partiets verksamhet som ideell organisation med politiskt syfte, och gäller medlemmar och personer som har regelbunden kontakt
        med partiet (dataskyddsförordningen artikel 9.2 d), och eftersom distriktet har ett berättigat intresse av att utbilda sina företrädare (artikel 6.1 f).
      </p>

      <h2>Hur länge</h2>
      <p>
        Uppgifterna sparas så länge du har ett konto. En inloggning upphör efter {formatCount(sessionIdleHours, "timme", "timmar")} utan användning och senast
        efter {formatCount(sessionMaxDays, "dag", "dagar")}. Inloggningsförsök raderas efter 30 dagar och räknare som stoppar överbelastning efter ett dygn.
        Konton som inte har använts på {formatCount(inactiveAfterDays, "dag", "dagar")} tas upp för granskning, och distriktsadmin inaktiverar dem eller raderar
        uppgifterna. När uppgifterna raderas finns bara en anonym rad kvar, med arbetarekommun, befattning och vad som genomfördes, så att statistiken över
        målen inte ändras i efterhand.
      </p>

      <h2>Vem ser vad</h2>
      <ul>
        <li>
          <strong>Du</strong> ser allt om dig under <Link to="/account/data">Mitt konto, Mina uppgifter</Link>.
        </li>
        <li>
          <strong>Utvecklingsledare</strong> ser deltagarna i de arbetarekommuner de stödjer och i de omgångar de leder: framsteg, inlämnade uppgifter,
          reflektioner som du själv väljer att dela, och närvaro i handledning de leder. Privata reflektioner ser bara du.
        </li>
        <li>
          <strong>Distriktsadmin</strong> ser personregistret, anmälningar, e-post som plattformen skickar, granskningsloggen och vilka personer som ligger
          bakom målens siffror. Inte heller distriktsadmin kan läsa privata reflektioner.
        </li>
        <li>
          <strong>Medlemmar i din arbetarekommun</strong> ser krisplanens kontaktlista i läget &quot;I en kris nu&quot;.
        </li>
        <li>
          <strong>Den som har koden på ett intyg</strong> kan kontrollera det på verifieringssidan, som visar namn och kurs.
        </li>
      </ul>

      <h2>Dina rättigheter</h2>
      <ul>
        <li>
          <strong>Se och ladda ner dina uppgifter:</strong> under <Link to="/account">Mitt konto</Link>, som utskrivbar sida eller JSON-fil.
        </li>
        <li>
          <strong>Rätta:</strong> be distriktsadmin ändra det som är fel.
        </li>
        <li>
          <strong>Radera:</strong> be distriktet radera dina uppgifter. Distriktsadmin raderar dem i Ledarlyftet, och du kan inte längre logga in. Handledning
          du leder ställs in.
        </li>
        <li>
          <strong>Klaga:</strong> tycker du att vi hanterar dina uppgifter fel kan du vända dig till Integritetsskyddsmyndigheten (IMY).
        </li>
      </ul>

      <h2>Kontakt</h2>
      <p>Frågor om dina personuppgifter: {contact}.</p>
    </div>
  );
}
