// Node's built-in modules that the bundled CLI (main.core.cjs) requires, loaded by the launcher
// before v8-tuning.ts sets V8's flags. Node compiles its own JavaScript modules with a code cache
// built into the binary, and V8 accepts a code cache only under the flags it was made with: once
// the CLI has changed a flag, every built-in loaded after is parsed and compiled from source.
// Counted with callgrind on a cold CLI scan of the bench's corpus (a): 44 of the 91 built-ins the
// process loads were compiled so, ~57 M instructions of compiling plus their functions' lazy
// compiles (crypto's 16 modules, perf_hooks' 11, child_process with net and dgram, zlib, os,
// worker_threads). Loaded by require() as this module runs, not by `import 'node:…'`: esbuild
// takes Node's built-ins for free of side effects and drops an import whose bindings go unused.
// One the CLI starts to require and that is not listed here still works, compiled from source;
// src/cli/scenarios/bundle.test.ts names it.
import { createRequire } from 'node:module';

// One literal require() each, so scenarios/isolation.test.ts sees child_process loaded here (and
// checks that nothing here calls it).
const require = createRequire(import.meta.url);
require('node:child_process');
require('node:crypto');
require('node:os');
require('node:perf_hooks');
require('node:process');
require('node:worker_threads');
require('node:zlib');
