// One zod schema over the environment, parsed once at start. Nothing else reads process.env.
import { isIP } from 'node:net';
import { validate as isCronExpression } from 'node-cron';
import { z } from 'zod';
import { CustomTopicsSchema } from './classify/custom-topics.js';
import { ReplyTemplatesSchema } from './reply-templates.js';
import { issueText } from './i18n/field-errors.js';
import { isLoopbackHost } from './auth/hosts.js';
import { createTranslate, type Lang, type Translate } from './i18n/translate.js';
import { parseEncryptionKey } from './privacy/contact-crypto.js';
import { parseDeadlineSettings } from './deadlines/deadline-settings.js';
import { WARNINGS_ENV, warningsSettings } from './warnings/settings.js';

const boolish = z.enum(['0', '1', 'true', 'false', 'yes', 'no'], { error: 'config.boolean' }).transform((v) => ['1', 'true', 'yes'].includes(v));
// RFC 1123 host names; an address that does not belong to this machine is caught when listening.
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/**
 * Every setting the bot reads. `.env.example` and README's settings table name exactly these
 * (test/config/settings-parity.test.ts checks it).
 */
export const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().refine((v) => isIP(v) !== 0 || HOST_NAME.test(v), { error: 'config.host' }).default('127.0.0.1'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, { error: 'config.database_url' }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DEMO: boolish.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BOT_LANG: z.enum(['zh', 'en', 'both']).default('both'),
  TZ: z.string().refine(isTimeZone, { error: 'config.time_zone' }).optional(),
  INTAKE_SECRET: z.string().min(16).optional(),
  ENCRYPTION_KEY: z.string().refine(isEncryptionKey, { error: 'config.encryption_key' }).optional(),
  REPLY_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  LOCAL_SIGN_IN: z.enum(['none', 'users', 'token']).optional(),
  LOCAL_ACCESS_TOKEN: z.string().min(32).optional(),
  REPLY_WEBHOOK_SECRET: z.string().min(16).optional(),
  CUSTOM_TOPICS: z.string().optional(),
  REPLY_TEMPLATES: z.string().optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().positive().default(8000),
  OPENAI_CONCURRENCY: z.coerce.number().int().positive().max(64).default(4),
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(250),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().positive().default(8),
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', { error: 'config.slack_bot_token' }).optional(),
  SLACK_SIGNING_SECRET: z.string().min(16, { error: 'config.slack_signing_secret' }).optional(),
  SLACK_API_URL: z.string().url().default('https://slack.com/api/'),
  SLACK_ADMIN_USER_IDS: z.string().regex(/^\s*[UW][A-Z0-9_]+(\s*,\s*[UW][A-Z0-9_]+)*\s*$/, { error: 'config.slack_admin_ids' }).optional(),
  FEISHU_APP_ID: z.string().min(1).max(100).optional(),
  FEISHU_APP_SECRET: z.string().min(1).max(200).optional(),
  FEISHU_ENCRYPT_KEY: z.string().min(1).max(200).optional(),
  FEISHU_VERIFICATION_TOKEN: z.string().min(1).max(200).optional(),
  FEISHU_DOMAIN: z.string().refine((v) => v === 'feishu' || v === 'lark' || /^https?:\/\/[^\s]+$/.test(v), { error: 'config.feishu_domain' }).default('feishu'),
  FEISHU_ADMIN_OPEN_IDS: z.string().regex(/^\s*ou_\w+(\s*,\s*ou_\w+)*\s*$/, { error: 'config.feishu_admin_ids' }).optional(),
  WECOM_CORP_ID: z.string().regex(/^[A-Za-z0-9]{6,64}$/, { error: 'config.wecom_corp_id' }).optional(),
  WECOM_AGENT_ID: z.coerce.number().int().positive().optional(),
  WECOM_SECRET: z.string().min(16, { error: 'config.wecom_secret' }).optional(),
  WECOM_TOKEN: z.string().regex(/^[A-Za-z0-9]{1,32}$/, { error: 'config.wecom_token' }).optional(),
  WECOM_ENCODING_AES_KEY: z.string().regex(/^[A-Za-z0-9]{43}$/, { error: 'config.wecom_aes_key' }).optional(),
  WECOM_API_BASE: z.url({ protocol: /^https?$/ }).default('https://qyapi.weixin.qq.com'),
  WECOM_ADMIN_USER_IDS: z.string().regex(/^\s*[\w.@-]+(\s*,\s*[\w.@-]+)*\s*$/, { error: 'config.wecom_admin_ids' }).optional(),
  INTAKE_HISTORY_HOURS: z.coerce.number().positive().default(24),
  JOBS_TIME_ZONE: z.string().refine(isTimeZone, { error: 'config.time_zone' }).default('Asia/Shanghai'),
  DIGEST_DAILY_CRON: z.string().refine(isScheduleOrOff, { error: 'config.cron' }).default('0 9 * * *'),
  DIGEST_WEEKLY_CRON: z.string().refine(isScheduleOrOff, { error: 'config.cron' }).default('0 9 * * 1'),
  DIGEST_TIME_ZONE: z.string().refine(isTimeZone, { error: 'config.time_zone' }).optional(),
  // Time limits (README "Time limits"); the text forms are checked by parseDeadlineSettings.
  BUSINESS_HOURS: z.string().optional(),
  BUSINESS_DAYS: z.string().default('1-5'),
  BUSINESS_TIME_ZONE: z.string().refine(isTimeZone, { error: 'config.time_zone' }).default('Asia/Shanghai'),
  HOLIDAY_CALENDAR: z.enum(['cn', 'none']).default('cn'),
  HOLIDAYS_FILE: z.string().optional(),
  DEADLINES_STANDARD: z.string().optional(),
  DEADLINES_VIP: z.string().optional(),
  DEADLINES_ENTERPRISE: z.string().optional(),
  DEADLINE_REMINDER_AT: z.string().default('0.8'),
  ESCALATION_CHAIN: z.string().default('supervisor=0m,manager=4h'),
  ...WARNINGS_ENV,
});

