// The numbered migrations, in order. A literal record so that tsx, tests and a bundler all see them.
import type { Migration } from 'kysely';
import * as m001 from './001-core-tables.js';

export const MIGRATIONS: Record<string, Migration> = {
  '001-core-tables': m001,
};
