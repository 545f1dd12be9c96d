// Feishu's limits on a rendered card, checked the way the platform would: the JSON content at most
// 30 KB, at most 200 components, a shared card (update_multi) so it can be patched.
import type { FeishuCard } from '../../adapters/feishu/render.js';

export function feishuLimitViolations(card: FeishuCard): string[] {
  const problems: string[] = [];
  const bytes = Buffer.byteLength(JSON.stringify(card));
  if (bytes > 30 * 1024) problems.push(`card is ${bytes} bytes (limit 30 KB)`);
  const components = countTags(card);
  if (components > 200) problems.push(`card has ${components} components (limit 200)`);
  if (card.config.update_multi !== true) problems.push('card is not shared (update_multi)');
  if (card.schema !== '2.0') problems.push('card is not JSON 2.0');
  const names = new Set<string>();
  walk(card, (node) => {
    if (typeof node.name === 'string' && node.tag) {
      if (names.has(node.name)) problems.push(`component name ${node.name} used twice`);
      names.add(node.name);
    }
  });
  return problems;
}

function countTags(value: unknown): number {
  let n = 0;
  walk(value, (node) => { if ('tag' in node) n++; });
  return n;
}

function walk(value: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) { value.forEach((v) => walk(v, visit)); return; }
  if (!value || typeof value !== 'object') return;
  visit(value as Record<string, unknown>);
  Object.values(value).forEach((v) => walk(v, visit));
}
