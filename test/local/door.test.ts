// The local chat's door: the Host header must name this bot (DNS rebinding refused, loopback
// included); with sign-in, strangers are refused, the session names the actor, and the live stream
// is behind the same door.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { saveLocalUser } from '../../src/auth/local-users.js';
import { eventsOf } from '../../src/items/items-repo.js';
import { buildTestApp, postFeedback, TEAM } from '../helpers/test-app.js';
import { databases } from '../helpers/test-database.js';

const PASSWORD = 'correct horse battery staple';
const TOKEN = 'team-access-token-0123456789abcdef-xyz';
const LI_WEI = TEAM[0]!;

function cookieOf(res: { headers: Record<string, unknown> }): string {
  const header = String(res.headers['set-cookie'] ?? '');
  return header.split(';', 1)[0]!;
}

async function signIn(app: App, agent: string, secret: string, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST', url: '/local/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams({ agent, secret }).toString(),
  });
}

async function newItem(app: App, n: string): Promise<string> {
  const res = await postFeedback(app, { text: `快递${n}号三天没有更新物流信息`, customer: { id: `c-door-${n}` }, channel: 'chat', external_id: `door-${n}` });
  return (res.json() as { id: string }).id;
}

describe('the Host check', () => {
  let app: App;
  beforeAll(async () => { app = await buildTestApp('pglite', { env: { PORT: '3000', PUBLIC_URL: 'https://desk.example.com' } }); });
  afterAll(async () => { await app.close(); });

  test.each(['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'localhost', 'desk.example.com'])('%s is this bot', async (host) => {
    expect((await app.inject({ method: 'GET', url: '/local/api/rooms', headers: { host } })).statusCode).toBe(200);
  });

  test.each(['evil.example:3000', 'evil.example', 'localhost:3001', '127.0.0.1.evil.example:3000', 'localhost.:3000', ''])(
    'Host "%s" is refused on the page, the API and the stream', async (host) => {
      for (const url of ['/', '/local/api/agents', '/local/api/rooms/feedback/messages', '/local/api/stream']) {
        const res = await app.inject({ method: 'GET', url, headers: { host } });
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({ error: 'wrong_host', message: expect.stringContaining('Host') });
      }
      const act = await app.inject({ method: 'POST', url: '/local/api/actions', headers: { host }, payload: { actor: 'li-wei', item_id: 'x', action: 'claim' } });
      expect(act.statusCode).toBe(403);
    });

  test('intake is not the chat page: signed requests are taken whatever name they were sent to', async () => {
    const res = await postFeedback(app, { text: '发票抬头开错了，需要重开', customer: { id: 'c-host' }, channel: 'email' });
    expect(res.statusCode).toBe(202);
  });

  test('a page on another site cannot post actions or commands (Origin)', async () => {
    const res = await app.inject({ method: 'POST', url: '/local/api/commands', headers: { host: 'localhost:3000', origin: 'http://evil.example' }, payload: { actor: 'li-wei', room: 'feedback', text: '/fb help' } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'wrong_origin' });
    const same = await app.inject({ method: 'POST', url: '/local/api/commands', headers: { host: 'localhost:3000', origin: 'http://localhost:3000' }, payload: { actor: 'li-wei', room: 'feedback', text: '/fb help' } });
    expect(same.statusCode).toBe(200);
  });

  test('on loopback without sign-in the page stays open and the chosen actor acts', async () => {
    expect((await app.inject({ method: 'GET', url: '/', headers: { host: 'localhost:3000' } })).statusCode).toBe(200);
    const itemId = await newItem(app, 'open');
    const res = await app.inject({ method: 'POST', url: '/local/api/actions', headers: { host: 'localhost:3000' }, payload: { actor: 'wang-fang', item_id: itemId, action: 'claim' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ item: { assignee: { id: 'wang-fang' } } });
  });
});

describe.each(databases)('%s: sign-in with users', (kind) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(kind, { env: { LOCAL_SIGN_IN: 'users', PUBLIC_URL: 'https://desk.example.com' } });
    await saveLocalUser(app.deps.db, LI_WEI, PASSWORD);
  });
  afterAll(async () => { await app.close(); });

  test('strangers get the sign-in page, 401 from the API and no live stream', async () => {
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/local/sign-in');
    const form = await app.inject({ method: 'GET', url: '/local/sign-in' });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('登录 Sign in');
    expect(form.body).toContain('密码 Password');
    for (const url of ['/local/api/agents', '/local/api/rooms', '/local/api/rooms/feedback/messages', '/local/api/stream']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: 'sign_in_required', message: '请先登录 / Sign in first' });
    }
    const itemId = await newItem(app, 'stranger');
    const act = await app.inject({ method: 'POST', url: '/local/api/actions', payload: { actor: 'li-wei', item_id: itemId, action: 'claim' } });
    expect(act.statusCode).toBe(401);
    expect((await eventsOf(app.deps.db, itemId)).map((e) => e.type)).toEqual(['created']);
  });

  test('a wrong password, or an unknown agent, is refused with the form again', async () => {
    for (const [agent, secret] of [['li-wei', 'wrong password here'], ['nobody', PASSWORD], ['wang-fang', PASSWORD]] as const) {
      const res = await signIn(app, agent, secret);
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain('坐席 ID 或密码不正确 / Wrong agent id or password');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  test('signed in: a Secure, HttpOnly, SameSite cookie; the session is the actor; spoofing is refused', async () => {
    const res = await signIn(app, 'li-wei', PASSWORD);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^fd_session=[\w-]{43}; /);
    for (const flag of ['HttpOnly', 'SameSite=Lax', 'Secure', 'Path=/']) expect(setCookie).toContain(flag);
    const cookie = cookieOf(res);

    expect((await app.inject({ method: 'GET', url: '/', headers: { cookie } })).statusCode).toBe(200);
    const agents = await app.inject({ method: 'GET', url: '/local/api/agents', headers: { cookie } });
    expect(agents.json()).toEqual({ agents: [LI_WEI] });

    const itemId = await newItem(app, 'spoof');
    const spoof = await app.inject({ method: 'POST', url: '/local/api/actions', headers: { cookie }, payload: { actor: 'zhang-min', item_id: itemId, action: 'claim' } });
    expect(spoof.statusCode).toBe(403);
    expect(spoof.json()).toMatchObject({ error: 'actor_mismatch', message: '你已登录为 Li Wei，不能以其他人的身份操作 / You are signed in as Li Wei and cannot act as someone else' });
    const command = await app.inject({ method: 'POST', url: '/local/api/commands', headers: { cookie }, payload: { actor: 'zhang-min', room: 'feedback', text: '/fb mine' } });
    expect(command.statusCode).toBe(403);

    const claim = await app.inject({ method: 'POST', url: '/local/api/actions', headers: { cookie }, payload: { item_id: itemId, action: 'claim' } });
    expect(claim.statusCode).toBe(200);
    expect(claim.json()).toMatchObject({ item: { assignee: { id: 'li-wei', name: 'Li Wei' } } });
    const events = await app.deps.db.selectFrom('feedback_events').select(['type', 'actor_id']).where('feedback_id', '=', itemId).orderBy('id').execute();
    expect(events).toEqual([{ type: 'created', actor_id: null }, { type: 'claimed', actor_id: 'li-wei' }]);
  });

  test('the live stream opens for a signed-in browser', async () => {
    const cookie = cookieOf(await signIn(app, 'li-wei', PASSWORD));
    await app.ready();
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const port = new URL(address).port;
    const open = await fetch(`${address}/local/api/stream`, { headers: { cookie, host: `localhost:${port}` } });
    expect(open.status).toBe(200);
    expect(open.headers.get('content-type')).toContain('text/event-stream');
    await open.body?.cancel();
    const stranger = await fetch(`${address}/local/api/stream`);
    expect(stranger.status).toBe(401);
  });

  test('signing out ends the session', async () => {
    const cookie = cookieOf(await signIn(app, 'li-wei', PASSWORD));
    const out = await app.inject({ method: 'POST', url: '/local/sign-out', headers: { cookie } });
    expect(out.statusCode).toBe(303);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await app.inject({ method: 'GET', url: '/local/api/agents', headers: { cookie } })).statusCode).toBe(401);
  });

  test('password guessing is cut off after five failures for that agent', async () => {
    await saveLocalUser(app.deps.db, TEAM[2]!, PASSWORD);
    for (let n = 0; n < 5; n++) expect((await signIn(app, 'zhang-min', `guess number ${n}`)).statusCode).toBe(401);
    const blocked = await signIn(app, 'zhang-min', PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('尝试次数过多');
  });

  test('the stored password is an argon2id hash, never the password', async () => {
    const row = await app.deps.db.selectFrom('local_users').select('password_hash').where('agent_id', '=', 'li-wei').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
  });
});

