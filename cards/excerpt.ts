// Short previews of customer text for lists and notifications.

/**
 * `text` cut to at most `max` characters (code points) plus "…". English is cut at a word
 * boundary, never inside a word ("I want a…", not "I want a replacem"); Chinese, which has no
 * spaces, is cut at any character. Line breaks become spaces so a preview stays one line.
 */
export function excerpt(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  if (chars.length <= max) return chars.join('');
  let end = max;
  if (isWordChar(chars[end - 1]) && isWordChar(chars[end])) {
    // Back up to the start of the word that the cut would split, unless that loses most of the line.
    let start = end;
    while (start > 0 && isWordChar(chars[start - 1])) start--;
    if (start > max / 2) end = start;
  }
  return `${chars.slice(0, end).join('').replace(/[\s,.;:，。；：、-]+$/u, '')}…`;
}

// Latin letters and digits (with accents) make words; CJK characters each stand alone.
function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{Script=Latin}\p{Nd}'’_]/u.test(char);
}
