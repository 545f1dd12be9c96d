// Domain words per built-in topic and per kind, from LABELS.md's definitions. They become model
// features ("the text mentions a price word"), so a rare word seen once in training still
// points the model the right way; the model decides how much each list counts.

export const TOPIC_LEXICON: Record<string, RegExp> = {
  logistics: /快递|物流|发货|送货|配送|骑手|外卖小哥|快递员|司机|包裹|签收|派送|运单|驿站|自提|取件|寄|送到|送达|送错|到货|运费?|海关|清关|宅配|外送|洒|\b(?:parcel|package|deliver\w*|courier|shipp?\w*|ship|tracking|driver|rider|dispatch\w*|customs|pick-?up|locker|arriv\w*|postage|carrier|spilled|cold|doorstep)\b/,
  quality: /质量|坏了|故障|破损|掉色|起球|尺码|偏小|偏大|做工|味道|口感|不新鲜|变质|过期|异味|噪音|漏水|不制冷|保修|维修|卫生|脏|头发|虫|房间|停电|断网|水质|假货|正品|材质|褪色|开线|\b(?:quality|broken|broke|defect\w*|faulty|stopped working|warranty|repair\w*|size|sizes|fit|fits|stitch\w*|fabric|taste|tastes|stale|dirty|clean\w*|noise|noisy|room|bed|leak\w*|outage|wifi|power|smell\w*|fake|material|hair|mould|mold|rooms?)\b/,
  refund: /退款|退钱|退货|退回|退费|退差价|退票|赔付|理赔|保险金|到账|退了|\b(?:refund\w*|return\w*|money back|reimburs\w*|claim|payout|cancel\w*)\b/,
  attitude: /客服|态度|服务员|店员|工作人员|不理|没人接|没人回|没人理|骂|凶|敷衍|推脱|不耐烦|冷漠|人工|机器人|回复|回电|热情|耐心|礼貌|师傅|前台|经理|导购|\b(?:staff|rude|attitude|agent|support|service|manager|cashier|waiter|waitress|receptionist|helpful|polite|friendly|nobody|no one|answer\w*|repl(?:y|ied|ies)|emails?|called|calls?|chatbot|human|ignored|hung up|front desk|concierge|team)\b/,
  price: /价格|价钱|多少钱|贵|便宜|涨价|降价|优惠|优惠券|折扣|打折|满减|收费|费用|手续费|配送费|服务费|年费|会员费|保费|月费|差价|划算|实惠|元|块钱|免费|分期|¥|\b(?:price\w*|cost\w*|expensive|cheap\w*|fee|fees|charge\w*|discount\w*|coupon\w*|promo\w*|deal|offer|rate|bundle|plan|subscription|value|overpriced|\$\d|£\d|€\d|surcharge|free)\b/,
  product_function: /app|软件|系统|页面|网页|网站|小程序|闪退|卡顿|崩溃|bug|更新|升级|功能|按钮|界面|加载|报错|搜索|筛选|导出|夜间模式|通知|推送|\b(?:app|apps|website|site|page|crash\w*|bug\w*|update\w*|feature\w*|button|screen|load\w*|error|search|filter|checkout|login page|dark mode|widget|notification\w*|interface|ui|browser|software|sync\w*|export|upload\w*)\b/,
  account: /账号|账户|帐号|登录|登陆|密码|验证码|会员|积分|余额|绑定|注销|实名|冻结|充值|钱包|银行卡|信用卡|支付方式|分期|\b(?:account|accounts|log ?in|login|sign ?in|password|verification|code|membership|member|points|loyalty|balance|wallet|card|bank|locked|hacked|miles|2fa|otp|profile|email address|top[- ]?up|transfer\w*)\b/,
  other: /营业|营业时间|发票|门店|地址在|停车|地铁|位置|开门|关门|春节|节假日|推荐给|整体|\b(?:opening hours|open|hours|invoice|receipt|store|shop|location|parking|branch|holiday\w*|recommend\w*|overall|keep it up)\b/,
};

