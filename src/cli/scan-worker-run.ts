// What a --jobs worker thread (scan-workers.ts) runs, started by scan-worker.ts (the modules) or
// scan-worker-launch.ts (the bundled CLI). It starts with the scan's files (workerData,
// WorkerStart), then lays out module directories for planning while the main thread plans, taking
// each from the counter every thread shares; is then sent the planned units once, takes the next
// unit from the shared counter until none is left, and posts back each unit's evaluated model parts
// (plain data) with its index.
import { parentPort, workerData } from 'node:worker_threads';
import { dirLayout, layoutDirs } from '../graph/load.js';
import { FirstDeclarations } from '../pipeline/first-declarations.js';
import { scanUnit } from '../pipeline/unit-scan.js';
import { WorkerParses } from '../pipeline/worker-parses.js';
import { nodeFileSystem } from './node-context.js';
import { SHARED_LAYOUTS_SENT, SHARED_NEXT_DIR, SHARED_NEXT_UNIT, type LayoutMessage, type PlannedUnit, type WorkerStart } from './scan-workers.js';

/** Runs this worker thread's part of the scan (the thread's workerData is a WorkerStart). */
export function runScanWorker(): void {
  const { context, files, links, shared, layouts } = workerData as WorkerStart;
  const counter = new Int32Array(shared);
  // A worker lives for one scan and takes units in increasing order, so its repeats can stay here,
  // and the trees of the files its units share (those it parsed for planning too).
  const thread = { parse: new WorkerParses().parse, declarations: new FirstDeclarations() };

  const dirs = layoutDirs(files);
  for (let index = Atomics.add(counter, SHARED_NEXT_DIR, 1); index < dirs.length; index = Atomics.add(counter, SHARED_NEXT_DIR, 1)) {
    let message: LayoutMessage;
    try {
      message = { index, layout: dirLayout(dirs[index]![0], dirs[index]![1], files, thread.parse, links) };
    } catch {
      message = { index, layout: undefined, failed: true }; // the main thread lays it out and meets the error itself
    }
    layouts.postMessage(message);
    Atomics.add(counter, SHARED_LAYOUTS_SENT, 1);
    Atomics.notify(counter, SHARED_LAYOUTS_SENT);
  }
  layouts.unref(); // the main thread closes its end when the scan is done

  parentPort!.once('message', (message: { readonly units: readonly PlannedUnit[] }) => {
    const { units } = message;
    for (let index = Atomics.add(counter, SHARED_NEXT_UNIT, 1); index < units.length; index = Atomics.add(counter, SHARED_NEXT_UNIT, 1)) {
      const { paths, ...unit } = units[index]!;
      const unitFiles = new Map(paths.map((p) => [p, files.get(p)!]));
      parentPort!.postMessage({ index, outcome: scanUnit({ ...unit, files: unitFiles }, nodeFileSystem, context, thread) });
    }
  });
}
