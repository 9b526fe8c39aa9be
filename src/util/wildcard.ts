// AWS's wildcard patterns (IAM actions and ARNs, S3 ARNs in policies, AWS Backup's string_like):
// `*` any run of characters, `?` one character, everything else literal.

/**
 * Compiled patterns: the rules ask about the same few patterns for every statement, resource and
 * action (the IAM rules, S3 TLS-only, AWS Backup selections). Bounded, as the library outlives a
 * scan; the expressions have no `g` flag, so sharing one keeps no state between tests.
 */
const compiled = new Map<string, RegExp>();
const MAX_COMPILED = 4096;

/** The anchored regular expression of a wildcard pattern. */
export function wildcardRegExp(pattern: string, flags = ''): RegExp {
  const key = `${flags}\u0000${pattern}`;
  let re = compiled.get(key);
  if (re === undefined) {
    if (flags.includes('g') || flags.includes('y')) throw new Error('wildcardRegExp: a shared expression must not keep state (no g or y flag)');
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, flags);
    compiled.set(key, re);
  }
  return re;
}

/** Whether `text` matches the wildcard `pattern` (case-sensitive). */
export function wildcardMatches(pattern: string, text: string): boolean {
  return wildcardRegExp(pattern).test(text);
}
