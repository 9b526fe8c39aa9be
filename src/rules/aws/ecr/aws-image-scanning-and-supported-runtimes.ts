import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import type { Span } from '../../../source/span.js';
import type { Sourced } from '../../../model/sourced.js';
import { asString, blockOf, blocksOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf, requireBoolean, requireOneOf } from '../judge-setting.js';
import { LAMBDA_DEPRECATION_DATES, eksStandardSupportEnd, olderThan } from './support-calendar.js';

interface Params {
  /**
   * Lambda runtimes deprecated whatever the scan's day (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html),
   * beside the dated ones in support-calendar.ts, which fail from their deprecation date on.
   */
  readonly deprecatedLambdaRuntimes: readonly string[];
  /**
   * Versions older than this fail whatever the day ('' for none): a floor beside the EKS release
   * calendar in support-calendar.ts, which fails a version from its end of standard support on.
   */
  readonly minimumEksVersion: string;
  [key: string]: string | readonly string[];
}

/** What the registry scanning configurations (any of them) do for one repository. */
type RegistryCoverage =
  | { readonly kind: 'scans' }
  | { readonly kind: 'none'; readonly enhanced?: Resource }
  | { readonly kind: 'unknown'; readonly at: { readonly span: Span }; readonly reason: string; readonly enhanced?: Resource };

const SCANNING_FREQUENCIES = ['SCAN_ON_PUSH', 'CONTINUOUS_SCAN'];

/**
 * Whether a WILDCARD filter matches a repository name: without `*` it matches names containing it,
 * with `*` the whole name, each `*` standing for any run of characters (ECR "Filter wildcards":
 * "prod" matches repo-prod-repo, "prod*" matches prodrepo but not repo-prod).
 */
function filterMatches(filter: string, name: string): boolean {
  if (!filter.includes('*')) return name.includes(filter);
  const pattern = filter.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${pattern}$`).test(name);
}

/**
 * A registry scanning rule scans the repositories its repository_filter matches; a repository no
 * ENHANCED filter matches has scanning disabled, one no BASIC filter matches keeps its own setting
 * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning-filters.html). ENHANCED with no
 * rules at all is read as scanning every repository.
 */
function registryCoverage(model: InfraModel, repo: Resource): RegistryCoverage {
  let undecided: Extract<RegistryCoverage, { kind: 'unknown' }> | undefined;
  let enhanced: Resource | undefined;
  const name = repo.attributes.get('name');
  for (const config of model.ofType('aws_ecr_registry_scanning_configuration')) {
    const isEnhanced = asString(config.attributes.get('scan_type')?.value) === 'ENHANCED';
    const rules = blocksOf(config, 'rule');
    if (isEnhanced && rules.length === 0) return { kind: 'scans' };
    if (isEnhanced) enhanced ??= config;
    for (const rule of rules) {
      const frequency = rule.attributes.get('scan_frequency');
      if (isApplyTime(frequency)) {
        undecided ??= { kind: 'unknown', at: frequency ?? rule, reason: `the scan_frequency of ${config.address} is known only at apply time (${reasonOf(frequency)})` };
        continue;
      }
      if (!SCANNING_FREQUENCIES.includes(asString(frequency?.value) ?? '')) continue;
      const filters = blocksOf(rule, 'repository_filter');
      if (filters.length === 0) return { kind: 'scans' };
      for (const f of filters) {
        const filter = f.attributes.get('filter');
        const text = isApplyTime(filter) ? undefined : asString(filter?.value);
        const repoName = isApplyTime(name) ? undefined : asString(name?.value);
        if (text !== undefined && repoName !== undefined) {
          if (filterMatches(text, repoName)) return { kind: 'scans' };
        } else {
          undecided ??= { kind: 'unknown', at: text === undefined ? (filter ?? f) : (name ?? repo), reason: text === undefined ? `the repository_filter of ${config.address} is known only at apply time` : `the repository name is known only at apply time, so whether ${config.address}'s filter "${text}" matches it is not known` };
        }
      }
    }
  }
  if (undecided) return enhanced ? { ...undecided, enhanced } : undecided;
  return enhanced ? { kind: 'none', enhanced } : { kind: 'none' };
}

