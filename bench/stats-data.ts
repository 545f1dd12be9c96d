// A year of made-up but shaped feedback for bench/stats: a daily rhythm (busy afternoons, quiet
// nights), busier weekdays, growth over the year, topics and channels in uneven shares, Chinese
// and English texts, states by age (old items closed, today's mostly open). Seeded: every run
// loads the same rows.

export const COMMON_WORD = '物流';
/** In about one item of a hundred (account texts). */
export const MIDDLE_WORD = '积分';
/** Planted in a few dozen items only. */
export const RARE_WORD = '鸵鸟蛋';

export interface BenchItem {
  id: string; customer: string; channel: string; text: string; kind: string; topic: string; sentiment: string; priority: string;
  state: string; assignee: string | null; rating: number | null; createdAt: string; responseDueAt: string; resolveDueAt: string;
  firstResponseAt: string | null; resolvedAt: string | null; closedAt: string | null;
}

const TOPICS: [string, number][] = [['logistics', 26], ['quality', 20], ['refund', 14], ['attitude', 9], ['price', 8], ['product_function', 11], ['account', 5], ['other', 7]];
const CHANNELS: [string, number][] = [['chat', 38], ['phone', 14], ['email', 12], ['app_review', 16], ['ecommerce', 14], ['survey', 6]];
const KINDS: [string, number][] = [['complaint', 42], ['inquiry', 33], ['suggestion', 12], ['praise', 13]];
const PRIORITIES: [string, number][] = [['urgent', 7], ['general', 58], ['routine', 35]];
const HOURS = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 4, 6, 7, 7, 6, 6, 7, 7, 6, 5, 5, 5, 4.5, 4, 3, 2];

const ZH: Record<string, string[]> = {
  logistics: ['物流太慢了', '快递三天还没到', '物流信息一直不更新', '包裹被放在驿站没人通知', '配送员态度不好，物流体验差'],
  quality: ['衣服洗一次就掉色', '质量太差，用了两天就坏了', '充电宝发热严重', '屏幕有划痕', '做工粗糙，线头很多'],
  refund: ['退款申请提交一周了还没到账', '怎么申请退款', '退货后退款迟迟不到', '要求退款，商品与描述不符'],
  attitude: ['客服态度很差', '客服一直不回复', '打电话过去被挂断了', '售后推来推去'],
  price: ['刚买就降价了，能补差价吗', '价格比别家贵', '优惠券用不了'],
  product_function: ['蓝牙连接经常断开', 'APP 闪退', '希望增加夜间模式', '电池续航太短'],
  account: ['账号登录不上', '收不到验证码', '会员积分不见了'],
  other: ['发票怎么开', '门店几点营业', '谢谢你们的帮助，很满意'],
};
const EN: Record<string, string[]> = {
  logistics: ['The parcel is late again', 'Delivery took two weeks', 'Tracking has not updated for days'],
  quality: ['The seam split after one wash', 'Arrived broken', 'The battery swells when charging'],
  refund: ['Where is my refund', 'Refund still not received after 10 days', 'I want a refund for a damaged item'],
  attitude: ['The agent was rude to me', 'Nobody answers the chat'],
  price: ['Price dropped right after I bought it', 'Coupon does not apply'],
  product_function: ['The app crashes on start', 'Please add a dark mode', 'Bluetooth keeps disconnecting'],
  account: ['Cannot log in', 'Verification code never arrives'],
  other: ['Great service, thank you', 'Do you ship abroad'],
};
const TAILS_ZH = ['，请尽快处理', '，太失望了', '。', '，订单号 A{n}', '，希望给个说法', '！！', '，麻烦看一下'];
const TAILS_EN = ['.', ', please help', '!', ' (order A{n})', ', very disappointed'];

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted(rand: () => number, table: [string, number][]): string {
  const sum = table.reduce((s, [, w]) => s + w, 0);
  let r = rand() * sum;
  for (const [v, w] of table) if ((r -= w) < 0) return v;
  return table[table.length - 1][0];
}

