import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from './db/schema.js';
import type { Agent, Role } from './domain/types.js';
import type { Platform, PlatformUser } from '../adapters/chat-adapter.js';

export async function listAgents(db: Kysely<Database>): Promise<Agent[]> {
  const rows = await db.selectFrom('agents').select(['id', 'name', 'role']).orderBy('role').orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, role: r.role as Role }));
}

export async function getAgent(db: Kysely<Database>, id: string): Promise<Agent | undefined> {
  const r = await db.selectFrom('agents').select(['id', 'name', 'role']).where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, name: r.name, role: r.role as Role } : undefined;
}

export async function upsertAgent(db: Kysely<Database>, agent: Agent): Promise<void> {
  await db.insertInto('agents').values(agent)
    .onConflict((oc) => oc.column('id').doUpdateSet({ name: agent.name, role: agent.role }))
    .execute();
}

/** One person, one agent: a platform user id maps to the agent it was linked to. */
export async function findAgentByIdentity(db: Kysely<Database>, platform: string, platformUserId: string): Promise<Agent | undefined> {
  const r = await db.selectFrom('agent_identities').innerJoin('agents', 'agents.id', 'agent_identities.agent_id')
    .select(['agents.id', 'agents.name', 'agents.role'])
    .where('agent_identities.platform', '=', platform).where('agent_identities.platform_user_id', '=', platformUserId)
    .executeTakeFirst();
  return r ? { id: r.id, name: r.name, role: r.role as Role } : undefined;
}

export async function linkIdentity(db: Kysely<Database>, platform: string, platformUserId: string, agentId: string): Promise<void> {
  await db.insertInto('agent_identities').values({ platform, platform_user_id: platformUserId, agent_id: agentId })
    .onConflict((oc) => oc.columns(['platform', 'platform_user_id']).doUpdateSet({ agent_id: agentId }))
    .execute();
}

/** The platform identities of everyone with one of `roles`, to name them in a message (escalation pings). */
export async function identitiesWithRole(db: Kysely<Database>, platform: Platform, roles: Role[]): Promise<PlatformUser[]> {
  if (platform === 'local') return localPeople(db, (q) => q.where('role', 'in', roles));
  const rows = await db.selectFrom('agent_identities').innerJoin('agents', 'agents.id', 'agent_identities.agent_id')
    .select(['agent_identities.platform_user_id', 'agents.name'])
    .where('agent_identities.platform', '=', platform).where('agents.role', 'in', roles)
    .orderBy('agents.name').execute();
  return rows.map((r) => ({ platform, userId: r.platform_user_id, name: r.name }));
}

/** The platform identities of these agents (a deadline reminder names the assignee). */
export async function identitiesOfAgents(db: Kysely<Database>, platform: Platform, agentIds: string[]): Promise<PlatformUser[]> {
  if (agentIds.length === 0) return [];
  if (platform === 'local') return localPeople(db, (q) => q.where('id', 'in', agentIds));
  const rows = await db.selectFrom('agent_identities').innerJoin('agents', 'agents.id', 'agent_identities.agent_id')
    .select(['agent_identities.platform_user_id', 'agents.name'])
    .where('agent_identities.platform', '=', platform).where('agents.id', 'in', agentIds)
    .orderBy('agents.name').execute();
  return rows.map((r) => ({ platform, userId: r.platform_user_id, name: r.name }));
}

// The local chat knows people by their agent id: everyone is on it without a linked identity.
async function localPeople(
  db: Kysely<Database>, where: (q: SelectQueryBuilder<Database, 'agents', { id: string; name: string }>) => SelectQueryBuilder<Database, 'agents', { id: string; name: string }>,
): Promise<PlatformUser[]> {
  const rows = await where(db.selectFrom('agents').select(['id', 'name'])).orderBy('name').execute();
  return rows.map((r) => ({ platform: 'local' as const, userId: r.id, name: r.name }));
}
