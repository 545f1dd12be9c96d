// Opinion words that mean the same in any product domain. Real reviews teach the model the words
// of food delivery and hotels; these lists carry over to domains it never saw, and make negation
// ("不好吃", "not happy") and contrast ("不错，但是太慢了": the clause after "但是" is the verdict)
// visible as features. Matched on normalised text (simplified, lower case). Thanks and greetings
// are politeness, not opinion, so they are not listed: "您好，外卖少了一份饮料，谢谢" complains.

// Longest entries first within each list; negative compounds that contain a positive character
// ("不好", "不新鲜") are tried before the positive list, so "不好" is one negative word.
const NEGATIVE = [
  '不好吃', '不新鲜', '不值', '不好', '不行', '不满', '不舒服', '不干净', '不方便', '不推荐', '不会再', '不热', '不准时', '不专业',
  '难吃', '难喝', '难闻', '难用', '难受', '太差', '很差', '极差', '差劲', '差评', '差', '失望', '糟糕', '垃圾', '恶心', '后悔', '上当',
  '坑', '骗', '慢', '凉了', '冷了', '冰凉', '脏', '臭', '霉', '旧', '破', '烂', '坏', '漏', '洒', '吵', '咸', '腻', '贵', '少得',
  '蟑螂', '虫子', '头发', '异味', '投诉', '敷衍', '无语', '郁闷', '生气', '气人', '崩溃', '离谱', '一般般', '一般', '不怎么样', '没味',
  'terrible', 'awful', 'horrible', 'worst', 'bad', 'poor', 'disappoint', 'unhappy', 'annoy', 'angry', 'rude', 'dirty', 'broken',
  'damaged', 'late', 'slow', 'cold', 'wrong', 'missing', 'useless', 'waste', 'never again', 'complain', 'unacceptable',
  'ridiculous', 'mess', 'stale', 'overpriced', 'noisy', 'smelly', 'fail', 'crash',
  // What is missing or wrong is a complaint however politely it is put.
  '太少', '少了', '量少', '缺了', '漏送', '没送', '送错', '错了', '没收到', '还没到', '还没',
  'without', 'forgot', 'never arrived', 'not working', "doesn't work", "didn't work", 'stopped working', 'still not', 'not happy',
  // General evaluative words, not of one domain (added with the familiarity gate, which leans on them).
  '简陋', '狭小', '潮湿', '发霉', '遗憾', '可惜', '恶劣', '冷淡', '怠慢', '不如', '有待提高', '有待改进', '差强人意', '一塌糊涂',
  '坑爹', '再也不', '千万别', '不卫生', '欺骗', '忽悠', '乱收费', 'disgusting', 'filthy', 'rip off', 'regret',
  // Faults of any product or service: a negator before one is relief ("终于不超时了", "没卡顿").
  '超时', '报错', '卡顿', '闪退', '延误', '迟到', '晚点', '故障', '失灵', '出错', 'error', 'delayed', 'stuck', 'lost',
  // General English evaluative words (any product or service).
  'mediocre', 'bland', 'tasteless', 'flavorless', 'tepid', 'soggy', 'greasy', 'undercooked', 'overcooked', 'burnt', 'unhelpful',
  'frustrat', 'inconvenient', 'confusing', 'misleading', 'incompetent', 'unprofessional', 'pathetic', 'lousy', 'sucks', 'garbage',
  'trash', 'dreadful', 'appalling', 'nightmare', 'hate', 'worse', 'boring', 'faulty', 'defective', 'insult', 'scam', 'wasted',
];
const POSITIVE = [
  '不错', '好吃', '好喝', '好用', '好评', '很好', '挺好', '超好', '真好', '美味', '满意', '喜欢', '干净', '舒适', '舒服', '方便', '热情',
  '周到', '实惠', '划算', '推荐', '值得', '超值', '赞', '棒', '给力', '新鲜', '香', '准时', '及时', '完美', '惊喜', '贴心', '耐心',
  '礼貌', '安静', '宽敞', '漂亮', '优质', '靠谱', '爱了', '回购', '还会再', '会再来', '下次还', '快', '好',
  'excellent', 'great', 'good', 'love', 'happy', 'pleased', 'satisf', 'fast', 'quick', 'friendly', 'helpful', 'clean', 'recommend',
  'perfect', 'amazing', 'delicious', 'fresh', 'polite', 'comfortable', 'nice', 'wonderful', 'fantastic', 'impressed',
  '还可以', '还行', '温馨', '整洁', '齐全', '合理', '便宜', '物美价廉', '性价比高', '物有所值', '优秀', '出色', '精致', '可口', '开心',
  '愉快', '到位', '细心', '友好', 'lovely', 'enjoy', 'worth', 'reasonable', 'tidy', 'cozy',
  // General English evaluative words (any product or service).
  'impressive', 'awesome', 'brilliant', 'superb', 'outstanding', 'easy', 'easiest', 'smooth', 'spotless', 'considerate', 'best',
  'reliable', 'efficient', 'professional', 'courteous', 'attentive', 'prompt', 'seamless', 'hassle-free', 'painless', 'glad',
  'thrilled', 'delighted', 'grateful', 'terrific', 'fabulous', 'pleasant', 'tasty', 'generous',
];

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// English entries match from a word's start: "late" is not in "plate", "hate" not in "chate".
const entry = (w: string) => (/^[a-z]/.test(w) ? `\\b${escape(w)}` : escape(w));
const alternation = (words: string[]) => [...words].sort((a, b) => b.length - a.length).map(entry).join('|');
// Words that hold an opinion character but say nothing of it: greetings ("您好" is not "好"),
// "差价" (a price difference), "差点" (nearly). Tried first at each position, so they are skipped.
const NO_OPINION = ['您好', '你好', '大家好', '早上好', '晚上好', '差价', '差不多', '差点'];

