import type { Resource } from '../../../model/resource.js';
import { defineRule, fail, pass, type Outcome } from '../../define-rule.js';
import { requireOneOf } from '../judge-setting.js';

export default defineRule<Resource>({
  id: 'aws-sagemaker-notebook-no-direct-internet',
  title: 'SageMaker notebooks have no direct internet access, run in a VPC and deny root',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.308(a)(3)(i)', '164.312(e)(1)'],
  kind: 'attr',
  why: 'Notebooks routinely load ePHI for analysis; direct internet access gives an easy exfiltration path, and root access lets any user change the instance\'s security settings.',
  howToFix: 'Set direct_internet_access = "Disabled", subnet_id (and security_groups) to a private subnet, and root_access = "Disabled".',
  links: ['https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html'],
  references: {
    awsConfig: ['sagemaker-notebook-no-direct-internet-access', 'sagemaker-notebook-instance-inside-vpc'],
    checkov: ['CKV_AWS_122', 'CKV_AWS_306', 'CKV_AWS_307'],
  },
  targets: (model) => model.ofType('aws_sagemaker_notebook_instance'),
  check(notebook) {
    const subnet = notebook.attributes.get('subnet_id');
    // SageMaker takes direct_internet_access = "Disabled" only for a notebook in one of your subnets
    // (the provider documents it as requiring subnet_id and security_groups): written on a notebook
    // without them, the fix left a configuration that plans but fails at apply. It is offered only
    // where both are set; elsewhere the finding says what to add.
    const inVpc = subnet !== undefined && notebook.attributes.get('security_groups') !== undefined;
    const outcomes: Outcome[] = [
      requireOneOf(notebook.address, notebook, 'direct_internet_access', ['Disabled'], {
        providerDefault: 'Enabled',
        consequence: 'the notebook can reach, and be reached from, the internet outside your VPC controls',
        ...(inVpc ? { fix: { description: 'Disable direct internet access (the notebook will be replaced)', safety: 'unsafe' as const, fixValue: '"Disabled"' } } : {}),
      }),
      requireOneOf(notebook.address, notebook, 'root_access', ['Disabled'], {
        providerDefault: 'Enabled',
        consequence: 'notebook users get root on the instance',
        fix: { description: 'Disable root access', safety: 'safe', fixValue: '"Disabled"' },
      }),
    ];
    outcomes.push(subnet ? pass(subnet) : fail(notebook, { message: `${notebook.address} does not set subnet_id, so it does not run inside your VPC.` }));
    return outcomes;
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_sagemaker_notebook_instance" "research" {\n  name                   = "research"\n  role_arn               = "arn:aws:iam::123456789012:role/sagemaker"\n  instance_type          = "ml.t3.medium"\n  subnet_id              = "subnet-0123456789abcdef0"\n  security_groups        = ["sg-0123456789abcdef0"]\n  direct_internet_access = "Enabled"\n  root_access            = "Disabled"\n}\n',
      ],
      good: [
        'resource "aws_sagemaker_notebook_instance" "research" {\n  name                   = "research"\n  role_arn               = "arn:aws:iam::123456789012:role/sagemaker"\n  instance_type          = "ml.t3.medium"\n  subnet_id              = "subnet-0123456789abcdef0"\n  security_groups        = ["sg-0123456789abcdef0"]\n  direct_internet_access = "Disabled"\n  root_access            = "Disabled"\n}\n',
      ],
    },
  },
});
