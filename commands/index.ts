// Every command, by name. /fb help is built from this list.
import type { Command } from './command.js';
import { helpCommand } from './help.js';
import { mineCommand } from './mine.js';
import { queueCommand } from './queue.js';
import { roleCommand } from './role.js';
import { setupCommand } from './setup.js';
import { showCommand } from './show.js';
import { statsCommand } from './stats.js';
import { searchCommand } from './search.js';
import { customerCommand } from './customer.js';
import { reportCommand } from './report.js';
import { exportCommand } from './export.js';
import { warningsCommand } from './warnings.js';

const list = (): Command[] => Object.values(COMMANDS);
const aliases = (): Record<string, string> => ALIASES;

export const COMMANDS: Record<string, Command> = {
  help: helpCommand(list, aliases),
  stats: statsCommand,
  customer: customerCommand,
  search: searchCommand,
  queue: queueCommand,
  mine: mineCommand,
  show: showCommand,
  setup: setupCommand,
  role: roleCommand,
  report: reportCommand,
  export: exportCommand,
  warnings: warningsCommand,
};

/** Names people type in Chinese map to the same commands. */
export const ALIASES: Record<string, string> = { 帮助: 'help', 统计: 'stats', 客户: 'customer', 搜索: 'search', 队列: 'queue', 我的: 'mine', 查看: 'show', 设置: 'setup', 角色: 'role', 报告: 'report', 导出: 'export', 预警: 'warnings' };
