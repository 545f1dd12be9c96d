import { describe, expect, test } from 'vitest';
import { MAX_FEEDBACK_CHARS, cleanFeedbackText, normaliseForDedupe } from '../../src/intake/clean.js';

describe('cleanFeedbackText: normalisation keeps the words', () => {
  test('trims, unifies line endings and spaces, and collapses blank lines', () => {
    const raw = '  快递\t一直  没到。\r\n\r\n\r\n\r\n请尽快\u3000处理！ \rThanks\u00A0a lot  \n';
    expect(cleanFeedbackText(raw)).toEqual({ ok: true, text: '快递 一直 没到。\n\n请尽快 处理！\nThanks a lot' });
  });

  test('strips control, zero-width and bidi characters but keeps emoji sequences whole', () => {
    const family = '👨\u200D👩\u200D👧';
    const raw = `The app\u200B crashes\u0007 on\uFEFF login\u200E ${family}`;
    expect(cleanFeedbackText(raw)).toEqual({ ok: true, text: `The app crashes on login ${family}` });
  });

  test('keeps a single blank line between paragraphs and the text otherwise unchanged', () => {
    const text = 'Order arrived late.\n\nThe box was crushed, 2 cups broken — please refund ¥58.';
    expect(cleanFeedbackText(text)).toEqual({ ok: true, text });
  });
});

describe('cleanFeedbackText: rejections are machine codes', () => {
  test.each(['', '   ', '\n\r\n\t', '\u200B\u200B', '\u0000'])('%j is empty', (raw) => {
    expect(cleanFeedbackText(raw)).toEqual({ ok: false, reason: 'empty' });
  });

  test.each([
    ['only punctuation', '。。。！！？？'],
    ['only emoji', '👍👍 🙂'],
    ['only digits', '13912345678'],
    ['one repeated letter', 'aaaaaaa'],
    ['one repeated character with spaces', 'A a a a'],
    ['one repeated CJK character', '啊啊啊啊啊'],
    ['keyboard mash, repeated', 'asdfasdf'],
    ['keyboard mash, row walk', 'qwerty'],
    ['keyboard mash, several words', 'asdf jkjkjk zxcvb'],
    ['test string', 'test'],
    ['test string, upper case with punctuation', 'TEST!!! 123'],
    ['test string, Chinese', '测试'],
    ['test string, traditional', '測試一下'],
  ])('%s is junk', (_label, raw) => {
    expect(cleanFeedbackText(raw)).toEqual({ ok: false, reason: 'junk' });
  });

  test.each(['好好', 'ok', 'Poor', 'tree', '测试版本一直闪退', 'test order never arrived', 'asdf is not a product name I ordered', '差评👎'])(
    '%j is feedback',
    (raw) => {
      expect(cleanFeedbackText(raw)).toEqual({ ok: true, text: raw });
    },
  );

  test(`more than ${MAX_FEEDBACK_CHARS} characters is too long; exactly that many is fine`, () => {
    const exact = '很好'.repeat(MAX_FEEDBACK_CHARS / 2);
    expect(cleanFeedbackText(exact)).toEqual({ ok: true, text: exact });
    expect(cleanFeedbackText(`${exact}了`)).toEqual({ ok: false, reason: 'too_long' });
  });

  test('the limit counts characters, not UTF-16 units, and ignores trimmed whitespace', () => {
    const emoji = `差${'😡'.repeat(MAX_FEEDBACK_CHARS - 1)}`;
    expect(cleanFeedbackText(`   ${emoji}   `)).toEqual({ ok: true, text: emoji });
  });
});

describe('normaliseForDedupe', () => {
  test('equalises case, spacing and punctuation', () => {
    expect(normaliseForDedupe('Hello,  World!')).toBe(normaliseForDedupe('hello world'));
    expect(normaliseForDedupe('hello world')).toBe('helloworld');
  });

  test('turns full-width forms into half-width', () => {
    expect(normaliseForDedupe('ＡＢＣ１２３，　退款！')).toBe(normaliseForDedupe('abc123, 退款!'));
  });

  test('keeps the words that make two texts different', () => {
    expect(normaliseForDedupe('快递没到')).not.toBe(normaliseForDedupe('快递到了'));
  });
});
