import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { asString, blockOf, blocksOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf, requireBoolean, requireOneOf } from '../judge-setting.js';

interface Params {
  /** Lambda runtimes past their deprecation date (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html). */
  readonly deprecatedLambdaRuntimes: readonly string[];
  /** The oldest EKS Kubernetes version still in standard support. */
  readonly minimumEksVersion: string;
  [key: string]: string | readonly string[];
}

/** A registry-level scanning rule (enhanced or basic scan-on-push for all repositories) covers every repository. */
function registryScans(model: InfraModel): boolean {
  return model.ofType('aws_ecr_registry_scanning_configuration').some((c) => {
    if (asString(c.attributes.get('scan_type')?.value) === 'ENHANCED') return true;
    return blocksOf(c, 'rule').some((r) => ['SCAN_ON_PUSH', 'CONTINUOUS_SCAN'].includes(asString(r.attributes.get('scan_frequency')?.value) ?? ''));
  });
}

function versionParts(v: string): number[] {
  return v.split('.').map((p) => Number(p));
}

function olderThan(version: string, minimum: string): boolean {
  const [a1 = 0, a2 = 0] = versionParts(version);
  const [b1 = 0, b2 = 0] = versionParts(minimum);
  return a1 < b1 || (a1 === b1 && a2 < b2);
}

function ecrOutcomes(model: InfraModel, repo: Resource): Outcome[] {
  const outcomes: Outcome[] = [];
  const scanning = blockOf(repo, 'image_scanning_configuration');
  if (!registryScans(model)) {
    if (!scanning) {
      outcomes.push(
        fail(repo, {
          message: `${repo.address} has no image_scanning_configuration, so images are not scanned for vulnerabilities on push.`,
          fix: { description: 'Scan images on push', safety: 'safe', terraform: (edit) => edit.insertBlock(repo.span, 'image_scanning_configuration {\n  scan_on_push = true\n}') },
        }),
      );
    } else {
      outcomes.push(
        requireBoolean(repo.address, scanning, 'scan_on_push', true, {
          providerDefault: false,
          label: 'image_scanning_configuration.scan_on_push',
          consequence: 'images are not scanned for vulnerabilities on push',
          fix: { description: 'Scan images on push', safety: 'safe', fixValue: 'true' },
        }),
      );
    }
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
  links: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html', 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html'],
  references: {
    awsConfig: ['ecr-private-image-scanning-enabled', 'ecr-private-tag-immutability-enabled', 'eks-cluster-supported-version', 'lambda-function-settings-check'],
    checkov: ['CKV_AWS_163', 'CKV_AWS_51', 'CKV_AWS_339', 'CKV_AWS_363'],
    trivy: ['AVD-AWS-0030', 'aws-ecr-enable-image-scans', 'AVD-AWS-0031', 'aws-ecr-enforce-immutable-repository'],
  },
  params: {
    deprecatedLambdaRuntimes: [
      'nodejs', 'nodejs4.3', 'nodejs4.3-edge', 'nodejs6.10', 'nodejs8.10', 'nodejs10.x', 'nodejs12.x', 'nodejs14.x', 'nodejs16.x', 'nodejs18.x',
      'python2.7', 'python3.6', 'python3.7', 'python3.8', 'python3.9',
      'java8', 'dotnetcore1.0', 'dotnetcore2.0', 'dotnetcore2.1', 'dotnetcore3.1', 'dotnet5.0', 'dotnet6', 'dotnet7',
      'ruby2.5', 'ruby2.7', 'ruby3.2', 'go1.x', 'provided',
    ],
    minimumEksVersion: '1.31',
  },
  targets: (model) => [...model.ofType('aws_ecr_repository'), ...model.ofType('aws_eks_cluster'), ...model.ofType('aws_lambda_function')],
  check(target, { model, params }): Outcome | Outcome[] {
    if (target.type === 'aws_ecr_repository') {
      const outcomes = ecrOutcomes(model, target);
      const notPassing = outcomes.filter((o) => o.status !== 'pass');
      return notPassing.length > 0 ? notPassing : outcomes.slice(0, 1);
    }
    if (target.type === 'aws_eks_cluster') {
      const version = target.attributes.get('version');
      if (!version) return pass(target); // AWS creates new clusters on the latest version
      if (isApplyTime(version)) return unknown(version, `${target.address}: the Kubernetes version is known only at apply time (${reasonOf(version)}).`);
      const v = asString(version.value) ?? '';
      if (!olderThan(v, params.minimumEksVersion)) return pass(version);
      return fail(version, { message: `${target.address} runs Kubernetes ${v}, older than ${params.minimumEksVersion}, which is out of standard support and no longer gets regular security fixes.` });
    }
    const runtime = target.attributes.get('runtime');
    if (!runtime) return pass(target); // container-image functions have no managed runtime
    if (isApplyTime(runtime)) return unknown(runtime, `${target.address}: the runtime is known only at apply time (${reasonOf(runtime)}).`);
    const r = asString(runtime.value) ?? '';
    if (!params.deprecatedLambdaRuntimes.includes(r)) return pass(runtime);
    return fail(runtime, { message: `${target.address} uses the deprecated runtime ${r}, which no longer receives security patches.` });
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
