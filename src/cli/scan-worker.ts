// A --jobs worker thread: receives the scan's UnitContext once (workerData), then units one at a
// time, and posts back each unit's evaluated model parts (plain data) with its index.
import { parentPort, workerData } from 'node:worker_threads';
import { FirstDeclarations } from '../pipeline/first-declarations.js';
import { scanUnit, type UnitContext, type UnitInput } from '../pipeline/unit-scan.js';
import { WorkerParses } from '../pipeline/worker-parses.js';
import { nodeFileSystem } from './node-context.js';

const context = workerData as UnitContext;
// A worker lives for one scan and is fed units in increasing order, so its repeats can stay here,
// and the trees of the files its units share.
const thread = { parse: new WorkerParses().parse, declarations: new FirstDeclarations() };

parentPort!.on('message', (message: { readonly index: number; readonly unit: UnitInput }) => {
  parentPort!.postMessage({ index: message.index, outcome: scanUnit(message.unit, nodeFileSystem, context, thread) });
});
