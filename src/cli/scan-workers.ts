// --jobs N: scan units in this thread and N-1 worker threads (scan-worker.ts). Each takes the next
// unit from one shared counter when it finishes one, so a few large root modules do not leave the
// others idle. Outcomes are handed over in unit order (those evaluated ahead wait), so the result is
// the same as scanning in one thread. The workers start before planning and share its parsing.
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { DirLayout, ShareLayouts } from '../graph/load.js';
import type { DirLinks } from '../util/paths.js';
import { isBundleFile } from './bundled.js';
import type { ScanFileSystem } from '../pipeline/scan-context.js';
import { FirstDeclarations } from '../pipeline/first-declarations.js';
import { inlineRunner, type StartedRunner, type UnitRunner } from '../pipeline/source-scan.js';
import { scanUnit, type UnitContext, type UnitInput, type UnitOutcome } from '../pipeline/unit-scan.js';

/** The bundled CLI (scripts/bundle.mjs) starts the worker's launcher beside it (scan-worker-launch.ts: the worker from the code-cached CLI); the modules start the module. */
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
  const run: UnitRunner = (units, context, parses, take) => inline(units, context, parses, take);
  return Object.assign(run, {
    start: (files: ReadonlyMap<string, string>, context: UnitContext, links: DirLinks | undefined): StartedRunner => {
      let bytes = 0;
      for (const text of files.values()) bytes += text.length;
      if (options.jobs <= 1 || bytes < (options.minBytes ?? 0)) return Object.assign(run, { close: () => undefined });
      return startWorkers(options, files, context, links);
    },
  });
}

/** What a worker is sent once the units are planned: each unit's files by path (it holds their texts from workerData). */
export type PlannedUnit = Omit<UnitInput, 'files'> & { readonly paths: readonly string[] };

/** What a worker starts with (workerData): the scan's files, and counters every thread shares (SHARED_*). */
export interface WorkerStart {
  readonly context: UnitContext;
  readonly files: ReadonlyMap<string, string>;
  readonly links: DirLinks | undefined;
  /** Int32s: SHARED_NEXT_UNIT, SHARED_NEXT_DIR, SHARED_LAYOUTS_SENT. */
  readonly shared: SharedArrayBuffer;
  /** Where the worker sends the directory layouts it made (LayoutMessage), read by this thread while it plans. */
  readonly layouts: MessagePort;
}

/** The index of the next unit no thread has taken (Atomics.add). */
export const SHARED_NEXT_UNIT = 0;
/** The index of the next module directory (graph/load.ts layoutDirs) no thread has laid out. */
export const SHARED_NEXT_DIR = 1;
/** How many layouts workers have sent (Atomics.notify wakes the planning thread). */
export const SHARED_LAYOUTS_SENT = 2;

/** A directory a worker laid out; without `layout` and with `failed`, this thread lays it out itself (and meets the error). */
export interface LayoutMessage {
  readonly index: number;
  readonly layout: DirLayout | undefined;
  readonly failed?: true;
}

/**
 * How long planning waits for a layout a worker took and has not sent, before laying it out itself
 * (the same layout): a worker that died while planning, which this thread cannot hear of while it
 * plans, costs this wait and no hang.
 */
const LAYOUT_WAIT_MS = 2000;

/**
 * jobs - 1 workers started before planning (their start-up, ~85 ms of Node's and the loading of the
 * code-cached CLI, overlaps this thread's planning, which parses every file) with the scan's files;
 * once planned they are sent the units' paths. Every thread, this one too, takes the next unit from
 * one shared counter, so a worker never waits for this thread to hand it one: this thread is busy for
 * a whole unit, or judging a batch, at a time, and a worker fed two units by message sat idle ~15 %
 * of the scan of corpus (a) (--cpu-prof).
 */
