// WeCom rooms as chat ids: `appchat:<chatid>` (an app group chat this app created), `robot:k1.<sealed
// webhook key>` (a group robot; robot-key.ts), and `user:<userid>` (one member's chat with the app).
import { PlatformError, type ChatRef } from '../chat-adapter.js';
import { isRobotKey, type RobotKeySeal } from './robot-key.js';

export type Target = { kind: 'appchat' | 'user'; id: string } | { kind: 'robot'; id: string; key: string };

/** Throws PlatformError('rejected') for an id that is none of the three, or a robot whose key does not open. */
export function parseChatId(chatId: string, robots: RobotKeySeal): Target {
  const at = chatId.indexOf(':');
  const kind = chatId.slice(0, at);
  const id = chatId.slice(at + 1);
  if ((kind === 'appchat' || kind === 'user') && id) return { kind, id };
  if (kind === 'robot') {
    const key = robots.open(id);
    // A key stored in clear (or under another ENCRYPTION_KEY) is not used: the room is set up again.
    if (key) return { kind, id, key };
    throw new PlatformError('wecom', 'rejected', 'group robot room without a sealed webhook key: run /fb setup for it again');
  }
  throw new PlatformError('wecom', 'rejected', `not a WeCom chat id: ${kind || chatId.slice(0, 20)}`);
}

/**
 * The room a setup text names, taken out of the text: `appchat:<chatid>`, `robot:<webhook key>`,
 * the robot's whole webhook URL (`…/webhook/send?key=…`), or a room id from a `/fb setup` listing.
 * The key is sealed at once; the name shows its last four characters only.
 */
export function takeRoom(text: string, robots: RobotKeySeal): { text: string; room?: ChatRef } {
  let room: ChatRef | undefined;
  const rest = text.replace(/(?:^|\s)(appchat:[\w-]{1,128}|robot:[\w.-]{1,300}|https?:\/\/\S+[?&]key=[\w-]{1,128}\S*)(?=\s|$)/, (whole, token: string) => {
    const found = roomOf(token, robots);
    if (!found) return whole;
    room = found;
    return ' ';
  });
  return room ? { text: rest.trim(), room } : { text };
}

function roomOf(token: string, robots: RobotKeySeal): ChatRef | undefined {
  if (token.startsWith('appchat:')) return { platform: 'wecom', chatId: token, name: token };
  const key = token.startsWith('robot:') ? token.slice('robot:'.length) : /[?&]key=([\w-]{1,128})/.exec(token)?.[1];
  if (!key) return undefined;
  const opened = robots.open(key);
  const plain = opened ?? (isRobotKey(key) ? key : undefined);
  if (!plain) return undefined;
  return { platform: 'wecom', chatId: `robot:${opened ? key : robots.seal(plain)}`, name: `robot …${plain.slice(-4)}` };
}
