// Links to an item's attachments, served by the bot with no sign-in (src/exports/file-routes.ts):
// signed like an export's or a digest chart's link, so a changed id, name or expiry is refused.
import type { Config } from '../config.js';
import type { Platform } from '../../adapters/chat-adapter.js';
import type { AttachmentRef } from '../domain/types.js';
import { createLinkSigner, type LinkSigner } from '../exports/signed-link.js';
import { absoluteLink } from '../exports/link-base.js';

/** A card stays in a room long after it is sent; its links are renewed with every update. */
export const ATTACHMENT_LINK_DAYS = 90;

export function attachmentPath(id: string, name: string): string {
  return `/files/attachments/${encodeURIComponent(id)}/${encodeURIComponent(name)}`;
}

/**
 * Where a reader on `platform` loads an attachment: the local page takes the bot's own path;
 * Slack fetches pictures from its servers and WeCom's clients open links from anywhere, so they
 * get one only with PUBLIC_URL (an address the world reaches), else '' and the picture is named.
 */
export function attachmentUrls(
  links: LinkSigner, config: Pick<Config, 'publicUrl' | 'host' | 'port'>, now: Date, platform: Platform | undefined,
): (attachment: AttachmentRef) => string {
  return (a) => {
    if (platform !== 'local' && !config.publicUrl) return '';
    const expires = new Date(now.getTime() + ATTACHMENT_LINK_DAYS * 86_400_000);
    return absoluteLink(config, platform, links.sign(attachmentPath(a.id, a.name), expires));
  };
}

/** The same, for a handler or command that has the app's deps rather than the delivery's signer. */
export function attachmentUrlsFor(deps: { config: Config; intakeSecret: string; clock: { now(): Date } }, platform: Platform | undefined) {
  return attachmentUrls(createLinkSigner(deps.intakeSecret), deps.config, deps.clock.now(), platform);
}