/** Feishu needs all four secrets: events arrive encrypted and signed, and calls need the app's token. */
const FEISHU_KEYS = ['FEISHU_APP_ID', 'FEISHU_APP_SECRET', 'FEISHU_ENCRYPT_KEY', 'FEISHU_VERIFICATION_TOKEN'] as const;

/** WeCom is on when all five are set; some without the others is a mistake worth stopping for. */
const WECOM_REQUIRED = ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY'] as const;

/** A bad setting: the message is ready to print (one line per problem, in the configured language). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type Config = ReturnType<typeof loadConfig>;

/** Throws ConfigError listing one readable line per bad setting; never echoes a value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const raw = stripEmpty(env);
  const t = messagesFor(raw);
  const parsed = Env.safeParse(raw);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${issueText(i, t)}`);
  const e = parsed.success ? parsed.data : undefined;
  let customTopics: z.infer<typeof CustomTopicsSchema> = [];
  if (raw.CUSTOM_TOPICS) {
    const topics = CustomTopicsSchema.safeParse(raw.CUSTOM_TOPICS);
    if (topics.success) customTopics = topics.data;
    else problems.push(`- CUSTOM_TOPICS: ${[...new Set(topics.error.issues.map((i) => issueText(i, t)))].join('; ')}`);
  }
  let replyTemplates: z.infer<typeof ReplyTemplatesSchema> | undefined;
  if (raw.REPLY_TEMPLATES) {
    const templates = ReplyTemplatesSchema.safeParse(raw.REPLY_TEMPLATES);
    if (templates.success) replyTemplates = templates.data;
    else problems.push(`- REPLY_TEMPLATES: ${[...new Set(templates.error.issues.map((i) => issueText(i, t)))].join('; ')}`);
  }
  // Checked on the raw values so that every problem is listed at once, not one run at a time.
  if (raw.DATABASE_URL && !raw.ENCRYPTION_KEY) problems.push(`- ENCRYPTION_KEY: ${t('config.encryption_key_required')}`);
  if (raw.DATABASE_URL && !raw.INTAKE_SECRET) problems.push(`- INTAKE_SECRET: ${t('config.intake_secret_required')}`);
  if (Boolean(raw.SLACK_BOT_TOKEN) !== Boolean(raw.SLACK_SIGNING_SECRET)) problems.push(`- SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: ${t('config.slack_pair')}`);
  const feishuSet = FEISHU_KEYS.filter((k) => raw[k]);
  if (feishuSet.length > 0 && feishuSet.length < FEISHU_KEYS.length) problems.push(`- ${FEISHU_KEYS.join(', ')}: ${t('config.feishu_set')}`);
  const wecomSet = WECOM_REQUIRED.filter((name) => raw[name]);
  if (wecomSet.length > 0 && wecomSet.length < WECOM_REQUIRED.length) problems.push(`- ${WECOM_REQUIRED.join(', ')}: ${t('config.wecom_all')}`);
  // The local chat's page may stay open without sign-in only where no other machine reaches it.
  const localSignIn = raw.LOCAL_SIGN_IN ?? (raw.LOCAL_ACCESS_TOKEN ? 'token' : 'none');
  if (localSignIn === 'token' && !raw.LOCAL_ACCESS_TOKEN) problems.push(`- LOCAL_ACCESS_TOKEN: ${t('config.local_access_token_required')}`);
  if (localSignIn === 'none' && raw.HOST && Env.shape.HOST.safeParse(raw.HOST).success && !isLoopbackHost(raw.HOST)) problems.push(`- HOST: ${t('config.host_needs_sign_in', { host: raw.HOST })}`);
  const deadlines = e ? parseDeadlineSettings(e) : undefined;
  for (const p of deadlines?.problems ?? []) problems.push(`- ${p.setting}: ${t(p.key)}${p.detail ? ` (${p.detail})` : ''}`);
  if (!e || !deadlines?.config || problems.length > 0) throw new ConfigError(`${t('startup.config_invalid')}\n${problems.join('\n')}`);
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL ? { url: e.DATABASE_URL } : { dir: e.DATA_DIR },
    dataDir: e.DATA_DIR,
    demo: e.DEMO,
    logLevel: e.LOG_LEVEL,
    lang: e.BOT_LANG,
    timeZone: e.TZ,
    intakeSecret: e.INTAKE_SECRET,
    encryptionKey: e.ENCRYPTION_KEY,
    replyWebhookUrl: e.REPLY_WEBHOOK_URL,
    publicUrl: e.PUBLIC_URL,
    localSignIn: localSignIn as 'none' | 'users' | 'token',
    localAccessToken: e.LOCAL_ACCESS_TOKEN,
    replyWebhookSecret: e.REPLY_WEBHOOK_SECRET,
    customTopics,
    /** Unset: the default templates in the bot's language (src/reply-templates.ts). */
    replyTemplates,
    llm: e.OPENAI_API_KEY
      ? { apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL, timeoutMs: e.OPENAI_TIMEOUT_MS, concurrency: e.OPENAI_CONCURRENCY }
      : undefined,
    outbox: { pollMs: e.OUTBOX_POLL_MS, maxAttempts: e.OUTBOX_MAX_ATTEMPTS },
    slack: e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET
      ? { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, apiUrl: e.SLACK_API_URL,
          adminUserIds: (e.SLACK_ADMIN_USER_IDS ?? '').split(',').map((id) => id.trim()).filter(Boolean) }
      : undefined,
    feishu: e.FEISHU_APP_ID && e.FEISHU_APP_SECRET && e.FEISHU_ENCRYPT_KEY && e.FEISHU_VERIFICATION_TOKEN
      ? { appId: e.FEISHU_APP_ID, appSecret: e.FEISHU_APP_SECRET, encryptKey: e.FEISHU_ENCRYPT_KEY, verificationToken: e.FEISHU_VERIFICATION_TOKEN,
          domain: e.FEISHU_DOMAIN, adminOpenIds: (e.FEISHU_ADMIN_OPEN_IDS ?? '').split(',').map((id) => id.trim()).filter(Boolean) }
      : undefined,
    wecom: e.WECOM_CORP_ID && e.WECOM_AGENT_ID && e.WECOM_SECRET && e.WECOM_TOKEN && e.WECOM_ENCODING_AES_KEY
      ? { corpId: e.WECOM_CORP_ID, agentId: e.WECOM_AGENT_ID, secret: e.WECOM_SECRET, token: e.WECOM_TOKEN, encodingAesKey: e.WECOM_ENCODING_AES_KEY,
          apiBase: e.WECOM_API_BASE, adminUserIds: (e.WECOM_ADMIN_USER_IDS ?? '').split(',').map((id) => id.trim()).filter(Boolean) }
      : undefined,
    intake: { historyAfterHours: e.INTAKE_HISTORY_HOURS },
    jobs: { timeZone: e.JOBS_TIME_ZONE },
    digests: {
      dailyCron: e.DIGEST_DAILY_CRON === 'off' ? null : e.DIGEST_DAILY_CRON,
      weeklyCron: e.DIGEST_WEEKLY_CRON === 'off' ? null : e.DIGEST_WEEKLY_CRON,
      // The zone digests and exports count days in, and their cron is read in: its own setting, else the jobs'.
      timeZone: realZone(e.DIGEST_TIME_ZONE) ?? e.JOBS_TIME_ZONE,
    },
    deadlines: deadlines.config,
    warnings: warningsSettings(e),
  };
}

/** Start-up messages in the configured BOT_LANG, or both languages while that is unknown or bad. */
export function messagesFor(env: NodeJS.ProcessEnv = process.env): Translate {
  const lang = env.BOT_LANG;
  return createTranslate(lang === 'zh' || lang === 'en' ? (lang satisfies Lang) : 'both');
}

// An empty line in .env (FOO=) means "not set", not "set to the empty string".
function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}

function isTimeZone(name: string): boolean {
  if (name.startsWith(':')) return true; // the POSIX ":/etc/localtime" form names a file, not a zone
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A five-field cron expression (minute hour day month weekday), or "off". */
function isScheduleOrOff(value: string): boolean {
  return value === 'off' || (value.trim().split(/\s+/).length === 5 && isCronExpression(value));
}

/** A zone name Intl knows; the POSIX ":/etc/localtime" form is left to the machine's default. */
function realZone(name: string | undefined): string | undefined {
  return name && !name.startsWith(':') ? name : undefined;
}

function isEncryptionKey(value: string): boolean {
  try {
    parseEncryptionKey(value);
    return true;
  } catch {
    return false;
  }
}
