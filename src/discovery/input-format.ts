// What each discovered file is. Terraform source is known by its name; plan, state,
// CloudFormation and Kubernetes documents by their content (they share .json/.yaml names).

export type InputFormat =
  | 'terraform' // .tf
  | 'terraform-json' // .tf.json
  | 'terraform-vars' // .tfvars
  | 'terraform-vars-json' // .tfvars.json
  | 'terraform-lock' // .terraform.lock.hcl
  | 'terraform-modules-manifest' // .terraform/modules/modules.json
  | 'terraform-plan'
  | 'terraform-state'
  | 'cloudformation'
  | 'kubernetes'
  | 'text-document'; // any other text file the secret and PHI sweep read (.env, JSON, YAML, scripts)

/** Formats the scan reads today; the others are recognised and reported as not yet supported. */
export const SCANNED_FORMATS: ReadonlySet<InputFormat> = new Set([
  'terraform',
  'terraform-json',
  'terraform-vars',
  'terraform-vars-json',
  'terraform-lock',
  'terraform-modules-manifest',
  'terraform-plan',
  'terraform-state',
]);

export const FORMAT_LABELS: Readonly<Record<InputFormat, string>> = {
  terraform: 'Terraform',
  'terraform-json': 'Terraform JSON',
  'terraform-vars': 'Terraform variables',
  'terraform-vars-json': 'Terraform variables (JSON)',
  'terraform-lock': 'Terraform lock file',
  'terraform-modules-manifest': 'Terraform modules manifest',
  'terraform-plan': 'Terraform plan',
  'terraform-state': 'Terraform state',
  cloudformation: 'CloudFormation',
  kubernetes: 'Kubernetes',
  'text-document': 'text file (secrets and PHI only)',
};

/**
 * Terraform's files that are not a module's configuration: `terraform test` files and their mocks,
 * Terraform 1.14's query files (`list` blocks for `terraform query`), and Terraform Stacks'
 * component, deployment and stack files. Terraform does not load them into the module, so neither
 * does the scan; they are listed as not yet supported (and still swept for secrets and PHI), never
 * dropped without a word. The label says what each is.
 */
const TERRAFORM_OTHER_FILES: readonly (readonly [string, string])[] = [
  ['.tftest.hcl', 'Terraform test file (terraform test)'],
  ['.tftest.json', 'Terraform test file (terraform test)'],
  ['.tfmock.hcl', 'Terraform test mock data'],
  ['.tfmock.json', 'Terraform test mock data'],
  ['.tfquery.hcl', 'Terraform query file (terraform query)'],
  ['.tfcomponent.hcl', 'Terraform Stacks component configuration'],
  ['.tfstack.hcl', 'Terraform Stacks component configuration'],
  ['.tfdeploy.hcl', 'Terraform Stacks deployment configuration'],
];

/** What a Terraform test, query or Stacks file is (by name), or undefined for any other file. */
export function terraformOtherFileKind(relPath: string): string | undefined {
  const base = relPath.slice(relPath.lastIndexOf('/') + 1).toLowerCase();
  return TERRAFORM_OTHER_FILES.find(([suffix]) => base.endsWith(suffix))?.[1];
}

/** A Terraform Stacks file: its components' modules are then configured by the stack, not root modules (graph/stacks.ts). */
export function isTerraformStacksFile(relPath: string): boolean {
  return /\.(tfcomponent|tfstack|tfdeploy)\.hcl$/i.test(relPath);
}

export type NameClass = InputFormat | 'json-document' | 'yaml-document' | 'other';

/** Classifies a root-relative path (forward slashes) by its name alone. */
export function classifyByName(relPath: string): NameClass {
  const base = relPath.slice(relPath.lastIndexOf('/') + 1).toLowerCase();
  if (base === '.terraform.lock.hcl') return 'terraform-lock';
  if (base === 'modules.json' && /(^|\/)\.terraform\/modules\/modules\.json$/i.test(relPath)) return 'terraform-modules-manifest';
  if (base.endsWith('.tf.json')) return 'terraform-json';
  if (base.endsWith('.tfvars.json')) return 'terraform-vars-json';
  if (base.endsWith('.tf')) return 'terraform';
  if (base.endsWith('.tfvars')) return 'terraform-vars';
  if (base.endsWith('.json') || base.endsWith('.tfplan.json') || base.endsWith('.tfstate') || base.endsWith('.tfstate.backup')) return 'json-document';
  if (base.endsWith('.yaml') || base.endsWith('.yml') || base.endsWith('.template')) return 'yaml-document';
  return 'other';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Plan and state JSON as `terraform show -json` and Terraform 0.12+ write them. */
export function classifyJsonDocument(text: string): InputFormat | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // Not JSON after all (a `.template` may be YAML): try the YAML heuristics.
    return classifyYamlDocument(text);
  }
  if (!isRecord(doc)) return undefined;
  if ('format_version' in doc && ('planned_values' in doc || 'resource_changes' in doc)) return 'terraform-plan';
  if (doc['version'] === 4 && 'terraform_version' in doc && 'resources' in doc) return 'terraform-state';
  // `terraform show -json` of a state: the values representation without a plan.
  if ('format_version' in doc && 'values' in doc && 'terraform_version' in doc) return 'terraform-state';
  if ('AWSTemplateFormatVersion' in doc) return 'cloudformation';
  const resources = doc['Resources'];
  if (isRecord(resources) && Object.values(resources).some((r) => isRecord(r) && typeof r['Type'] === 'string' && r['Type'].startsWith('AWS::'))) {
    return 'cloudformation';
  }
  if (typeof doc['apiVersion'] === 'string' && typeof doc['kind'] === 'string') return 'kubernetes';
  return undefined;
}

/**
 * Plan or state by their top-level keys, without parsing: for documents too large to parse twice.
 * State files write `version` first; other keys are found by a linear search (jq -S may reorder them).
 * A false match only means the plan parser rejects the file with a diagnostic.
 */
export function classifyLargeJsonDocument(text: string): InputFormat | undefined {
  const head = text.slice(0, 4096);
  if (!/^\s*\{/.test(head)) return undefined;
  const formatVersion = text.includes('"format_version"');
  if (formatVersion && (text.includes('"resource_changes"') || text.includes('"planned_values"'))) return 'terraform-plan';
  if (/"version"\s*:\s*4\s*,/.test(head) && text.includes('"terraform_version"') && text.includes('"resources"')) return 'terraform-state';
  if (formatVersion && text.includes('"values"') && text.includes('"terraform_version"')) return 'terraform-state';
  return undefined;
}

/** Heuristics on the text, so a YAML file with custom tags (`!Ref`) is still recognised. */
export function classifyYamlDocument(text: string): InputFormat | undefined {
  if (/^AWSTemplateFormatVersion\s*:/m.test(text)) return 'cloudformation';
  if (/^Resources\s*:/m.test(text) && /^\s+Type\s*:\s*['"]?AWS::/m.test(text)) return 'cloudformation';
  if (/^apiVersion\s*:/m.test(text) && /^kind\s*:/m.test(text)) return 'kubernetes';
  return undefined;
}
