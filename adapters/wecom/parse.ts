// The decrypted WeCom message (XML fields) → what happened: a text to the app, a click or a vote on
// a template card, or something the desk does not use. Pure; the adapter adds the prompt state.
import { decodeAction, type EncodedAction } from '../action-codec.js';
import { field, type XmlFields } from './xml.js';

/** developer.work.weixin.qq.com path/90196: 1–64 of digits, letters and "_-@.". */
const USER_ID = /^[A-Za-z0-9_@.-]{1,64}$/;
/** template_card task_id: [0-9A-Za-z_-@], ≤ 128 bytes. */
const TASK_ID = /^[0-9A-Za-z_@-]{1,128}$/;
const RESPONSE_CODE = /^[\x21-\x7e]{1,512}$/;

export type WecomEvent =
  | { type: 'text'; eventId: string; userId: string; content: string }
  | { type: 'click'; eventId: string; userId: string; taskId: string; responseCode?: string; action: EncodedAction; selected?: { question: string; option: string } }
  | { type: 'other'; reason: string };

export function readWecomEvent(fields: XmlFields): WecomEvent | { type: 'malformed'; reason: string } {
  const userId = field(fields, 'FromUserName');
  const createTime = field(fields, 'CreateTime');
  const msgType = field(fields, 'MsgType');
  if (!userId || !msgType || !createTime || !/^\d{1,12}$/.test(createTime)) return { type: 'malformed', reason: 'message without FromUserName, CreateTime or MsgType' };
  // WeCom's rule for a UserID; anything else is not WeCom (and must not reach the database).
  if (!USER_ID.test(userId)) return { type: 'malformed', reason: 'FromUserName is not a WeCom UserID' };
  if (msgType === 'text') {
    const content = typeof fields.Content === 'string' ? fields.Content : '';
    const msgId = field(fields, 'MsgId');
    if (msgId && !/^\d{1,24}$/.test(msgId)) return { type: 'malformed', reason: 'MsgId is not a number' };
    // Retries carry the same MsgId; without one, sender and second are what WeCom keeps.
    return { type: 'text', eventId: msgId ? `msg:${msgId}` : `msg:${userId}:${createTime}`, userId, content };
  }
  const event = field(fields, 'Event');
  if (msgType !== 'event' || event !== 'template_card_event') return { type: 'other', reason: `${msgType}${event ? ` ${event}` : ''}` };
  const taskId = field(fields, 'TaskId');
  const action = decodeAction(field(fields, 'EventKey'));
  if (!taskId || !TASK_ID.test(taskId) || !action) return { type: 'other', reason: 'click on a card the desk did not send' };
  // Opaque, but printable ASCII; anything else is dropped rather than kept for an update.
  const code = field(fields, 'ResponseCode');
  const responseCode = code && RESPONSE_CODE.test(code) ? code : undefined;
  const selected = firstSelection(fields.SelectedItems);
  return {
    type: 'click',
    // Events have no MsgId: a retry repeats sender and CreateTime; the card and button tell two quick clicks apart.
    eventId: `event:${userId}:${createTime}:${taskId}:${field(fields, 'EventKey')}`,
    userId, taskId, action, ...(responseCode ? { responseCode } : {}), ...(selected ? { selected } : {}),
  };
}

function firstSelection(value: unknown): { question: string; option: string } | undefined {
  const items = (value as { SelectedItem?: unknown } | undefined)?.SelectedItem;
  const first = Array.isArray(items) ? (items[0] as XmlFields | undefined) : undefined;
  if (!first || typeof first !== 'object') return undefined;
  const question = field(first, 'QuestionKey');
  const options = (first.OptionIds as { OptionId?: unknown } | undefined)?.OptionId;
  const option = Array.isArray(options) && typeof options[0] === 'string' ? options[0] : undefined;
  return question && option ? { question, option } : undefined;
}
