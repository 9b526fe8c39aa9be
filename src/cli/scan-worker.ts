// A --jobs worker thread: receives the scan's UnitContext once (workerData), then units one at a
// time, and posts back each unit's evaluated model parts (plain data) with its index.
import { parentPort, workerData } from 'node:worker_threads';
import { scanUnit, type UnitContext, type UnitInput } from '../pipeline/unit-scan.js';
import { nodeFileSystem } from './node-context.js';

const context = workerData as UnitContext;

parentPort!.on('message', (message: { readonly index: number; readonly unit: UnitInput }) => {
  parentPort!.postMessage({ index: message.index, outcome: scanUnit(message.unit, nodeFileSystem, context) });
});
