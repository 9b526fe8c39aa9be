// --jobs N: scan units in this thread and N-1 worker threads (scan-worker.ts). Each takes the next
// unit when it finishes one, so a few large root modules do not leave the others idle. Outcomes are
// handed over in unit order (those evaluated ahead wait), so the result is the same as scanning in
// one thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { isBundleFile } from './bundled.js';
import type { ScanFileSystem } from '../pipeline/scan-context.js';
import { FirstDeclarations } from '../pipeline/first-declarations.js';
import { inlineRunner, type UnitRunner } from '../pipeline/source-scan.js';
import { scanUnit, type UnitOutcome } from '../pipeline/unit-scan.js';

/** The bundled CLI (scripts/bundle.mjs) starts the bundled worker beside it; the modules start the module. */
const WORKER_SCRIPT = new URL(isBundleFile(import.meta.url) ? './scan-worker.bundle.js' : './scan-worker.js', import.meta.url);

/**
 * One thread by default. Measured (npm run bench, README Performance): the rules run in this thread,
 * on each unit's model as it is handed over in unit order (pipeline/unit-judging.ts), and so do the
 * report, the planning of the units and reading the workers' models back, so more threads do not pay
 * yet on two CPUs; `--jobs N` is there for when the rules run in the workers too and only their
 * findings and what the end model keeps come back. `availableParallelism()` is the natural default then.
 * Why a worker does not pay on two vCPUs (corpus (a) of the bench, stop 37, alternating runs): one
 * thread already keeps ~1.4 CPUs busy (V8's concurrent GC and compiler threads: ~1.24 s of CPU in
 * ~0.86 s), and a worker adds ~0.4 s of CPU (~85 ms for Node to start the thread and ~30 ms to load
 * the code-cached core, then parsing its units' files again and running them cold: ~1.7 times this
 * thread's time per unit), while this thread's own units ran ~1.4 times slower beside it. Starting
 * the worker before planning, loading the code-cached core in it, and handing out units in guided
 * chunks each stayed within the noise (medians of 7-11 runs, 923-981 ms against 864 ms for one
 * thread). Reading the outcomes back by structured clone costs ~7-10 ms a MB here (8 MB for corpus
 * (a)'s 92 units); JSON was no cheaper.
 */
export function defaultJobs(): number {
  return 1;
}

/** The CPUs this process may use, for --jobs 0 ("all"). */
export function availableJobs(): number {
  return Math.max(1, availableParallelism());
}

export interface WorkerRunnerOptions {
  readonly jobs: number;
  /** Below this many bytes of Terraform the units run in this thread: starting workers costs more than it saves. */
  readonly minBytes?: number;
  readonly fs: Pick<ScanFileSystem, 'realPath' | 'stat' | 'readFile' | 'listDir'>;
}

export function workerRunner(options: WorkerRunnerOptions): UnitRunner {
  const inline = inlineRunner(options.fs);
  return (units, context, parses, take) => {
    let bytes = 0;
    for (const unit of units) for (const text of unit.files.values()) bytes += text.length;
    const size = Math.min(options.jobs, units.length);
    if (size <= 1 || bytes < (options.minBytes ?? 0)) return inline(units, context, parses, take);
    return new Promise<void>((resolve, reject) => {
      // Outcomes evaluated ahead of the next one in unit order, until it comes.
      const ahead = new Map<number, UnitOutcome>();
      let taken = 0;
      const workers: Worker[] = [];
      let next = 0;
      let done = 0;
      let failed = false;
      const stop = (): void => {
        for (const w of workers) void w.terminate();
      };
      const fail = (error: unknown): void => {
        if (failed) return;
        failed = true;
        stop();
        reject(error instanceof Error ? error : new Error(String(error)));
      };
      const finish = (index: number, outcome: UnitOutcome): void => {
        if (failed) return;
        ahead.set(index, outcome);
        parses.done(units[index]!);
        done++;
        try {
          for (let next = ahead.get(taken); next !== undefined; next = ahead.get(taken)) {
            ahead.delete(taken);
            take(taken++, next);
          }
        } catch (error) {
          fail(error);
          return;
        }
        if (done === units.length) {
          stop();
          resolve();
        }
      };
      const feed = (worker: Worker): void => {
        if (next < units.length && !failed) {
          const index = next++;
          worker.postMessage({ index, unit: units[index] });
        }
      };
      // jobs - 1 workers; this thread is the last one (its code is loaded and warm, and the trees
      // parsed for the unit plan are reused). Each worker holds two units, so it never waits for
      // this thread to hand out the next one.
      for (let i = 0; i < size - 1; i++) {
        const worker = new Worker(WORKER_SCRIPT, { workerData: context });
        workers.push(worker);
        worker.on('message', (message: { readonly index: number; readonly outcome: UnitOutcome }) => {
          finish(message.index, message.outcome);
          feed(worker);
        });
        worker.on('error', fail);
        worker.on('exit', (code) => {
          if (done < units.length) fail(new Error(`a scan worker stopped (exit code ${code}) before finishing its units`));
        });
        feed(worker);
        feed(worker);
      }
      const declarations = new FirstDeclarations(); // this thread takes its units in increasing order too
      const own = (): void => {
        if (failed || next >= units.length) return;
        const index = next++;
        try {
          finish(index, scanUnit(units[index]!, options.fs, context, { parse: parses.parse, declarations }));
        } catch (error) {
          fail(error);
          return;
        }
        setImmediate(own); // let the workers' messages in between units
      };
      setImmediate(own);
    });
  };
}
