// The --jobs worker thread of the bundled CLI (bundled to dist/cli/scan-worker.bundle.js by
// scripts/bundle.mjs): compiles the bundled CLI beside it with its code cache, as the launcher does
// (core-loader.ts), and runs the worker from it. The worker's parser and evaluator then come
// compiled from the cache, where a bundle of its own was an ES module, which V8 compiled from source
// in every worker (~0.4 G instructions, and each function again on its first call).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCore } from './core-loader.js';
import { growYoungGeneration, holdYoungGeneration } from './young-generation.js';

// V8's flags are the process's, set by the launcher (v8-tuning.ts) before this thread started, and
// V8 accepts the cache only under the flags it was made with. One differs by now: a scan grows the
// young generation before it starts its workers (source-scan-setup.ts), and the cache was made with
// it held. Held again while the CLI loads here, the cache is accepted; the main thread, planning
// meanwhile, merely does not grow its young generation for those few milliseconds.
holdYoungGeneration();
const { core } = loadCore(path.dirname(fileURLToPath(import.meta.url)));
growYoungGeneration();
core.runScanWorker();