describe('sign-in with a shared access token', () => {
  let app: App;
  beforeAll(async () => { app = await buildTestApp('pglite', { env: { LOCAL_ACCESS_TOKEN: TOKEN } }); });
  afterAll(async () => { await app.close(); });

  test('the token and an agent id sign in as that agent; a wrong token does not; the cookie is not Secure over http', async () => {
    expect((await app.inject({ method: 'GET', url: '/local/sign-in' })).body).toContain('访问令牌 Access token');
    const wrong = await signIn(app, 'wang-fang', `${TOKEN}x`);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('访问令牌不正确');
    const res = await signIn(app, 'wang-fang', TOKEN);
    expect(res.statusCode).toBe(303);
    expect(String(res.headers['set-cookie'])).not.toContain('Secure');
    const agents = await app.inject({ method: 'GET', url: '/local/api/agents', headers: { cookie: cookieOf(res) } });
    expect(agents.json()).toEqual({ agents: [TEAM[1]] });
  });
});

describe('starting where other machines can reach the page', () => {
  const base = { DATA_DIR: './data' };
  test.each(['0.0.0.0', '::', '192.168.1.20'])('HOST=%s without sign-in is refused, in both languages', (host) => {
    const attempt = () => loadConfig({ ...base, HOST: host });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/HOST: HOST 为 .*必须先配置登录.* \/ .* lets other machines reach the local chat, so it needs sign-in: set LOCAL_SIGN_IN=users \(and add users\) or LOCAL_ACCESS_TOKEN/);
  });

  test('with sign-in configured it starts; loopback needs none', () => {
    expect(loadConfig({ ...base, HOST: '0.0.0.0', LOCAL_ACCESS_TOKEN: TOKEN }).localSignIn).toBe('token');
    expect(loadConfig({ ...base, HOST: '0.0.0.0', LOCAL_SIGN_IN: 'users' }).localSignIn).toBe('users');
    expect(loadConfig({ ...base, HOST: '127.0.0.1' }).localSignIn).toBe('none');
    expect(loadConfig({ ...base, HOST: 'localhost' }).localSignIn).toBe('none');
    expect(() => loadConfig({ ...base, LOCAL_SIGN_IN: 'token' })).toThrow(/LOCAL_ACCESS_TOKEN: LOCAL_SIGN_IN=token 时必填 \/ required when LOCAL_SIGN_IN=token/);
    expect(() => loadConfig({ ...base, LOCAL_ACCESS_TOKEN: 'short' })).toThrow(/LOCAL_ACCESS_TOKEN: /);
  });
});
