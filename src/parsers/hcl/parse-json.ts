// Placeholder replaced below.
export function parseHclJson(): never {
  throw new Error('not yet');
}
