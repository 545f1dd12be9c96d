// The Slack Web API calls the adapter makes, with Slack's failures mapped to PlatformError codes.
// The client never waits or retries by itself: the delivery worker owns backoff, so a 429 in one
// channel pauses that channel instead of the whole client.
import { WebClient, WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import { PlatformError } from '../chat-adapter.js';

/** Answers that mean "this will not work however often it is tried". */
const REJECTED = new Set([
  'channel_not_found', 'not_in_channel', 'is_archived', 'message_not_found', 'cant_update_message', 'msg_too_long',
  'invalid_blocks', 'invalid_blocks_format', 'too_many_attachments', 'no_text', 'user_not_found', 'user_not_in_channel',
  'trigger_expired', 'trigger_exchanged', 'expired_trigger_id', 'invalid_trigger_id', 'view_too_large', 'invalid_arguments',
  'restricted_action', 'ekm_access_denied', 'missing_scope', 'channel_is_archived', 'file_upload_size_exceeded',
]);
const AUTH = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'no_permission', 'org_login_required']);

export interface SlackClientOptions { token: string; apiUrl: string; timeoutMs?: number }

export type SlackCall = <T = Record<string, unknown>>(method: string, args: Record<string, unknown>) => Promise<T>;

export function createSlackClient(o: SlackClientOptions): { call: SlackCall; web: WebClient } {
  const web = new WebClient(o.token, {
    slackApiUrl: o.apiUrl.endsWith('/') ? o.apiUrl : `${o.apiUrl}/`,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: o.timeoutMs ?? 10_000,
    logLevel: undefined,
  });
  const call: SlackCall = async (method, args) => {
    try {
      return (await web.apiCall(method, args)) as never;
    } catch (error) {
      throw toPlatformError(method, error);
    }
  };
  return { call, web };
}

export function toPlatformError(method: string, error: unknown): PlatformError {
  if (error instanceof PlatformError) return error;
  if (error instanceof WebAPIRateLimitedError) return new PlatformError('slack', 'rate_limited', `${method}: rate limited`, error.retryAfter * 1000, { cause: error });
  if (error instanceof WebAPIPlatformError) {
    const code = String(error.data.error);
    if (code === 'ratelimited') return new PlatformError('slack', 'rate_limited', `${method}: ${code}`, undefined, { cause: error });
    if (AUTH.has(code)) return new PlatformError('slack', 'auth_failed', `${method}: ${code}`, undefined, { cause: error });
    return new PlatformError('slack', REJECTED.has(code) ? 'rejected' : 'unreachable', `${method}: ${code}`, undefined, { cause: error });
  }
  if (error instanceof WebAPIHTTPError) return new PlatformError('slack', 'unreachable', `${method}: HTTP ${error.statusCode}`, undefined, { cause: error });
  if (error instanceof WebAPIRequestError) return new PlatformError('slack', 'unreachable', `${method}: ${error.message}`, undefined, { cause: error });
  return new PlatformError('slack', 'unreachable', `${method}: ${error instanceof Error ? error.message : String(error)}`, undefined, { cause: error });
}
