import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Temporary directories for tests, removed when the test file's process exits (the test runner
 * gives each file its own process), so a test run leaves nothing in the system's temp directory
 * whichever way its tests end. A test that creates many trees cannot forget one.
 */
const made: string[] = [];

function removeAll(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
}

/** A new empty directory under the system's temp directory, named `prefix` and a random suffix. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  if (made.length === 0) process.once('exit', removeAll);
  made.push(dir);
  return dir;
}
