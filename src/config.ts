// One zod schema over the environment, parsed once at start. Nothing else reads process.env.
import { z } from 'zod';
import { CustomTopicsSchema } from './classify/custom-topics.js';

const boolish = z.enum(['0', '1', 'true', 'false', 'yes', 'no']).transform((v) => ['1', 'true', 'yes'].includes(v));

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DEMO: boolish.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BOT_LANG: z.enum(['zh', 'en', 'both']).default('both'),
  INTAKE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  ENCRYPTION_KEY: z.string().min(1).optional(),
  PUBLIC_URL: z.string().url().optional(),
  REPLY_WEBHOOK_URL: z.string().url().optional(),
  REPLY_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  CUSTOM_TOPICS: z.string().optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.string().url().optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().positive().default(8000),
  OPENAI_CONCURRENCY: z.coerce.number().int().positive().max(64).default(4),
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(250),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().positive().default(8),
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'must be a bot token (xoxb-…)').optional(),
  SLACK_SIGNING_SECRET: z.string().min(16, 'must be the app\'s signing secret').optional(),
  SLACK_API_URL: z.string().url().default('https://slack.com/api/'),
  SLACK_ADMIN_USER_IDS: z.string().regex(/^\s*[UW][A-Z0-9_]+(\s*,\s*[UW][A-Z0-9_]+)*\s*$/, 'must be Slack user ids separated by commas (U0123ABCD,U0456EFGH)').optional(),
  INTAKE_HISTORY_HOURS: z.coerce.number().positive().default(24),
});

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type Config = ReturnType<typeof loadConfig>;

/** Throws ConfigError listing one readable line per bad setting; never echoes secret values. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const raw = stripEmpty(env);
  const parsed = Env.safeParse(raw);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`);
  const e = parsed.success ? parsed.data : undefined;
  let customTopics: z.infer<typeof CustomTopicsSchema> = [];
  if (raw.CUSTOM_TOPICS) {
    const topics = CustomTopicsSchema.safeParse(raw.CUSTOM_TOPICS);
    if (topics.success) customTopics = topics.data;
    else problems.push(`- CUSTOM_TOPICS: ${topics.error.issues.map((i) => i.message).join('; ')}`);
  }
  // Checked on the raw values so that every problem is listed at once, not one run at a time.
  if (raw.DATABASE_URL && !raw.ENCRYPTION_KEY) problems.push('- ENCRYPTION_KEY: required when DATABASE_URL is set (64 hex characters or base64 of 32 bytes)');
  if (raw.DATABASE_URL && !raw.INTAKE_SECRET) problems.push('- INTAKE_SECRET: required when DATABASE_URL is set');
  if (Boolean(raw.SLACK_BOT_TOKEN) !== Boolean(raw.SLACK_SIGNING_SECRET)) problems.push('- SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: set both to switch Slack on, or neither');
  if (!e || problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL ? { url: e.DATABASE_URL } : { dir: e.DATA_DIR },
    dataDir: e.DATA_DIR,
    demo: e.DEMO,
    logLevel: e.LOG_LEVEL,
    lang: e.BOT_LANG,
    intakeSecret: e.INTAKE_SECRET,
    encryptionKey: e.ENCRYPTION_KEY,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    replyWebhookUrl: e.REPLY_WEBHOOK_URL,
    replyWebhookSecret: e.REPLY_WEBHOOK_SECRET,
    customTopics,
    llm: e.OPENAI_API_KEY
      ? { apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL, timeoutMs: e.OPENAI_TIMEOUT_MS, concurrency: e.OPENAI_CONCURRENCY }
      : undefined,
    outbox: { pollMs: e.OUTBOX_POLL_MS, maxAttempts: e.OUTBOX_MAX_ATTEMPTS },
    slack: e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET
      ? { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, apiUrl: e.SLACK_API_URL,
          adminUserIds: (e.SLACK_ADMIN_USER_IDS ?? '').split(',').map((id) => id.trim()).filter(Boolean) }
      : undefined,
    intake: { historyAfterHours: e.INTAKE_HISTORY_HOURS },
  };
}

// An empty line in .env (FOO=) means "not set", not "set to the empty string".
function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}
