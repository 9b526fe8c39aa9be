// Bundles the CLI after tsc has built dist/. Loading ~350 small ES modules costs a cold process about
// 0.2 s of resolving, reading and compiling; one bundle costs a third of that, which is most of what a
// pre-commit hook waits for. The npm packages it uses go in too (yaml alone is ~50 CommonJS files to
// resolve and load). Tests run the unbundled modules, and src/cli/scenarios/bundle.test.ts checks the
// bundle reports what they report. Three files in dist/cli (core-loader.ts says why two for the CLI):
// - main.core.cjs: the CLI (cli-main.ts and all it imports) as one CommonJS script, which the launcher
//   compiles with V8's code cache (an ES module cannot take one in Node 20);
// - main.bundle.js: the launcher, the `safeguard` executable;
// - scan-worker.bundle.js: the --jobs worker's launcher, which compiles main.core.cjs with the code
//   cache too and runs the worker from it (scan-worker-launch.ts).
// Then scripts/code-cache.mjs makes main.core.cache.
import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning', outdir: 'dist/cli' };
// CommonJS packages (commander, yaml) call require() for Node's built-ins; an ES module has none.
const esm = { ...common, format: 'esm', banner: { js: "import { createRequire as __bundleCreateRequire } from 'node:module';\nconst require = __bundleCreateRequire(import.meta.url);" } };

await build({ ...esm, entryPoints: { 'main.bundle': 'dist/cli/launch.js', 'scan-worker.bundle': 'dist/cli/scan-worker-launch.js' } });
await build({
  ...common,
  format: 'cjs',
  entryPoints: { 'main.core': 'dist/cli/cli-main.js' },
  outExtension: { '.js': '.cjs' },
  // The modules find files beside them (the worker bundle, package.json) from import.meta.url.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// esbuild writes ASCII but copies comments as they are (those on class fields survive) and leaves
// regular expressions' characters alone (`µs` in the duration syntax). One character past ASCII
// makes V8 hold the whole source as two bytes per character: reading main.core.cjs then costs a
// UTF-8 decode (~20 ms of a ~0.2 s start on 2 vCPUs) and 4.4 MB of heap instead of 2.2 MB. Measured
// on `--version`, 30 alternating runs: median 205 ms against 219 ms. An escape means the same
// character in a comment, a string or a regular expression; esbuild has already escaped the rest.
for (const file of ['dist/cli/main.core.cjs', 'dist/cli/scan-worker.bundle.js']) {
  const text = readFileSync(file, 'utf8');
  const ascii = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== text) writeFileSync(file, ascii);
}
