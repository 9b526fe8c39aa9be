#!/usr/bin/env node
// The `safeguard` executable as modules (what the tests run; the installed one is launch.ts, bundled):
// the only place that reads process.argv and sets the exit code.
import './v8-tuning.js'; // first: V8 flags apply to code compiled after they are set
import { main } from './cli-main.js';

process.exitCode = await main(process.argv.slice(2));
