// Requests exactly as Slack sends them: signed over the raw body with the signing secret.
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export function slackSignature(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function signed(body: string, contentType: string, options: { now?: Date; secret?: string; headers?: Record<string, string> } = {}) {
  const timestamp = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return {
    method: 'POST' as const, url: '/slack/events', payload: body,
    headers: {
      'content-type': contentType, 'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(body, timestamp, options.secret), ...options.headers,
    },
  };
}

let trigger = 0;
const nextTrigger = () => `${++trigger}.4744.${Math.random().toString(16).slice(2)}`;

export function slashCommand(fields: { user: string; text: string; channel?: string; channelName?: string; responseUrl?: string; trigger?: string }) {
  return new URLSearchParams({
    token: 'deprecated', team_id: 'T1', team_domain: 'acme', channel_id: fields.channel ?? 'C_FEEDBACK', channel_name: fields.channelName ?? 'feedback',
    user_id: fields.user, user_name: fields.user.toLowerCase(), command: '/fb', text: fields.text,
    api_app_id: 'A1', is_enterprise_install: 'false', response_url: fields.responseUrl ?? 'https://hooks.slack.com/commands/T1/1/x', trigger_id: fields.trigger ?? nextTrigger(),
  }).toString();
}

export function blockAction(fields: { user: string; value: string; channel?: string; messageTs?: string; trigger?: string; actionId?: string }) {
  const payload = {
    type: 'block_actions', trigger_id: fields.trigger ?? nextTrigger(), api_app_id: 'A1', team: { id: 'T1' },
    user: { id: fields.user, username: fields.user.toLowerCase(), team_id: 'T1' },
    channel: { id: fields.channel ?? 'C_FEEDBACK', name: 'feedback' },
    container: { type: 'message', message_ts: fields.messageTs ?? '1.0', channel_id: fields.channel ?? 'C_FEEDBACK' },
    response_url: 'https://hooks.slack.com/actions/T1/1/x',
    actions: [{ action_id: fields.actionId ?? `fb:${fields.value.split(':')[0]}`, block_id: 'b1', type: 'button', value: fields.value, action_ts: '1.1' }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function viewSubmission(fields: { user: string; view: any; values: Record<string, { value?: string; selected?: string }>; viewId?: string }) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const [name, v] of Object.entries(fields.values)) {
    values[name] = { [name]: v.selected !== undefined ? { type: 'static_select', selected_option: { value: v.selected, text: { type: 'plain_text', text: v.selected } } } : { type: 'plain_text_input', value: v.value ?? null } };
  }
  const payload = {
    type: 'view_submission', team: { id: 'T1' }, user: { id: fields.user, username: fields.user.toLowerCase() },
    view: { ...fields.view, id: fields.viewId ?? `V${Math.random().toString(16).slice(2, 8)}`, hash: '1.abc', state: { values } },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function threadMessage(fields: { user: string; channel: string; threadTs: string; text: string; eventId?: string; botId?: string }) {
  return JSON.stringify({
    token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: fields.eventId ?? `Ev${Math.random().toString(16).slice(2, 10)}`, event_time: 1,
    event: { type: 'message', channel: fields.channel, user: fields.user, text: fields.text, ts: `${Date.now() / 1000}`, thread_ts: fields.threadTs, ...(fields.botId ? { bot_id: fields.botId } : {}) },
  });
}

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';
