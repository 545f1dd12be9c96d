// Wording for requests the input guard refuses, and for a database that cannot be reached.
export const inputMessages = {
  'input.bad_encoding': { zh: '{field} 不是有效的 UTF-8', en: '{field} is not valid UTF-8' },
  'input.bad_charset': { zh: '只接受 UTF-8 编码（{field}）', en: 'Only UTF-8 is accepted ({field})' },
  'input.bad_json': { zh: '请求体不是有效的 JSON', en: 'The body is not valid JSON' },
  'input.nul': { zh: '{field} 含有 U+0000 空字符', en: '{field} contains the NUL character U+0000' },
  'input.lone_surrogate': { zh: '{field} 含有不成对的代理字符（无效的 Unicode）', en: '{field} contains a lone surrogate (invalid Unicode)' },
  'input.too_deep': { zh: '{field} 嵌套层数过多', en: '{field} is nested too deeply' },
  'input.too_many_keys': { zh: '{field} 的键过多', en: '{field} has too many keys' },
  'input.too_many_items': { zh: '{field} 的元素过多', en: '{field} has too many items' },
  'input.key_too_long': { zh: '键名过长：{field}', en: 'A key is too long: {field}' },
  'input.forbidden_key': { zh: '不允许的键名：{field}', en: 'A key that is not allowed: {field}' },
  'error.database_unavailable': { zh: '数据库暂时无法访问，请稍后重试', en: 'The database is unreachable for now; retry shortly' },
} as const;
