// Sign-in sessions kept in the database, so every instance on one PostgreSQL knows them. Only a
// hash of the cookie's token is stored: a copy of the table signs nobody in.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Agent, Role } from '../domain/types.js';

export const SESSION_HOURS = 12;

/** Starts a session for the agent; returns the token for the cookie. */
export async function createSession(db: Kysely<Database>, agentId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.deleteFrom('local_sessions').where('expires_at', '<', now).execute();
  await db.insertInto('local_sessions')
    .values({ token_hash: tokenHash(token), agent_id: agentId, expires_at: new Date(now.getTime() + SESSION_HOURS * 3_600_000) })
    .execute();
  return token;
}

/** The agent signed in with this token, or undefined when it is unknown or has expired. */
export async function sessionAgent(db: Kysely<Database>, token: string | undefined, now: Date): Promise<Agent | undefined> {
  if (!token || token.length > 100) return undefined;
  const row = await db.selectFrom('local_sessions').innerJoin('agents', 'agents.id', 'local_sessions.agent_id')
    .select(['agents.id', 'agents.name', 'agents.role'])
    .where('local_sessions.token_hash', '=', tokenHash(token)).where('local_sessions.expires_at', '>', now)
    .executeTakeFirst();
  return row ? { id: row.id, name: row.name, role: row.role as Role } : undefined;
}

export async function endSession(db: Kysely<Database>, token: string | undefined): Promise<void> {
  if (token) await db.deleteFrom('local_sessions').where('token_hash', '=', tokenHash(token)).execute();
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
