// Makes the ready-made empty database that new data folders are copied from (see
// data-folder-template.ts). Run by the build, so `npm install` leaves it ready for the first start.
import { makeTemplate } from './data-folder-template.js';
import { migrateToLatest } from './migrate.js';
import { PGLITE_EXTENSIONS, openDatabase } from './open.js';

const started = performance.now();
const outcome = await makeTemplate(PGLITE_EXTENSIONS, async (pglite) => {
  const database = await openDatabase({ pglite });
  await migrateToLatest(database.db);
});
if (outcome === 'made') console.error(`prepared an empty database for new data folders in ${Math.round(performance.now() - started)} ms`);
