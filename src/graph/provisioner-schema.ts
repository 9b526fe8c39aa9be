// The schemas of Terraform's own provisioners (file, local-exec, remote-exec) and of the connection
// block, as `terraform validate` checks a resource's provisioners against them: an argument the
// schema has not, a required one missing, a value written out that cannot be converted to the
// argument's type, and each provisioner's own rule on which arguments go together. The schemas are
// Terraform's (internal/builtin/provisioners, internal/communicator/shared), not a provider's.
//
// Observed with terraform validate 1.11.4:
// - a provisioner of a resource is validated whatever its count (count = 0 too) and `when`; a
//   removed block's provisioners are not ('provisioner "local-exec" { when = destroy }' there is
//   accepted without a command);
// - a resource's connection block is validated only when the resource has a provisioner (alone, a
//   connection without host is accepted), then with host required;
// - a provisioner's own connection block is laid over the resource's: host may come from the
//   resource's, an argument it sets hides the resource's one (a bad port in both is reported once,
//   in the provisioner's), and the resource's is still checked on its own (without host there, it is
//   refused even when the provisioner's sets it);
// - `command = null`, `host = null` are accepted (validate reads them as unset), `port = "22"`,
//   `agent = "true"`, `interpreter = [1, true]` are converted; `port = "abc"`, `agent = "yes"`,
//   `interpreter = "bash"`, `environment = ["a"]` are refused ("Incorrect attribute value type"), at
//   the value;
// - "Missing required argument" is said at the block's opening brace, "Unsupported argument" at the
//   argument's name; remote-exec's "Only one of "inline", "script", or "scripts" must be set" and
//   file's "Must provide one of 'source' or 'content'" / "Cannot set both 'source' and 'content'"
//   come without a place (said here at the provisioner's type label).
import type { Attribute, Block, Body, Expression } from '../parsers/hcl/ast.js';
import { nearestName } from '../config/nearest-name.js';
import type { StructureProblem } from './config-structure.js';

export type ArgType = 'string' | 'number' | 'bool' | 'list(string)' | 'set(string)' | 'map(string)';

interface Schema {
  readonly args: ReadonlyMap<string, ArgType>;
  readonly required: readonly string[];
}

function schema(args: Record<string, ArgType>, required: readonly string[] = []): Schema {
  return { args: new Map(Object.entries(args)), required };
}

const PROVISIONERS: ReadonlyMap<string, Schema> = new Map([
  ['local-exec', schema({ command: 'string', interpreter: 'list(string)', working_dir: 'string', environment: 'map(string)', quiet: 'bool' }, ['command'])],
  ['remote-exec', schema({ inline: 'list(string)', script: 'string', scripts: 'list(string)' })],
  ['file', schema({ source: 'string', content: 'string', destination: 'string' }, ['destination'])],
]);

/** Every connection type's arguments together (ConnectionBlockSupersetSchema), host required. */
const CONNECTION = schema(
  {
    host: 'string', type: 'string', user: 'string', password: 'string', port: 'number', timeout: 'string', script_path: 'string',
    target_platform: 'string', private_key: 'string', certificate: 'string', host_key: 'string', agent: 'bool', agent_identity: 'string',
    proxy_scheme: 'string', proxy_host: 'string', proxy_port: 'number', proxy_user_name: 'string', proxy_user_password: 'string',
    bastion_host: 'string', bastion_host_key: 'string', bastion_port: 'number', bastion_user: 'string', bastion_password: 'string',
    bastion_private_key: 'string', bastion_certificate: 'string', https: 'bool', insecure: 'bool', cacert: 'string', use_ntlm: 'bool',
  },
  ['host'],
);

/** A provisioner's own arguments, outside its type's schema. */
const PROVISIONER_META = ['when', 'on_failure'];

