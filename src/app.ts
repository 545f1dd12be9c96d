// Builds the whole bot from a parsed configuration: database, migrations, adapters, routes and
// the delivery worker. Tests call it with an embedded database and enter through app.inject().
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { replyTemplates } from './reply-templates.js';
import { openDatabase, type DatabaseTarget, type OpenDatabase } from './db/open.js';
import { migrateToLatest } from './db/migrate.js';
import { createTranslate } from './i18n/translate.js';
import { systemClock, type Clock, type Deps } from './deps.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { createClassifier } from './classify/create-classifier.js';
import { createContactCipher, loadOrCreateKeyFile, parseEncryptionKey } from './privacy/contact-crypto.js';
import { loadOrCreateSecret } from './secrets.js';
import { createOutboxWorker, type OutboxWorker } from './outbox/worker.js';
import { createDelivery } from './outbox/delivery.js';
import { createReplySender } from './outbox/reply-sender.js';
import { createUndeliverableNotice } from './outbox/undeliverable-notice.js';
import { createChannelCache, ensureChannels } from './channels-repo.js';
import { createIntakeWriter } from './intake/intake-writer.js';
import { registerOpsRoutes } from './routes/ops-routes.js';
import { registerIntakeRoutes } from './intake/intake-routes.js';
import { registerGracefulClose } from './http/graceful-close.js';
import { registerErrorHandler } from './routes/error-handler.js';
import { registerInputGuard } from './http/guard-requests.js';
import { LocalBus } from '../adapters/local/bus.js';
import { createLocalAdapter } from '../adapters/local/local-adapter.js';
import { registerLocalRoutes } from '../adapters/local/local-routes.js';
import { LOCAL_ROOMS } from '../adapters/local/rooms.js';
import type { ChatAdapter } from '../adapters/chat-adapter.js';
import { registerChatRoute } from './inbound/chat-route.js';
import { createScheduler } from './jobs/scheduler.js';
import { registerDeadlineJob } from './deadlines/deadline-job.js';
import { startStatsCompactor, type StatsCompactor } from './stats/compact.js';
import { createLinkSigner } from './exports/signed-link.js';
import { registerFileRoutes } from './exports/file-routes.js';
import { registerDigestJobs } from './digests/digest-jobs.js';
import { createWarningsWatch, registerWarningJobs } from './warnings/scan.js';

export interface BuildOptions {
  clock?: Clock;
  logger?: Logger;
  /** Use this database instead of the configured one (tests); it is not closed with the app. */
  database?: OpenDatabase;
  /** Start the delivery worker's polling loop (the server does; tests drain by hand). */
  startWorker?: boolean;
  /** Start the scheduled jobs' timers (the server does; tests run them with jobs.runDue()). */
  startJobs?: boolean;
  /** Filled with how long each start-up phase took, in ms (the start-up benchmark prints them). */
  timings?: Record<string, number>;
}

