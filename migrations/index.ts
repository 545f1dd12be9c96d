// The numbered migrations, in order. A literal record so that tsx, tests and a bundler all see them.
import type { Migration } from 'kysely';
import * as m001 from './001-core-tables.js';
import * as m002 from './002-intake-and-delivery-at-speed.js';
import * as m004 from './004-local-door.js';
import * as m005 from './005-deadlines-and-escalation.js';
import * as m006 from './006-jobs-and-warnings.js';
import * as m007 from './007-rollups-and-search.js';
import * as m008 from './008-digests-and-exports.js';
import * as m009 from './009-wecom-shared-state.js';
import * as m010 from './010-attachments.js';
import * as m011 from './011-events-by-time.js';
import * as m012 from './012-zoned-days-and-surveys.js';

export const MIGRATIONS: Record<string, Migration> = {
  '001-core-tables': m001,
  '002-intake-and-delivery-at-speed': m002,
  '004-local-door': m004,
  '005-deadlines-and-escalation': m005,
  '006-jobs-and-warnings': m006,
  '007-rollups-and-search': m007,
  '008-digests-and-exports': m008,
  '009-wecom-shared-state': m009,
  '010-attachments': m010,
  '011-events-by-time': m011,
  '012-zoned-days-and-surveys': m012,
};
