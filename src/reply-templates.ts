// Reply templates: ready answers an agent picks in a Reply form instead of typing (Slack's modal,
// Feishu's card form). The operator sets their own (REPLY_TEMPLATES); otherwise a small default
// set in the bot's language. A template is sent only when the reply text is left empty.
import { z } from 'zod';
import type { MessageKey } from './i18n/catalogue.js';
import type { Translate } from './i18n/translate.js';

export interface ReplyTemplate { id: string; name: string; text: string }

/** REPLY_TEMPLATES: a JSON list of {"name", "text"}, at most 20; names short enough for a picker. */
export const ReplyTemplatesSchema = z
  .string()
  .transform((setting, ctx): unknown => {
    try {
      return JSON.parse(setting);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'config.reply_templates_json' });
      return z.NEVER;
    }
  })
  .pipe(z.array(z.object({ name: z.string().trim().min(1).max(60), text: z.string().trim().min(1).max(2000) }).strict()).min(1).max(20));

const DEFAULTS = ['received', 'details', 'refund', 'sorry'] as const;

/** The templates a running bot offers (its settings and language). */
export function templatesOf(deps: { config: { replyTemplates?: { name: string; text: string }[] }; t: Translate }): ReplyTemplate[] {
  return replyTemplates(deps.config.replyTemplates, deps.t);
}

/** The templates in force, each with a stable id (`t1`, `t2`…) that forms submit. */
export function replyTemplates(configured: { name: string; text: string }[] | undefined, t: Translate): ReplyTemplate[] {
  const list = configured && configured.length > 0
    ? configured
    : DEFAULTS.map((key) => ({ name: t(`template.${key}.name` as MessageKey), text: t(`template.${key}.text` as MessageKey) }));
  return list.map((template, i) => ({ id: `t${i + 1}`, ...template }));
}
