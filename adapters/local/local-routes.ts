// The local web chat: its page, a public JSON API, and a live stream of room changes.
import { readFile } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../src/deps.js';
import { listAgents, getAgent } from '../../src/agents-repo.js';
import { handleAction } from '../../src/items/handle-action.js';
import { localWarningAction } from '../../src/warnings/warning-actions.js';
import { runCommand } from '../../commands/run-command.js';
import { LOCAL_ROOMS } from './rooms.js';
import { fieldErrors } from '../../src/i18n/field-errors.js';
import { invalid } from '../../src/intake/intake-routes.js';
import { localRowToMessage } from './local-message.js';
import { publicCard } from './public-card.js';
import { actorOf, registerLocalDoor } from './door.js';
import { registerSignInRoutes } from './sign-in-routes.js';

const WEB_DIR = new URL('./web/', import.meta.url);
const SCRIPT = 'text/javascript; charset=utf-8';
/** Messages per request to GET …/messages: the page asks for fewer and loads older ones on scroll. */
const MESSAGES_PAGE = { default: 200, max: 500 } as const;
const ASSETS: Record<string, string> = { 'card-view.js': SCRIPT, 'live-stream.js': SCRIPT, 'app.js': SCRIPT, 'style.css': 'text/css; charset=utf-8' };

// `actor` names who acts on an open loopback page; with sign-in the session says who acts.
const ActionBody = z.object({
  actor: z.string().min(1).optional(),
  item_id: z.string().min(1),
  action: z.string().min(1),
  input: z.record(z.string(), z.unknown()).optional(),
});
const MessagesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MESSAGES_PAGE.max).default(MESSAGES_PAGE.default),
  before: z.coerce.number().int().positive().optional(),
});
const CommandBody = z.object({ actor: z.string().min(1).optional(), room: z.string().min(1), text: z.string().max(500) });

export function registerLocalRoutes(app: FastifyInstance, deps: Deps): void {
  const { t } = deps;
  const room = (id: string) => LOCAL_ROOMS.find((r) => r.chatId === id);
  registerLocalDoor(app, deps);
  registerSignInRoutes(app, deps);
  const refuseActor = (req: FastifyRequest, reply: FastifyReply) => req.localAgent
    ? reply.code(403).send({ error: 'actor_mismatch', message: t('door.actor_mismatch', { name: req.localAgent.name }) })
    : reply.code(403).send({ error: 'unknown_actor', message: t('error.unknown_actor') });

  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(await readFile(new URL('index.html', WEB_DIR))));
  app.get<{ Params: { file: string } }>('/local/assets/:file', async (req, reply) => {
    const type = ASSETS[req.params.file];
    if (!type) return reply.code(404).send({ error: 'not_found', message: t('error.not_found') });
    return reply.type(type).send(await readFile(new URL(req.params.file, WEB_DIR)));
  });

  // A signed-in person is only themselves: the page's "I am" list then holds one name.
  app.get('/local/api/agents', async (req) => ({ agents: req.localAgent ? [req.localAgent] : await listAgents(deps.db) }));

  app.get('/local/api/rooms', async () => ({
    rooms: LOCAL_ROOMS.map((r) => ({ id: r.chatId, name: r.name, purpose: r.purpose })),
  }));

  // Newest first by id, returned oldest first; `before` pages back through older messages.
  app.get<{ Params: { room: string } }>('/local/api/rooms/:room/messages', async (req, reply) => {
    if (!room(req.params.room)) return reply.code(404).send({ error: 'unknown_room', message: t('local.unknown_room', { room: req.params.room }) });
    const query = MessagesQuery.safeParse(req.query);
    if (!query.success) return reply.code(400).send(badRequest(deps, query.error));
    const { limit, before } = query.data;
    let select = deps.db.selectFrom('local_messages').selectAll().where('room', '=', req.params.room);
    if (before !== undefined) select = select.where('id', '<', before);
    const rows = await select.orderBy('id', 'desc').limit(limit + 1).execute();
    return { messages: rows.slice(0, limit).reverse().map(localRowToMessage), has_more: rows.length > limit };
  });

  app.post('/local/api/actions', async (req, reply) => {
    const body = ActionBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send(badRequest(deps, body.error));
    const actor = actorOf(req, body.data.actor);
    if (!actor.ok) return refuseActor(req, reply);
    const warning = await localWarningAction(deps, actor.actorId, body.data.item_id, body.data.action, body.data.input);
    if (warning) return warning.ok ? { ok: true, warning: { id: warning.warning.shortId, status: warning.warning.status, version: warning.warning.version } } : reply.code(warning.status).send({ error: 'refused', message: warning.text });
    const outcome = await handleAction(deps, { actorId: actor.actorId, itemId: body.data.item_id, action: body.data.action, input: body.data.input });
    deps.metrics.actions.inc({ action: body.data.action, outcome: outcome.ok ? 'ok' : outcome.code });
    if (!outcome.ok) return reply.code(outcome.status).send({ error: outcome.code, message: outcome.message });
    return { ok: true, item: { id: outcome.item.id, short_id: outcome.item.shortId, state: outcome.item.state, version: outcome.item.version, assignee: outcome.item.assignee } };
  });

  app.post('/local/api/commands', async (req, reply) => {
    const body = CommandBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send(badRequest(deps, body.error));
    if (!room(body.data.room)) return reply.code(404).send({ error: 'unknown_room', message: t('local.unknown_room', { room: body.data.room }) });
    const claimed = actorOf(req, body.data.actor);
    if (!claimed.ok) return refuseActor(req, reply);
    const actor = await getAgent(deps.db, claimed.actorId);
    if (!actor) return reply.code(403).send({ error: 'unknown_actor', message: t('error.unknown_actor') });
    // The room is where the command was typed, so `/fb setup escalations` sets up this room.
    const where = room(body.data.room)!;
    const answer = await runCommand(deps, actor, body.data.text, { chat: { platform: 'local', chatId: where.chatId, name: where.name } });
    return { reply: answer.kind === 'card' ? { kind: 'card', card: publicCard(answer.card) } : answer };
  });

  // Server-Sent Events: every message created or updated in any room, as JSON.
  const streams = new Set<() => void>();
  // preClose, not onClose: the server waits for open connections before onClose hooks run, and a
  // live stream never ends by itself, so it would hold a shutdown forever.
  app.addHook('preClose', async () => { for (const end of streams) end(); });
  app.get('/local/api/stream', (req, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    reply.raw.write(': connected\n\n');
    const unsubscribe = deps.localBus.subscribe((event) => reply.raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event.message)}\n\n`));
    const keepAlive = setInterval(() => reply.raw.write(': ping\n\n'), 15_000);
    const end = () => { clearInterval(keepAlive); unsubscribe(); streams.delete(end); reply.raw.end(); };
    streams.add(end);
    req.raw.on('close', end);
  });
}

function badRequest(deps: Deps, error: z.ZodError) {
  return invalid(deps, fieldErrors(error, deps.t));
}
