import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import type { Agent, Role } from './domain/types.js';

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
