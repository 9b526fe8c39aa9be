// Writing files a later step trusts (reports, baselines, merged reports). CI kills jobs on timeout
// and fills disks: a report must be whole or absent, never half written under its final name.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes all of `piece` to `fd`; the bytes written. writeSync makes one write(2), which may write
 * less than asked: on a full disk the last piece of a report was cut short and nothing failed, so
 * a truncated SARIF file was "written" and the scan exited 0. Looping makes the next write(2)
 * report ENOSPC.
 */
export function writeFully(fd: number, piece: string | Uint8Array): number {
  if (typeof piece === 'string') {
    const written = writeSync(fd, piece);
    const total = Buffer.byteLength(piece);
    if (written === total) return total;
    writeBytes(fd, Buffer.from(piece, 'utf8'), written);
    return total;
  }
  writeBytes(fd, piece, 0);
  return piece.byteLength;
}

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
