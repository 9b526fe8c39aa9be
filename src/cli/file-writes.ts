// Writing files a later step trusts (reports, baselines, merged reports) and appending to files
// several processes share (the audit log, the waiver register). CI runs jobs side by side on one
// workspace, kills them on timeout and fills disks: a report must be whole or absent, never half
// written under its final name, and a read-modify-write must not lose another process's change.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Writes all of `piece` to `fd`; the bytes written. writeSync makes one write(2), which may write
 * less than asked: on a full disk the last piece of a report was cut short and nothing failed, so
 * a truncated SARIF file was "written" and the scan exited 0. Looping makes the next write(2)
 * report ENOSPC.
 */
export function writeFully(fd: number, piece: string | Uint8Array): number {
  if (typeof piece === 'string') {
    if (piece.length > ENCODED_HERE) {
      const written = writeSync(fd, piece);
      const total = Buffer.byteLength(piece);
      if (written === total) return total;
      writeBytes(fd, Buffer.from(piece, 'utf8'), written);
      return total;
    }
    // Encoded here, not by writeSync: it tells the bytes written, not how many there were, and
    // Buffer.byteLength to know was one more pass over every string (the JSON report's 23 MB of
    // corpus (a): ~0.5 % of a cold scan's instructions). The same UTF-8 (a lone surrogate as U+FFFD).
    if (scratch.length < piece.length * 3) scratch = Buffer.allocUnsafe(piece.length * 3); // at most three bytes a UTF-16 unit
    const total = scratch.write(piece, 0, 'utf8');
    writeBytes(fd, scratch.subarray(0, total), 0);
    return total;
  }
  writeBytes(fd, piece, 0);
  return piece.byteLength;
}

/**
 * Strings up to this long are encoded into `scratch`, kept between writes (a report's pieces are
 * ~65 KB: reporters/report-input.ts batched, reporters/json.ts); longer ones as before, so a report
 * written as one string holds no buffer three times its size for the rest of the process.
 */
const ENCODED_HERE = 256 * 1024;
let scratch = Buffer.allocUnsafe(0);

function writeBytes(fd: number, bytes: Uint8Array, from: number): void {
  for (let at = from; at < bytes.byteLength; ) {
    const written = writeSync(fd, bytes, at, bytes.byteLength - at);
    if (written === 0) throw Object.assign(new Error('write wrote nothing'), { code: 'EIO' });
    at += written;
  }
}

/** `.NAME.<pid>-<random>.tmp` beside `file`: the pid alone repeats across containers sharing a volume. */
export function temporaryName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

/** Temporary files being written now, removed if the process is stopped by a signal while they exist. */
const liveTemporaries = new Set<string>();
const HELD_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let signalsHeld = false;

/**
 * From now until the process exits, SIGINT, SIGTERM and SIGHUP let the file being written finish
 * and then stop the process by that same signal (exit status 130, 143, 129, as before). Without a
 * listener a signal killed the process in the middle of writeFileAtomically, and its temporary
 * file (`.results.sarif.<pid>-<random>.tmp`) stayed beside the report for good: nothing may delete
 * such a file later, as a name that matches is no proof that Safeguard made it.
 *
 * Node runs a signal listener only when the event loop turns, and the writes are synchronous, so
 * the signal is acted on once the write in progress is done (renamed into place, or removed on
 * error); the listener still removes any temporary file a write has open, for writes that yield.
 * Called just before a command's last writes (reports, a baseline, a merged report, the register),
 * and never removed: a listener delays every signal to the next turn of the loop, so one held
 * during a scan made a SIGTERM wait for the whole scan, and removing one drops a signal that
 * arrived during the write but was not yet delivered (the process would then run on).
 */
export function finishWritesOnSignal(): void {
  if (signalsHeld) return;
  signalsHeld = true;
  const onSignal = (signal: NodeJS.Signals): void => {
    for (const file of liveTemporaries) rmSync(file, { force: true });
    for (const s of HELD_SIGNALS) process.removeListener(s, onSignal);
    // With no listener left the signal's default action applies again: the process ends by it.
    process.kill(process.pid, signal);
  };
  for (const s of HELD_SIGNALS) process.on(s, onSignal);
}

/**
 * Once finishWritesOnSignal holds the signals, lets a signal that came during the writes be acted
 * on now; the CLI asks this once any command returns (cli-main.ts). A command whose writes are its
 * last work otherwise ended normally: `fix` stopped by SIGTERM while it wrote the fixed files, and a
 * passing scan stopped while it wrote its report, exited 0, the signal lost. The listener runs when the loop
 * polls for I/O, and each turn of the loop polls once, between two runs of its setImmediate
 * callbacks: one immediate may run in the turn under way, before any poll (one was not enough),
 * and the one it queues runs only after the next poll.
 */
