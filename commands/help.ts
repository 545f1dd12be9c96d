// /fb help: every command with what it does and examples, built from the command list itself so
// it can never fall out of date; /fb help <command> for one. Also the nearest command for words
// that name none.
import type { Translate } from '../src/i18n/translate.js';
import type { Command, Reply } from './command.js';

/** Examples for commands that do not carry their own (the ones that came before help had examples). */
const FALLBACK_EXAMPLES: Record<string, string[]> = {
  queue: ['queue', 'queue 20', '队列'],
  mine: ['mine', '我的 5'],
  show: ['show FB-12', '查看 FB-12'],
  setup: ['setup feedback', 'setup escalations priority=urgent', 'setup digests'],
  role: ['role @someone supervisor'],
  help: ['help', 'help stats', '帮助'],
};

/** Words people type meaning a command, for the suggestion when a name is unknown. */
const HINT_WORDS: Record<string, string> = {
  数据: 'stats', 统计数据: 'stats', 今日数据: 'stats', numbers: 'stats', statistics: 'stats', count: 'stats', 报表: 'report',
  客户: 'customer', client: 'customer', 用户: 'customer', 搜索: 'search', 查找: 'search', 搜: 'search', find: 'search', grep: 'search',
  导出: 'export', excel: 'export', xlsx: 'export', 报告: 'report', 日报: 'report', 周报: 'report', digest: 'report',
  待办: 'queue', list: 'queue', todo: 'queue', 我的事项: 'mine', my: 'mine', 详情: 'show', item: 'show', commands: 'help', '?': 'help', '？': 'help',
};

export function examplesOf(c: Command): string[] {
  return c.examples ?? FALLBACK_EXAMPLES[c.name] ?? [c.usage];
}

export function helpCommand(all: () => Command[], aliases: () => Record<string, string>): Command {
  return {
    name: 'help', usage: 'help [command]', summary: { zh: '列出全部命令和例子', en: 'List the commands, with examples' },
    examples: FALLBACK_EXAMPLES.help,
    async run({ args, deps }): Promise<Reply> {
      const { t } = deps;
      const commands = all();
      if (args[0]) {
        const wanted = args[0].replace(/^\//, '').toLowerCase();
        const name = Object.hasOwn(aliases(), wanted) ? aliases()[wanted] : wanted;
        const one = commands.find((c) => c.name === name);
        if (!one) return { kind: 'text', text: unknownCommandText(t, wanted, commands, aliases()) };
        const text = describe(t, one, aliasesOf(one.name, aliases()));
        return { kind: 'card', card: { title: t('help.one_title', { name: one.name }), tone: 'info', body: [{ type: 'text', text }], fallback: text } };
      }
      const blocks = commands.map((c) => describe(t, c, aliasesOf(c.name, aliases())));
      const text = [...blocks, t('help.more')].join('\n\n');
      return { kind: 'card', card: { title: t('help.title'), tone: 'info', body: [{ type: 'text', text }], fallback: text } };
    },
  };
}

function describe(t: Translate, c: Command, names: string[]): string {
  const lines = [`/fb ${c.usage} — ${t('help.line', { zh: c.summary.zh, en: c.summary.en })}`];
  lines.push(`${t('help.examples')}: ${examplesOf(c).map((e) => `/fb ${e}`).join(' · ')}`);
  if (names.length > 0) lines.push(`${t('help.aliases')}: ${names.join(' · ')}`);
  return lines.join('\n');
}

function aliasesOf(name: string, aliases: Record<string, string>): string[] {
  return Object.entries(aliases).filter(([, target]) => target === name).map(([alias]) => alias);
}

/** The readable answer for a word that names no command: the nearest one when something is near. */
export function unknownCommandText(t: Translate, word: string, commands: Command[], aliases: Record<string, string>): string {
  const near = nearestCommand(word, commands.map((c) => c.name), aliases);
  if (!near) return t('command.unknown', { name: word });
  const command = commands.find((c) => c.name === near);
  const example = command ? examplesOf(command)[0] : near;
  return t('command.did_you_mean', { name: word, suggestion: near, example });
}

/**
 * The command a mistyped or descriptive word most likely meant: a known word for it ("搜索",
 * "excel"), a prefix ("stat"), or a name within a small edit distance ("serach"). Null when
 * nothing is near enough to be a fair guess.
 */
export function nearestCommand(word: string, names: string[], aliases: Record<string, string> = {}): string | null {
  const w = word.toLowerCase();
  if (!w) return null;
  const exists = (name: string | undefined) => (name && names.includes(name) ? name : null);
  if (Object.hasOwn(HINT_WORDS, w) && exists(HINT_WORDS[w])) return HINT_WORDS[w];
  if (Object.hasOwn(aliases, w) && exists(aliases[w])) return aliases[w];
  // Chinese: an alias or hint word inside what was typed ("查看统计" → stats).
  for (const [alias, target] of [...Object.entries(aliases), ...Object.entries(HINT_WORDS)]) {
    if (/[\u3400-\u9fff]/.test(alias) && w.includes(alias) && exists(target)) return target;
  }
  if (w.length >= 3) {
    const prefixed = names.filter((n) => n.startsWith(w) || (w.startsWith(n) && w.length - n.length <= 2));
    if (prefixed.length === 1) return prefixed[0];
  }
  let best: { name: string; d: number } | null = null;
  for (const name of names) {
    const d = editDistance(w, name);
    if (!best || d < best.d) best = { name, d };
  }
  // One edit for short names, two for longer ones: "qeue" → queue, "hepl" → help, not "dance" → show.
  if (best && best.d <= (best.name.length <= 4 ? 1 : 2) && best.d < w.length) return best.name;
  return null;
}

/** Damerau-Levenshtein (optimal string alignment): a swapped pair of letters is one edit. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
