import type { InfraModel } from '../../model/infra-model.js';
import type { ModuleCall } from '../../model/resource.js';
import { defineRule, fail, pass, unknown, type Outcome, type Subject } from '../define-rule.js';
import { constraintShape } from './version-constraint.js';

interface ModuleSubject extends Subject {
  readonly call: ModuleCall;
}

type Params = { registryVersion: string; allowGitTags: boolean; approvedModuleSources: readonly string[] };

function targets(model: InfraModel): ModuleSubject[] {
  const seen = new Set<string>();
  const out: ModuleSubject[] = [];
  for (const call of model.moduleCalls) {
    const key = `${call.sourceSpan.file}:${call.sourceSpan.start.offset}`;
    if (seen.has(key)) continue; // count/for_each instances share one source
    seen.add(key);
    out.push({ address: call.address.replace(/\[[^\]]*\]$/, ''), type: 'module', span: call.span, comments: call.comments, call });
  }
  return out;
}

/** The `ref` query parameter of a git source (`git::https://host/repo.git//sub?ref=abc`). */
function gitRef(source: string): string | undefined {
  const query = source.split('?')[1];
  if (!query) return undefined;
  for (const pair of query.split('&')) {
    const [k, v] = pair.split('=');
    if (k === 'ref' && v) return decodeURIComponent(v);
  }
  return undefined;
}

/** `git::https://github.com/org/repo.git?ref=x` and `git@github.com:org/repo` → `github.com/org/repo.git?ref=x`. */
export function normalizeSource(source: string): string {
  return source
    .replace(/^git::/, '')
    .replace(/^(?:https?|ssh|git):\/\/(?:[^@/]+@)?/, '')
    .replace(/^git@([^:]+):/, '$1/')
    .toLowerCase();
}

function approved(call: ModuleCall, allowList: readonly string[]): boolean {
  if (call.kind === 'local' || allowList.length === 0) return true;
  const source = normalizeSource(call.source);
  return allowList.some((prefix) => source.startsWith(normalizeSource(prefix)));
}

/** A source for messages: credentials in a URL (`https://user:token@host/...`) are never printed. */
function shown(source: string): string {
  return source.replace(/(:\/\/)[^@/\s]+@/, '$1***@');
}

function pinning(call: ModuleCall, params: Params): { status: 'pass' | 'fail' | 'unknown'; message: string } {
  const name = call.address.replace(/\[[^\]]*\]$/, '');
  switch (call.kind) {
    case 'local':
      return { status: 'pass', message: `${name} uses a local module, versioned with this repository.` };
    case 'registry': {
      if (!call.version) return { status: 'fail', message: `${name} uses the registry module "${shown(call.source)}" without a version, so every init may fetch a newer release.` };
      const shape = constraintShape(call.version);
      if (shape.exact) return { status: 'pass', message: `${name} pins "${shown(call.source)}" to version ${call.version}.` };
      if (params.registryVersion === 'bounded' && shape.bounded) return { status: 'pass', message: `${name} bounds "${shown(call.source)}" to "${call.version}".` };
      return { status: 'fail', message: `${name} sets version = "${call.version}" for "${shown(call.source)}", which is not ${params.registryVersion === 'bounded' ? 'a bounded constraint' : 'one exact version'}.` };
    }
    case 'git': {
      const ref = gitRef(call.source);
      if (!ref) return { status: 'fail', message: `${name} uses a git source without ?ref=, so it follows the default branch.` };
      if (/^[0-9a-f]{40}$/i.test(ref)) return { status: 'pass', message: `${name} pins its git source to commit ${ref.slice(0, 12)}.` };
      const looksLikeTag = /^v?\d+(\.\d+)*([-+][0-9A-Za-z.-]+)?$/.test(ref);
      if (looksLikeTag && params.allowGitTags) return { status: 'pass', message: `${name} pins its git source to tag ${ref} (tags can be moved; a commit SHA is stronger).` };
      return {
        status: 'fail',
        message: `${name} pins its git source to ${looksLikeTag ? 'the tag' : 'the branch or tag'} "${ref}", which can move; use a full 40-character commit SHA.`,
      };
    }
    default:
      return { status: 'unknown', message: `${name} uses the source "${shown(call.source)}", whose pinning (an archive checksum or object version) cannot be verified from the address.` };
  }
}

export default defineRule<ModuleSubject, Params>({
  id: 'tf-module-source-pinned',
  title: 'Modules are pinned to an exact version or commit and come from approved sources',
  severity: 'medium',
  controls: ['164.308(a)(1)(ii)(B)', '164.312(c)(1)'],
  kind: 'attr',
  why: 'A module that follows a branch or an open version range can change the ePHI infrastructure it creates without any change to this repository; pinned, approved sources make every change reviewable.',
  howToFix: 'Give registry modules version = "1.2.3"; give git sources ?ref=<40-character commit SHA>; take modules only from the approved sources.',
  links: ['https://developer.hashicorp.com/terraform/language/modules/sources', 'https://developer.hashicorp.com/terraform/language/modules/syntax#version'],
  references: { checkov: ['CKV_TF_1', 'CKV_TF_2'] },
  params: { registryVersion: 'exact', allowGitTags: false, approvedModuleSources: [] },
  targets: (model) => targets(model),
  check(m, { params }): Outcome[] {
    const outcomes: Outcome[] = [];
    const p = pinning(m.call, params);
    const where = { span: m.call.sourceSpan };
    outcomes.push(p.status === 'pass' ? pass(where, p.message) : p.status === 'fail' ? fail(where, { message: p.message }) : unknown(where, p.message));
    if (!approved(m.call, params.approvedModuleSources)) {
      outcomes.push(fail(where, { message: `${m.address} comes from "${shown(m.call.source)}", which is not on the approved module sources list.` }));
    }
    return outcomes;
  },
  examples: {
    terraform: {
      bad: ['module "vpc" {\n  source = "git::https://github.com/example-org/terraform-aws-vpc.git?ref=main"\n}\n'],
      good: [
        'module "vpc" {\n  source = "git::https://github.com/example-org/terraform-aws-vpc.git?ref=3f1c0b6a9d2e4f5a6b7c8d9e0f1a2b3c4d5e6f7a"\n}\n',
        'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.8.1"\n}\n',
      ],
    },
  },
});
