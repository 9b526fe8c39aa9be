// Bundles the CLI after tsc has built dist/. Loading ~350 small ES modules costs a cold process about
// 0.2 s of resolving, reading and compiling; one bundle costs a third of that, which is most of what a
// pre-commit hook waits for. The npm packages it uses go in too (yaml alone is ~50 CommonJS files to
// resolve and load). Tests run the unbundled modules, and src/cli/scenarios/bundle.test.ts checks the
// bundle reports what they report. Three files in dist/cli (core-loader.ts says why two for the CLI):
// - main.core.cjs: the CLI (cli-main.ts and all it imports) as one CommonJS script, which the launcher
//   compiles with V8's code cache (an ES module cannot take one in Node 20);
// - main.bundle.js: the launcher, the `safeguard` executable;
// - scan-worker.bundle.js: the --jobs worker, started beside the CLI.
// Then scripts/code-cache.mjs makes main.core.cache.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning', outdir: 'dist/cli' };
// CommonJS packages (commander, yaml) call require() for Node's built-ins; an ES module has none.
const esm = { ...common, format: 'esm', banner: { js: "import { createRequire as __bundleCreateRequire } from 'node:module';\nconst require = __bundleCreateRequire(import.meta.url);" } };

await build({ ...esm, entryPoints: { 'main.bundle': 'dist/cli/launch.js', 'scan-worker.bundle': 'dist/cli/scan-worker.js' } });
await build({
  ...common,
  format: 'cjs',
  entryPoints: { 'main.core': 'dist/cli/cli-main.js' },
  outExtension: { '.js': '.cjs' },
  // The modules find files beside them (the worker bundle, package.json) from import.meta.url.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
