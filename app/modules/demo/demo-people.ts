import { branchSlug } from "~/modules/branches/branches";
import type { PositionKey } from "~/modules/people/positions";
import type { Role } from "~/modules/people/roles";

export const DEMO_PASSWORD = "Ledarlyftet-demo-2026";
export const DEMO_DOMAIN = "demo.ledarlyftet.se";

interface DemoPerson {
  name: string;
  email: string;
  branch: string;
  position: PositionKey;
  roles: Role[];
}

/** The people the README's login table names; keep the two in step. */
export const DEMO_LOGINS: DemoPerson[] = [
  { name: "Maria Nilsson", email: `admin@${DEMO_DOMAIN}`, branch: "Luleå", position: "ordforande", roles: ["admin"] },
  { name: "Johan Lindqvist", email: `utvecklingsledare@${DEMO_DOMAIN}`, branch: "Piteå", position: "ledamot", roles: ["facilitator"] },
  { name: "Sara Forsberg", email: `utvecklingsledare2@${DEMO_DOMAIN}`, branch: "Kiruna", position: "medlem", roles: ["facilitator", "participant"] },
  { name: "Erik Johansson", email: `deltagare@${DEMO_DOMAIN}`, branch: "Kiruna", position: "kommunalrad", roles: ["participant"] },
  { name: "Lena Holmström", email: `kursredaktor@${DEMO_DOMAIN}`, branch: "Luleå", position: "medlem", roles: ["editor"] },
];

const FIRST = [
  "Anna",
  "Lars",
  "Karin",
  "Mikael",
  "Elin",
  "Per",
  "Sofia",
  "Anders",
  "Linnea",
  "Nils",
  "Ida",
  "Olof",
  "Emma",
  "Henrik",
  "Frida",
  "Jonas",
  "Malin",
  "Gustav",
  "Hanna",
  "Mats",
  "Lisa",
  "Stefan",
  "Maja",
  "Tomas",
  "Ebba",
  "Patrik",
  "Sanna",
];
const LAST = [
  "Andersson",
  "Berg",
  "Lundström",
  "Holmberg",
  "Isaksson",
  "Wikström",
  "Nyström",
  "Öberg",
  "Sandberg",
  "Lind",
  "Eriksson",
  "Björk",
  "Mattsson",
  "Strand",
  "Hedlund",
  "Lindberg",
  "Engström",
  "Sundqvist",
  "Åström",
  "Nordin",
  "Lundgren",
  "Granberg",
  "Hägglund",
  "Bergman",
  "Marklund",
  "Lidström",
  "Boström",
];
const DEMO_BRANCHES = ["Luleå", "Piteå", "Kiruna", "Boden", "Gällivare", "Kalix", "Haparanda", "Arvidsjaur", "Jokkmokk"];
const POSITION_CYCLE: PositionKey[] = [
  "kommunalrad",
  "ledamot",
  "medlem",
  "gruppledare",
  "ersattare",
  "ledamot",
  "ordforande",
  "medlem",
  "regionrad",
  "ledamot",
];

function asciiLocal(text: string) {
  return branchSlug(text).replace(/-/g, ".");
}

/** 26 generated Deltagare beside the named logins: about 30 in all, a share of them leading. */
export function demoParticipants(): DemoPerson[] {
  return FIRST.slice(0, 26).map((first, i) => {
    const last = LAST[(i * 7) % LAST.length]!;
    return {
      name: `${first} ${last}`,
      email: `${asciiLocal(first)}.${asciiLocal(last)}@${DEMO_DOMAIN}`,
      branch: DEMO_BRANCHES[i % DEMO_BRANCHES.length]!,
      position: POSITION_CYCLE[i % POSITION_CYCLE.length]!,
      roles: ["participant"],
    };
  });
}
