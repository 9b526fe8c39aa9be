// AWS's wildcard patterns (IAM actions and ARNs, S3 ARNs in policies, AWS Backup's string_like):
// `*` any run of characters, `?` one character, everything else literal.

/** The anchored regular expression of a wildcard pattern. */
export function wildcardRegExp(pattern: string, flags = ''): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, flags);
}

/** Whether `text` matches the wildcard `pattern` (case-sensitive). */
export function wildcardMatches(pattern: string, text: string): boolean {
  return wildcardRegExp(pattern).test(text);
}
