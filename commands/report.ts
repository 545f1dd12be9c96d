// /fb report daily|weekly [YYYY-MM-DD]: the digest on demand, the same card and chart the
// schedule posts. Typed in a chat the bot posts to, it arrives there through the outbox;
// elsewhere the card is the answer, with its chart behind a signed link.
import { digestCard } from '../cards/digest-card.js';
import { digestPeriod, type DigestKind } from '../src/digests/period.js';
import { parseLocalDate } from '../src/stats/zoned-time.js';
import { digestMessages, produceDigest } from '../src/digests/produce-digest.js';
import { chartLink, workbookLink } from '../src/digests/deliver-digest.js';
import { DIGEST_WORKBOOK_DAYS } from '../src/digests/digest-workbook.js';
import { createLinkSigner } from '../src/exports/signed-link.js';
import { enqueueMessages } from '../src/outbox/enqueue.js';
import { absoluteLink } from '../src/exports/link-base.js';
import type { Command, Reply } from './command.js';

const KINDS: Record<string, DigestKind> = { daily: 'daily', day: 'daily', 日报: 'daily', weekly: 'weekly', week: 'weekly', 周报: 'weekly' };

export const reportCommand: Command = {
  name: 'report', usage: 'report daily|weekly [YYYY-MM-DD]',
  summary: { zh: '生成日报或周报（含趋势图），可指定日期', en: 'The daily or weekly digest with its chart, for a date if given' },
  examples: ['report daily', 'report weekly', 'report daily 2026-11-30', '报告 周报'],
  async run({ args, deps, chat }): Promise<Reply> {
    const kind = Object.hasOwn(KINDS, (args[0] ?? '').toLowerCase()) ? KINDS[args[0].toLowerCase()] : undefined;
    if (!kind || args.length > 2) return { kind: 'text', text: deps.t('report.usage') };
    if (args[1] !== undefined && !parseLocalDate(args[1])) return { kind: 'text', text: deps.t('report.bad_date', { date: args[1].slice(0, 40) }) };
    const now = deps.clock.now();
    const period = digestPeriod(kind, deps.config.digests.timeZone, now, args[1]);
    if (period.start > now) return { kind: 'text', text: deps.t('report.future', { date: period.date }) };
    const digest = await produceDigest(deps, period);
    if (chat && deps.adapters.has(chat.platform)) {
      await enqueueMessages(deps.db, digestMessages({ id: digest.id, workbook: digest.workbook !== undefined }, chat));
      deps.outbox.kick();
      return { kind: 'text', text: deps.t(digest.workbook ? 'report.posted_workbook' : 'report.posted', { date: period.date, kind_zh: kind === 'daily' ? '日报' : '周报', kind_en: kind }) };
    }
    const links = createLinkSigner(deps.intakeSecret);
    const chartUrl = absoluteLink(deps.config, chat?.platform, chartLink(links, digest.id, now));
    const workbook = await workbookLink({ db: deps.db, links }, digest.id);
    return { kind: 'card', card: digestCard(digest.data, deps.t, { chartUrl, ...(workbook ? { workbook: { url: absoluteLink(deps.config, chat?.platform, workbook), days: DIGEST_WORKBOOK_DAYS } } : {}) }) };
  },
};