export const KIND_LEXICON: Record<string, RegExp> = {
  // A problem word under negation is usually relief or praise: "再也不卡了", "汤一滴没洒".
  negatedProblem: /再也(?:没|不)|一(?:点|滴|次|个)(?:都|也)?没|没(?:有)?(?:上次|以前)那么|挑不出|没刁难|不输|(?:never had|no (?:problems?|issues?|complaints?|surprises)|not a single (?:problem|issue)|wasn't as|didn't even have to|without (?:a|any) (?:hitch|fuss|problem))/,
  // Rhetorical questions that complain: "Why do I have to…?", "凭什么…？", "Seriously?"
  rhetorical: /凭什么|什么意思|是在.{1,8}吗|有这么难吗|活该|难道|怎么可能|(?:why (?:do|does|did|is|are|would|should|was|has|have)|seriously\?|how (?:am|is|are) (?:i|we) supposed to|where's the rest|what happened to)|\?\?/,
  praise: /谢谢|感谢|点赞|赞|满意|好评|专业|耐心|贴心|给力|惊喜|喜欢|棒|表扬|细心|热情|周到|省心|方便|不错|很好|真好|很快|及时|准时|透明|实惠|划算|压力小|推荐|感动|暖心|温柔|厉害|公道|爽快|真香|爱了|流畅|好准|还行|能打|帮了大忙|不输|没刁难|靠谱|放心|舒服|好吃|好用|好评|开心|高兴|安心|超值|值得|良心|👍|❤|\b(?:thanks?|thank you|great|love|loved|amazing|excellent|helpful|kind|friendly|perfect|wonderful|brilliant|fantastic|impressed|appreciate\w*|lovely|awesome|kudos|well done|painless|spotless|smooth|easy|quick|fast|simple|refreshing\w*|deserves|matter|best|nice|happy|pleased|would stay|recommend|legend|above and beyond|worth|delicious|cheerful|patien\w*|sweet|chill|10\/10|genuinely|keep it up|shout-?out|superb|glad|relieved|hassle-free|no-questions-asked|can't fault|finally a)\b/,
  suggestion: /建议|希望|能不能|可不可以|可以考虑|如果能|要是能|就好了|就完美了|增加|加个|添加|提供|最好|应该|改成|可以再|可以出|可以多|出一个|出个|多开|开通|\b(?:suggest\w*|please (?:add|put|make|let|bring|allow|show|consider|offer)|would be (?:nice|great|good|helpful)|it'd be|could you (?:add|offer|make|let)|you could|you should|consider|wish|would love|maybe|option|add|offer|should|idea|how about|let me|let us|give us|pls|plz|would (?:suit|save|help|stay|make)|could use|instead of|why not)\b/,
  inquiry: /请问|吗|是否|能否|怎么|如何|哪里|什么时候|多久|多少|有没有|可以.{0,8}吗|\?|\b(?:how|what|when|where|which|can i|do you|does|is there|are there|do i|will|could i|is it)\b/,
  complaint: /坏|破|烂|差|慢|还没|没收到|没到|投诉|失望|垃圾|闪退|错|不能用|用不了|居然|竟然|凭什么|怎么回事|到底|白跑|鸡肋|无语|离谱|坑|骗|什么意思|活该|有这么难|难用|找了半天|少了一半|又说|进不去|翻白眼|态度很差|形同虚设|扣光|被宰|心酸|怎么就|\b(?:broken|broke|damaged|late|never|still|missing|wrong|rude|crash\w*|failed|fails?|terrible|awful|disappointed|useless|worst|ridiculous|unacceptable|stopped|nobody|no one|why|doesn't|didn't|won't|can't|isn't|wasn't|not|trick|jumped|locked|charged|seriously|on hold|twice|disconnected|blurry|bug|please fix|scrambles?|basically|no matter|nothing|supposed to|where's the rest|instead of what)\b/,
};
