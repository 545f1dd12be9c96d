// Sign-in and sign-out of the local chat. A plain HTML form (urlencoded), answered with a redirect
// to the page and a session cookie, or the form again with a reason; JSON bodies work too.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../src/deps.js';
import { getAgent } from '../../src/agents-repo.js';
import { checkLocalUser } from '../../src/auth/local-users.js';
import { createSession, endSession, SESSION_HOURS } from '../../src/auth/sessions.js';
import { clearedSessionCookie, readCookie, sessionCookie, SESSION_COOKIE } from '../../src/auth/cookies.js';
import { SignInThrottle } from '../../src/auth/sign-in-throttle.js';
import { renderSignInPage } from './sign-in-page.js';
import { SIGN_IN_PATH } from './door.js';

const SignInForm = z.object({ agent: z.string().trim().min(1).max(100), secret: z.string().min(1).max(200) });

export function registerSignInRoutes(app: FastifyInstance, deps: Deps): void {
  const { config, t } = deps;
  if (config.localSignIn === 'none') return;
  const mode = config.localSignIn;
  const secure = config.publicUrl?.startsWith('https:') ?? false;
  const throttle = new SignInThrottle();

  app.register(async (scope) => {
    // Forms post application/x-www-form-urlencoded; the fields are checked by SignInForm below.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    scope.get(SIGN_IN_PATH, async (req, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderSignInPage({ mode, signedIn: req.localAgent ?? undefined })));

    scope.post(SIGN_IN_PATH, async (req, reply) => {
      const form = SignInForm.safeParse(req.body);
      const wantsJson = !String(req.headers['content-type'] ?? '').includes('form-urlencoded');
      const refuse = (status: 400 | 401 | 429, error: string, message: string) => wantsJson
        ? reply.code(status).send({ error, message })
        : reply.code(status).type('text/html; charset=utf-8').send(renderSignInPage({ mode, error: message, agentId: form.success ? form.data.agent : undefined }));
      if (!form.success) return refuse(400, 'bad_request', t('door.sign_in_incomplete'));
      const key = `${req.ip}|${form.data.agent}`;
      if (throttle.blocked(key, Date.now())) return refuse(429, 'too_many_attempts', t('door.too_many_attempts'));
      const agent = mode === 'users'
        ? await checkLocalUser(deps.db, form.data.agent, form.data.secret)
        : tokenMatches(config.localAccessToken!, form.data.secret) ? await getAgent(deps.db, form.data.agent) : undefined;
      if (!agent) {
        throttle.failed(key, Date.now());
        return refuse(401, 'sign_in_failed', t(mode === 'users' ? 'door.wrong_password' : 'door.wrong_token'));
      }
      throttle.succeeded(key);
      const token = await createSession(deps.db, agent.id, deps.clock.now());
      reply.header('set-cookie', sessionCookie(token, { secure, maxAgeSeconds: SESSION_HOURS * 3600 }));
      return wantsJson ? reply.send({ ok: true, agent }) : reply.redirect('/', 303);
    });

    scope.post('/local/sign-out', async (req, reply) => {
      await endSession(deps.db, readCookie(req.headers.cookie, SESSION_COOKIE));
      reply.header('set-cookie', clearedSessionCookie(secure));
      return reply.redirect(SIGN_IN_PATH, 303);
    });
  });
}

/** Constant-time comparison of fixed-length digests, so the answer time says nothing of the token. */
function tokenMatches(expected: string, given: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(expected), digest(given));
}
