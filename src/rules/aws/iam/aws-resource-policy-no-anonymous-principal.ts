import { resourceNamed } from '../../by-attribute.js';
import type { InfraModel } from '../../../model/infra-model.js';
import { asBoolean, nested } from '../../../model/read.js';
import type { Resource } from '../../../model/resource.js';
import { defineRule, pass } from '../../define-rule.js';
import { anonymousAllow, judgePolicy, unknownPrincipalVerdict, type PolicyStatement, type StatementVerdict } from './policy-statements.js';
import { linkedCandidates } from '../linked.js';

/** Resource types and the attribute that holds their resource policy. */
const POLICY_ATTRIBUTE: Readonly<Record<string, string>> = {
  aws_sqs_queue_policy: 'policy',
  aws_sqs_queue: 'policy',
  aws_sns_topic_policy: 'policy',
  aws_sns_topic: 'policy',
  aws_ecr_repository_policy: 'policy',
  aws_glacier_vault: 'access_policy',
  aws_secretsmanager_secret_policy: 'policy',
  aws_secretsmanager_secret: 'policy',
  aws_kms_key: 'policy',
  aws_kms_key_policy: 'policy',
  aws_efs_file_system_policy: 'policy',
  aws_backup_vault_policy: 'policy',
  aws_opensearch_domain: 'access_policies',
  aws_opensearch_domain_policy: 'access_policies',
  aws_elasticsearch_domain: 'access_policies',
  aws_elasticsearch_domain_policy: 'access_policies',
  // Resource policies of ePHI stores (provider 5.x): a table's or stream's policy open to "*" lets
  // any AWS account read its items or records.
  aws_dynamodb_resource_policy: 'policy',
  aws_kinesis_resource_policy: 'policy',
};

/**
 * An OpenSearch (or Elasticsearch) domain, or its separate policy's domains (linked, or named by
 * domain_name). Several when domain_name takes one of several (element([...], 1)) and which one is
 * not known: the fine-grained access control pass then needs every one of them to have it.
 */
function searchDomains(model: InfraModel, target: Resource): readonly Resource[] {
  if (target.type === 'aws_opensearch_domain' || target.type === 'aws_elasticsearch_domain') return [target];
  const type = target.type === 'aws_opensearch_domain_policy' ? 'aws_opensearch_domain' : target.type === 'aws_elasticsearch_domain_policy' ? 'aws_elasticsearch_domain' : undefined;
  if (type === undefined) return [];
  const linked = linkedCandidates(model, target, type, 'domain_name');
  if (linked.length > 0) return linked;
  const name = target.attributes.get('domain_name')?.value;
  // Domain names are per account and region: several stacks may name theirs alike; the policy's own root module's wins.
  const named = typeof name === 'string' ? resourceNamed(model, type, 'domain_name', name, target) : undefined;
  return named ? [named] : [];
}

function verdict(s: PolicyStatement, label: string): StatementVerdict {
  const anonymous = anonymousAllow(s);
  if (anonymous === true) {
    const actions = s.actions.length > 0 ? s.actions.join(', ') : `every action except ${s.notActions.join(', ')}`;
    return { kind: 'fail', message: `${label} allows ${actions} to any principal ("*") with no condition restricting the caller to fixed values.`, field: 'principals' };
  }
  if (anonymous === 'unknown') return unknownPrincipalVerdict(s, label);
  return { kind: 'ok' };
}

export default defineRule<Resource>({
  id: 'aws-resource-policy-no-anonymous-principal',
  title: 'Resource policies (SQS, SNS, ECR, Glacier, Secrets Manager, KMS, EFS, Backup, OpenSearch, DynamoDB, Kinesis) do not allow anyone',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.308(a)(4)(ii)(B)'],
  kind: 'attr',
  why: 'A queue, topic, secret, key, file system, backup vault, repository, search domain, table or stream policy that allows Principal "*" without a narrowing condition lets any AWS account read the ePHI messages, secrets, images, items or indexed records, or use the key to decrypt data.',
  howToFix:
    'Name specific account, role or service principals, or narrow Principal "*" with aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceArn/aws:SourceAccount or aws:SourceVpce conditions (for an OpenSearch domain, aws:SourceIp, or turn on fine-grained access control).',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html'],
  references: {
    checkov: ['CKV_AWS_168', 'CKV_AWS_169', 'CKV_AWS_167', 'CKV_AWS_32', 'CKV_AWS_33', 'CKV_AWS_72', 'CKV_AWS_387'],
    trivy: ['AVD-AWS-0032', 'aws-ecr-no-public-access', 'AVD-AWS-0097', 'aws-sqs-no-wildcards-in-policy-documents'],
  },
  targets: (model) => Object.entries(POLICY_ATTRIBUTE).flatMap(([type, attribute]) => model.ofType(type).filter((r) => r.attributes.has(attribute))),
  check(target, { model }) {
    const raw = target.attributes.get(POLICY_ATTRIBUTE[target.type] ?? 'policy');
    if (!raw) return pass(target);
    // With fine-grained access control on, OpenSearch authenticates every request itself, and AWS
    // documents an open domain policy (Principal "*") as the way to use it.
    const domains = searchDomains(model, target);
    const fineGrained = (domain: Resource): boolean => {
      const on = nested(domain, 'advanced_security_options', 'enabled');
      return on !== undefined && !('blocks' in on) && asBoolean(on.value) === true;
    };
    if (domains.length > 0 && domains.every(fineGrained)) return pass(raw, `${target.address}: ${domains.map((d) => d.address).join(', ')} ${domains.length > 1 ? 'authenticate' : 'authenticates'} callers with fine-grained access control.`);
    return judgePolicy(target.address, raw, verdict, `${target.address} allows no anonymous principal.`, { model, owner: target });
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_sqs_queue_policy" "intake" {\n  queue_url = "https://sqs.us-east-1.amazonaws.com/123456789012/intake"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = "*"\n      Action    = "sqs:SendMessage"\n      Resource  = "arn:aws:sqs:us-east-1:123456789012:intake"\n    }]\n  })\n}\n',
      ],
      good: [
        'resource "aws_sqs_queue_policy" "intake" {\n  queue_url = "https://sqs.us-east-1.amazonaws.com/123456789012/intake"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { Service = "sns.amazonaws.com" }\n      Action    = "sqs:SendMessage"\n      Resource  = "arn:aws:sqs:us-east-1:123456789012:intake"\n      Condition = { ArnEquals = { "aws:SourceArn" = "arn:aws:sns:us-east-1:123456789012:events" } }\n    }]\n  })\n}\n',
      ],
    },
  },
});
