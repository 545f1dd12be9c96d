// The local chat's door. Every request for the page, its API and its live stream must name this
// bot in its Host header (DNS rebinding is refused, loopback included); with sign-in configured it
// must also carry a session, and the actor of every action and command is the session's agent.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../src/deps.js';
import type { Agent } from '../../src/domain/types.js';
import { hostAllowed, hostRules } from '../../src/auth/hosts.js';
import { readCookie, SESSION_COOKIE } from '../../src/auth/cookies.js';
import { sessionAgent } from '../../src/auth/sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in agent (sign-in configured), or null on an open loopback page. */
    localAgent: Agent | null;
  }
}

export const SIGN_IN_PATH = '/local/sign-in';
/** Reachable without a session: the sign-in page and the files it draws with. */
const OPEN_PATHS = [SIGN_IN_PATH, '/local/assets/'];

export function isLocalChatPath(url: string): boolean {
  const path = url.split('?', 1)[0]!;
  return path === '/' || path.startsWith('/local/');
}

export function registerLocalDoor(app: FastifyInstance, deps: Deps): void {
  const { t, config } = deps;
  const rules = hostRules({ host: config.host, port: config.port, publicUrl: config.publicUrl });
  app.decorateRequest('localAgent', null);
  app.addHook('onRequest', async (req, reply) => {
    if (!isLocalChatPath(req.url)) return;
    if (!hostAllowed(req.headers.host, rules)) {
      return reply.code(403).send({ error: 'wrong_host', message: t('door.wrong_host') });
    }
    // A page elsewhere may not post here on a visitor's behalf (the cookie is SameSite=Lax too).
    const origin = req.headers.origin;
    if (req.method !== 'GET' && req.method !== 'HEAD' && origin !== undefined && !originAllowed(origin, rules)) {
      return reply.code(403).send({ error: 'wrong_origin', message: t('door.wrong_origin') });
    }
    if (config.localSignIn === 'none') return;
    req.localAgent = (await sessionAgent(deps.db, readCookie(req.headers.cookie, SESSION_COOKIE), deps.clock.now())) ?? null;
    if (req.localAgent || OPEN_PATHS.some((open) => req.url.startsWith(open))) return;
    return refuseStranger(req, reply, deps);
  });
}

/**
 * The actor of an action or command: the signed-in agent when sign-in is configured (a different
 * `actor` in the body is refused, never obeyed), else the body's `actor` as on an open page.
 */
export function actorOf(req: FastifyRequest, claimed: string | undefined): { ok: true; actorId: string } | { ok: false } {
  if (!req.localAgent) return claimed ? { ok: true, actorId: claimed } : { ok: false };
  if (claimed !== undefined && claimed !== req.localAgent.id) return { ok: false };
  return { ok: true, actorId: req.localAgent.id };
}

function refuseStranger(req: FastifyRequest, reply: FastifyReply, deps: Deps) {
  if (req.method === 'GET' && !req.url.startsWith('/local/api/')) return reply.redirect(SIGN_IN_PATH, 303);
  return reply.code(401).send({ error: 'sign_in_required', message: deps.t('door.sign_in_required') });
}

function originAllowed(origin: string, rules: ReturnType<typeof hostRules>): boolean {
  try {
    return hostAllowed(new URL(origin).host, rules);
  } catch {
    return false;
  }
}
