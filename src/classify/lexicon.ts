// Word lists the model and the rules share. Entries are matched on normalised text (lower case,
// simplified Chinese), so one entry covers both scripts and any capitalisation.

/** Cues that become model features: the linear model learns how much each one matters. */
export const CUE_LEXICON = {
  negation: /不|没|别|未|无|非|\b(?:not|no|never|nothing|without|none)\b|n't\b/,
  intensifier: /太|非常|特别|超级|极其|十分|真的|根本|完全|\b(?:very|so|extremely|really|totally|absolutely|super)\b/,
  // A positive word next to a failure word is the usual shape of sarcasm: "真是太棒了，又坏了".
  sarcasm: /(?:真是太?棒|太好了|真好|真行|厉害|谢谢你们|呵呵|好极了|\b(?:oh (?:great|wonderful|sure|perfect)|great|wonderful|love|thanks a lot|brilliant)\b)[^。.!]{0,20}?(?:又|再次|第[二三四五]|坏|闪退|崩|\b(?:again|broke|dropped|crash|failed|nothing|not one)\b)/,
} as const;

/** Urgent signs from LABELS.md section 4; each one alone makes an item urgent. */
export const URGENT_LEXICON = {
  safety: /冒烟|着火|起火|火花|烧焦|爆炸|漏电|触电|被电|鼓包|烫伤|烫到|受伤|摔伤|流血|骨折|食物中毒|上吐下泻|吐泻|中毒|玻璃渣|玻璃碎片|吃出玻璃|塑料丝|塑料片|异物|刀片|没熟|看医生|睇医生|燃气泄漏|漏气|煤气|安全问题|差点出事|推搡|闯红灯|吓死人|威胁|\b(?:smok(?:e|ing)|sparked|sparks|on fire|caught fire|catch(?:es)? fire|burn(?:ing|t|ed)|melted|explod\w*|electric shock|shocked|injur\w*|hospital|food poisoning|poisoning|throwing up|vomit\w*|glass in|shard|chok\w*|carbon monoxide|gas leak|safety|unsafe|slipped|fire hazard|threaten\w*)\b/,
  fraud: /盗刷|被盗|盗号|盗用|冒用|冒充|诈骗|骗我|泄露|泄漏|被刷|异地登录|没操作过|不是我操作|没刷过|隐私|\b(?:hack\w*|fraud\w*|scam\w*|stolen|unauthori[sz]ed|(?:payments?|charges?|purchases?|transactions?) i (?:never|didn't|did not) ma(?:de|ke)|logged into my account|identity|phishing|leak\w*|stranger's)\b/,
  moneyLost: /钱去哪|没有这笔钱|钱不见|钱没了|钱找不到|钱就这么没|退款就这么没|余额(?:还是|一直显示|显示)?0|没收到钱|扣了两次|扣了三次|扣两次|多扣|重复扣|跑路|说倒就倒|找不到人|\b(?:vanished|where is my money|charged twice|double[- ]charged|charged me twice|money (?:is )?gone|never landed|hasn't landed|froze my account)\b/,
  threat: /12315|律师|起诉|法院|报警|媒体|曝光|微博|消费者协会|消协|工商局|发到网上|\b(?:lawyer|court|sue|suing|legal action|police|media|press|news|ombudsman|trading standards|small claims|regulator|chargeback)\b/,
  repeated: /第[三四五六七八九十]次|了[三四五六七八九十]次|[三四五六七八九十]封|第[三四五]回|[三四五六七八九十]次了|[三四五六七八九十]次都|(?:投诉|申请|打)了?[三四五六七八九十]次|\b(?:(?:third|fourth|fifth) (?:time|report|call|outage|repair|week)|(?:three|four|five|six|3|4|5|6) (?:times|emails|calls|letters|visits|reports|attempts)|fourth|fifth)\b/,
  anger: /非常失望|极其失望|极度失望|太过分|忍无可忍|气死|急死|欺人太甚|\b(?:extremely (?:disappointed|frustrated|angry)|i'?m done|furious|outraged|disgusted|unbelievable)\b/,
} as const;

export type UrgentSign = keyof typeof URGENT_LEXICON;
export const URGENT_SIGNS = Object.keys(URGENT_LEXICON) as UrgentSign[];
export type Cue = keyof typeof CUE_LEXICON;
export const CUES = Object.keys(CUE_LEXICON) as Cue[];
