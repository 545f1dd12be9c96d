// The load side of bench/intake, run as its own process so that its CPU is not the server's.
// Two shapes: closed (N connections, each sends its next request when the last one is answered)
// and open (requests scheduled at an even rate; latency counts from the scheduled moment, so a
// server that falls behind shows it instead of slowing the sender down).
// Usage: tsx bench/load-driver.ts URL closed CONNECTIONS SECONDS | URL open RATE SECONDS
// Prints one JSON line: { sent, ok, errors, statuses, seconds, perSecond, p50, p99 }.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { signIntakeBody } from '../src/intake/signature.js';

const [url, shape, amountArg, secondsArg] = process.argv.slice(2);
const secret = process.env.INTAKE_SECRET ?? '';
const amount = Number(amountArg);
const seconds = Number(secondsArg);
const target = new URL(url);
const run = randomBytes(4).toString('hex');
const TIMEOUT_MS = 30_000;

const TEXTS = [
  '快递三天没更新物流了，订单号 {n}，请尽快处理',
  '收到的杯子有裂缝，要求换货，订单 {n}',
  '客服态度很差，电话 138{p} 一直没人回，工单 {n}',
  '申请退款一周了还没到账 {n}，非常失望',
  'The app keeps crashing when I open my orders page, order {n}',
  'Love the new design, checkout is much faster now {n}',
  'Could you add dark mode? Reading at night hurts {n}',
  'I was charged twice for order {n}, please refund one of them',
  '价格比上个月贵了不少，能不能有优惠 {n}',
  '账号 {n} 登录不了，验证码收不到，邮箱 user{n}@example.com',
];

let counter = 0;
function nextRequest(): { body: string; headers: Record<string, string> } {
  const n = counter++;
  const text = TEXTS[n % TEXTS.length].replace('{n}', `${run}${n}`).replace('{p}', String(10_000_000 + (n % 89_999_999)).slice(0, 8));
  const draft: Record<string, unknown> = {
    text,
    customer: { id: `c-${n % 5000}`, name: `Customer ${n % 5000}`, ...(n % 3 === 0 ? { phone: `139${String(n).padStart(8, '0').slice(-8)}` } : {}) },
    channel: n % 2 ? 'chat' : 'app_review',
    external_id: `${run}-${n}`,
    rating: 1 + (n % 5),
  };
  const body = JSON.stringify(draft);
  return { body, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...signIntakeBody(body, secret, new Date()) } };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: shape === 'closed' ? amount : 256 });
const latencies: number[] = [];
const statuses: Record<string, number> = {};
let sent = 0;
let ok = 0;
let errors = 0;

function send(startedAt: number): Promise<void> {
  const { body, headers } = nextRequest();
  sent++;
  return new Promise((resolve) => {
    const done = (status: string) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === '202' || status === '200') { ok++; latencies.push(performance.now() - startedAt); } else errors++;
      resolve();
    };
    const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers, agent, timeout: TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => done(String(res.statusCode)));
      res.on('error', () => done('response_error'));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => done((e as NodeJS.ErrnoException).code ?? e.message));
    req.end(body);
  });
}

async function closed(connections: number, deadline: number) {
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < deadline) await send(performance.now());
  }));
}

async function open(rate: number, deadline: number) {
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  let scheduled = 0;
  while (true) {
    const now = performance.now();
    if (now >= deadline) break;
    // Send every request whose moment has come; each one's latency counts from its own moment.
    while (started + (scheduled * 1000) / rate <= now) inFlight.push(send(started + (scheduled++ * 1000) / rate));
    await new Promise((r) => setTimeout(r, 1));
  }
  // A server far behind would keep the run going for minutes: what is unanswered after one more
  // phase length counts as an error.
  const grace = new Promise<void>((r) => setTimeout(r, seconds * 1000).unref());
  await Promise.race([Promise.all(inFlight), grace]);
  const unanswered = sent - ok - errors;
  if (unanswered > 0) { errors += unanswered; statuses.unanswered = unanswered; }
}

const t0 = performance.now();
const deadline = t0 + seconds * 1000;
if (shape === 'closed') await closed(amount, deadline);
else await open(amount, deadline);
const elapsed = (performance.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) => (latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] * 10) / 10 : NaN);
agent.destroy();
process.stdout.write(`${JSON.stringify({ sent, ok, errors, statuses, seconds: elapsed, perSecond: ok / elapsed, p50: pct(0.5), p99: pct(0.99) })}\n`, () => process.exit(0));
