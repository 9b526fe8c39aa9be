// Module instance paths (`module.app["prod"].module.db[0]`) without their instance keys
// (`module.app.module.db`): the configuration a reference or a declaration belongs to.
import { dirOf } from '../util/paths.js';

/** Instance keys: a quoted key (which may hold `]`), a number, or `?` (keys known only at apply time). */
const INSTANCE_KEYS = /\[(?:"(?:[^"\\]|\\.)*"|\d+|\?)\]/g;

export function configModulePath(modulePath: string): string {
  return modulePath.includes('[') ? modulePath.replace(INSTANCE_KEYS, '') : modulePath;
}

/**
 * The root module directory a finding's root stands for: a plan's or state's findings carry their
 * file as their root (Resource.root), and a plan stands for the root module in its own directory.
 * A root module directory never ends so.
 */
export function rootDirectoryOf(root: string): string {
  return PLAN_OR_STATE_FILE.test(root) ? dirOf(root) : root;
}

const PLAN_OR_STATE_FILE = /\.(?:json|tfstate|tfplan|backup)$/i;
