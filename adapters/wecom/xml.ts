// WeCom's bodies are XML: the outer envelope (ToUserName, AgentID, Encrypt) and the decrypted
// message inside. Parsed by fast-xml-parser with entities off and any DOCTYPE refused, so neither
// an external entity (XXE) nor an expanding one ("billion laughs") can be declared. Every value
// stays a string: MsgId and ResponseCode are larger than a double holds.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlFields = Record<string, unknown>;

/** The decrypted message of one callback is small; far more is not WeCom. */
export const MAX_XML_CHARS = 64 * 1024;

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'SelectedItem' || name === 'OptionId',
});

/** The children of `<xml>`, or why the text is not a WeCom XML body. */
export function parseWecomXml(text: string): { ok: true; fields: XmlFields } | { ok: false; reason: string } {
  if (text.length > MAX_XML_CHARS) return { ok: false, reason: 'body too large' };
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return { ok: false, reason: 'DOCTYPE or ENTITY declarations are not accepted' };
  if (XMLValidator.validate(text) !== true) return { ok: false, reason: 'not well-formed XML' };
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch {
    return { ok: false, reason: 'not well-formed XML' };
  }
  const root = (parsed as { xml?: unknown }).xml;
  if (!root || typeof root !== 'object' || Array.isArray(root)) return { ok: false, reason: 'no <xml> root' };
  return { ok: true, fields: root as XmlFields };
}

/** A child's text, when it is one non-empty string. */
export function field(fields: XmlFields, name: string): string | undefined {
  const value = fields[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
