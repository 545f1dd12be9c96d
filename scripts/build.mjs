// Compiles the bot into one ESM file, dist/main.js, so that `npm start` runs plain JavaScript
// instead of compiling TypeScript on every start. Runs after `npm install` (with --template, to
// prepare the empty database new data folders are copied from) and before each start (npm's
// prestart), and skips the work when dist/ is newer than every source file.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'dist');
const SOURCES = ['src', 'adapters', 'commands', 'cards', 'migrations', 'package.json', 'package-lock.json', 'scripts/build.mjs'];
// Files the code reads beside itself (new URL('./x', import.meta.url)); in the bundle that is dist/.
const ASSETS = [['src/classify/model.bin', 'model.bin'], ['adapters/local/web', 'web']];

/** The packages every start loads, with all they import; bundled into dist/. */
const HOT_PACKAGES = new Set(['fastify', 'pino', 'kysely', 'zod', 'prom-client']);

if (process.argv.includes('--force') || newest(SOURCES.map((s) => join(root, s))) > built()) {
  const started = performance.now();
  const { build } = await import('esbuild'); // only when there is something to build
  rmSync(out, { recursive: true, force: true }); // no chunk of an older build left behind
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: { main: join(root, 'src/main.ts'), 'make-template': join(root, 'src/db/make-template.ts') },
    outdir: out,
    bundle: true,
    splitting: true, // optional parts (Slack, the LLM client) stay in chunks loaded only when used
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Every start loads these; one bundled file costs far less than Node resolving and reading
    // their hundreds of files one by one. Everything else (native, WebAssembly, the platform SDKs
    // loaded only when switched on) stays in node_modules as it is.
    plugins: [bundleOnly(HOT_PACKAGES)],
    // CommonJS bundled into an ES module still calls require() for Node's built-ins.
    banner: { js: "import { createRequire as __fdCreateRequire } from 'node:module'; const require = __fdCreateRequire(import.meta.url);" },
    // Chunks sit beside main.js: code that finds files by import.meta.url (the model, the page) finds them in dist/.
    chunkNames: '[name]-[hash]',
    sourcemap: true,
    logLevel: 'warning',
  });
  for (const [from, to] of ASSETS) cpSync(join(root, from), join(out, to), { recursive: true });
  console.error(`built dist/main.js in ${Math.round(performance.now() - started)} ms`);
  prepareTemplate();
} else if (process.argv.includes('--template')) {
  prepareTemplate(); // npm install: node_modules, where the template lives, is new
}

/**
 * The empty database new data folders start from, unless it is there for these migrations
 * already. Without it a first start still works, with PostgreSQL's initdb (a few seconds more).
 */
function prepareTemplate() {
  const template = spawnSync(process.execPath, [join(out, 'make-template.js')], { stdio: 'inherit' });
  if (template.status !== 0) console.error('could not prepare the empty database for new data folders; a first start will make its own');
}

/** Marks a bare import external unless it is one of `names` or is imported from inside one of them. */
function bundleOnly(names) {
  return {
    name: 'bundle-only',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:')) return { path: args.path, external: true };
        const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
        const insideBundled = args.importer.includes('/node_modules/');
        return names.has(name) || insideBundled ? undefined : { path: args.path, external: true };
      });
    },
  };
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
