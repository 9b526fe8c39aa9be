// Where the repository starts, for the reports a code host reads (SARIF for code scanning, GitLab's
// reports, GitHub annotations, the Markdown comment's links): they name files relative to the
// repository's root, whatever directory the scan ran from. A step with `working-directory: infra`
// wrote `main.tf` where GitHub looks for `infra/main.tf`, and a scan of a path outside the working
// directory wrote `../…`, which no code host resolves: their annotations and alerts landed nowhere.
import path from 'node:path';
import { isInside } from '../discovery/discover.js';
import type { ScanContext } from '../pipeline/scan-context.js';

/**
 * The repository's root directory holding `scanRoot` (absolute): the CI checkout the runner names
 * (GITHUB_WORKSPACE, GitLab's CI_PROJECT_DIR), else the nearest directory above it holding `.git`
 * (a directory, or a file in a worktree); undefined outside any. Only `.git`'s existence is looked at.
 */
export function repositoryRootOf(context: Pick<ScanContext, 'fs' | 'env'>, scanRoot: string): string | undefined {
  for (const name of ['GITHUB_WORKSPACE', 'CI_PROJECT_DIR']) {
    const dir = context.env[name];
    if (dir !== undefined && dir !== '' && path.isAbsolute(dir) && isInside(path.resolve(dir), scanRoot)) return path.resolve(dir);
  }
  for (let dir = scanRoot; ; dir = path.dirname(dir)) {
    if (context.fs.stat(path.join(dir, '.git')) !== undefined) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The scan root as ReportInput.repositoryRoot holds it: relative to the repository's root, forward slashes ('' when the same). */
export function scanRootInRepository(context: Pick<ScanContext, 'fs' | 'env'>, scanRoot: string): string | undefined {
  const repository = repositoryRootOf(context, scanRoot);
  return repository === undefined ? undefined : path.relative(repository, scanRoot).split(path.sep).join('/');
}
