import type { Config } from '../config.js';
import type { Platform } from '../../adapters/chat-adapter.js';

/**
 * A path the bot serves as a link a person can open from `platform`: the local page resolves a
 * path by itself; other platforms need the bot's address, PUBLIC_URL (else its listening address).
 */
export function absoluteLink(config: Pick<Config, 'publicUrl' | 'host' | 'port'>, platform: Platform | undefined, path: string): string {
  if (platform === 'local' && !config.publicUrl) return path;
  const base = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  return new URL(path, base).toString();
}
