// People who may sign in to the local chat: an agent (name and role live in agents) with a password.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Agent } from '../domain/types.js';
import { getAgent, upsertAgent } from '../agents-repo.js';
import { hashPassword, passwordMatches } from './passwords.js';

/** Creates or updates the agent and sets its password (hashed; the password itself is not kept). */
export async function saveLocalUser(db: Kysely<Database>, agent: Agent, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await upsertAgent(db, agent);
  await db.insertInto('local_users').values({ agent_id: agent.id, password_hash: passwordHash })
    .onConflict((oc) => oc.column('agent_id').doUpdateSet({ password_hash: passwordHash, updated_at: sql<Date>`now()` }))
    .execute();
}

export async function removeLocalUser(db: Kysely<Database>, agentId: string): Promise<boolean> {
  await db.deleteFrom('local_sessions').where('agent_id', '=', agentId).execute();
  const removed = await db.deleteFrom('local_users').where('agent_id', '=', agentId).executeTakeFirst();
  return removed.numDeletedRows > 0n;
}

export async function countLocalUsers(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('local_users').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

// Checked against this when the agent is unknown, so a wrong name costs as long as a wrong password.
const UNKNOWN_USER_HASH = '$argon2id$v=19$m=19456,t=2,p=1$w8Pnjh2BtIbMqmKG/G8cIQ$K5L9axzn1as1/LAvd95rFF6lOuLh6G3zKPT53VYGVxk';

/** The agent when the password is theirs; undefined otherwise (unknown agent or wrong password alike). */
export async function checkLocalUser(db: Kysely<Database>, agentId: string, password: string): Promise<Agent | undefined> {
  const row = await db.selectFrom('local_users').select('password_hash').where('agent_id', '=', agentId).executeTakeFirst();
  const ok = await passwordMatches(row?.password_hash ?? UNKNOWN_USER_HASH, password);
  return ok && row ? getAgent(db, agentId) : undefined;
}
