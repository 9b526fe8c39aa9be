#!/usr/bin/env node
// The installed `safeguard` executable (bundled to dist/cli/main.bundle.js by scripts/bundle.mjs):
// sets the CLI's V8 flags, then compiles and runs the bundled CLI beside it with its code cache
// (core-loader.ts). The only place that reads process.argv and sets the exit code when installed.
import './core-builtins.js'; // before the flags: Node's own code cache for its built-ins (core-builtins.ts)
import './v8-tuning.js'; // first of the CLI's code: the code cache is accepted only under the flags it was made with
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCore } from './core-loader.js';

const { core } = loadCore(path.dirname(fileURLToPath(import.meta.url)));
// The CLI's own import() cannot run compiled by node:vm (core-loader.ts); --plugin modules load here.
process.exitCode = await core.main(process.argv.slice(2), undefined, (url) => import(url));
