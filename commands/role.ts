// `/fb role @someone agent|supervisor|manager|admin`: admins decide who supervises. The person is named
// by a platform mention (they become an agent first if they never used the bot) or by agent id.
import { getAgent, listAgents, upsertAgent } from '../src/agents-repo.js';
import { labelOf } from '../src/domain/refusal-text.js';
import { ROLES, type Agent, type Role } from '../src/domain/types.js';
import type { Command, CommandContext, Reply } from './command.js';

export const roleCommand: Command = {
  name: 'role', usage: 'role @someone agent|supervisor|manager|admin',
  summary: { zh: '设置某人的角色（管理员）', en: "Set someone's role (admins)" },
  async run(ctx): Promise<Reply> {
    const { args, deps, actor } = ctx;
    const { t } = deps;
    const [who, roleWord] = args;
    const role = roleWord?.toLowerCase() as Role | undefined;
    if (!who || !role || !ROLES.includes(role)) return text(t('role.usage'));
    if (actor.role !== 'admin') return text(t('role.admin_only'));
    const target = await resolve(ctx, who);
    if (!target) return text(t('role.unknown_person', { who }));
    if (target.role === 'admin' && role !== 'admin') {
      const admins = (await listAgents(deps.db)).filter((a) => a.role === 'admin');
      if (admins.length <= 1) return text(t('role.last_admin'));
    }
    await upsertAgent(deps.db, { ...target, role });
    return text(t('role.done', { name: target.name, role: labelOf(t, 'role', role) }));
  },
};

async function resolve(ctx: CommandContext, who: string): Promise<Agent | undefined> {
  const id = who.replace(/^@/, '');
  const mentioned = ctx.mentions?.find((m) => m.userId === id);
  if (mentioned && ctx.agentFor) return ctx.agentFor(mentioned);
  return getAgent(ctx.deps.db, id);
}

const text = (value: string): Reply => ({ kind: 'text', text: value });