/** An EKS version out of standard support on `today` (the release calendar, or below the configured floor). */
function eksOutcome(cluster: Resource, version: Sourced, v: string, minimum: string, today: string): Outcome {
  const end = eksStandardSupportEnd(v);
  if (end && today >= end.date) {
    return fail(version, { message: `${cluster.address} runs Kubernetes ${v}, whose Amazon EKS standard support ended ${end.before ? 'before' : 'on'} ${end.date}, so it no longer gets regular security fixes (extended support is paid and ends a year later).` });
  }
  if (minimum !== '' && olderThan(v, minimum)) {
    return fail(version, { message: `${cluster.address} runs Kubernetes ${v}, older than the configured minimum ${minimum}.` });
  }
  return pass(version);
}

/** A Lambda runtime deprecated on `today`: always (the configured list) or from its AWS deprecation date on. */
function runtimeOutcome(fn: Resource, runtime: Sourced, r: string, alwaysDeprecated: readonly string[], today: string): Outcome {
  if (alwaysDeprecated.includes(r)) return fail(runtime, { message: `${fn.address} uses the deprecated runtime ${r}, which no longer receives security patches.` });
  const date = LAMBDA_DEPRECATION_DATES[r];
  if (date !== undefined && today >= date) {
    return fail(runtime, { message: `${fn.address} uses the runtime ${r}, deprecated on ${date}: Lambda no longer applies security patches to it.` });
  }
  return pass(runtime);
}

function ecrOutcomes(model: InfraModel, repo: Resource): Outcome[] {
  const outcomes: Outcome[] = [];
  const scanning = blockOf(repo, 'image_scanning_configuration');
  const registry = registryCoverage(model, repo);
  const ownSetting = (): Outcome =>
    scanning
      ? requireBoolean(repo.address, scanning, 'scan_on_push', true, {
          providerDefault: false,
          label: 'image_scanning_configuration.scan_on_push',
          consequence: 'images are not scanned for vulnerabilities on push',
          fix: { description: 'Scan images on push', safety: 'safe', fixValue: 'true' },
        })
      : fail(repo, {
          message: `${repo.address} has no image_scanning_configuration, so images are not scanned for vulnerabilities on push.`,
          fix: { description: 'Scan images on push', safety: 'safe', terraform: (edit) => edit.insertBlock(repo.span, 'image_scanning_configuration {\n  scan_on_push = true\n}') },
        });
  if (registry.kind === 'none' && registry.enhanced) {
    outcomes.push(fail(repo, { message: `${repo.address} matches no repository_filter of the enhanced scanning configuration ${registry.enhanced.address}, so its images are not scanned (a repository's own scan_on_push does not apply under enhanced scanning).` }));
  } else if (registry.kind === 'none') {
    outcomes.push(ownSetting());
  } else if (registry.kind === 'unknown') {
    // Under basic scanning the repository's own scan_on_push still scans it whatever the filter.
    const own = registry.enhanced ? undefined : ownSetting();
    if (own?.status !== 'pass') outcomes.push(unknown(registry.at, `${repo.address}: whether registry scanning covers the repository is not known: ${registry.reason}.`));
  }
  outcomes.push(
    requireOneOf(repo.address, repo, 'image_tag_mutability', ['IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION'], {
      providerDefault: 'MUTABLE',
      consequence: 'a scanned tag can later be overwritten with an unscanned image',
      fix: { description: 'Make tags immutable', safety: 'safe', fixValue: '"IMMUTABLE"' },
    }),
  );
  return outcomes;
}

