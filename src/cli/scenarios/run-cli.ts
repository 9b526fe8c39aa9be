// Runs the built CLI (dist/cli/main.js) as a user would, from the project root.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'main.js');
export const FIXTURES = 'test/fixtures/cli';

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', ...options.env };
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? process.cwd(), env, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function runJson(args: readonly string[]): { status: number | null; report: Record<string, unknown>; stderr: string } {
  const run = runCli([...args, '--format', 'json']);
  return { status: run.status, report: JSON.parse(run.stdout) as Record<string, unknown>, stderr: run.stderr };
}

/** Copy of a fixture path relative to the project root. */
export const fixture = (name: string): string => `${FIXTURES}/${name}`;
