// What a detector found in one string leaf, remembered by (key path, value). A module called by many
// root modules hands the same literals to the detectors once per instance, and the secret and PHI
// rules walk the same values again (resources, outputs): the answer is a pure function of the
// leaf's text and, for values, its key path, and findings are read-only, so one answer serves all.
// Bounded, because a long-lived process (the dashboard service, a watch loop) scans many trees.

/** Distinct leaves, and characters of their values, remembered before the memo starts afresh. */
const LIMIT = 50_000;
const CHAR_LIMIT = 8_000_000;

export class LeafMemo<F> {
  /** Key path (a NUL-led key for text, which is read without one) → value → findings. */
  private readonly byPath = new Map<string, Map<string, readonly F[]>>();
  private size = 0;
  private chars = 0;

  constructor(private readonly detect: (value: string, path: string | undefined) => readonly F[]) {}

  /** The findings in `value`; `path` undefined for text scanned without its key path. */
  find(value: string, path: string | undefined): readonly F[] {
    const key = path === undefined ? '\0text' : path;
    let byValue = this.byPath.get(key);
    if (byValue === undefined) {
      byValue = new Map();
      this.byPath.set(key, byValue);
    }
    let found = byValue.get(value);
    if (found === undefined) {
      found = this.detect(value, path);
      if (this.size >= LIMIT || this.chars + value.length > CHAR_LIMIT) this.clear();
      // After a clear, byValue may be detached: re-fetch so the answer is still remembered.
      let current = this.byPath.get(key);
      if (current === undefined) this.byPath.set(key, (current = new Map()));
      current.set(value, found);
      this.size++;
      this.chars += value.length;
    }
    return found;
  }

  clear(): void {
    this.byPath.clear();
    this.size = 0;
    this.chars = 0;
  }
}
