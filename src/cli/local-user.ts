// npm run local-user -- add ID --name NAME [--role agent|supervisor|admin] | remove ID | list
// Manages who may sign in to the local chat (LOCAL_SIGN_IN=users). The password is read from
// standard input (typed without echo on a terminal, or piped), never from the command line.
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase, type DatabaseTarget } from '../db/open.js';
import { DataDirLockedError } from '../db/folder-lock.js';
import { migrateToLatest } from '../db/migrate.js';
import { createTranslate } from '../i18n/translate.js';
import { ROLES, type Role } from '../domain/types.js';
import { listAgents } from '../agents-repo.js';
import { PASSWORD_LIMITS } from '../auth/passwords.js';
import { removeLocalUser, saveLocalUser } from '../auth/local-users.js';

const USAGE = 'usage: npm run local-user -- add ID --name NAME [--role agent|supervisor|admin] | remove ID | list';

async function main(): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { name: { type: 'string' }, role: { type: 'string', default: 'agent' } } });
  const [command, id] = positionals;
  if (!command || (command !== 'list' && !id)) return fail(USAGE);
  if (id && !/^[a-z0-9][a-z0-9._-]{0,63}$/.test(id)) return fail('ID: lowercase letters, digits, . _ - (at most 64) / ID 只能包含小写字母、数字、. _ -');
  if (!ROLES.includes(values.role as Role)) return fail(`--role: one of ${ROLES.join(', ')} / 角色只能是 ${ROLES.join('、')}`);
  const config = loadConfig();
  const database = await openDatabase(config.database as DatabaseTarget);
  try {
    await migrateToLatest(database.db);
    if (command === 'list') {
      const users = new Set((await database.db.selectFrom('local_users').select('agent_id').execute()).map((r) => r.agent_id));
      for (const agent of await listAgents(database.db)) {
        if (users.has(agent.id)) process.stdout.write(`${agent.id}\t${agent.name}\t${agent.role}\n`);
      }
      return 0;
    }
    if (command === 'remove') {
      if (!(await removeLocalUser(database.db, id!))) return fail(`no user ${id} / 没有用户 ${id}`);
      process.stdout.write(`removed ${id}; their sessions are ended / 已删除 ${id}，其登录已失效\n`);
      return 0;
    }
    if (command !== 'add') return fail(USAGE);
    if (!values.name) return fail('--name is required / 需要 --name');
    const password = await readPassword('密码 Password: ');
    if (password.length < PASSWORD_LIMITS.min || password.length > PASSWORD_LIMITS.max) {
      return fail(`the password needs ${PASSWORD_LIMITS.min} to ${PASSWORD_LIMITS.max} characters / 密码长度需为 ${PASSWORD_LIMITS.min}–${PASSWORD_LIMITS.max} 个字符`);
    }
    await saveLocalUser(database.db, { id: id!, name: values.name, role: values.role as Role }, password);
    process.stdout.write(`saved ${id} (${values.role}) / 已保存 ${id}（${values.role}）\n`);
    return 0;
  } finally {
    await database.close();
  }
}

/** One line from standard input; on a terminal the typed characters are not shown. */
async function readPassword(prompt: string): Promise<string> {
  const terminal = Boolean(process.stdin.isTTY);
  let muted = false;
  const output = new Writable({ write(chunk, _encoding, done) { if (!muted) process.stderr.write(chunk); done(); } });
  const lines = createInterface({ input: process.stdin, output, terminal });
  if (terminal) process.stderr.write(prompt);
  muted = true;
  try {
    for await (const line of lines) return line;
    return '';
  } finally {
    lines.close();
    if (terminal) process.stderr.write('\n');
  }
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

main().then((code) => process.exit(code), (error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else if (error instanceof DataDirLockedError) process.stderr.write(`${createTranslate('both')('start.data_dir_locked', { dir: error.dir, pid: error.pid })}\n`);
  else process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