/** Minutes, log-normally spread around a median. */
function logNormal(rand: () => number, median: number, spread = 1): number {
  const z = Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  return median * Math.exp(z * spread);
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** `total` items ending at `now`, in batches, oldest first. */
export function* generateItems(total: number, now: Date, agents: string[], batchSize: number): Generator<BenchItem[]> {
  const rand = mulberry32(20261202);
  const end = now.getTime();
  const start = end - 365 * 86_400_000;
  const rarePlants = new Set(Array.from({ length: 40 }, () => Math.floor(rand() * total)));
  // Arrival times: draw an hour with weight by time of day (Beijing time), weekday and growth, then a minute in it.
  const hourWeights: number[] = [];
  for (let h = 0; h < 365 * 24; h++) {
    const at = new Date(start + h * 3600_000);
    const local = (at.getUTCHours() + 8) % 24;
    const weekday = new Date(at.getTime() + 8 * 3600_000).getUTCDay();
    hourWeights.push(HOURS[local] * (weekday === 0 || weekday === 6 ? 0.75 : 1) * (0.7 + 0.6 * (h / (365 * 24))));
  }
  const weightSum = hourWeights.reduce((s, w) => s + w, 0);
  let produced = 0;
  let cursor = 0;
  let carried = 0;
  let batch: BenchItem[] = [];
  for (let h = 0; h < hourWeights.length && produced < total; h++) {
    carried += (hourWeights[h] / weightSum) * total;
    const n = h === hourWeights.length - 1 ? total - produced : Math.floor(carried);
    carried -= n;
    for (let k = 0; k < n && produced < total; k++, produced++) {
      const created = Math.min(end - 1000, start + h * 3600_000 + Math.floor(rand() * 3600_000));
      batch.push(makeItem(rand, cursor++, created, end, agents, rarePlants.has(produced)));
      if (batch.length === batchSize) { yield batch; batch = []; }
    }
  }
  if (batch.length > 0) yield batch;
}

function makeItem(rand: () => number, n: number, created: number, now: number, agents: string[], rare: boolean): BenchItem {
  const topic = weighted(rand, TOPICS);
  const kind = topic === 'other' && rand() < 0.5 ? 'praise' : weighted(rand, KINDS);
  const sentiment = kind === 'praise' ? 'positive' : kind === 'complaint' ? (rand() < 0.85 ? 'negative' : 'neutral') : rand() < 0.2 ? 'negative' : rand() < 0.7 ? 'neutral' : 'positive';
  const priority = kind === 'complaint' && rand() < 0.15 ? 'urgent' : weighted(rand, PRIORITIES);
  const zh = rand() < 0.75;
  const pool = zh ? ZH[topic] : EN[topic];
  const tails = zh ? TAILS_ZH : TAILS_EN;
  let text = pool[Math.floor(rand() * pool.length)] + tails[Math.floor(rand() * tails.length)].replace('{n}', String(100000 + Math.floor(rand() * 900000)));
  if (zh && topic !== 'logistics' && rand() < 0.05) text = `${COMMON_WORD}还行，但是${text}`;
  if (rare) text = `${text}，买的${RARE_WORD}碎了两个`;
  // A few heavy customers, many who write once or twice.
  const customer = `c-${String(rand() < 0.1 ? Math.floor(rand() * 2_000) : Math.floor(rand() * 300_000)).padStart(6, '0')}`;
  const respondMins = priority === 'urgent' ? 30 : priority === 'general' ? 120 : 1440;
  const resolveHours = priority === 'urgent' ? 24 : priority === 'general' ? 72 : 168;
  const ageHours = (now - created) / 3600_000;
  const firstResponse = created + logNormal(rand, respondMins * 0.4, 0.9) * 60_000;
  const resolved = created + logNormal(rand, resolveHours * 0.3, 0.8) * 3600_000;
  const closed = resolved + logNormal(rand, 12, 1) * 3600_000;
  let state: string;
  if (closed < now && rand() < 0.97) state = 'closed';
  else if (resolved < now && rand() < 0.9) state = 'resolved';
  else if (firstResponse < now) state = ['claimed', 'waiting_customer', 'escalated'][Math.floor(rand() * 3)];
  else state = ageHours < 48 ? 'new' : 'claimed';
  const answered = state !== 'new';
  const done = state === 'resolved' || state === 'closed';
  return {
    id: `b-${n}`, customer, channel: weighted(rand, CHANNELS), text, kind, topic, sentiment, priority, state,
    assignee: state === 'new' ? null : agents[Math.floor(rand() * agents.length)],
    rating: done && rand() < 0.2 ? 1 + Math.floor(rand() * 5) : null,
    createdAt: iso(created)!, responseDueAt: iso(created + respondMins * 60_000)!, resolveDueAt: iso(created + resolveHours * 3600_000)!,
    firstResponseAt: answered ? iso(Math.min(firstResponse, now - 1)) : null,
    resolvedAt: done ? iso(Math.min(resolved, now - 1)) : null,
    closedAt: state === 'closed' ? iso(Math.min(closed, now - 1)) : null,
  };
}
