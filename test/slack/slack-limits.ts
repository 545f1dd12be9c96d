// Slack's Block Kit limits, written out again from the reference as the tests' own oracle
// (not imported from the adapter), so a wrong number in the adapter cannot pass its own check.
const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function slackLimitViolations(message: { text: string; blocks: any[] }): string[] {
  const v: string[] = [];
  const max = (what: string, s: unknown, n: number) => {
    if (typeof s !== 'string') { v.push(`${what}: not text`); return; }
    if (s.length > n) v.push(`${what}: ${s.length} > ${n}`);
    if (s.length === 0) v.push(`${what}: empty`);
    if (lone.test(s)) v.push(`${what}: split surrogate pair`);
  };
  max('text', message.text, 40_000);
  if (message.blocks.length > 50) v.push(`blocks: ${message.blocks.length} > 50`);
  message.blocks.forEach((b, i) => {
    const at = `block ${i} (${b.type})`;
    switch (b.type) {
      case 'header': max(`${at} text`, b.text?.text, 150); if (b.text?.type !== 'plain_text') v.push(`${at}: header must be plain_text`); break;
      case 'section':
        if (b.text) max(`${at} text`, b.text.text, 3000);
        if (b.fields) { if (b.fields.length > 10) v.push(`${at}: ${b.fields.length} fields > 10`); b.fields.forEach((f: any, j: number) => max(`${at} field ${j}`, f.text, 2000)); }
        if (!b.text && !b.fields) v.push(`${at}: neither text nor fields`);
        break;
      case 'context':
        if (b.elements.length > 10 || b.elements.length === 0) v.push(`${at}: ${b.elements.length} elements`);
        b.elements.forEach((e: any, j: number) => max(`${at} element ${j}`, e.text, 2000));
        break;
      case 'actions': {
        if (b.elements.length > 25 || b.elements.length === 0) v.push(`${at}: ${b.elements.length} elements`);
        const ids = new Set<string>();
        b.elements.forEach((e: any, j: number) => {
          max(`${at} button ${j} text`, e.text?.text, 75); max(`${at} button ${j} value`, e.value, 2000); max(`${at} button ${j} action_id`, e.action_id, 255);
          if (ids.has(e.action_id)) v.push(`${at}: duplicate action_id ${e.action_id}`);
          ids.add(e.action_id);
        });
        break;
      }
      case 'image': max(`${at} url`, b.image_url, 3000); max(`${at} alt`, b.alt_text, 2000); break;
      default: v.push(`${at}: unexpected block type`);
    }
  });
  return v;
}
