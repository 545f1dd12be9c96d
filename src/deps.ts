// What every handler, command and job receives: built once in buildApp.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Database } from './db/schema.js';
import type { Translate } from './i18n/translate.js';
import type { Classifier } from './classify/types.js';
import type { OutboxWorker } from './outbox/worker.js';
import type { ChatAdapter } from '../adapters/chat-adapter.js';
import type { LocalBus } from '../adapters/local/bus.js';
import type { Metrics } from './metrics.js';
import type { ContactCipher } from './privacy/contact-crypto.js';
import type { IntakeWriter } from './intake/intake-writer.js';
import type { ChannelCache } from './channels-repo.js';
import type { Scheduler } from './jobs/scheduler.js';
import type { WarningsWatch } from './warnings/scan.js';

export interface Clock { now(): Date }
export const systemClock: Clock = { now: () => new Date() };

export interface Deps {
  config: Config;
  db: Kysely<Database>;
  t: Translate;
  clock: Clock;
  log: Logger;
  classifier: Classifier;
  cipher: ContactCipher;
  intakeSecret: string;
  adapters: Map<string, ChatAdapter>;
  outbox: OutboxWorker;
  localBus: LocalBus;
  metrics: Metrics;
  /** The group-commit writer every intake item is stored through. */
  intake: IntakeWriter;
  /** Chat channels, cached for routing. */
  channels: ChannelCache;
  /** Periodic jobs (src/jobs/scheduler.ts): register in buildApp, started with the server. */
  jobs: Scheduler;
  /** Early warnings checked as items arrive (safety words); the rest run as the warnings.scan job. */
  warnings: WarningsWatch;
}
