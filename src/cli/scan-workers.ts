// --jobs N: scan units in a pool of worker threads (scan-worker.ts). Each worker takes the next
// unit when it finishes one, so a few large root modules do not leave the other workers idle.
// Outcomes come back in unit order, so the result is the same as scanning in one thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ScanFileSystem } from '../pipeline/scan-context.js';
import { inlineRunner, type UnitRunner } from '../pipeline/source-scan.js';
import type { UnitOutcome } from '../pipeline/unit-scan.js';

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

export interface WorkerRunnerOptions {
  readonly jobs: number;
  /** Below this many bytes of Terraform the units run in this thread: starting workers costs more than it saves. */
  readonly minBytes?: number;
  readonly fs: Pick<ScanFileSystem, 'realPath' | 'stat' | 'readFile'>;
}

export function workerRunner(options: WorkerRunnerOptions): UnitRunner {
  const inline = inlineRunner(options.fs);
  return (units, context, parse) => {
    let bytes = 0;
    for (const unit of units) for (const text of unit.files.values()) bytes += text.length;
    const size = Math.min(options.jobs, units.length);
    if (size <= 1 || bytes < (options.minBytes ?? 0)) return inline(units, context, parse);
    return new Promise<UnitOutcome[]>((resolve, reject) => {
      const outcomes = new Array<UnitOutcome>(units.length);
      const workers: Worker[] = [];
      let next = 0;
      let done = 0;
      let failed = false;
      const stop = (): void => {
        for (const w of workers) void w.terminate();
      };
      const feed = (worker: Worker): void => {
        if (next < units.length) {
          const index = next++;
          worker.postMessage({ index, unit: units[index] });
        }
      };
      for (let i = 0; i < size; i++) {
        const worker = new Worker(new URL('./scan-worker.js', import.meta.url), { workerData: context });
        workers.push(worker);
        worker.on('message', (message: { readonly index: number; readonly outcome: UnitOutcome }) => {
          outcomes[message.index] = message.outcome;
          done++;
          if (done === units.length) {
            stop();
            resolve(outcomes);
          } else feed(worker);
        });
        const fail = (error: Error): void => {
          if (failed) return;
          failed = true;
          stop();
          reject(error);
        };
        worker.on('error', fail);
        worker.on('exit', (code) => {
          if (done < units.length) fail(new Error(`a scan worker stopped (exit code ${code}) before finishing its units`));
        });
        feed(worker);
      }
    });
  };
}