function startWorkers(options: WorkerRunnerOptions, files: ReadonlyMap<string, string>, context: UnitContext, links: DirLinks | undefined): StartedRunner {
  const inline = inlineRunner(options.fs);
  const shared = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  const counter = new Int32Array(shared);
  const workers: Worker[] = [];
  const ports: MessagePort[] = [];
  // A Map of its own: the scan's files may be a class (SourceTexts), which a structured clone makes a plain object.
  const plainFiles = new Map(files);
  /** A worker's error or exit before the run listens: the run fails with it (dropped with close()). */
  let early: Error | undefined;
  for (let i = 0; i < options.jobs - 1; i++) {
    const { port1, port2 } = new MessageChannel();
    port1.unref(); // read only while planning (receiveMessageOnPort): it keeps no process alive
    ports.push(port1);
    const start: WorkerStart = { context, files: plainFiles, links, shared, layouts: port2 };
    const worker = new Worker(WORKER_SCRIPT, { workerData: start, transferList: [port2] });
    // Until it has units, a worker does not keep the process alive (planning may fail and return).
    worker.unref();
    worker.once('error', (error) => (early ??= error));
    worker.once('exit', (code) => (early ??= new Error(`a scan worker stopped (exit code ${code}) before it was sent its units`)));
    workers.push(worker);
  }
  const close = (): void => {
    for (const w of workers) void w.terminate();
    for (const p of ports) p.close();
  };
  /**
   * Planning's module directories, laid out by every thread from one counter (loadLayout's parsing
   * is most of planning, which this thread did alone while the workers waited for units); this
   * thread then reads the workers' layouts, synchronously, as it is still planning.
   */
  const shareLayouts: ShareLayouts = (count, own) => {
    const laid: (DirLayout | undefined)[] = new Array<DirLayout | undefined>(count);
    const have = new Uint8Array(count);
    let missing = count;
    for (let i = Atomics.add(counter, SHARED_NEXT_DIR, 1); i < count; i = Atomics.add(counter, SHARED_NEXT_DIR, 1)) {
      laid[i] = own(i);
      have[i] = 1;
      missing--;
    }
    const receive = (): void => {
      for (const port of ports) {
        for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
          const message = m.message as LayoutMessage;
          if (have[message.index] === 1 || message.failed === true) continue;
          laid[message.index] = message.layout;
          have[message.index] = 1;
          missing--;
        }
      }
    };
    while (missing > 0) {
      const sent = Atomics.load(counter, SHARED_LAYOUTS_SENT);
      receive();
      if (missing === 0) break;
      if (Atomics.wait(counter, SHARED_LAYOUTS_SENT, sent, LAYOUT_WAIT_MS) === 'timed-out') break;
    }
    receive();
    // A layout a worker failed to make, or has not sent in time: laid out here.
    for (let i = 0; i < count; i++) if (have[i] === 0) laid[i] = own(i);
    return laid;
  };
  const run: UnitRunner = (units, unitContext, parses, take) => {
    if (units.length <= 1) {
      close();
      return inline(units, unitContext, parses, take);
    }
    return new Promise<void>((resolve, reject) => {
      // Outcomes evaluated ahead of the next one in unit order, until it comes.
      const ahead = new Map<number, UnitOutcome>();
      let taken = 0;
      let done = 0;
      let failed = false;
      const fail = (error: unknown): void => {
        if (failed) return;
        failed = true;
        Atomics.store(counter, SHARED_NEXT_UNIT, units.length); // no thread takes another unit
        close();
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
          close();
          resolve();
        }
      };
      if (early !== undefined) {
        fail(early);
        return;
      }
      const planned: PlannedUnit[] = units.map(({ files: unitFiles, ...rest }) => ({ ...rest, paths: [...unitFiles.keys()] }));
      for (const worker of workers) {
        worker.removeAllListeners();
        worker.ref();
        worker.on('message', (message: { readonly index: number; readonly outcome: UnitOutcome }) => finish(message.index, message.outcome));
        worker.on('error', fail);
        worker.on('exit', (code) => {
          if (done < units.length) fail(new Error(`a scan worker stopped (exit code ${code}) before finishing its units`));
        });
        worker.postMessage({ units: planned });
      }
      // This thread takes units too: its code is loaded and warm, and the trees parsed for the unit plan are reused.
      const declarations = new FirstDeclarations(); // it takes its units in increasing order too
      const own = (): void => {
        if (failed) return;
        const index = Atomics.add(counter, SHARED_NEXT_UNIT, 1);
        if (index >= units.length) return;
        try {
          finish(index, scanUnit(units[index]!, options.fs, unitContext, { parse: parses.parse, declarations }));
        } catch (error) {
          fail(error);
          return;
        }
        setImmediate(own); // let the workers' outcomes in between units, to be judged
      };
      setImmediate(own);
    });
  };
  return Object.assign(run, { close, shareLayouts });
}
