#!/usr/bin/env node
// The `safeguard` executable: the only place that reads process.argv and sets the exit code.
import './v8-tuning.js'; // first: V8 flags apply to code compiled after they are set
import { nodeScanContext } from './node-context.js';
import { runCli } from './program.js';
import { processTerminal } from './terminal.js';

// `safeguard scan | head` closes stdout early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

process.exitCode = await runCli(process.argv.slice(2), processTerminal, nodeScanContext);
