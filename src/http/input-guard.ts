// The input-hardening layer every inbound surface shares: checks on the raw bytes and on the parsed
// JSON that run before any other work, so that what reaches a schema, the masking, the database or
// a log line is bounded in size and depth and holds only text PostgreSQL can store.
//
// Why each check: PostgreSQL (and PGlite) refuse U+0000 in text and jsonb, and a lone surrogate in
// jsonb; masking and JSON.stringify recurse, so a few thousand levels of nesting overflow the
// stack; an object with a million keys costs every later step a million steps.

/** The bounds a JSON body is held to. Batch envelopes hold up to 1,000 items, hence the array bound. */
export interface InputLimits {
  /** Nesting of objects and arrays; the top-level value is depth 1. */
  maxDepth: number;
  /** Keys in any one object. */
  maxKeys: number;
  /** Items in any one array. */
  maxArrayItems: number;
  /** Characters in one object key. */
  maxKeyLength: number;
}

export const INPUT_LIMITS: InputLimits = { maxDepth: 32, maxKeys: 256, maxArrayItems: 1000, maxKeyLength: 200 };

export type InputProblem =
  | 'bad_encoding' // the bytes (or a percent-encoded URL part) are not UTF-8
  | 'bad_charset' // the Content-Type declares a charset other than utf-8
  | 'bad_json'
  | 'nul' // U+0000 in a string or key
  | 'lone_surrogate' // half of a UTF-16 surrogate pair (only reachable through a \uD800-style escape)
  | 'too_deep'
  | 'too_many_keys'
  | 'too_many_items'
  | 'key_too_long'
  | 'forbidden_key'; // __proto__: never a field of ours, and a prototype-pollution lever elsewhere

/** What was refused and where: `field` is a dotted path ("customer.name", "items.3.metadata.tags.0") or "(body)". */
export interface InputRefusal { field: string; problem: InputProblem }

export type JsonReading = { ok: true; value: unknown } | { ok: false; refusal: InputRefusal };

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const EXACT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The text of bytes that are UTF-8, keeping a byte-order mark, or undefined. Encoding the result
 * gives back the same bytes, so a signature checked over this text is a signature over the bytes.
 */
export function decodeUtf8Exactly(bytes: Uint8Array): string | undefined {
  try {
    return EXACT_UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Decodes the raw bytes as UTF-8 (refusing invalid sequences rather than replacing them), parses
 * them as JSON and checks the whole value with {@link checkJsonValue}. Never throws.
 */
export function readJsonBytes(bytes: Uint8Array, limits: InputLimits = INPUT_LIMITS, contentType?: string): JsonReading {
  const parsed = parseJsonBytes(bytes, contentType);
  if (!parsed.ok) return parsed;
  const refusal = checkJsonValue(parsed.value, limits);
  return refusal ? { ok: false, refusal } : parsed;
}

/**
 * Only the decoding and parsing of {@link readJsonBytes}, for a caller that checks parts of the
 * value on its own (a batch checks each item, so one bad item refuses only itself). Never throws.
 */
export function parseJsonBytes(bytes: Uint8Array, contentType?: string): JsonReading {
  if (!declaresUtf8(contentType)) return refuse('content-type', 'bad_charset');
  let text: string;
  try {
    text = STRICT_UTF8.decode(bytes);
  } catch {
    return refuse('(body)', 'bad_encoding');
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return refuse('(body)', 'bad_json');
  }
}

/**
 * Walks a parsed JSON value (iteratively, so depth cannot overflow the stack) and names the first
 * field that breaks a rule, or returns undefined when the value is fit for every later step.
 * `prefix` is put before every reported path ("items.3").
 */
export function checkJsonValue(value: unknown, limits: InputLimits = INPUT_LIMITS, prefix = ''): InputRefusal | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: prefix, depth: 1 }];
  while (stack.length > 0) {
    const { value: node, path, depth } = stack.pop()!;
    if (typeof node === 'string') {
      const problem = stringProblem(node);
      if (problem) return { field: path || '(body)', problem };
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth > limits.maxDepth) return { field: path || '(body)', problem: 'too_deep' };
    if (Array.isArray(node)) {
      if (node.length > limits.maxArrayItems) return { field: path || '(body)', problem: 'too_many_items' };
      for (let i = node.length - 1; i >= 0; i--) stack.push({ value: node[i], path: join(path, String(i)), depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(node);
    if (keys.length > limits.maxKeys) return { field: path || '(body)', problem: 'too_many_keys' };
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const keyProblem = key === '__proto__' ? 'forbidden_key' : key.length > limits.maxKeyLength ? 'key_too_long' : stringProblem(key);
      // A bad key is named by its escaped form, so the answer itself stays valid, printable text.
      if (keyProblem) return { field: join(path, printableKey(key, limits.maxKeyLength)), problem: keyProblem };
      stack.push({ value: (node as Record<string, unknown>)[key], path: join(path, key), depth: depth + 1 });
    }
  }
  return undefined;
}

// With the u flag a surrogate pair is one code point, so only a half of a pair matches.
const LONE_SURROGATE = /\p{Cs}/u;

/** Checks one string (a URL part, a header, a form field) for what no stored text may hold. */
export function stringProblem(text: string): 'nul' | 'lone_surrogate' | undefined {
  if (text.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'lone_surrogate';
  return undefined;
}

/** A Content-Type without a charset means UTF-8 for JSON (RFC 8259); any other charset is refused. */
export function declaresUtf8(contentType: string | undefined): boolean {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(contentType ?? '')?.[1];
  return charset === undefined || /^utf-?8$/i.test(charset);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function printableKey(key: string, max: number): string {
  // JSON.stringify escapes control characters and lone surrogates.
  const escaped = JSON.stringify(key.slice(0, Math.min(max, 60))).slice(1, -1);
  return key.length > 60 ? `${escaped}…` : escaped;
}

function refuse(field: string, problem: InputProblem): JsonReading {
  return { ok: false, refusal: { field, problem } };
}