export type App = FastifyInstance & { deps: Deps; outbox: OutboxWorker };

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const log = options.logger ?? createLogger(config.logLevel);
  const lap = phaseTimer(options.timings);
  // Secrets first: a bad key file stops the start before the database is created.
  const key = config.encryptionKey ? parseEncryptionKey(config.encryptionKey) : await loadOrCreateKeyFile(config.dataDir);
  const intakeSecret = config.intakeSecret ?? (await loadOrCreateSecret(config.dataDir, 'intake.secret'));
  const database = options.database ?? (await openDatabase(config.database as DatabaseTarget));
  lap('open');
  await migrateToLatest(database.db);
  lap('migrate');
  await ensureChannels(database.db, LOCAL_ROOMS);

  const clock = options.clock ?? systemClock;
  const t = createTranslate(config.lang);
  const metrics = createMetrics();
  const localBus = new LocalBus();

  // The worker has connections of its own, so delivery never queues behind intake for one. Its
  // commits do not wait for the disk: after a crash the last fraction of a second of "sent" marks
  // may be lost and those messages sent again with their idempotency keys, as after any crash
  // between a send and its mark. Intake keeps synchronous commits: every 202 is durable.
  const workerDatabase = database.openPool?.(4, { asyncCommit: true });
  const workerDb = workerDatabase?.db ?? database.db;
  const adapters = new Map<string, ChatAdapter>([['local', createLocalAdapter(workerDb, localBus)]]);
  // Stops adapters' own timers when the app closes.
  const closing = new AbortController();
  if (config.slack) {
    // Loaded only when switched on: the Slack SDKs cost about a second of every start.
    const { createSlackAdapter } = await import('../adapters/slack/index.js');
    adapters.set('slack', createSlackAdapter(config.slack, { workingText: t('chat.working') }));
  }
  if (config.feishu) {
    // Likewise the Feishu SDK: large, and most installs do not use it.
    const [{ createFeishuAdapter }, { createFeishuPictureStore }] = await Promise.all([
      import('../adapters/feishu/index.js'), import('./attachments/feishu-image-keys.js')]);
    adapters.set('feishu', createFeishuAdapter(config.feishu, {
      workingText: t('chat.working'), doneText: t('chat.done'), pictures: createFeishuPictureStore(workerDb, config.feishu.appId, () => clock.now()),
    }));
  }
  if (config.wecom) {
    // Loaded only when switched on, like Slack.
    const [{ createWecomAdapter }, { wecomRecipients }, { createWecomState }, { createRobotKeySeal }] = await Promise.all([
      import('../adapters/wecom/index.js'), import('./wecom-recipients.js'), import('./wecom-state.js'), import('../adapters/wecom/robot-key.js')]);
    adapters.set('wecom', createWecomAdapter(config.wecom, {
      t, log, recipients: wecomRecipients(workerDb), state: createWecomState(workerDb), robotKeys: createRobotKeySeal(key),
      now: () => clock.now().getTime(), signal: closing.signal,
    }));
  }
  const delivery = createDelivery({
    db: workerDb, adapters, t, now: () => clock.now(), links: createLinkSigner(intakeSecret), linkBase: config, deadlineClock: config.deadlines.clock, timeZone: config.jobs.timeZone,
    replyTemplates: replyTemplates(config.replyTemplates, t),
    replies: createReplySender({ db: workerDb, webhookUrl: config.replyWebhookUrl, secret: config.replyWebhookSecret ?? intakeSecret, now: () => clock.now() }),
  });
  const outbox = createOutboxWorker({
    db: workerDb, log, pollMs: config.outbox.pollMs, maxAttempts: config.outbox.maxAttempts,
    paceOf: (platform) => adapters.get(platform)?.limits.perChatPerSecond,
    onPermanentFailure: createUndeliverableNotice({ db: workerDb, t, now: () => clock.now(), kick: () => outbox.kick() }),
    delivery: {
      prepare: delivery.prepare,
      flush: delivery.flush,
      async deliverMany(rows) {
        const n = await delivery.deliverMany!(rows);
        for (let k = 0; k < n; k++) metrics.deliveries.inc({ platform: rows[0].platform, result: 'sent' });
        return n;
      },
      fold: delivery.fold,
      async deliver(row, payload) {
        try {
          await delivery.deliver(row, payload);
          metrics.deliveries.inc({ platform: row.platform, result: 'sent' });
        } catch (error) {
          metrics.deliveries.inc({ platform: row.platform, result: 'failed' });
          throw error;
        }
      },
    },
  });
  const jobs = createScheduler({ deps: () => deps, log, timeZone: config.jobs.timeZone });
  const deps: Deps = {
    config, db: database.db, t, clock, log, metrics, localBus, adapters, outbox, intakeSecret, jobs, warnings: createWarningsWatch(() => deps),
    cipher: createContactCipher(key),
    intake: createIntakeWriter({ db: database.db, log }),
    channels: createChannelCache(database.db),
    classifier: createClassifier({ customTopics: config.customTopics, llm: config.llm }),
  };

  registerWarningJobs(deps);

  const app = Fastify({ loggerInstance: log, bodyLimit: 1024 * 1024, schemaController: NO_ROUTE_SCHEMAS }) as unknown as App;
  app.decorate('deps', deps);
  app.decorate('outbox', outbox);
  registerErrorHandler(app, deps);
  registerGracefulClose(app);
  registerInputGuard(app);
  registerOpsRoutes(app, deps);
  await registerIntakeRoutes(app, deps);
  registerLocalRoutes(app, deps);
  registerFileRoutes(app, deps);
  registerDigestJobs(deps);
  const slack = adapters.get('slack');
  if (slack) await registerChatRoute(app, deps, slack, '/slack/events');
  const feishu = adapters.get('feishu');
  if (feishu) await registerChatRoute(app, deps, feishu, '/feishu/events');
  const wecom = adapters.get('wecom');
  if (wecom) await registerChatRoute(app, deps, wecom, '/wecom/callback');
  let compactor: StatsCompactor | undefined;
  app.addHook('onClose', async () => {
    closing.abort();
    await jobs.stop();
    await compactor?.stop();
    await deps.warnings.settled();
    await outbox.stop();
    await deps.intake.flush();
    await workerDatabase?.close();
    if (!options.database) await database.close();
  });
  if (options.startWorker) {
    outbox.start();
    // Statistics deltas are folded into the hourly rollups in the background (see migration 007).
    compactor = startStatsCompactor(deps.db, log);
  }
  registerDeadlineJob(deps);
  if (options.startJobs) jobs.start();
  lap('build');
  return app;
}

/**
 * Requests are checked with zod in the handlers, never with Fastify route schemas; without these
 * factories Fastify would load Ajv and fast-json-stringify at every start (about a quarter of a
 * second) for nothing. A route that did declare a schema fails loudly at registration.
 */
const NO_ROUTE_SCHEMAS = {
  compilersFactory: {
    buildValidator: () => () => { throw new Error('route schemas are not used here: validate the body with zod in the handler'); },
    buildSerializer: () => () => { throw new Error('route response schemas are not used here'); },
  },
};

function phaseTimer(timings: Record<string, number> | undefined): (phase: string) => void {
  let last = performance.now();
  return (phase) => {
    const now = performance.now();
    if (timings) timings[phase] = Math.round(now - last);
    last = now;
  };
}
