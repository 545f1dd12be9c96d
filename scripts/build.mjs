// Compiles the bot into one ESM file, dist/main.js, so that `npm start` runs plain JavaScript
// instead of compiling TypeScript on every start. Runs before each start (npm's prestart) and
// skips the work when dist/ is newer than every source file.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'dist');
const SOURCES = ['src', 'adapters', 'commands', 'cards', 'migrations', 'package.json', 'package-lock.json', 'scripts/build.mjs'];
// Files the code reads beside itself (new URL('./x', import.meta.url)); in the bundle that is dist/.
const ASSETS = [['src/classify/model.bin', 'model.bin'], ['adapters/local/web', 'web']];

if (process.argv.includes('--force') || newest(SOURCES.map((s) => join(root, s))) > built()) {
  const started = performance.now();
  const { build } = await import('esbuild'); // only when there is something to build
  rmSync(out, { recursive: true, force: true }); // no chunk of an older build left behind
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [join(root, 'src/main.ts')],
    outdir: out,
    bundle: true,
    splitting: true, // optional parts (Slack, the LLM client) stay in chunks loaded only when used
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external', // node_modules load as they are; only our own code is bundled
    // Chunks sit beside main.js: code that finds files by import.meta.url (the model, the page) finds them in dist/.
    chunkNames: '[name]-[hash]',
    sourcemap: true,
    logLevel: 'warning',
  });
  for (const [from, to] of ASSETS) cpSync(join(root, from), join(out, to), { recursive: true });
  console.error(`built dist/main.js in ${Math.round(performance.now() - started)} ms`);
}

function built() {
  return existsSync(join(out, 'main.js')) ? statSync(join(out, 'main.js')).mtimeMs : 0;
}

function newest(paths) {
  let latest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (stat.isDirectory()) latest = Math.max(latest, newest(readdirSync(path).map((name) => join(path, name))));
    else latest = Math.max(latest, stat.mtimeMs);
  }
  return latest;
}
