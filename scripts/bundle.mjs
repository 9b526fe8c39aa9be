// Bundles the CLI and its --jobs worker into one file each (dist/cli/*.bundle.js), after tsc has
// built dist/. Loading ~350 small ES modules costs a cold process about 0.2 s of resolving, reading
// and compiling; one bundle costs a third of that, which is most of what a pre-commit hook waits for.
// The npm packages it uses go in too (yaml alone is ~50 CommonJS files to resolve and load). Tests
// run the unbundled modules, and src/cli/bundle.test.ts checks the bundle reports what they report.
import { build } from 'esbuild';

const options = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  // CommonJS packages (commander, yaml) call require() for Node's built-ins; an ES module has none.
  banner: { js: "import { createRequire as __bundleCreateRequire } from 'node:module';\nconst require = __bundleCreateRequire(import.meta.url);" },
  logLevel: 'warning',
};

await build({ ...options, entryPoints: { 'main.bundle': 'dist/cli/main.js', 'scan-worker.bundle': 'dist/cli/scan-worker.js' }, outdir: 'dist/cli' });
// The bench's timed scans run bundled code too, as the installed `safeguard` does, with a worker
// bundle beside them for --jobs (a bundle starts the worker bundle in its own directory).
await build({ ...options, entryPoints: { 'scan-child.bundle': 'dist/bench/scan-child.js', 'scan-worker.bundle': 'dist/cli/scan-worker.js' }, outdir: 'dist/bench' });
