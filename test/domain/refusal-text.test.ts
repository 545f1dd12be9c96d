import { describe, expect, test } from 'vitest';
import { decide } from '../../src/domain/item-lifecycle.js';
import { labelOf, refusalText } from '../../src/domain/refusal-text.js';
import {
  ACTION_NAMES, BUILTIN_TOPICS, ITEM_STATES, KINDS, PRIORITIES, RESOLUTION_CODES, ROLES, SENTIMENTS,
  type Refusal,
} from '../../src/domain/types.js';
import { catalogue } from '../../src/i18n/catalogue.js';
import { coreMessages } from '../../src/i18n/messages-core.js';
import { domainMessages } from '../../src/i18n/messages-domain.js';
import { createTranslate } from '../../src/i18n/translate.js';
import { NOW, VALID, liWei, makeItem, wangFang, zhangMin } from './fixtures.js';

const both = createTranslate('both');
const zh = createTranslate('zh');
const en = createTranslate('en');
const liWeiRef = { id: liWei.id, name: 'Li Wei' };

describe('refusalText', () => {
  test.each<[string, Refusal, string]>([
    ['already claimed', { code: 'already_claimed', by: liWeiRef }, '已被 Li Wei 认领 / already claimed by Li Wei'],
    ['not the assignee, naming the action', { code: 'not_assignee', assignee: liWeiRef, action: 'reply' },
      '只有处理人 Li Wei 或主管可以回复 / only the assignee (Li Wei) or a supervisor can reply to this item'],
    ['not the assignee, without an action', { code: 'not_assignee', assignee: liWeiRef }, '该事项由 Li Wei 处理 / this item is handled by Li Wei'],
    ['supervisor only, with the state', { code: 'supervisor_only', action: 'close', state: 'escalated' },
      '「已升级」状态的事项只有主管可以关闭 / only a supervisor can close this item while it is escalated'],
    ['supervisor only, without the state', { code: 'supervisor_only', action: 'resolve' }, '只有主管可以解决 / only a supervisor can resolve this item'],
    ['not in state', { code: 'not_in_state', state: 'waiting_customer', action: 'wait' },
      '事项当前状态为「等待客户」，不能标记为等待客户 / can\'t mark this item as waiting on the customer while it is waiting on customer'],
    ['not in state: reply before claim', { code: 'not_in_state', state: 'new', action: 'reply' },
      '事项当前状态为「新建」，不能回复 / can\'t reply to this item while it is new'],
    ['input required', { code: 'input_required', field: 'reason' }, '请提供原因 / please provide a reason'],
    ['input required, unknown field shown raw', { code: 'input_required', field: 'rating' }, '请提供rating / please provide rating'],
  ])('%s', (_label, refusal, expected) => {
    expect(refusalText(refusal, both)).toBe(expected);
  });

  test('a single language gets only its own half, labels included', () => {
    const refusal: Refusal = { code: 'supervisor_only', action: 'close', state: 'escalated' };
    expect(refusalText(refusal, zh)).toBe('「已升级」状态的事项只有主管可以关闭');
    expect(refusalText(refusal, en)).toBe('only a supervisor can close this item while it is escalated');
    expect(refusalText({ code: 'already_claimed', by: { id: 'x', name: '李伟' } }, zh)).toBe('已被 李伟 认领');
  });

  test('every refusal decide can produce is fully worded in both languages', () => {
    const items = [
      makeItem(), makeItem({ state: 'claimed', assignee: liWei }), makeItem({ state: 'waiting_customer', assignee: liWei }),
      makeItem({ state: 'escalated', assignee: liWei }), makeItem({ state: 'escalated' }),
      makeItem({ state: 'resolved', assignee: liWei }), makeItem({ state: 'closed', assignee: liWei }),
    ];
    const blank = [{ type: 'reply', text: '' }, { type: 'escalate', reason: '' }, { type: 'close', code: '' }] as const;
    let seen = 0;
    for (const item of items) {
      for (const actor of [liWei, zhangMin, wangFang]) {
        for (const action of [...ACTION_NAMES.map((a) => VALID[a]), ...blank]) {
          const d = decide(item, actor, action as never, NOW);
          if (d.ok) continue;
          seen++;
          for (const t of [zh, en]) {
            const text = refusalText(d.refusal, t);
            expect(text, JSON.stringify(d.refusal)).not.toMatch(/[{}]|undefined|refusal\.|state\.|field\./);
            expect(text.length).toBeGreaterThan(3);
          }
        }
      }
    }
    expect(seen).toBeGreaterThan(50);
  });
});

describe('labels', () => {
  test.each([
    ['state', ITEM_STATES], ['action', ACTION_NAMES], ['resolution', RESOLUTION_CODES], ['priority', PRIORITIES],
    ['kind', KINDS], ['sentiment', SENTIMENTS], ['topic', BUILTIN_TOPICS], ['role', ROLES],
  ] as const)('every %s has a zh and an en label', (prefix, values) => {
    for (const value of values) {
      const entry = (catalogue as Record<string, { zh: string; en: string } | undefined>)[`${prefix}.${value}`];
      expect(entry, `${prefix}.${value}`).toBeDefined();
      expect(entry!.zh).not.toBe('');
      expect(entry!.en).not.toBe('');
    }
  });

  test('domain keys never shadow core keys (the catalogue is a spread; the later part would win silently)', () => {
    expect(Object.keys(domainMessages).filter((key) => Object.hasOwn(coreMessages, key))).toEqual([]);
  });

  test('labelOf renders catalogue labels in the chosen language(s)', () => {
    expect(labelOf(both, 'state', 'waiting_customer')).toBe('等待客户 / Waiting on customer');
    expect(labelOf(both, 'action', 'reopen')).toBe('重新打开 / Reopen');
    expect(labelOf(zh, 'resolution', 'no_response')).toBe('客户无回应');
    expect(labelOf(en, 'resolution', 'wont_fix')).toBe("Won't fix");
    expect(labelOf(both, 'topic', 'attitude')).toBe('服务态度 / Service attitude');
    expect(labelOf(en, 'role', 'supervisor')).toBe('Supervisor');
  });

  test('labelOf shows an operator\'s own topic as it is', () => {
    expect(labelOf(both, 'topic', '包装')).toBe('包装');
    expect(labelOf(both, 'topic', 'packaging')).toBe('packaging');
    expect(labelOf(both, 'topic', 'constructor')).toBe('constructor'); // not Object.prototype's
  });
});
