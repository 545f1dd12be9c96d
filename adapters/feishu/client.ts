// The Feishu open API through the official SDK's Client, with its own token cache (never the
// SDK's process-wide one) and Feishu's failures mapped to PlatformError codes. The client does not
// wait or retry on its own: the delivery worker owns backoff, except for one retry with a fresh
// token when Feishu says the cached one is no longer valid.
import * as lark from '@larksuiteoapi/node-sdk';
import { PlatformError } from '../chat-adapter.js';

export interface FeishuClientOptions { appId: string; appSecret: string; domain: string; timeoutMs?: number }

/** What every open API answers with (the SDK resolves HTTP-200 answers to this body). */
export interface FeishuReply<T = Record<string, unknown>> { code?: number; msg?: string; data?: T }

export type FeishuCall = <T>(what: string, run: (client: lark.Client) => Promise<FeishuReply<T> | null | undefined>) => Promise<T>;

/** The SDK logs whole requests on failure; the failures are mapped and logged (masked) by the caller instead. */
const noop = () => undefined;
const SILENT: lark.Logger = { error: noop, warn: noop, info: noop, debug: noop, trace: noop };

/** Tenant token refused: drop it and try once more with a new one. */
const TOKEN_INVALID = new Set([99991661, 99991663, 99991664, 99991665]);
/** The gateway's frequency limit and the message service's per-chat / per-message limit. */
const RATE_LIMITED = new Set([99991400, 230020, 11232]);

export function createFeishuClient(o: FeishuClientOptions): { call: FeishuCall; client: lark.Client } {
  const cache = new lark.DefaultCache();
  const client = new lark.Client({
    appId: o.appId, appSecret: o.appSecret, appType: lark.AppType.SelfBuild, domain: toDomain(o.domain),
    cache, logger: SILENT, loggerLevel: lark.LoggerLevel.fatal,
    httpInstance: timedHttp(o.timeoutMs ?? 10_000),
  });

  const call: FeishuCall = async (what, run) => {
    for (let attempt = 0; ; attempt++) {
      let reply: FeishuReply<never> | null | undefined;
      try {
        reply = await run(client) as FeishuReply<never> | null | undefined;
      } catch (error) {
        const code = codeOf(error);
        if (code !== undefined && TOKEN_INVALID.has(code) && attempt === 0) { cache.values.clear(); continue; }
        throw toPlatformError(what, error);
      }
      const code = reply?.code ?? 0;
      if (code === 0) return (reply?.data ?? {}) as never;
      if (TOKEN_INVALID.has(code) && attempt === 0) { cache.values.clear(); continue; }
      throw classify(what, code, reply?.msg ?? '', undefined);
    }
  };
  return { call, client };
}

/** FEISHU_DOMAIN: `feishu` (default), `lark`, or a base URL (a local fake in tests). */
export function toDomain(domain: string): lark.Domain | string {
  if (domain === 'feishu') return lark.Domain.Feishu;
  if (domain === 'lark') return lark.Domain.Lark;
  return domain.replace(/\/+$/, '');
}

export function toPlatformError(what: string, error: unknown): PlatformError {
  if (error instanceof PlatformError) return error;
  const response = (error as { response?: { status?: number; headers?: Record<string, unknown>; data?: { code?: number; msg?: string } } }).response;
  const message = error instanceof Error ? error.message : String(error);
  if (!response) {
    // The SDK throws a plain Error when the tenant token request is refused (wrong app id or secret).
    if (/tenant_access_token/.test(message)) return new PlatformError('feishu', 'auth_failed', `${what}: ${message}`, undefined, { cause: error });
    return new PlatformError('feishu', 'unreachable', `${what}: ${message}`, undefined, { cause: error });
  }
  const reset = Number(response.headers?.['x-ogw-ratelimit-reset']);
  const retryAfterMs = Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined;
  if (response.status === 429) return new PlatformError('feishu', 'rate_limited', `${what}: HTTP 429`, retryAfterMs ?? 1000, { cause: error });
  if ((response.status ?? 0) >= 500) return new PlatformError('feishu', 'unreachable', `${what}: HTTP ${response.status}`, undefined, { cause: error });
  const code = response.data?.code;
  if (typeof code === 'number' && code !== 0) return classify(what, code, response.data?.msg ?? '', retryAfterMs, error);
  return new PlatformError('feishu', 'rejected', `${what}: HTTP ${response.status}`, undefined, { cause: error });
}

function classify(what: string, code: number, msg: string, retryAfterMs: number | undefined, cause?: unknown): PlatformError {
  const text = `${what}: ${code} ${msg}`.trim();
  if (RATE_LIMITED.has(code)) return new PlatformError('feishu', 'rate_limited', text, retryAfterMs ?? 1000, { cause });
  if (TOKEN_INVALID.has(code)) return new PlatformError('feishu', 'auth_failed', text, undefined, { cause });
  // Every other code (bot not in the chat, card build failed, content too long, message too old,
  // no permission) fails the same way next time; server trouble arrives as HTTP 5xx instead.
  return new PlatformError('feishu', 'rejected', text, undefined, { cause });
}

function codeOf(error: unknown): number | undefined {
  const code = (error as { response?: { data?: { code?: unknown } } }).response?.data?.code;
  return typeof code === 'number' ? code : undefined;
}

/** The SDK's own axios instance with a timeout, so a hung Feishu never holds a delivery forever. */
function timedHttp(timeoutMs: number): lark.HttpInstance {
  const http = lark.defaultHttpInstance;
  return {
    request: (opts) => http.request({ timeout: timeoutMs, ...opts }),
    get: (url, opts) => http.get(url, { timeout: timeoutMs, ...opts }),
    delete: (url, opts) => http.delete(url, { timeout: timeoutMs, ...opts }),
    head: (url, opts) => http.head(url, { timeout: timeoutMs, ...opts }),
    options: (url, opts) => http.options(url, { timeout: timeoutMs, ...opts }),
    post: (url, data, opts) => http.post(url, data, { timeout: timeoutMs, ...opts }),
    put: (url, data, opts) => http.put(url, data, { timeout: timeoutMs, ...opts }),
    patch: (url, data, opts) => http.patch(url, data, { timeout: timeoutMs, ...opts }),
  } as lark.HttpInstance;
}
