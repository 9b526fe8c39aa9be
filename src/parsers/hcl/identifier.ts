// hclsyntax.ValidIdentifier: a letter or underscore, then letters, digits, underscores and dashes.
// Terraform checks names with it (locals, aliases, block labels, encode_tfvars' variable names).
const IDENTIFIER = /^[\p{ID_Start}_][\p{ID_Continue}-]*$/u;

export function isValidIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}