export default defineRule<Resource, Params>({
  id: 'aws-image-scanning-and-supported-runtimes',
  title: 'Images are scanned and immutable; EKS and Lambda run supported versions',
  severity: 'medium',
  controls: ['164.308(a)(5)(ii)(B)', '164.308(a)(1)(ii)(B)'],
  kind: 'attr',
  why: 'Unscanned or overwritable images and end-of-life Kubernetes versions or Lambda runtimes stop receiving security fixes, leaving workloads that touch ePHI open to known malware and exploits.',
  howToFix:
    'On aws_ecr_repository set image_scanning_configuration { scan_on_push = true } (or enable registry scanning) and image_tag_mutability = "IMMUTABLE"; keep aws_eks_cluster.version in standard support; move aws_lambda_function.runtime off deprecated runtimes.',
  links: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html', 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html', 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html'],
  references: {
    awsConfig: ['ecr-private-image-scanning-enabled', 'ecr-private-tag-immutability-enabled', 'eks-cluster-supported-version', 'lambda-function-settings-check'],
    checkov: ['CKV_AWS_163', 'CKV_AWS_51', 'CKV_AWS_339', 'CKV_AWS_363'],
    trivy: ['AVD-AWS-0030', 'aws-ecr-enable-image-scans', 'AVD-AWS-0031', 'aws-ecr-enforce-immutable-repository'],
  },
  params: {
    // Deprecated before the dated table in support-calendar.ts begins (nodejs18.x and dotnet6 moved there).
    deprecatedLambdaRuntimes: [
      'nodejs', 'nodejs4.3', 'nodejs4.3-edge', 'nodejs6.10', 'nodejs8.10', 'nodejs10.x', 'nodejs12.x', 'nodejs14.x', 'nodejs16.x',
      'python2.7', 'python3.6', 'python3.7', 'python3.8', 'python3.9',
      'java8', 'dotnetcore1.0', 'dotnetcore2.0', 'dotnetcore2.1', 'dotnetcore3.1', 'dotnet5.0', 'dotnet7',
      'ruby2.5', 'ruby2.7', 'ruby3.2', 'go1.x', 'provided',
    ],
    // No floor by default: the release calendar decides, by the scan's day.
    minimumEksVersion: '',
  },
  targets: (model) => [...model.ofType('aws_ecr_repository'), ...model.ofType('aws_eks_cluster'), ...model.ofType('aws_lambda_function')],
  check(target, { model, params, today }): Outcome | Outcome[] {
    if (target.type === 'aws_ecr_repository') {
      const outcomes = ecrOutcomes(model, target);
      const notPassing = outcomes.filter((o) => o.status !== 'pass');
      return notPassing.length > 0 ? notPassing : outcomes.slice(0, 1);
    }
    if (target.type === 'aws_eks_cluster') {
      const version = target.attributes.get('version');
      if (!version) return pass(target); // AWS creates new clusters on the latest version
      if (isApplyTime(version)) return unknown(version, `${target.address}: the Kubernetes version is known only at apply time (${reasonOf(version)}).`);
      return eksOutcome(target, version, asString(version.value) ?? '', params.minimumEksVersion, today);
    }
    const runtime = target.attributes.get('runtime');
    if (!runtime) return pass(target); // container-image functions have no managed runtime
    if (isApplyTime(runtime)) return unknown(runtime, `${target.address}: the runtime is known only at apply time (${reasonOf(runtime)}).`);
    return runtimeOutcome(target, runtime, asString(runtime.value) ?? '', params.deprecatedLambdaRuntimes, today);
  },
  examples: {
    terraform: {
      bad: ['resource "aws_ecr_repository" "api" {\n  name                 = "patient-api"\n  image_tag_mutability = "IMMUTABLE"\n}\n'],
      good: [
        'resource "aws_ecr_repository" "api" {\n  name                 = "patient-api"\n  image_tag_mutability = "IMMUTABLE"\n\n  image_scanning_configuration {\n    scan_on_push = true\n  }\n}\n',
      ],
    },
  },
});
