// Safety and legal words (fire, injury, food poisoning, fraud, lawyer, media) in Chinese and
// English. One match in a text marks it; a cluster of such items from different customers is a
// warning. Operators add words with WARNINGS_SAFETY_WORDS.
export const SAFETY_WORDS: Record<string, string[]> = {
  fire: ['火灾', '着火', '起火', '冒烟', '爆炸', '自燃', 'fire', 'caught fire', 'explode', 'exploded', 'explosion', 'smoke'],
  injury: ['受伤', '烫伤', '割伤', '划伤', '触电', '骨折', '住院', '送医', 'injury', 'injured', 'hurt', 'burned', 'electric shock', 'hospital'],
  food_poisoning: ['食物中毒', '食品中毒', '吃坏', '上吐下泻', '腹泻', 'food poisoning', 'poisoned', 'diarrhea', 'vomiting'],
  fraud: ['诈骗', '欺诈', '骗子', '骗钱', '盗刷', 'fraud', 'scam', 'scammed', 'stolen card'],
  lawyer: ['律师', '起诉', '法院', '诉讼', '12315', '消协', '维权', 'lawyer', 'lawsuit', 'sue', 'court', 'legal action'],
  media: ['媒体', '曝光', '记者', '上热搜', '发微博', 'media', 'journalist', 'reporter', 'go public', 'press'],
};

/** Builds a matcher over the built-in words and the operator's; English words match whole words only. */
export function safetyMatcher(extra: string[] = []): (text: string) => string | null {
  const entries = Object.entries(SAFETY_WORDS).flatMap(([category, words]) => words.map((w) => [category, w] as const));
  for (const word of extra) entries.push(['custom', word]);
  const latin = /^[\x20-\x7e]+$/;
  const patterns = entries.map(([category, word]) => ({
    category,
    test: latin.test(word) ? new RegExp(`(^|[^a-z])${escape(word.toLowerCase())}($|[^a-z])`) : null,
    word: word.toLowerCase(),
  }));
  return (text) => {
    const lower = text.toLowerCase();
    for (const p of patterns) if (p.test ? p.test.test(lower) : lower.includes(p.word)) return p.category;
    return null;
  };
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
