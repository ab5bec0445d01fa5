import { db } from "~/db.server";

interface SeedIndicator {
  key: string;
  name: string;
  definition: string;
  kind: "computed" | "entered";
  formula?: string;
  unit: "percent" | "count";
  baseline?: number;
  baselineSource?: string;
  target: number;
  parameter?: number;
}

/** The action plan's goals and indicators, with the baselines it states (Medlemstrendundersökningen). */
const GOALS: { key: string; area: string; title: string; indicators: SeedIndicator[] }[] = [
  {
    key: "ledarskap-utbildning",
    area: "ledarskap",
    title: "Våra ledande företrädare ska delta i kontinuerlig utbildning och handledning",
    indicators: [
      {
        key: "ledare-ledarskapsprogrammet",
        name: "Ledande företrädare som genomfört Ledarskapsprogrammet",
        definition:
          "Andel av de aktiva ledande företrädarna (kommunalråd, regionråd, riksdagsledamöter, gruppledare, ordförande) som har genomfört Ledarskapsprogrammet, räknat fram till periodens slut.",
        kind: "computed",
        formula: "leadership-program-completed",
        unit: "percent",
        target: 75,
      },
      {
        key: "ledare-handledning",
        name: "Ledande företrädare i kontinuerlig handledning",
        definition: "Andel av de aktiva ledande företrädarna som har närvarat vid minst N handledningstillfällen de senaste 12 månaderna.",
        kind: "computed",
        formula: "handledning-attended",
        unit: "percent",
        target: 60,
        parameter: 2,
      },
    ],
  },
  {
    key: "ledarskap-modernt",
    area: "ledarskap",
    title: "Vi ska utveckla ett modernt ledarskap, med rutiner för att ta hand om varandra",
    indicators: [
      {
        key: "krisplaner-klara",
        name: "Arbetarekommuner med en levande krishanteringsplan",
        definition:
          "Andel av arbetarekommunerna vars krishanteringsplan är granskad de senaste 12 månaderna och minst X % klar (punkter klara eller ej aktuella).",
        kind: "computed",
        formula: "crisis-plans-ready",
        unit: "percent",
        target: 100,
        parameter: 80,
      },
      {
        key: "omgangar-genomforda",
        name: "Deltagare som genomför sin omgång",
        definition: "Andel av dem som var antagna i en omgång som avslutades under perioden som har genomfört omgångens program. Avanmälda räknas inte.",
        kind: "computed",
        formula: "cohort-completion",
        unit: "percent",
        target: 80,
      },
    ],
  },
  {
    key: "kommunikation",
    area: "kommunikation",
    title: "Bredda basen för fler kommunikatörer; samtal med väljarna är prioriterat",
    indicators: [
      {
        key: "kommunikatorer-utbildade",
        name: "Nya kommunikatörer under året",
        definition: "Antal personer som under perioden har genomfört Kommunikatörsutbildningen.",
        kind: "computed",
        formula: "communicators-completed",
        unit: "count",
        target: 40,
      },
      {
        key: "utatriktad-verksamhet",
        name: "Medlemmar i utåtriktad verksamhet senaste 6 månaderna",
        definition: "Andel medlemmar som svarar att de deltagit i en utåtriktad verksamhet de senaste 6 månaderna (Medlemstrendundersökningen).",
        kind: "entered",
        unit: "percent",
        baseline: 19,
        baselineSource: "Medlemstrendundersökningen",
        target: 30,
      },
      {
        key: "leder-debatten",
        name: "Vi leder debatten i de viktiga frågorna",
        definition: "Andel medlemmar som instämmer i att vi leder debatten i de viktiga frågorna (Medlemstrendundersökningen).",
        kind: "entered",
        unit: "percent",
        baseline: 35,
        baselineSource: "Medlemstrendundersökningen",
        target: 50,
      },
      {
        key: "oppenhet",
        name: "Partiet präglas av öppenhet",
        definition: "Andel medlemmar som instämmer i att partiet präglas av öppenhet (Medlemstrendundersökningen).",
        kind: "entered",
        unit: "percent",
        baseline: 45,
        baselineSource: "Medlemstrendundersökningen",
        target: 60,
      },
      {
        key: "framtidens-politik",
        name: "Vi har politiken för framtidens utmaningar och möjligheter",
        definition: "Andel medlemmar som instämmer (Medlemstrendundersökningen).",
        kind: "entered",
        unit: "percent",
        baseline: 50,
        baselineSource: "Medlemstrendundersökningen",
        target: 60,
      },
    ],
  },
  {
    key: "organisation",
    area: "organisation",
    title: "Vi ska årligen öka i medlemsantal och fler ska vara aktiva",
    indicators: [
      {
        key: "nya-medlemmar",
        name: "Nya medlemmar under året",
        definition: "Antal nya medlemmar under året enligt medlemsregistret.",
        kind: "entered",
        unit: "count",
        target: 400,
      },
      {
        key: "aktivitet-manad",
        name: "Medlemmar som deltar i aktivitet en gång i månaden",
        definition: "Andel medlemmar som deltar i en aktivitet minst en gång i månaden (Medlemstrendundersökningen).",
        kind: "entered",
        unit: "percent",
        baseline: 15,
        baselineSource: "Medlemstrendundersökningen",
        target: 25,
      },
      {
        key: "ratt-riktning",
        name: "Partiet utvecklas i rätt riktning",
        definition: "Andel medlemmar som upplever att partiet utvecklas i rätt riktning (Medlemstrendundersökningen).",
        kind: "entered",
        unit: "percent",
        baseline: 39,
        baselineSource: "Medlemstrendundersökningen",
        target: 55,
      },
      {
        key: "forvantningar",
        name: "Medlemskapet lever upp till förväntningarna",
        definition: "Andel medlemmar som upplever att medlemskapet lever upp till förväntningarna (Medlemstrendundersökningen).",
        kind: "entered",
        unit: "percent",
        baseline: 40,
        baselineSource: "Medlemstrendundersökningen",
        target: 55,
      },
    ],
  },
];

/** Goals exist in every deployment; loaded once, then the admins' to edit. */
export async function ensureGoals() {
  if ((await db.goal.count()) > 0) return false;
  for (const [gi, goal] of GOALS.entries()) {
    await db.goal.create({
      data: {
        key: goal.key,
        area: goal.area,
        title: goal.title,
        order: gi + 1,
        indicators: {
          create: goal.indicators.map((i, ii) => ({
            key: i.key,
            name: i.name,
            definition: i.definition,
            kind: i.kind,
            formula: i.formula ?? null,
            unit: i.unit,
            baseline: i.baseline ?? null,
            baselineSource: i.baselineSource ?? "",
            target: i.target,
            parameter: i.parameter ?? null,
            order: ii + 1,
          })),
        },
      },
    });
  }
  return true;
}
