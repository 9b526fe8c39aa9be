// Module instance paths (`module.app["prod"].module.db[0]`) without their instance keys
// (`module.app.module.db`): the configuration a reference or a declaration belongs to.

/** Instance keys: a quoted key (which may hold `]`), a number, or `?` (keys known only at apply time). */
const INSTANCE_KEYS = /\[(?:"(?:[^"\\]|\\.)*"|\d+|\?)\]/g;

export function configModulePath(modulePath: string): string {
  return modulePath.includes('[') ? modulePath.replace(INSTANCE_KEYS, '') : modulePath;
}
