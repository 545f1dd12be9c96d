// Files the bot serves by signed link, with no sign-in: export workbooks (24 h), digest charts and
// items' attachments.
// A changed or expired link gets a short page saying so in Chinese and English, never the file.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Deps } from '../deps.js';
import { createLinkSigner, type LinkCheck } from './signed-link.js';
import { chartPath } from '../digests/deliver-digest.js';
import { attachmentPath } from '../attachments/attachment-links.js';
import { isPicture } from '../attachments/attachment-kind.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerFileRoutes(app: FastifyInstance, deps: Deps): void {
  const links = createLinkSigner(deps.intakeSecret);
  type Req = { Params: { id: string; filename?: string }; Querystring: Record<string, string> };

  app.get<Req>('/files/exports/:id/:filename', async (req, reply) => {
    const path = exportPath(req.params.id, req.params.filename ?? '');
    const check = links.check(path, req.query, deps.clock.now());
    if (!check.ok) return refuse(reply, deps, check);
    const found = await deps.db.selectFrom('exports').select(['filename', 'bytes', 'expires_at'])
      .where('id', '=', req.params.id).executeTakeFirst();
    if (!found || found.filename !== req.params.filename || found.expires_at <= deps.clock.now()) return refuse(reply, deps, { ok: false, reason: 'expired' });
    return reply.header('content-type', XLSX_TYPE)
      .header('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(found.filename)}`)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(found.bytes));
  });

  app.get<Req>('/files/digests/:id/chart.png', async (req, reply) => {
    const check = links.check(chartPath(req.params.id), req.query, deps.clock.now());
    if (!check.ok) return refuse(reply, deps, check);
    const found = await deps.db.selectFrom('digests').select('chart').where('id', '=', req.params.id).executeTakeFirst();
    if (!found) return refuse(reply, deps, { ok: false, reason: 'expired' });
    return reply.header('content-type', 'image/png').header('cache-control', 'private, max-age=86400').send(Buffer.from(found.chart));
  });

  app.get<Req>('/files/attachments/:id/:filename', async (req, reply) => {
    const check = links.check(attachmentPath(req.params.id, req.params.filename ?? ''), req.query, deps.clock.now());
    if (!check.ok) return refuse(reply, deps, check);
    const found = await deps.db.selectFrom('attachments').select(['name', 'content_type', 'bytes']).where('id', '=', req.params.id).executeTakeFirst();
    if (!found || found.name !== req.params.filename) return refuse(reply, deps, { ok: false, reason: 'expired' });
    // Pictures show in the page; anything else downloads. The type was checked against the bytes at
    // intake, and nosniff keeps a browser from reading them as anything else.
    return reply.header('content-type', found.content_type).header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'")
      .header('content-disposition', `${isPicture(found.content_type) ? 'inline' : 'attachment'}; filename="attachment"; filename*=UTF-8''${encodeURIComponent(found.name)}`)
      .header('cache-control', 'private, max-age=86400')
      .send(Buffer.from(found.bytes));
  });
}

export function exportPath(id: string, filename: string): string {
  return `/files/exports/${encodeURIComponent(id)}/${encodeURIComponent(filename)}`;
}

/** 403 for a link that was changed (or never made here), 410 for one past its time or whose file is gone. */
function refuse(reply: FastifyReply, deps: Deps, check: Extract<LinkCheck, { ok: false }>) {
  const status = check.reason === 'bad_signature' ? 403 : 410;
  const text = deps.t(check.reason === 'bad_signature' ? 'link.bad_signature' : 'link.expired');
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>${status}</title></head>`
    + `<body style="font-family:sans-serif;margin:3em"><h1>${status}</h1><p>${escapeHtml(text)}</p></body></html>`;
  return reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
