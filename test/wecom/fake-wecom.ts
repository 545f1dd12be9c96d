// A small local stand-in for the WeCom server API: gettoken, message/send, appchat/create and send,
// message/update_template_card (one-shot response codes), user/get, media/upload and the group
// robot webhook. Records every call; can be told to answer the next calls of an API with an errcode.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WecomCall { api: string; query: Record<string, string>; body: any; at: number; ok: boolean }

export interface FakeWecom {
  apiBase: string;
  calls: WecomCall[];
  callsOf(api: string): WecomCall[];
  /** The next `times` calls of `api` answer this errcode (HTTP 200, as WeCom does) or this HTTP status. */
  failNext(api: string, answer: Failure, times?: number): void;
  /** The next `times` calls of `api` are answered only after `ms` (a slow WeCom). */
  delayNext(api: string, ms: number, times?: number): void;
  /** Every token handed out so far; the newest is the valid one. */
  tokens: string[];
  /** Makes every token handed out so far invalid (WeCom revoking early). */
  expireTokens(): void;
  users: Record<string, string>;
  /** A response code as a click event carries it, valid for one update. */
  clickCode(): string;
  close(): Promise<void>;
}

export interface Failure { errcode?: number; status?: number; retryAfterSeconds?: number }

export const CORP_ID = 'ww1234567890abcdef';
export const CORP_SECRET = 'test-wecom-secret-0123456789';

export async function startFakeWecom(): Promise<FakeWecom> {
  const calls: WecomCall[] = [];
  const failures = new Map<string, Failure[]>();
  const delays = new Map<string, number[]>();
  const tokens: string[] = [];
  const valid = new Set<string>();
  const responseCodes = new Set<string>();
  const users: Record<string, string> = {};
  let counter = 0;

  function answer(api: string, query: Record<string, string>, body: any): { status: number; body: unknown; headers?: Record<string, string> } {
    const queued = failures.get(api)?.shift();
    if (queued?.status) return { status: queued.status, body: 'busy', ...(queued.retryAfterSeconds ? { headers: { 'retry-after': String(queued.retryAfterSeconds) } } : {}) };
    if (queued) return { status: 200, body: { errcode: queued.errcode, errmsg: 'scripted' } };
    if (api === 'gettoken') {
      if (query.corpid !== CORP_ID || query.corpsecret !== CORP_SECRET) return ok({ errcode: 40001, errmsg: 'invalid credential' });
      const token = `token-${++counter}`;
      tokens.push(token);
      valid.add(token);
      return ok({ errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 });
    }
    if (api === 'webhook/upload_media') return ok(query.key ? { errcode: 0, errmsg: 'ok', type: query.type, media_id: `robot-media-${++counter}` } : { errcode: 93000, errmsg: 'invalid webhook url' });
    if (api === 'webhook/send') return ok(query.key ? { errcode: 0, errmsg: 'ok' } : { errcode: 93000, errmsg: 'invalid webhook url' });
    if (!valid.has(query.access_token ?? '')) return ok({ errcode: 40014, errmsg: 'invalid access_token' });
    switch (api) {
      case 'message/send': {
        if (!body?.touser) return ok({ errcode: 40003, errmsg: 'invalid userid' });
        const interactive = body.msgtype === 'template_card' && ['button_interaction', 'vote_interaction', 'multiple_interaction'].includes(body.template_card?.card_type);
        const code = interactive ? `rc-send-${++counter}` : undefined;
        if (code) responseCodes.add(code);
        return ok({ errcode: 0, errmsg: 'ok', invaliduser: '', msgid: `msg-${++counter}`, ...(code ? { response_code: code } : {}) });
      }
      case 'message/update_template_card':
        // Usable once: a second update with the same code is refused.
        if (!responseCodes.delete(body?.response_code)) return ok({ errcode: 40187, errmsg: 'invalid response_code' });
        return ok({ errcode: 0, errmsg: 'ok', invaliduser: [] });
      case 'appchat/send': return ok(body?.chatid ? { errcode: 0, errmsg: 'ok' } : { errcode: 86003, errmsg: 'invalid chatid' });
      case 'appchat/create': return ok({ errcode: 0, errmsg: 'ok', chatid: body?.chatid ?? `chat-${++counter}` });
      case 'user/get': return users[query.userid ?? ''] ? ok({ errcode: 0, errmsg: 'ok', userid: query.userid, name: users[query.userid!] }) : ok({ errcode: 60111, errmsg: 'userid not found' });
      case 'media/upload': return ok({ errcode: 0, errmsg: 'ok', type: query.type, media_id: `media-${++counter}`, created_at: '1700000000' });
      default: return { status: 404, body: { errcode: 404, errmsg: 'no such api' } };
    }
  }

  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const api = url.pathname.replace(/^\/cgi-bin\//, '');
      const query = Object.fromEntries(url.searchParams);
      const raw = Buffer.concat(chunks);
      const type = req.headers['content-type'] ?? '';
      const body = type.includes('json') ? JSON.parse(raw.toString('utf8')) : type.includes('multipart') ? { multipart: raw.toString('latin1') } : undefined;
      const result = answer(api, query, body);
      calls.push({ api, query, body, at: Date.now(), ok: result.status === 200 && (result.body as { errcode?: number }).errcode === 0 });
      const reply = () => {
        res.writeHead(result.status, { 'content-type': 'application/json', ...result.headers });
        res.end(typeof result.body === 'string' ? result.body : JSON.stringify(result.body));
      };
      const delay = delays.get(api)?.shift();
      if (delay) setTimeout(reply, delay); else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    callsOf: (api) => calls.filter((c) => c.api === api),
    failNext(api, answer, times = 1) {
      const list = failures.get(api) ?? [];
      for (let i = 0; i < times; i++) list.push(answer);
      failures.set(api, list);
    },
    delayNext(api, ms, times = 1) {
      const list = delays.get(api) ?? [];
      for (let i = 0; i < times; i++) list.push(ms);
      delays.set(api, list);
    },
    tokens,
    expireTokens: () => valid.clear(),
    users,
    clickCode() {
      const code = `rc-click-${++counter}`;
      responseCodes.add(code);
      return code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function ok(body: unknown) {
  return { status: 200, body };
}
