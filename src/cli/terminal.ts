// The process streams behind a small interface, so commands can be tested without a TTY.
import { createColors, type Colors } from '../reporters/colors.js';

export interface Terminal {
  out(text: string): void;
  err(text: string): void;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export const processTerminal: Terminal = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
};

/** Output dropped, no TTY, no environment: a scan run for its result or its timing only (bench, code-cache build). */
export const discardTerminal: Terminal = { out: () => undefined, err: () => undefined, stdoutIsTTY: false, stderrIsTTY: false, env: {} };

/** Colour only on a terminal, never with --no-color or NO_COLOR; FORCE_COLOR overrides the TTY check. */
export function useColor(terminal: Terminal, flag: boolean | undefined, stream: 'stdout' | 'stderr'): boolean {
  if (flag === false) return false;
  const env = terminal.env;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  return stream === 'stdout' ? terminal.stdoutIsTTY : terminal.stderrIsTTY;
}

export function stderrColors(terminal: Terminal, flag: boolean | undefined): Colors {
  return createColors(useColor(terminal, flag, 'stderr'));
}

/**
 * A progress line on stderr, only on a TTY and only once the scan has taken more than a moment,
 * so quick runs and CI logs stay clean.
 */
export class ProgressLine {
  private shown = false;

  constructor(
    private readonly terminal: Terminal,
    private readonly now: () => number,
    private readonly startedMs: number,
    private readonly delayMs = 1000,
  ) {}

  update(text: string): void {
    if (!this.terminal.stderrIsTTY) return;
    const elapsed = this.now() - this.startedMs;
    if (elapsed < this.delayMs) return;
    this.terminal.err(`\r\u001b[2K${text} (${(elapsed / 1000).toFixed(1)}s)`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.terminal.err('\r\u001b[2K');
    this.shown = false;
  }
}
