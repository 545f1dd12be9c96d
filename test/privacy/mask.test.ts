import { describe, expect, test } from 'vitest';
import { maskDeep, maskPersonalData, maskText } from '../../src/privacy/mask.js';

const masks = (text: string) => maskPersonalData(text);

describe('phones', () => {
  test.each([
    ['13912345678', '[PHONE]'],
    ['138 1234 5678', '[PHONE]'],
    ['186-2345-6789', '[PHONE]'],
    ['+86 139-1234-5678', '[PHONE]'],
    ['+86-135-2468-1357', '[PHONE]'],
    ['8613812345678', '[PHONE]'],
    ['(+86) 135-0013-6688', '[PHONE]'],
    ['010-62345678', '[PHONE]'],
    ['(0755) 8888 6666', '[PHONE]'],
    ['021 6123 4567', '[PHONE]'],
    ['+86 10 8888 6666', '[PHONE]'],
    ['+1 (415) 555-0134', '[PHONE]'],
    ['+44 20 7946 0958', '[PHONE]'],
    ['+852 9123 4567', '[PHONE]'],
    ['415-555-0199', '[PHONE]'],
  ])('%s is one phone', (number, want) => {
    expect(masks(`电话：${number}。`)).toEqual({ masked: `电话：${want}。`, types: ['PHONE'] });
  });

  test('two numbers separated by a single space are two phones', () => {
    expect(masks('电话13912345678 13812345678')).toEqual({ masked: '电话[PHONE] [PHONE]', types: ['PHONE', 'PHONE'] });
  });

  test('full-width digits typed by a Chinese input method are masked; other full-width text stays', () => {
    expect(masks('电话＋８６ １３９－１２３４－５６７８，订单号１３９１２３４５６７８９０１２３')).toEqual({
      masked: '电话[PHONE]，订单号１３９１２３４５６７８９０１２３',
      types: ['PHONE'],
    });
  });

  test('a time after a grouped number does not stop the number being masked', () => {
    expect(maskText('电话 139 1234 5678 18:00后打')).toBe('电话 [PHONE] 18:00后打');
  });
});

describe('e-mails', () => {
  test('an address is masked whole, even when its local part is a phone number', () => {
    expect(masks('邮箱13912345678@139.com，谢谢')).toEqual({ masked: '邮箱[EMAIL]，谢谢', types: ['EMAIL'] });
  });

  test('plus tags, subdomains and sentence punctuation', () => {
    expect(maskText('Mail tom+shop@mail.example.co.uk.')).toBe('Mail [EMAIL].');
  });
});

describe('resident IDs', () => {
  test('18 characters with an X check digit, 15-digit old form and grouped form', () => {
    expect(masks('身份证 31010419851122105X, 老证110105710923152, 330106 19900101 0034')).toEqual({
      masked: '身份证 [ID], 老证[ID], [ID]',
      types: ['ID', 'ID', 'ID'],
    });
  });

  test('a wrong check digit is masked only when an ID label introduces it', () => {
    expect(maskText('身份证号110105199003071231')).toBe('身份证号[ID]');
    expect(maskText('编码110105199003071231')).toBe('编码110105199003071231');
  });

  test('18 digits without a valid birth date are not an ID', () => {
    expect(maskText('流水 202503141530886721')).toBe('流水 202503141530886721');
  });
});

describe('bank cards', () => {
  test('16 and 19 digits, plain or grouped by spaces or dashes, passing Luhn', () => {
    expect(masks('卡 6222 0212 3456 7890 128 / 4367-4212-3456-7896 / 4111111111111111')).toEqual({
      masked: '卡 [CARD] / [CARD] / [CARD]',
      types: ['CARD', 'CARD', 'CARD'],
    });
  });

  test('a number failing Luhn is not a card', () => {
    expect(maskText('卡 4111111111111112')).toBe('卡 4111111111111112');
  });
});

describe('never masked', () => {
  test.each([
    '订单号 2024031512345678901 还没发货',
    '訂單編號：6225880112345674',
    '运单号SF1234567890123',
    'Order no. 1234567890123456 arrived broken',
    'Order #4111111111111111',
    'tracking number 9400111899223197428490',
    '发票号码 24442000000012345678',
    '交易单号 4200001234202403151234567890',
    '退款单号 2025031415300012',
    '工单号 WO-20250314-0087',
    '商品编号 100012043978',
    '条形码 6901234567892',
    '电子券码 8836 2201 5570 4491',
    'UPS 1Z999AA10123456784',
    '¥12,999.00 和 $1,299.99',
    '2025-03-14 18:30 和 20250314',
    'iPhone 15 Pro, KFR-35GW, 8.0.47, CA1234, G1234',
    '验证码 482913',
    '尾号 8866 的卡',
    '客服电话95588，投诉打12315',
    '热线 400-820-8820 或 800 820 8820',
    'Toll free (800) 555-0199',
    '我手机号138****5678的验证码收不到',
    '2025-03-14T09:15:00+08:00',
    'Error 0x80070005',
  ])('%s', (text) => {
    expect(masks(text)).toEqual({ masked: text, types: [] });
  });

  test('a label protects only the number it introduces', () => {
    expect(maskText('订单号 2024031512345678901，联系电话 139-8888-0000')).toBe('订单号 2024031512345678901，联系电话 [PHONE]');
  });
});

describe('maskDeep', () => {
  test('masks every string in nested objects and arrays and leaves other values alone', () => {
    const input = {
      note: '电话13912345678',
      tags: ['vip', 'mail a@b.cn'],
      nested: { deeper: [{ id: 7, card: '4111111111111111' }], ok: true, none: null },
    };
    expect(maskDeep(input)).toEqual({
      note: '电话[PHONE]',
      tags: ['vip', 'mail [EMAIL]'],
      nested: { deeper: [{ id: 7, card: '[CARD]' }], ok: true, none: null },
    });
  });

  test('never mutates its input', () => {
    const input = { a: ['13912345678'], b: { c: 'x@y.com' } };
    const snapshot = structuredClone(input);
    const output = maskDeep(input);
    expect(input).toEqual(snapshot);
    expect(output).not.toBe(input);
  });

  test('masks a bare string and survives a cycle', () => {
    expect(maskDeep('13912345678')).toBe('[PHONE]');
    const cyclic: Record<string, unknown> = { phone: '13912345678' };
    cyclic.self = cyclic;
    const out = maskDeep(cyclic) as Record<string, unknown>;
    expect(out.phone).toBe('[PHONE]');
    expect(out.self).toBe(out);
  });
});

test('text without digits or @ comes back unchanged and untouched', () => {
  const text = '服务员很热情，菜品也好吃';
  expect(masks(text)).toEqual({ masked: text, types: [] });
});

test('runs in linear time on adversarial input', () => {
  const hostile = `${'1 '.repeat(50_000)}${'a.'.repeat(50_000)}@${'b-'.repeat(50_000)}${'9'.repeat(100_000)}`;
  const started = performance.now();
  maskPersonalData(hostile);
  expect(performance.now() - started).toBeLessThan(2_000); // quadratic would take minutes
});
