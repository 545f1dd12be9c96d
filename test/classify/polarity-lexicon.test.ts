import { describe, expect, test } from 'vitest';
import { normalizeText } from '../../src/classify/normalize.js';
import { contrastVerdict, countOpinions } from '../../src/classify/polarity-lexicon.js';

const opinions = (text: string) => countOpinions(normalizeText(text));

describe('opinion words and their negation', () => {
  test('a negator flips the word right after it, also across a filler such as 会 or "as"', () => {
    expect(opinions('不太满意')).toEqual({ positive: 0, negative: 1 });
    expect(opinions('晚上开着睡完全不会吵')).toEqual({ positive: 1, negative: 0 });
    expect(opinions("wasn't as slow as I feared")).toEqual({ positive: 1, negative: 0 });
    expect(opinions('Not a single crash since the update')).toEqual({ positive: 1, negative: 0 });
  });

  test('别 inside 特别 or 识别 is no negator, and 不过 is "but", not "not"', () => {
    expect(opinions('特别贴心')).toEqual({ positive: 1, negative: 0 });
    expect(opinions('语音识别好准')).toEqual({ positive: 1, negative: 0 });
    expect(opinions('位置偏，不过好吃')).toEqual({ positive: 1, negative: 0 });
    expect(opinions('别买，太差')).toEqual({ positive: 0, negative: 1 });
  });

  test('差价 and 差点 are no faults', () => {
    expect(opinions('降价后自动退了差价，省心')).toEqual({ positive: 0, negative: 0 });
    expect(opinions('保价服务真不错，降价后自动退了差价')).toEqual({ positive: 1, negative: 0 });
  });

  test('the clause after the last contrast word is the verdict', () => {
    expect(contrastVerdict(normalizeText('不错，但是送得太慢了'))).toBe(-1);
    expect(contrastVerdict(normalizeText('价格不算便宜，但是物有所值'))).toBe(1);
    expect(contrastVerdict(normalizeText('味道不错'))).toBe(0);
  });
});

describe('English opinion words', () => {
  test('match from the start of a word only, so "plate" holds no "late"', () => {
    expect(opinions('The plate was fine')).toEqual({ positive: 0, negative: 0 });
    expect(opinions('Late again')).toEqual({ positive: 0, negative: 1 });
    expect(opinions('Refund hit my card the same day. Impressive.')).toEqual({ positive: 1, negative: 0 });
  });
});
