import rule from './tf-module-source-pinned.js';
import { testRule } from '../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'bounded registry version when bounded is allowed', terraform: 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "~> 5.8"\n}\n', params: { registryVersion: 'bounded' } },
    { name: 'git tag when tags are allowed', terraform: 'module "vpc" {\n  source = "git::https://github.com/example-org/vpc.git?ref=v1.2.3"\n}\n', params: { allowGitTags: true } },
    { name: 'approved source prefix', terraform: 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.8.1"\n}\n', params: { approvedModuleSources: ['terraform-aws-modules/'] } },
  ],
  fail: [
    { name: 'registry module without a version', terraform: 'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n', findings: [{ line: 2, message: /without a version/ }] },
    { name: 'registry module with a range', terraform: 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "~> 5.8"\n}\n', findings: [{ line: 2, message: /not one exact version/ }] },
    { name: 'git module pinned to a tag', terraform: 'module "vpc" {\n  source = "git::https://github.com/example-org/vpc.git?ref=v1.2.3"\n}\n', findings: [{ line: 2, message: /the tag "v1.2.3"/ }] },
    { name: 'credentials in a source URL are not printed', terraform: 'module "vpc" {\n  source = "git::https://ci:Zk29qpLx7token@git.example.com/org/vpc.git?ref=main"\n}\n', findings: [{ line: 2, message: /^(?!.*Zk29qpLx7token)/ }] },
    { name: 'git module without ref', terraform: 'module "vpc" {\n  source = "github.com/example-org/vpc"\n}\n', findings: [{ line: 2, message: /without \?ref=/ }] },
    {
      name: 'unapproved source',
      terraform: 'module "vpc" {\n  source  = "someone-else/vpc/aws"\n  version = "1.0.0"\n}\n',
      params: { approvedModuleSources: ['terraform-aws-modules/'] },
      findings: [{ line: 2, message: /not on the approved module sources/ }],
    },
  ],
  unknown: [{ name: 'archive URL cannot be judged', terraform: 'module "vpc" {\n  source = "https://example.com/vpc-module.zip"\n}\n' }],
});
