// `/fb setup`: which chats receive what. Typed in a chat by an admin, it registers that chat for a
// purpose with optional filters; alone, it lists every registered chat on every platform.
import type { RoutingFilters } from '../src/db/schema.js';
import { listChannels, removeChannel, setChannel } from '../src/channels-repo.js';
import { BUILTIN_TOPICS, PRIORITIES, TIERS } from '../src/domain/types.js';
import { labelOf } from '../src/domain/refusal-text.js';
import type { ChannelPurpose, RoutedChannel } from '../src/routing.js';
import type { Translate } from '../src/i18n/translate.js';
import type { Command, CommandContext, Reply } from './command.js';

const PURPOSES: Record<string, ChannelPurpose> = {
  feedback: 'intake', intake: 'intake', 反馈: 'intake',
  escalations: 'escalation', escalation: 'escalation', 升级: 'escalation',
  warnings: 'warnings', 预警: 'warnings',
  digests: 'digests', 日报: 'digests',
};
const FILTER_KEYS: Record<string, keyof RoutingFilters> = {
  topic: 'topics', topics: 'topics', priority: 'priorities', priorities: 'priorities', tier: 'tiers', tiers: 'tiers', source: 'sources', sources: 'sources',
};

export const setupCommand: Command = {
  name: 'setup', usage: 'setup [feedback|escalations|warnings|digests] [topic=… priority=… tier=… source=…]',
  summary: { zh: '设置本频道接收的内容（管理员）；不带参数时列出所有频道', en: 'Choose what this channel receives (admins); alone, list every channel' },
  async run(ctx): Promise<Reply> {
    const { args, deps, actor, chat } = ctx;
    const { t } = deps;
    if (args.length === 0) return listing(await listChannels(deps.db), t);
    if (actor.role !== 'admin') return text(t('setup.admin_only'));
    if (!chat) return text(t('setup.no_chat'));
    const off = args[0]?.toLowerCase() === 'off';
    const purpose = PURPOSES[(off ? args[1] : args[0])?.toLowerCase() ?? ''];
    if (!purpose) return text(t('setup.usage'));
    if (off) {
      await removeChannel(deps.db, chat.platform, chat.chatId, purpose);
      deps.channels.invalidate();
      return listing(await listChannels(deps.db), t);
    }
    const filters = parseFilters(args.slice(1), ctx);
    if ('bad' in filters) return text(t('setup.bad_filter', { filter: filters.bad }));
    await setChannel(deps.db, { platform: chat.platform, chatId: chat.chatId, purpose, name: chat.name ?? chat.chatId, filters, readOnly: false });
    // Other instances see the change when their cache expires (seconds).
    deps.channels.invalidate();
    return text(t('setup.done', { purpose: labelOf(t, 'purpose', purpose), filters: describeFilters(filters) }));
  },
};

function parseFilters(words: string[], ctx: CommandContext): RoutingFilters | { bad: string } {
  const topics = new Set<string>([...BUILTIN_TOPICS, ...ctx.deps.config.customTopics.map((c) => c.name)]);
  const allowed: Partial<Record<keyof RoutingFilters, Set<string>>> = { topics, priorities: new Set(PRIORITIES), tiers: new Set(TIERS) };
  const filters: RoutingFilters = {};
  for (const word of words) {
    const [rawKey, rawValues] = word.split('=', 2);
    const key = FILTER_KEYS[rawKey?.toLowerCase() ?? ''];
    const values = (rawValues ?? '').split(',').map((v) => v.trim()).filter(Boolean);
    if (!key || values.length === 0 || values.some((v) => allowed[key] && !allowed[key]!.has(v))) return { bad: word };
    filters[key] = [...new Set([...(filters[key] ?? []), ...values])];
  }
  return filters;
}

function describeFilters(f: RoutingFilters): string {
  const parts = Object.entries(f).filter(([, v]) => v && v.length > 0).map(([k, v]) => `${k}=${(v as string[]).join(',')}`);
  return parts.length > 0 ? ` (${parts.join(' ')})` : '';
}

function listing(channels: RoutedChannel[], t: Translate): Reply {
  if (channels.length === 0) return text(t('setup.none'));
  const lines = channels.map((c) => `${c.platform} · ${c.name} (${c.chatId}): ${labelOf(t, 'purpose', c.purpose)}${describeFilters(c.filters) || ` (${t('setup.all')})`}`);
  return { kind: 'card', card: { title: t('setup.title'), tone: 'info', body: [{ type: 'text', text: lines.join('\n') }], fallback: lines.join('\n') } };
}

const text = (value: string): Reply => ({ kind: 'text', text: value });