/** One scan: group 1 a negative word, group 2 a positive one; a match with neither is no opinion. */
export const POLARITY_WORD = new RegExp(`(?:${alternation(NO_OPINION)})|(${alternation(NEGATIVE)})|(${alternation(POSITIVE)})`, 'g');

/**
 * A negator just before an opinion word flips it: "不太满意", "没有很好", "not happy", "isn't great",
 * also across one filler ("不会吵", "wasn't as slow", "not a single crash"). 别 inside 特别 or 识别
 * is no negator, and 不过 ("but") is not matched: 过 is no filler.
 */
export const NEGATOR_BEFORE = /(?:不|没|没有|(?<![特识区分级类告个性离差派])别|无|不太|不怎么|不够|并不|不是很|不算|\bnot|n't|\bno|\bnever|\bhardly)\s*(?:会|再|太|很|那么|怎么|够|算|really |very |so |that |too |as |a single |any )?$/;

/** Whether the opinion word at `index` follows a negator; the window fits "wasn't as " and "not a single ". */
export function negatedAt(text: string, index: number): boolean {
  return NEGATOR_BEFORE.test(text.slice(Math.max(0, index - 14), index));
}

/** Words after which the rest of the text is the verdict. */
export const CONTRAST = /但是|但|可是|不过|然而|就是|只是|却|\bbut\b|\bhowever\b|\balthough\b|\bthough\b|\byet\b/g;

/** A wish for what did not happen: "would be great if it worked", "要是能准时就好了". */
export const COUNTERFACTUAL = /\bwould (?:be|have been) (?:great|nice|good|lovely)\b|\bif only\b|要是.{0,12}就好了|如果.{0,12}就好了|本来.{0,6}(?:好|不错)/;

/**
 * A wish that the thing did its job ("would be great if it worked", "要是能准时送到就好了"): it
 * says the thing does not, so it is a complaint, where a wish for something new is an idea.
 */
export const FAILED_WISH =
  /\b(?:would|it'd) (?:be|have been) (?:great|nice|good|lovely|helpful) if (?:it|this|they|the [a-z]+|my [a-z]+) (?:actually |just |ever )?(?:worked|arrived|came|did|was working|were working|functioned|loaded|opened)\b|\bif only (?:it|this|they) (?:worked|arrived)\b|(?:要是|如果).{0,8}(?:能用|能正常|准时|按时|能到|送到|好用|不坏|不卡).{0,4}就好了/;

/** Opinion words from `from` on, after negation: "不太满意" counts as negative. */
export function countOpinions(text: string, from = 0): { positive: number; negative: number } {
  let positive = 0;
  let negative = 0;
  POLARITY_WORD.lastIndex = from;
  for (let m = POLARITY_WORD.exec(text); m !== null; m = POLARITY_WORD.exec(text)) {
    if (m[1] === undefined && m[2] === undefined) continue;
    const negated = negatedAt(text, m.index);
    if ((m[2] !== undefined) !== negated) positive++;
    else negative++;
  }
  return { positive, negative };
}

/**
 * -1 when the clause after the last contrast word holds only negative opinion words ("不错，但是
 * 送得太慢了", "polite, but the room was dirty"), 1 when only positive ones, else 0.
 */
export function contrastVerdict(text: string): -1 | 0 | 1 {
  let verdictFrom = -1;
  CONTRAST.lastIndex = 0;
  for (let m = CONTRAST.exec(text); m !== null; m = CONTRAST.exec(text)) verdictFrom = m.index + m[0].length;
  if (verdictFrom < 0) return 0;
  const { positive, negative } = countOpinions(text, verdictFrom);
  return negative > 0 && positive === 0 ? -1 : positive > 0 && negative === 0 ? 1 : 0;
}
