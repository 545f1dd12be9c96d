// /fb export 7d|30d|FROM..TO [topic=…]: the items of a period as an .xlsx (items, events,
// summary). The answer carries a signed link valid for 24 hours; where the platform takes files
// from a bot, the file itself follows in the chat through the outbox.
import { randomBytes } from 'node:crypto';
import { labelOf } from '../src/domain/refusal-text.js';
import { BUILTIN_TOPICS } from '../src/domain/types.js';
import { buildExport, EXPORT_LIMITS } from '../src/exports/workbook.js';
import { storeExportFile } from '../src/exports/export-store.js';
import { exportPath } from '../src/exports/file-routes.js';
import { createLinkSigner } from '../src/exports/signed-link.js';
import { absoluteLink } from '../src/exports/link-base.js';
import { enqueueMessages } from '../src/outbox/enqueue.js';
import { isPeriod, MAX_PERIOD_DAYS, parsePeriod } from '../src/stats/period.js';
import type { Card } from '../cards/card.js';
import type { Command, Reply } from './command.js';

/** How long a link (and the stored file) lasts. */
export const EXPORT_LINK_HOURS = 24;

export const exportCommand: Command = {
  name: 'export', usage: 'export 7d|30d|FROM..TO [topic=…]',
  summary: { zh: '导出一段时间的反馈和处理记录为 Excel', en: 'Export the items and events of a period as Excel' },
  examples: ['export 7d', 'export 30d topic=logistics', 'export 2026-11-01..2026-11-30', '导出 7天'],
  async run({ args, deps, actor, chat }): Promise<Reply> {
    const { t, config } = deps;
    const words = args.filter((a) => !/^(topic|主题)[=＝]/i.test(a));
    const topicArg = args.find((a) => /^(topic|主题)[=＝]/i.test(a))?.replace(/^[^=＝]+[=＝]/, '');
    if (words.length !== 1 || args.length - words.length > 1) return { kind: 'text', text: t('export.usage') };
    const now = deps.clock.now();
    const timeZone = config.digests.timeZone;
    const period = parsePeriod(words[0], now, timeZone);
    if (!isPeriod(period)) {
      if (period.code === 'reversed') return { kind: 'text', text: t('stats.reversed_period', { period: period.text }) };
      if (period.code === 'too_long') return { kind: 'text', text: t('stats.too_long_period', { period: period.text, max: MAX_PERIOD_DAYS }) };
      return { kind: 'text', text: t('export.usage') };
    }
    const topics = [...BUILTIN_TOPICS, ...config.customTopics.map((c) => c.name)];
    const topic = topicArg === undefined ? undefined : topics.find((x) => x.toLowerCase() === topicArg.toLowerCase() || labelOf(t, 'topic', x).split(' / ').includes(topicArg));
    if (topicArg !== undefined && !topic) return { kind: 'text', text: t('export.unknown_topic', { topic: topicArg.slice(0, 40), topics: topics.join(', ') }) };

    const file = await buildExport(deps.db, { from: period.from, to: period.to, label: period.label, timeZone, topic, now });
    const id = randomBytes(16).toString('base64url');
    const filename = `feedback-${period.label.replace('..', '_to_')}${topic ? `-${topic}` : ''}.xlsx`;
    const expiresAt = new Date(now.getTime() + EXPORT_LINK_HOURS * 3_600_000);
    await storeExportFile(deps.db, { id, requestedBy: actor.id, filename, bytes: file.bytes, rows: file.items, expiresAt, now });
    const link = absoluteLink(config, chat?.platform, createLinkSigner(deps.intakeSecret).sign(exportPath(id, filename), expiresAt));

    const uploads = chat !== undefined && deps.adapters.get(chat.platform)?.uploadFile !== undefined;
    if (uploads) {
      await enqueueMessages(deps.db, [{ idempotencyKey: `export:${id}:${chat.platform}:${chat.chatId}`, platform: chat.platform, chatId: chat.chatId, payload: { kind: 'export.file', exportId: id } }]);
      deps.outbox.kick();
    }
    const lines = [t('export.ready', { items: file.items, events: file.events })];
    if (topic) lines.push(t('export.filter', { topic: labelOf(t, 'topic', topic) }));
    if (file.truncated) lines.push(t('export.truncated', { max: EXPORT_LIMITS.items }));
    const card: Card = {
      title: t('export.title', { label: period.label }),
      tone: file.truncated ? 'warning' : 'info',
      body: [
        { type: 'text', text: lines.join('\n') },
        { type: 'text', text: `${t('export.link')}: ${link}` },
        ...(uploads ? [{ type: 'context' as const, text: t('export.file_follows') }] : []),
      ],
      fallback: `${t('export.title', { label: period.label })}: ${link}`,
    };
    return { kind: 'card', card };
  },
};
