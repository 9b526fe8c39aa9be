// Regular expressions come from the scanned files, so a pattern like `(a+)+$` must not hang the scan
// (issue 12). Terraform uses Go's RE2, which runs in linear time and has no backreferences or
// lookarounds; V8 has a linear-time engine for exactly that subset. These flags make V8 switch a
// regular expression to it once backtracking runs away, with the same results. The linear engine
// does not take the `u` flag, so patterns are compiled without it whenever that means the same.
//
// The linear engine takes neither the `i` flag, nor the `u` flag (a `\p{L}` class, an emoji in the
// text), nor the lookarounds `\A` and `\z` become under `(?m)`, nor large counted repetitions
// (`(.*a){30}`): such a pattern backtracked without end, and `regexall("(?i)(a+)+$", …)` or an emoji
// in the text hung the scan. They run on a worker thread instead, which is stopped past a time
// limit: the result is then unknown, with an eval/budget error, never a hang.
import v8 from 'node:v8';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

let enabled = false;

/** Idempotent; V8 flags are process-wide and apply to regular expressions compiled afterwards. */
export function enableLinearRegexFallback(): void {
  if (enabled) return;
  enabled = true;
  v8.setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
  v8.setFlagsFromString('--regexp-backtracks-before-fallback=10000');
  // The `l` flag, with which runsInLinearTime asks V8 whether its linear engine takes a pattern.
  v8.setFlagsFromString('--enable-experimental-regexp-engine');
}

/**
 * Whether the `u` flag changes the meaning: `\p{…}` classes, `\u{…}` escapes, or characters outside
 * the BMP in the pattern or the subject (surrogate pairs, which `.` and classes must take whole).
 * Other characters are one UTF-16 unit either way.
 */
export function needsUnicodeFlag(source: string, subject: string | undefined, caseless = false): boolean {
  if (/[\uD800-\uDFFF]/.test(source) || /\\[pP]\{|\\u\{/.test(source)) return true;
  // Case-insensitively, ſ (U+017F) is s only under u, as RE2 folds it (terraform console 1.11.4:
  // regexall("(?i)s", "ſ") is ["ſ"]); without it JavaScript keeps them apart. (The Kelvin sign, which
  // folds the same way, never reaches here: strings are in NFC, where it is K.)
  if (caseless && (source.includes('\u017f') || subject?.includes('\u017f') === true)) return true;
  return subject !== undefined && /[\uD800-\uDFFF]/.test(subject);
}

const linear = new Map<string, boolean>();

/**
 * Whether V8's linear-time engine can run the expression, so that runaway backtracking falls back
 * to it. Asked by compiling it with the `l` flag; where V8 does not know that flag, no pattern
 * counts as linear and every one runs on the worker (slower, never a hang).
 */
export function runsInLinearTime(re: RegExp): boolean {
  const key = `${re.flags}/${re.source}`;
  let known = linear.get(key);
  if (known === undefined) {
    try {
      new RegExp(re.source, `${re.flags.replace('g', '')}l`);
      known = true;
    } catch {
      known = false;
    }
    if (linear.size > 1000) linear.clear();
    linear.set(key, known);
  }
  return known;
}

/** Run on the worker; it answers on `port` and then wakes the waiting thread through `signal`. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { port, signal } = workerData;
const flag = new Int32Array(signal);
parentPort.on('message', ({ source, flags, subject, all }) => {
  let reply;
  try {
    const re = new RegExp(source, flags);
    const found = all ? [...subject.matchAll(re)] : [re.exec(subject)].filter((m) => m !== null);
    reply = { matches: found.map((m) => ({ items: [...m], index: m.index, groups: m.groups === undefined ? undefined : { ...m.groups } })) };
  } catch (e) {
    reply = { error: String(e && e.message) };
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

interface RegexWorker {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly flag: Int32Array;
}

let current: RegexWorker | undefined;

function start(): RegexWorker {
  const { port1, port2 } = new MessageChannel();
  const signal = new SharedArrayBuffer(4);
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { port: port2, signal }, transferList: [port2] });
  // Neither keeps the scan's process alive once it is done.
  worker.unref();
  port1.unref();
  return { worker, port: port1, flag: new Int32Array(signal) };
}

interface WorkerMatch {
  readonly items: (string | undefined)[];
  readonly index: number;
  readonly groups: Record<string, string | undefined> | undefined;
}

/**
 * The matches of `re` in `subject` (all of them with the g flag, else the first), found on the
 * worker thread within `timeoutMs`. 'timeout': the worker was stopped (a new one serves the next
 * call); an Error: V8 refused the expression there.
 */
export function matchOnWorker(re: RegExp, subject: string, timeoutMs: number): RegExpExecArray[] | 'timeout' {
  const w = (current ??= start());
  Atomics.store(w.flag, 0, 0);
  w.worker.postMessage({ source: re.source, flags: re.flags, subject, all: re.flags.includes('g') });
  if (Atomics.wait(w.flag, 0, 0, timeoutMs) === 'timed-out') {
    current = undefined;
    void w.worker.terminate();
    w.port.close();
    return 'timeout';
  }
  const reply = receiveMessageOnPort(w.port)?.message as { matches?: WorkerMatch[]; error?: string } | undefined;
  if (reply?.matches === undefined) throw new Error(reply?.error ?? 'the regular expression worker gave no answer');
  return reply.matches.map((m) => Object.assign(m.items, { index: m.index, input: subject, groups: m.groups }) as RegExpExecArray);
}

/** Milliseconds left in this process for boundedTest's patterns that need the worker. */
let boundedTestMillis = 10_000;

/**
 * `re.test(text)` in bounded time, for patterns from files that may be hostile other than Terraform
 * functions (a custom policy's regex_match, which the scanned repository's config may name): without
 * the `u` flag where it means the same, so that V8's linear engine takes over runaway backtracking;
 * on the worker, stopped after 2 s (10 s per process in all), otherwise. 'timeout': no answer.
 */
export function boundedTest(re: RegExp, text: string): boolean | 'timeout' {
  enableLinearRegexFallback();
  let candidate = new RegExp(re.source, re.flags.replace('g', '').replace('y', ''));
  if (candidate.flags.includes('u') && !needsUnicodeFlag(candidate.source, text)) {
    try {
      candidate = new RegExp(candidate.source, candidate.flags.replace('u', ''));
    } catch {
      // Valid only with `u` (an escape its absence reads otherwise): kept, and run on the worker.
    }
  }
  if (runsInLinearTime(candidate)) return candidate.test(text);
  if (boundedTestMillis <= 0) return 'timeout';
  const started = Date.now();
  try {
    const found = matchOnWorker(candidate, text, Math.min(2000, boundedTestMillis));
    return found === 'timeout' ? 'timeout' : found.length > 0;
  } finally {
    boundedTestMillis -= Date.now() - started;
  }
}
