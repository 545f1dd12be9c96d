// The WeCom server API calls the adapter makes. access_token is fetched once, kept for its lifetime
// less five minutes, refreshed by one caller while the others wait, and refetched once when WeCom
// says it is invalid or expired (40014, 42001, 41001). WeCom answers HTTP 200 with an errcode;
// each errcode is mapped to a PlatformError code, and the delivery worker owns every wait and retry.
import { PlatformError } from '../chat-adapter.js';

export interface WecomClientOptions { apiBase: string; corpId: string; secret: string; timeoutMs?: number; now?: () => number }

export interface WecomAnswer { errcode?: number; errmsg?: string; [key: string]: unknown }

const TOKEN_ERRORS = new Set([40014, 42001, 41001]);
/** Settings that are wrong: no retry helps until an admin fixes them. */
const AUTH_ERRORS = new Set([40001, 40013, 40056, 60020, 301002, 48002]);
/** WeCom's pauses: 45009 is the per-API frequency limit (wait a minute), 45033 too many calls at once, -1 busy. */
const BACK_OFF_MS: Record<number, number> = { 45009: 60_000, 45033: 2_000, 45011: 60_000, '-1': 2_000 };
const REFRESH_EARLY_MS = 5 * 60_000;

export interface WecomClient {
  /** POST `path` (under /cgi-bin/) with the token; resolves the answer of errcode 0. */
  post(path: string, body: unknown): Promise<WecomAnswer>;
  get(path: string, query: Record<string, string>): Promise<WecomAnswer>;
  /** media/upload: a multipart form with the file in `media`; the media_id it answers lives 3 days. */
  upload(type: 'image' | 'file', form: FormData): Promise<WecomAnswer>;
  /** A group robot's webhook: its key is its credential, there is no token. */
  robot(key: string, body: unknown): Promise<WecomAnswer>;
  /** A group robot's own file upload (webhook/upload_media); the media_id is for that robot's messages. */
  robotUpload(key: string, form: FormData): Promise<WecomAnswer>;
}

export function createWecomClient(o: WecomClientOptions): WecomClient {
  const base = o.apiBase.replace(/\/+$/, '');
  const now = o.now ?? Date.now;
  let token: { value: string; until: number } | undefined;
  let fetching: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const url = `${base}/cgi-bin/gettoken?${new URLSearchParams({ corpid: o.corpId, corpsecret: o.secret })}`;
    const answer = await request('gettoken', url, undefined);
    const value = answer.access_token;
    if (typeof value !== 'string' || value === '') throw new PlatformError('wecom', 'unreachable', 'gettoken answered without a token');
    const lifetimeMs = (typeof answer.expires_in === 'number' ? answer.expires_in : 7200) * 1000;
    token = { value, until: now() + Math.max(lifetimeMs - REFRESH_EARLY_MS, lifetimeMs / 2) };
    return value;
  }

  function accessToken(): Promise<string> {
    if (token && now() < token.until) return Promise.resolve(token.value);
    fetching ??= fetchToken().finally(() => { fetching = undefined; });
    return fetching;
  }

  async function withToken(name: string, build: (token: string) => string, body: unknown): Promise<WecomAnswer> {
    for (let attempt = 0; ; attempt++) {
      const current = await accessToken();
      try {
        return await request(name, build(current), body);
      } catch (error) {
        if (attempt > 0 || !(error instanceof TokenError)) throw error instanceof TokenError ? error.platformError : error;
        if (token?.value === current) token = undefined;
      }
    }
  }

  async function request(name: string, url: string, body: unknown): Promise<WecomAnswer> {
    let response: Response;
    const signal = AbortSignal.timeout(o.timeoutMs ?? 10_000);
    try {
      response = await fetch(url, body === undefined ? { signal }
        : body instanceof FormData ? { method: 'POST', body, signal }
          : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
    } catch (error) {
      throw new PlatformError('wecom', 'unreachable', `${name}: ${(error as Error).message}`, undefined, { cause: error });
    }
    if (response.status === 429) throw new PlatformError('wecom', 'rate_limited', `${name}: HTTP 429`, retryAfter(response));
    if (!response.ok) throw new PlatformError('wecom', response.status >= 500 ? 'unreachable' : 'rejected', `${name}: HTTP ${response.status}`);
    let answer: WecomAnswer;
    try {
      answer = (await response.json()) as WecomAnswer;
    } catch {
      throw new PlatformError('wecom', 'unreachable', `${name}: answer is not JSON`);
    }
    const code = typeof answer.errcode === 'number' ? answer.errcode : 0;
    if (code === 0) return answer;
    // Branch on errcode only: errmsg is for people and changes.
    const what = `${name}: errcode ${code}`;
    if (TOKEN_ERRORS.has(code)) throw new TokenError(new PlatformError('wecom', 'auth_failed', what));
    if (code in BACK_OFF_MS) throw new PlatformError('wecom', code === -1 ? 'unreachable' : 'rate_limited', what, BACK_OFF_MS[code]);
    throw new PlatformError('wecom', AUTH_ERRORS.has(code) ? 'auth_failed' : 'rejected', what);
  }

  return {
    post: (path, body) => withToken(path, (t) => `${base}/cgi-bin/${path}?access_token=${encodeURIComponent(t)}`, body),
    get: (path, query) => withToken(path, (t) => `${base}/cgi-bin/${path}?${new URLSearchParams({ ...query, access_token: t })}`, undefined),
    upload: (type, form) => withToken('media/upload', (t) => `${base}/cgi-bin/media/upload?${new URLSearchParams({ access_token: t, type })}`, form),
    robot: (key, body) => request('webhook/send', `${base}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`, body),
    robotUpload: (key, form) => request('webhook/upload_media', `${base}/cgi-bin/webhook/upload_media?${new URLSearchParams({ key, type: 'file' })}`, form),
  };
}

class TokenError extends Error {
  constructor(readonly platformError: PlatformError) { super(platformError.message); }
}

function retryAfter(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}