/** What terraform validate refuses in `resource`'s provisioners and connection blocks. */
export function checkProvisionerSchemas(resource: Block, out: StructureProblem[]): void {
  const provisioners = resource.body.blocks.filter((b) => b.type === 'provisioner');
  if (provisioners.length === 0) return;
  const seen = new Set<string>();
  const push = (p: StructureProblem): void => {
    const key = `${p.start}:${p.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(p);
  };
  const resourceConnection = resource.body.blocks.find((b) => b.type === 'connection');
  for (const p of provisioners) {
    const type = p.labels[0];
    const known = type !== undefined ? PROVISIONERS.get(type.value) : undefined;
    if (type !== undefined && known !== undefined) {
      checkBody(p.body, p, known, PROVISIONER_META, ['connection'], `${type.value} provisioner`, push);
      const rule = combinationProblem(type.value, p.body);
      if (rule !== undefined) push({ code: 'config/argument', message: rule, start: type.start, end: type.end });
    }
    const own = p.body.blocks.find((b) => b.type === 'connection');
    if (resourceConnection !== undefined) {
      // The provisioner's connection hides the resource's arguments it sets.
      const hidden = new Set(own?.body.attributes.map((a) => a.name) ?? []);
      checkBody(resourceConnection.body, resourceConnection, CONNECTION, [], [], 'connection block', push, hidden);
    }
    if (own !== undefined) checkBody(own.body, own, resourceConnection !== undefined ? { ...CONNECTION, required: [] } : CONNECTION, [], [], 'connection block', push);
  }
}

function checkBody(body: Body, block: Block, s: Schema, meta: readonly string[], blocks: readonly string[], what: string, push: (p: StructureProblem) => void, hidden: ReadonlySet<string> = new Set()): void {
  for (const attr of body.attributes) {
    if (meta.includes(attr.name)) continue;
    const type = s.args.get(attr.name);
    if (type === undefined) {
      const near = nearestName(attr.name, [...s.args.keys()]);
      push({ code: 'config/argument', message: `Unsupported argument: the ${what} has no argument named "${attr.name}", so Terraform refuses it.${near !== undefined ? ` Did you mean "${near}"?` : ''}`, start: attr.start, end: attr.nameRange.end });
      continue;
    }
    if (hidden.has(attr.name)) continue;
    if (!convertible(attr.expr, type)) push(wrongType(attr, type, what));
  }
  for (const b of body.blocks) {
    // A dynamic block's expansion is not followed here (an empty one in a connection is accepted).
    if (blocks.includes(b.type) || b.type === 'dynamic') continue;
    push({ code: 'config/block', message: `Unsupported block type: the ${what} takes no "${b.type}" block, so Terraform refuses it.`, start: b.start, end: b.typeRange.end });
  }
  for (const name of s.required) {
    if (body.attributes.some((a) => a.name === name)) continue;
    push({ code: 'config/argument', message: `Missing required argument: the ${what} needs "${name}", so Terraform refuses this one.`, start: block.openBrace.start, end: block.openBrace.end });
  }
}

/** An argument type in the words of an "Incorrect attribute value type" message (here and backend-schemas.ts). */
export function wantedValue(type: ArgType): string {
  return type === 'string' ? 'a string' : type === 'number' ? 'a number' : type === 'bool' ? 'true or false' : type === 'list(string)' ? 'a list of strings' : type === 'set(string)' ? 'a set of strings' : 'a map of strings';
}

function wrongType(attr: Attribute, type: ArgType, what: string): StructureProblem {
  return { code: 'config/argument', message: `Incorrect attribute value type: "${attr.name}" of the ${what} must be ${wantedValue(type)}, so Terraform refuses this value.`, start: attr.expr.start, end: attr.expr.end };
}

/** Set, to these provisioners: present and not the literal null (an unknown value counts as set). */
function isSet(body: Body, name: string): boolean {
  const attr = body.attributes.find((a) => a.name === name);
  return attr !== undefined && !(attr.expr.type === 'literal' && attr.expr.value === null);
}

function combinationProblem(type: string, body: Body): string | undefined {
  if (type === 'remote-exec') {
    const set = ['inline', 'script', 'scripts'].filter((n) => isSet(body, n)).length;
    if (set !== 1) return `Invalid remote-exec provisioner configuration: exactly one of "inline", "script" or "scripts" must be set (${set} are), so Terraform refuses this one.`;
  }
  if (type === 'file') {
    const source = isSet(body, 'source');
    const content = isSet(body, 'content');
    if (source && content) return 'Invalid file provisioner configuration: it cannot set both "source" and "content", so Terraform refuses this one.';
    if (!source && !content) return 'Invalid file provisioner configuration: it must set one of "source" or "content", so Terraform refuses this one.';
  }
  return undefined;
}

/**
 * Whether a value written out can be converted to `type` as cty converts it; anything not written
 * out (a reference, a call, an interpolation) is left to evaluation: at validate time its value is
 * unknown, and an unknown value converts.
 */
export function convertible(expr: Expression, type: ArgType): boolean {
  while (expr.type === 'parens') expr = expr.expr;
  if (expr.type === 'literal') {
    const v = expr.value;
    if (v === null) return true;
    if (typeof v === 'boolean') return type === 'string' || type === 'bool';
    return type === 'string' || type === 'number';
  }
  if (expr.type === 'template') {
    if (!expr.parts.every((p) => p.kind === 'literal')) return type === 'string' || type === 'number' || type === 'bool';
    const text = expr.parts.map((p) => (p as { value: string }).value).join('');
    if (type === 'string') return true;
    if (type === 'number') return /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text) || /^[-+]?inf(inity)?$/i.test(text);
    if (type === 'bool') return text === 'true' || text === 'false' || text === '1' || text === '0';
    return false;
  }
  if (expr.type === 'tuple') return (type === 'list(string)' || type === 'set(string)') && expr.items.every((i) => convertible(i, 'string'));
  if (expr.type === 'object') return type === 'map(string)' && expr.items.every((i) => convertible(i.value, 'string'));
  return true;
}
