// A button's value on every platform: which action, on which item. One codec so no renderer
// invents its own and no parser trusts an action name it does not know.
import { ACTION_NAMES, type ActionName } from '../src/domain/types.js';

export interface EncodedAction { action: ActionName; itemId: string }

export function encodeAction(a: EncodedAction): string {
  return `${a.action}:${a.itemId}`;
}

export function decodeAction(value: unknown): EncodedAction | null {
  if (typeof value !== 'string') return null;
  const at = value.indexOf(':');
  const action = value.slice(0, at) as ActionName;
  const itemId = value.slice(at + 1);
  return at > 0 && ACTION_NAMES.includes(action) && /^[\w-]{1,100}$/.test(itemId) ? { action, itemId } : null;
}
