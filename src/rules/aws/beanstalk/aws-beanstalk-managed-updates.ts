import type { NestedBlock, Resource } from '../../../model/resource.js';
import { asString, blocksOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';

function setting(env: Resource, namespace: string, name: string): NestedBlock | undefined {
  return blocksOf(env, 'setting').find(
    (s) => asString(s.attributes.get('namespace')?.value) === namespace && asString(s.attributes.get('name')?.value) === name,
  );
}

export default defineRule<Resource>({
  id: 'aws-beanstalk-managed-updates',
  title: 'Elastic Beanstalk environments apply managed platform updates',
  severity: 'low',
  controls: ['164.308(a)(1)(ii)(B)', '164.308(a)(5)(ii)(A)'],
  kind: 'attr',
  why: 'Managed platform updates install OS and runtime security patches in a weekly window; without them an application serving ePHI runs on an ageing, vulnerable platform.',
  howToFix:
    'Add setting blocks: namespace "aws:elasticbeanstalk:managedactions" name "ManagedActionsEnabled" value "true" (with PreferredStartTime), and namespace "aws:elasticbeanstalk:managedactions:platformupdate" name "UpdateLevel" value "minor" or "patch".',
  links: ['https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/environment-platform-update-managed.html'],
  references: { awsConfig: ['elastic-beanstalk-managed-updates-enabled'], checkov: ['CKV_AWS_340'] },
  targets: (model) => model.ofType('aws_elastic_beanstalk_environment'),
  check(env) {
    const enabled = setting(env, 'aws:elasticbeanstalk:managedactions', 'ManagedActionsEnabled');
    const value = enabled?.attributes.get('value');
    if (value && isApplyTime(value)) return unknown(value, `${env.address}: ManagedActionsEnabled is known only at apply time (${reasonOf(value)}).`);
    if ((asString(value?.value) ?? '').toLowerCase() !== 'true') {
      return fail(value ?? env, {
        message: value
          ? `${env.address} sets ManagedActionsEnabled to "${asString(value.value)}", so platform security updates are not applied automatically.`
          : `${env.address} does not enable managed actions (ManagedActionsEnabled defaults to false), so platform security updates are not applied automatically.`,
      });
    }
    const level = setting(env, 'aws:elasticbeanstalk:managedactions:platformupdate', 'UpdateLevel')?.attributes.get('value');
    if (level && isApplyTime(level)) return unknown(level, `${env.address}: UpdateLevel is known only at apply time (${reasonOf(level)}).`);
    if (!['minor', 'patch'].includes((asString(level?.value) ?? '').toLowerCase())) {
      return fail(level ?? value ?? env, { message: `${env.address} enables managed actions without an UpdateLevel of "minor" or "patch", so no platform update is applied.` });
    }
    return pass(value ?? env);
  },
  examples: {
    terraform: {
      bad: ['resource "aws_elastic_beanstalk_environment" "portal" {\n  name                = "portal"\n  application         = "patient-portal"\n  solution_stack_name = "64bit Amazon Linux 2023 v6.1.0 running Node.js 20"\n}\n'],
      good: [
        'resource "aws_elastic_beanstalk_environment" "portal" {\n  name                = "portal"\n  application         = "patient-portal"\n  solution_stack_name = "64bit Amazon Linux 2023 v6.1.0 running Node.js 20"\n\n  setting {\n    namespace = "aws:elasticbeanstalk:managedactions"\n    name      = "ManagedActionsEnabled"\n    value     = "true"\n  }\n\n  setting {\n    namespace = "aws:elasticbeanstalk:managedactions"\n    name      = "PreferredStartTime"\n    value     = "Sun:02:00"\n  }\n\n  setting {\n    namespace = "aws:elasticbeanstalk:managedactions:platformupdate"\n    name      = "UpdateLevel"\n    value     = "minor"\n  }\n}\n',
      ],
    },
  },
});
