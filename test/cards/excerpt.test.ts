import { describe, expect, test } from 'vitest';
import { excerpt } from '../../cards/excerpt.js';

describe('excerpt', () => {
  test('short text is shown whole, on one line', () => {
    expect(excerpt('Parcel late.\nPlease check.', 60)).toBe('Parcel late. Please check.');
  });

  test('English is cut at a word boundary with an ellipsis, never inside a word', () => {
    const text = 'The kettle stopped working after two days and I want a replacement or a refund please';
    const cut = excerpt(text, 60);
    expect(cut).toBe('The kettle stopped working after two days and I want a…');
    expect(Array.from(cut).length).toBeLessThanOrEqual(61);
  });

  test('Chinese is cut at any character; a surrogate pair is never split', () => {
    expect(excerpt('快递三天没更新物流了，到底还送不送？我要投诉', 10)).toBe('快递三天没更新物流了…');
    expect(excerpt('好评👍👍👍👍👍👍👍👍👍👍', 4)).toBe('好评👍👍…');
  });

  test('one very long word is still cut', () => {
    expect(excerpt('x'.repeat(100), 10)).toBe(`${'x'.repeat(10)}…`);
  });
});
