#!/usr/bin/env node
// Makes the template every new embedded database is copied from (dist/pglite-template; see
// src/store/pglite-template.ts), so the first `npm start` and each test's new database skip
// PGlite's initdb and the migrations. Runs on install (`prepare`) and before the tests; does
// nothing while the template is current. If it cannot be made, databases are made from
// nothing as before: a failure here only costs time.
import { buildPgliteTemplate } from "../src/store/db.ts";

try {
  const t = performance.now();
  if (await buildPgliteTemplate())
    console.log(`basis: made the database template in ${Math.round(performance.now() - t)} ms`);
} catch (e) {
  console.warn(`basis: could not make the database template (${(e as Error).message})`);
}
