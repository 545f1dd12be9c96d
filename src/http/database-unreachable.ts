// Tells "the database could not be reached" apart from every other fault, so that callers get a
// 503 with Retry-After (try again, nothing was taken) instead of a 500 (our code is wrong).
// Recognised from the error itself and its causes, whichever driver raised it: the repositories
// and the intake pipeline let such errors through unchanged.

/** Seconds a client is asked to wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// Socket-level failures (Node), raised by pg when it connects or when a connection drops.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
// SQLSTATE class 08 (connection exception), the server shutting down or starting, and no free slot.
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[1-3]|53300)$/;
// pg and PGlite raise these as plain Errors without a code.
const MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection closed/i,
  /PGlite is closed/i,
];

/** True when the error (or any error in its `cause` chain) says the database is out of reach. */
export function isDatabaseUnreachable(error: unknown): boolean {
  return findUnreachable(error) !== undefined;
}

/** A short, host-free reason for /readyz and logs: "ECONNREFUSED", "57P01", "connection terminated". */
export function unreachableReason(error: unknown): string {
  return findUnreachable(error) ?? (error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'unknown');
}

function findUnreachable(error: unknown): string | undefined {
  for (let e: unknown = error, hops = 0; e instanceof Error && hops < 8; e = e.cause, hops++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATE.test(code))) return code;
    if (e instanceof AggregateError) {
      const inner = e.errors.map(findUnreachable).find((reason) => reason !== undefined);
      if (inner) return inner;
    }
    const known = MESSAGES.find((m) => m.test(e.message));
    if (known) return known.source.replace(/\\/g, '').toLowerCase();
  }
  return undefined;
}
