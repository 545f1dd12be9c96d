import type { Command, Reply } from './command.js';

/** Built from the command list itself so it can never fall out of date. */
export function helpCommand(all: () => Command[]): Command {
  return {
    name: 'help', usage: 'help', summary: { zh: '列出全部命令', en: 'List the commands' },
    async run({ deps }): Promise<Reply> {
      const lines = all().map((c) => `/fb ${c.usage} — ${deps.t('help.line', { zh: c.summary.zh, en: c.summary.en })}`);
      return { kind: 'card', card: { title: deps.t('help.title'), tone: 'info', body: [{ type: 'text', text: lines.join('\n') }], fallback: lines.join('\n') } };
    },
  };
}
