// Which Host headers name this bot. A browser sends the name it resolved, so a page on a rebinding
// domain (evil.example resolving to 127.0.0.1) arrives with its own name and is refused.
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

export interface HostRules { names: Set<string>; port: number }

/**
 * localhost, 127.0.0.1 and [::1]; the host of PUBLIC_URL when it is set; and HOST itself when it
 * is one address (not 0.0.0.0 or ::), since a browser pointed at that address sends it as Host.
 */
export function hostRules(settings: { host: string; port: number; publicUrl?: string }): HostRules {
  const names = new Set(LOOPBACK_NAMES);
  if (settings.publicUrl) names.add(new URL(settings.publicUrl).host.toLowerCase());
  if (!WILDCARD_HOSTS.has(settings.host)) names.add(settings.host.includes(':') && !settings.host.startsWith('[') ? `[${settings.host}]` : settings.host.toLowerCase());
  return { names, port: settings.port };
}

/** True when `host` (a Host header) names this bot: a known name, with no port or the bot's own. */
export function hostAllowed(host: string | undefined, rules: HostRules): boolean {
  if (!host) return false;
  const value = host.trim().toLowerCase();
  if (rules.names.has(value)) return true; // PUBLIC_URL's host carries its port when it has one
  const match = /^(\[[0-9a-f:.]+\]|[^:]+):(\d{1,5})$/.exec(value);
  if (!match) return false;
  // Port 0 asks the system for any free port: then the port a request names cannot be known here.
  return rules.names.has(match[1]!) && (rules.port === 0 || Number(match[2]) === rules.port);
}

/** HOST values that only this machine can reach: the page may stay open without sign-in there. */
export function isLoopbackHost(host: string): boolean {
  const value = host.toLowerCase().replace(/^\[|\]$/g, '');
  return value === 'localhost' || value === '::1' || /^127(\.\d{1,3}){3}$/.test(value);
}
