// The bundled CLI's files (scripts/bundle.mjs) beside each other in dist/cli, told apart from the
// modules tsc writes: code that finds files beside it (the --jobs worker, the build's identity for
// the scan cache) asks whether it runs from one.

/** The launcher, the CLI and the worker: `*.bundle.js` and `main.core.cjs`. */
export function isBundleFile(nameOrUrl: string): boolean {
  return nameOrUrl.endsWith('.bundle.js') || nameOrUrl.endsWith('.core.cjs');
}
