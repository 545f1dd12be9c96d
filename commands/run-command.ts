// Parses the words a person typed ("/fb stats today", "@bot queue", "stats today") and runs the
// command. Unknown words get a readable answer with a pointer to help, never an error.
import type { Deps } from '../src/deps.js';
import type { Agent } from '../src/domain/types.js';
import type { CommandPlace, Reply } from './command.js';
import { unknownCommandText } from './help.js';
import { ALIASES, COMMANDS } from './index.js';

export function parseCommandText(text: string): { name: string; args: string[] } | null {
  const words = text.replace(/^\s*(?:@\S+\s+)*/, '').trim().split(/\s+/).filter(Boolean);
  if (words[0]?.toLowerCase() === '/fb' || words[0]?.toLowerCase() === 'fb') words.shift();
  const first = words.shift();
  if (!first) return null;
  const name = first.replace(/^\//, '').toLowerCase();
  return { name: own(ALIASES, name) ?? name, args: words };
}

export async function runCommand(deps: Deps, actor: Agent, text: string, place: CommandPlace = {}): Promise<Reply> {
  const parsed = parseCommandText(text);
  if (!parsed) return { kind: 'text', text: deps.t('command.empty') };
  const command = own(COMMANDS, parsed.name);
  if (!command) return { kind: 'text', text: unknownCommandText(deps.t, parsed.name, Object.values(COMMANDS), ALIASES) };
  return command.run({ ...place, actor, args: parsed.args, deps });
}

// Only the records' own entries: "constructor" or "__proto__" typed as a command is unknown, not
// something inherited from Object.prototype.
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
