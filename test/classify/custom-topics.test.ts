import { describe, expect, test } from 'vitest';
import { CustomTopicsSchema } from '../../src/classify/custom-topics.js';
import { issueText } from '../../src/i18n/field-errors.js';
import { createTranslate } from '../../src/i18n/translate.js';

describe('CUSTOM_TOPICS setting', () => {
  test('parses a JSON array of names and keywords', () => {
    const parsed = CustomTopicsSchema.parse('[{"name":"invoice","keywords":["发票","invoice"]}]');
    expect(parsed).toEqual([{ name: 'invoice', keywords: ['发票', 'invoice'] }]);
  });

  test('unset or blank means no custom topics', () => {
    expect(CustomTopicsSchema.parse(undefined)).toEqual([]);
    expect(CustomTopicsSchema.parse('  ')).toEqual([]);
  });

  test.each([
    ['not JSON', '{name: invoice}', 'JSON list'],
    ['an object, not an array', '{"name":"invoice","keywords":["x"]}', ''],
    ['a name with spaces', '[{"name":"my topic","keywords":["x"]}]', 'lower-case'],
    ['no keywords', '[{"name":"invoice","keywords":[]}]', ''],
    ['a blank keyword', '[{"name":"invoice","keywords":[" "]}]', ''],
    ['a duplicate name', '[{"name":"a","keywords":["x"]},{"name":"a","keywords":["y"]}]', 'unique'],
  ])('rejects %s with a readable message', (_, setting, fragment) => {
    const result = CustomTopicsSchema.safeParse(setting);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((i) => issueText(i, createTranslate('en'))).join(' ')).toContain(fragment);
  });
});
