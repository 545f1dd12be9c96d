// A small local stand-in for the Slack Web API: records every call (method and decoded args),
// answers like Slack, and can be told to answer the next calls of a method with 429 or 500.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall { method: string; args: Record<string, any>; at: number; status: number; ok: boolean }
export interface Scripted { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }

export interface FakeSlack {
  url: string;
  apiUrl: string;
  calls: RecordedCall[];
  /** Posts that reached a response_url (`/hooks/...`) or the file upload URL. */
  hooks: { path: string; body: any; raw: Buffer }[];
  callsOf(method: string): RecordedCall[];
  /** The next `times` calls of `method` get this answer instead of a success. */
  script(method: string, answer: Scripted, times?: number): void;
  users: Record<string, string>;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const hooks: { path: string; body: any; raw: Buffer }[] = [];
  const scripts = new Map<string, Scripted[]>();
  const users: Record<string, string> = {};
  let ts = 1_700_000_000;
  let server: Server;

  const handler = async (req: IncomingMessage, body: string, raw: Buffer) => {
    const path = req.url ?? '/';
    if (!path.startsWith('/api/')) {
      hooks.push({ path, body: req.headers['content-type']?.includes('json') ? JSON.parse(body) : body, raw });
      return { status: 200, body: { ok: true } };
    }
    const method = path.slice('/api/'.length).split('?')[0]!;
    const args = decode(body, req.headers['content-type'] ?? '');
    const queued = scripts.get(method);
    const answer: Scripted = queued && queued.length > 0 ? queued.shift()! : { status: 200, body: success(method, args) };
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    calls.push({ method, args, at: Date.now(), status: answer.status, ok: answer.status === 200 && (answer.body as { ok?: boolean })?.ok === true });
    return answer;
  };

  function success(method: string, args: Record<string, any>): unknown {
    switch (method) {
      case 'chat.postMessage': return { ok: true, channel: args.channel, ts: `${ts++}.000100`, message: { text: args.text } };
      case 'chat.update': return { ok: true, channel: args.channel, ts: args.ts };
      case 'chat.postEphemeral': return { ok: true, message_ts: `${ts++}.000200` };
      case 'views.open': return { ok: true, view: { id: 'V1' } };
      case 'users.info': return users[args.user] ? { ok: true, user: { id: args.user, real_name: users[args.user] } } : { ok: false, error: 'user_not_found' };
      case 'files.getUploadURLExternal': return { ok: true, upload_url: `${base()}/upload/F123`, file_id: 'F123' };
      case 'files.completeUploadExternal': return { ok: true, files: [{ id: 'F123', title: args.files?.[0]?.title }] };
      default: return { ok: true };
    }
  }

  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      void handler(req, raw.toString('utf8'), raw).then((answer) => {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base(),
    apiUrl: `${base()}/api/`,
    calls,
    hooks,
    users,
    callsOf: (method) => calls.filter((c) => c.method === method),
    script(method, answer, times = 1) {
      const list = scripts.get(method) ?? [];
      for (let i = 0; i < times; i++) list.push(answer);
      scripts.set(method, list);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The WebClient posts form fields, objects and arrays as JSON strings. */
function decode(body: string, type: string): Record<string, any> {
  if (type.includes('json')) return JSON.parse(body || '{}');
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
  }
  return out;
}
