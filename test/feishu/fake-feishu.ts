// A small local stand-in for the Feishu open API: tenant token, message create / reply / patch,
// image upload and contact lookup. Records every call, answers like Feishu ({code, msg, data}),
// honours the `uuid` idempotency key, and can be told to answer the next calls of a route with a
// rate limit, a token error or a permanent error.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall { route: string; path: string; query: URLSearchParams; body: any; auth?: string; at: number; answer?: Scripted }
export interface Scripted { status: number; body?: unknown; headers?: Record<string, string>; raw?: Buffer }

/** Routes by name: token, create, reply, patch, image, file, user, resource (a file in a message, downloaded). */
export type Route = 'token' | 'create' | 'reply' | 'patch' | 'image' | 'file' | 'user' | 'resource';

export interface FakeFeishu {
  url: string;
  calls: RecordedCall[];
  callsOf(route: Route): RecordedCall[];
  /** The next `times` calls of `route` get this answer instead of a success. */
  script(route: Route, answer: Scripted, times?: number): void;
  /** Display names the contact API knows, by open_id. */
  users: Record<string, string>;
  /** Files people sent, by their key (image_key): what the message resource API answers with. */
  resources: Record<string, Buffer>;
  /** Tokens handed out so far; `revoke()` makes the current one invalid (99991663) from now on. */
  tokens: string[];
  revoke(): void;
  close(): Promise<void>;
}

export async function startFakeFeishu(): Promise<FakeFeishu> {
  const calls: RecordedCall[] = [];
  const scripts = new Map<Route, Scripted[]>();
  const users: Record<string, string> = {};
  const resources: Record<string, Buffer> = {};
  const tokens: string[] = [];
  const revoked = new Set<string>();
  const byUuid = new Map<string, string>();
  let messageSeq = 0;
  let imageSeq = 0;

  function routeOf(method: string, path: string): Route | undefined {
    if (method === 'POST' && path === '/open-apis/auth/v3/tenant_access_token/internal') return 'token';
    if (method === 'POST' && path === '/open-apis/im/v1/messages') return 'create';
    if (method === 'POST' && /^\/open-apis\/im\/v1\/messages\/[^/]+\/reply$/.test(path)) return 'reply';
    if (method === 'PATCH' && /^\/open-apis\/im\/v1\/messages\/[^/]+$/.test(path)) return 'patch';
    if (method === 'POST' && path === '/open-apis/im/v1/images') return 'image';
    if (method === 'POST' && path === '/open-apis/im/v1/files') return 'file';
    if (method === 'GET' && /^\/open-apis\/contact\/v3\/users\/[^/]+$/.test(path)) return 'user';
    if (method === 'GET' && /^\/open-apis\/im\/v1\/messages\/[^/]+\/resources\/[^/]+$/.test(path)) return 'resource';
    return undefined;
  }

  const handle = (req: IncomingMessage, raw: Buffer): Scripted => {
    const answer = answerTo(req, raw);
    const last = calls.at(-1);
    if (last && !last.answer) last.answer = answer;
    return answer;
  };

  const answerTo = (req: IncomingMessage, raw: Buffer): Scripted => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const route = routeOf(req.method ?? 'GET', url.pathname);
    if (!route) return { status: 404, body: { code: 404, msg: 'not found' } };
    const json = req.headers['content-type']?.includes('json');
    const body = json ? JSON.parse(raw.toString('utf8') || '{}') : raw.toString('latin1');
    const auth = req.headers.authorization;
    calls.push({ route, path: url.pathname, query: url.searchParams, body, auth, at: Date.now() });
    const queued = scripts.get(route);
    if (queued && queued.length > 0) return queued.shift()!;
    if (route === 'token') {
      const token = `t-test-${tokens.length + 1}`;
      tokens.push(token);
      return { status: 200, body: { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 } };
    }
    const token = auth?.replace(/^Bearer /, '');
    if (!token || !tokens.includes(token) || revoked.has(token)) {
      return { status: 400, body: { code: 99991663, msg: 'Invalid access token for authorization. Please make a request with token attached.' } };
    }
    switch (route) {
      case 'create': {
        const known = body.uuid ? byUuid.get(body.uuid) : undefined;
        const id = known ?? `om_${++messageSeq}`;
        if (body.uuid) byUuid.set(body.uuid, id);
        return ok({ message_id: id, chat_id: body.receive_id, msg_type: body.msg_type, create_time: String(Date.now()) });
      }
      case 'reply': return ok({ message_id: `om_${++messageSeq}`, msg_type: body.msg_type });
      case 'patch': return ok({});
      // A new key for every upload, as Feishu gives: a test can tell which upload a card shows.
      case 'image': return ok({ image_key: `img_v3_test_${++imageSeq}` });
      case 'file': return ok({ file_key: 'file_v3_test' });
      case 'resource': {
        const key = decodeURIComponent(url.pathname.split('/').at(-1)!);
        if (url.searchParams.get('type') !== 'image' || !resources[key]) return { status: 400, body: { code: 234003, msg: 'File not in msg.' } };
        return { status: 200, raw: resources[key], headers: { 'content-type': 'image/png' } };
      }
      case 'user': {
        const id = url.pathname.split('/').at(-1)!;
        return users[id] ? ok({ user: { open_id: id, name: users[id] } }) : { status: 400, body: { code: 41050, msg: 'no user authority error' } };
      }
      default: return { status: 500 };
    }
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = handle(req, Buffer.concat(chunks));
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.raw ?? (answer.body === undefined ? '' : JSON.stringify(answer.body)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls, users, tokens, resources,
    callsOf: (route) => calls.filter((c) => c.route === route),
    script(route, answer, times = 1) {
      const list = scripts.get(route) ?? [];
      for (let i = 0; i < times; i++) list.push(answer);
      scripts.set(route, list);
    },
    revoke() { const current = tokens.at(-1); if (current) revoked.add(current); },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function ok(data: unknown): Scripted {
  return { status: 200, body: { code: 0, msg: 'success', data } };
}
