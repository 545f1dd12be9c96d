// Start-up time of `npm start`, fresh (a new data folder: initdb, migrations, demo seed) and warm
// (the same folder again), median of N runs each, with the parts the bot logs (modules, open,
// migrate, build, seed, listen). In the same run and on the same machine it times the baselines:
// the floor of starting Node at all, and the previous way of starting (tsx compiling the
// TypeScript on the fly), so the figures read as ratios on a busy machine.
// Each line also gives the CPU time the bot used until ready (all its threads): on a busy machine
// the wall clock mostly measures the other work, the CPU time much less so.
// Usage: npx tsx bench/startup.ts [runs]   (default 5)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const runs = Number(process.argv[2] ?? 5);
const root = new URL('..', import.meta.url).pathname;
const COMPILED = [process.execPath, join(root, 'dist/main.js')];
const ON_THE_FLY = [join(root, 'node_modules/.bin/tsx'), join(root, 'src/main.ts')];

interface Start { wallMs: number; cpuMs: number; parts: Record<string, number> }

/** Starts the bot, waits for its "open" log line, stops it, and waits for it to exit. */
async function startOnce(command: string[], dataDir: string): Promise<Start> {
  const started = performance.now();
  const child = spawn(command[0], command.slice(1), {
    cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<Start>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (!line.includes('feedback desk open')) return;
      const logged = JSON.parse(line) as { timings?: Record<string, number>; cpuMs?: number };
      resolve({ wallMs: performance.now() - started, cpuMs: logged.cpuMs ?? Number.NaN, parts: logged.timings ?? {} });
    });
    child.once('exit', (code) => reject(new Error(`${command.join(' ')} exited with ${code} before it was ready`)));
  });
  child.kill('SIGTERM');
  await exited;
  return ready;
}

function nodeFloorMs(): number {
  const started = performance.now();
  spawnSync(process.execPath, ['-e', '']);
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function summary(label: string, starts: Start[]): string {
  const names = [...new Set(starts.flatMap((s) => Object.keys(s.parts)))];
  const parts = names.map((n) => `${n} ${Math.round(median(starts.map((s) => s.parts[n] ?? 0)))}`).join(', ');
  const cpu = (median(starts.map((s) => s.cpuMs)) / 1000).toFixed(2);
  return `${label.padEnd(34)} ${(median(starts.map((s) => s.wallMs)) / 1000).toFixed(2).padStart(6)} s, CPU ${cpu} s   (${parts} ms)`;
}

const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--force'], { encoding: 'utf8' });
if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
const upToDate = performance.now();
spawnSync(process.execPath, [join(root, 'scripts/build.mjs')]);
const checkMs = performance.now() - upToDate;

const scratch = mkdtempSync(join(tmpdir(), 'fd-bench-startup-'));
const fresh: Start[] = [];
const warm: Start[] = [];
const warmBefore: Start[] = [];
const floor: number[] = [];
try {
  const warmDir = join(scratch, 'warm');
  const beforeDir = join(scratch, 'warm-before');
  await startOnce(COMPILED, warmDir);
  await startOnce(ON_THE_FLY, beforeDir);
  // Interleaved, so a burst of load on the machine falls on both ways alike.
  for (let n = 0; n < runs; n++) {
    floor.push(nodeFloorMs());
    fresh.push(await startOnce(COMPILED, join(scratch, `fresh-${n}`)));
    warm.push(await startOnce(COMPILED, warmDir));
    warmBefore.push(await startOnce(ON_THE_FLY, beforeDir));
    process.stderr.write(`run ${n + 1}/${runs} done\n`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log(`start-up to ready (HTTP listening), median of ${runs}; parts are the bot's own log\n`);
console.log(summary('fresh data folder (npm start)', fresh));
console.log(summary('warm data folder (npm start)', warm));
console.log(summary('warm, TypeScript compiled by tsx', warmBefore));
console.log(`${'node -e "" (the floor)'.padEnd(34)} ${(median(floor) / 1000).toFixed(2).padStart(6)} s`);
console.log(`\nprestart: build from scratch ${build.stderr.trim().replace(/^built dist\/main.js in /, '')}, up-to-date check ${Math.round(checkMs)} ms`);
console.log(`warm: ${(median(warmBefore.map((s) => s.wallMs)) / median(warm.map((s) => s.wallMs))).toFixed(1)}× faster than tsx on the fly`);