export function actOnHeldSignal(): Promise<void> {
  return signalsHeld ? new Promise((resolve) => setImmediate(() => setImmediate(resolve))) : Promise.resolve();
}

/**
 * Writes `pieces` to `target` as a whole: into a temporary file beside it, renamed over it once
 * every byte is written, so a reader (an upload step, the next scan) sees the old file or the new
 * one, never a part. A killed or failed write leaves the old file as it was (the temporary file is
 * removed when the failure is ours). A target that exists and is not a regular file (/dev/null,
 * /dev/stdout, a FIFO) is written directly, as it cannot be replaced; a symbolic link keeps
 * pointing where it did, and the file it names is replaced. Throws the first I/O error.
 */
export function writeFileAtomically(target: string, pieces: Iterable<string | Uint8Array>): number {
  let destination = target;
  let mode: number | undefined;
  const existing = statSync(target, { throwIfNoEntry: false });
  if (existing !== undefined) {
    if (existing.isDirectory()) throw Object.assign(new Error(`${target} is a directory`), { code: 'EISDIR' });
    if (!existing.isFile()) return writeDirectly(target, pieces);
    destination = realpathSync(target);
    mode = existing.mode & 0o7777; // a report someone made private stays private
  }
  const temporary = temporaryName(destination);
  const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode ?? 0o666);
  liveTemporaries.add(temporary);
  let bytes = 0;
  try {
    try {
      for (const piece of pieces) bytes += writeFully(fd, piece);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, destination);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    liveTemporaries.delete(temporary);
  }
  return bytes;
}

function writeDirectly(target: string, pieces: Iterable<string | Uint8Array>): number {
  const fd = openSync(target, 'w');
  let bytes = 0;
  try {
    for (const piece of pieces) bytes += writeFully(fd, piece);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** How long a holder may keep a lock before others take it over: the work under one takes milliseconds. */
const STALE_LOCK_MS = 30_000;
/** A lock younger than this is never taken over: its holder may be alive in another pid namespace on a host of the same name. */
const FRESH_LOCK_MS = 2_000;
/** How long to wait for a lock held by a live process before giving up. */
const LOCK_WAIT_MS = 60_000;

export class LockTimeoutError extends Error {
  readonly code = 'ELOCKED';
  constructor(readonly lockFile: string) {
    super(`${lockFile} is held by another process`);
  }
}

/**
 * Runs `work` holding `<file>.lock` (created with O_EXCL), so that processes sharing `file` read,
 * change and write it one at a time: two scans appending to one audit log chained their entries to
 * the same last one (a fork that `audit verify` reports as tampering), and two `waivers add` runs
 * each wrote back the register it read, losing the other's waiver. A lock whose holder died (its
 * pid is gone on this host, or it is older than STALE_LOCK_MS, for a holder on another host sharing
 * the volume) is taken over; one younger than FRESH_LOCK_MS never is. The lock's directory must exist.
 */
export function withFileLock<T>(file: string, work: () => T, waitMs = LOCK_WAIT_MS): T {
  const lock = `${file}.lock`;
  const started = Date.now();
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  let fd: number | undefined;
  for (let attempt = 0; fd === undefined; attempt++) {
    try {
      fd = openSync(lock, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (isStale(lock)) {
        rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() - started > waitMs) throw new LockTimeoutError(lock);
      // A short, jittered sleep: the holder is done in milliseconds.
      Atomics.wait(sleeper, 0, 0, Math.min(100, 5 + attempt * 5) + Math.floor(Math.random() * 10));
    }
  }
  try {
    writeFully(fd, `${process.pid} ${os.hostname()}\n`);
  } finally {
    closeSync(fd);
  }
  try {
    return work();
  } finally {
    rmSync(lock, { force: true });
  }
}

function isStale(lock: string): boolean {
  let text: string;
  let ageMs: number;
  try {
    ageMs = Date.now() - statSync(lock).mtimeMs;
    text = readFileSync(lock, 'utf8');
  } catch {
    return false; // gone already: the next attempt creates it
  }
  if (ageMs > STALE_LOCK_MS) return true;
  if (ageMs < FRESH_LOCK_MS) return false;
  const [pid, host] = text.trim().split(' ');
  if (pid === undefined || host === undefined || host !== os.hostname() || !/^\d+$/.test(pid)) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
