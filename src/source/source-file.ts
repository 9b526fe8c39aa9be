import { LineIndex } from './line-index.js';

/** One input file as read: its path relative to the scan root (forward slashes) and its text. */
export class SourceFile {
  private index: LineIndex | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  get lines(): LineIndex {
    this.index ??= new LineIndex(this.text);
    return this.index;
  }
}
