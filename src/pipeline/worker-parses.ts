// A --jobs worker's parsed files across the units it evaluates. Units that share a module (every
// root calling ../modules/x) all include its files, and a worker that parsed them afresh for each
// unit parsed up to ~4 times the bytes it was sent (corpus (a) of the bench evaluates 3.9 times its
// parsed bytes). The main thread has ParseMemo, which knows which units are still to come; a
// worker does not, so it keeps the trees it parsed most recently, up to a budget of characters.
import type { ParseFile } from '../graph/load.js';
import { parseHclFile } from '../graph/parse.js';

/** Characters of source whose trees a worker keeps (~14 MB of trees: a tree is ~14 times its text). */
export const WORKER_TREE_BUDGET = 1_000_000;

export class WorkerParses {
  /** Path → its text and tree, least recently used first. */
  private readonly trees = new Map<string, { readonly text: string; readonly tree: ReturnType<ParseFile> }>();
  private chars = 0;

  constructor(private readonly budget = WORKER_TREE_BUDGET) {}

  /** A tree is reused only for the same text: a path's content is the same within one scan, but the check is cheap. */
  readonly parse: ParseFile = (path, text) => {
    const kept = this.trees.get(path);
    if (kept !== undefined && kept.text === text) {
      this.trees.delete(path);
      this.trees.set(path, kept);
      return kept.tree;
    }
    if (kept !== undefined) this.forget(path, kept.text);
    const tree = parseHclFile(path, text);
    if (text.length <= this.budget) {
      this.trees.set(path, { text, tree });
      this.chars += text.length;
      for (const [oldest, entry] of this.trees) {
        if (this.chars <= this.budget) break;
        this.forget(oldest, entry.text);
      }
    }
    return tree;
  };

  /** How many trees are kept (for tests). */
  get size(): number {
    return this.trees.size;
  }

  private forget(path: string, text: string): void {
    this.trees.delete(path);
    this.chars -= text.length;
  }
}
