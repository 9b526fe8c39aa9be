// After scripts/bundle.mjs: makes dist/cli/main.core.cache, V8's compiled code for the bundled CLI
// (core-loader.ts). The CLI's flags first, as the launcher sets them; then scans of the examples, so
// the functions a scan runs are compiled and go into the cache too (V8 compiles most functions on
// their first call, and a cache made right after loading holds few). One scan per report format,
// text last (the default): V8 drops the compiled code of functions that have not run for a few
// collections, and one scan writing several reports lost that of the parser and evaluator before
// the cache was made (a 0.96 MB cache against 1.7 MB).
import '../dist/cli/v8-tuning.js';
import { writeFileSync } from 'node:fs';
import { devNull } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_CACHE_FILE, loadCore } from '../dist/cli/core-loader.js';
import { discardTerminal } from '../dist/cli/terminal.js';
import { holdYoungGeneration } from '../dist/cli/young-generation.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = path.join(root, 'dist', 'cli');
const { core, script } = loadCore(dir, false);
for (const format of ['json', 'sarif', 'text']) await core.main(['scan', path.join(root, 'examples'), '--quiet', '--no-cache', '--no-color', '--format', `${format}:${devNull}`], discardTerminal);
// The scans let the young generation grow (young-generation.ts); V8 stamps the cache with the flags
// in force when it is made, and a starting CLI holds the growth: held again, or the cache is rejected.
holdYoungGeneration();
writeFileSync(path.join(dir, CODE_CACHE_FILE), script.createCachedData());
