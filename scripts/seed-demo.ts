// Run by `npm start` after migrations: the district's branches, and on an
// empty database the demo people (unless DEMO_DATA=false).
import { config } from "~/config.server";
import { ensureDatabaseReady } from "~/db.server";
import { seedDistrict } from "~/modules/demo/demo-district.server";

await ensureDatabaseReady();
const outcome = await seedDistrict({ demo: config.DEMO_DATA });
const messages = {
  seeded: "Demo district loaded: log in as admin@demo.ledarlyftet.se (see README).",
  "skipped-not-empty": "Branches checked; people already present, demo not loaded.",
  "skipped-disabled": "Branches checked; DEMO_DATA=false, no demo people.",
};
console.log(messages[outcome]);
