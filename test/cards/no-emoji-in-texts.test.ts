// Every text the bot writes is readable on a machine with no emoji font (the local page shows an
// emoji there as an empty box), so the catalogue says it in words. Platforms that draw emoji get
// their marks from their own renderers.
import { expect, test } from 'vitest';
import { catalogue } from '../../src/i18n/catalogue.js';

test('no message in the catalogue carries an emoji', () => {
  const withEmoji = Object.entries(catalogue)
    .flatMap(([key, m]) => [m.zh, m.en].filter((text) => /\p{Extended_Pictographic}/u.test(text)).map((text) => `${key}: ${text}`));
  expect(withEmoji).toEqual([]);
});
