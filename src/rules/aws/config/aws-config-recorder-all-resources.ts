import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { asBoolean, blockOf, blocksOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome, type Subject } from '../../define-rule.js';
import { accountBaselineInScope, accountScope, baselineWords, subjectsLacking } from '../account-baseline.js';
import { isApplyTime, reasonOf, requireBoolean } from '../judge-setting.js';
import { BASELINE_READS } from '../across-roots-types.js';

/** True when the recorder explicitly records global resource types (IAM users, roles, policies). */
function recordsGlobalTypes(recorder: Resource): boolean {
  const value = blockOf(recorder, 'recording_group')?.attributes.get('include_global_resource_types');
  return value !== undefined && !isApplyTime(value) && asBoolean(value.value) === true;
}

/**
 * Another recorder of the same root module (so the same account and configuration) that records
 * global resource types. Every recorder that includes them writes identical configuration items,
 * and AWS advises "customizing AWS Config in only one region to record global resources"
 * (RecordingGroup, https://docs.aws.amazon.com/config/latest/APIReference/API_RecordingGroup.html;
 * https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html), so a
 * second-region recorder without them is correct when one recorder records them.
 */
function globalTypesRecordedBy(model: InfraModel, recorder: Resource): Resource | undefined {
  return model.ofType('aws_config_configuration_recorder').find((r) => r !== recorder && r.root === recorder.root && recordsGlobalTypes(r));
}

function judgeRecorder(recorder: Resource, statusResources: readonly Resource[], hasDeliveryChannel: boolean, globalsElsewhere: Resource | undefined): Outcome[] {
  const outcomes: Outcome[] = [];
  const group = blockOf(recorder, 'recording_group');
  if (group) {
    outcomes.push(
      requireBoolean(recorder.address, group, 'all_supported', true, {
        providerDefault: true,
        label: 'recording_group.all_supported',
        consequence: 'changes to unlisted resource types are not recorded',
      }),
      globalsElsewhere
        ? pass(group)
        : requireBoolean(recorder.address, group, 'include_global_resource_types', true, {
            providerDefault: false,
            label: 'recording_group.include_global_resource_types',
            consequence: 'changes to IAM users, roles and policies are not recorded (and no other recorder in the configuration records them)',
            fix: { description: 'Record global resource types', safety: 'safe', fixValue: 'true' },
          }),
    );
  } else if (!globalsElsewhere) {
    outcomes.push(fail(recorder, { message: `${recorder.address} has no recording_group, so include_global_resource_types defaults to false and IAM changes are not recorded (and no other recorder in the configuration records them).` }));
  }
  const status = statusResources[0];
  if (!status) {
    outcomes.push(fail(recorder, { message: `${recorder.address} has no aws_config_configuration_recorder_status, so the recorder is never started.` }));
  } else {
    const enabled = status.attributes.get('is_enabled');
    if (enabled && isApplyTime(enabled)) outcomes.push(unknown(enabled, `${status.address}: is_enabled is known only at apply time (${reasonOf(enabled)}).`));
    else if (asBoolean(enabled?.value) !== true) outcomes.push(fail(enabled ?? status, { message: `${status.address} does not set is_enabled = true, so ${recorder.address} is stopped.` }));
  }
  if (!hasDeliveryChannel) outcomes.push(fail(recorder, { message: `${recorder.address} has no aws_config_delivery_channel, so recorded configuration is never delivered.` }));
  const notPassing = outcomes.filter((o) => o.status !== 'pass');
  if (notPassing.length === 0) return [pass(recorder)];
  const failures = notPassing.filter((o) => o.status === 'fail');
  if (failures.length <= 1) return notPassing;
  // One finding per recorder: the first failure, naming the others.
  const [first, ...rest] = failures as Extract<Outcome, { status: 'fail' }>[];
  return [fail({ span: first!.span }, { message: [first!.message, ...rest.map((r) => r.message)].join(' ') })];
}

export default defineRule<Subject>({
  id: 'aws-config-recorder-all-resources',
  title: 'AWS Config records all resources, runs and delivers',
  severity: 'medium',
  controls: ['164.308(a)(1)(ii)(A)', '164.308(a)(8)', '164.308(a)(1)(ii)(D)'],
  kind: 'presence',
  why: 'The configuration history AWS Config keeps is the evidence for risk analysis and periodic evaluation; a recorder that skips resource types, is stopped or never delivers leaves gaps in it.',
  howToFix:
    'Declare aws_config_configuration_recorder with recording_group { all_supported = true, include_global_resource_types = true } (global types in one recorder only when recording several Regions), an aws_config_delivery_channel, and aws_config_configuration_recorder_status { is_enabled = true }; aggregators should use all_regions = true.',
  links: ['https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html'],
  references: { checkov: ['CKV2_AWS_45', 'CKV2_AWS_48', 'CKV_AWS_121'], trivy: ['AVD-AWS-0019', 'aws-config-aggregate-all-regions'] },
  targets(model) {
    const recorders = model.ofType('aws_config_configuration_recorder');
    const aggregators = model.ofType('aws_config_configuration_aggregator');
    // And each AWS account that declares none (account-baseline.ts): one account's recorder does not record another's resources.
    return [...recorders, ...subjectsLacking(model, ['aws_config_configuration_recorder']), ...aggregators];
  },
  check(target, { model }): Outcome | Outcome[] {
    if (target.type === 'aws_config_configuration_aggregator') {
      const aggregator = target as Resource;
      const source = [...blocksOf(aggregator, 'account_aggregation_source'), ...blocksOf(aggregator, 'organization_aggregation_source')][0];
      if (!source) return pass(aggregator);
      return requireBoolean(aggregator.address, source, 'all_regions', true, {
        providerDefault: false,
        label: 'all_regions',
        consequence: 'configuration in other regions is not aggregated',
        fix: { description: 'Aggregate all regions', safety: 'safe', fixValue: 'true' },
      });
    }
    if (target.type !== 'aws_config_configuration_recorder') {
      if (!accountBaselineInScope(accountScope(model, target))) return unknown(target, `Not evidenced: ${baselineWords(target)} is not in the scanned scope, so AWS Config cannot be judged.`);
      return fail(target, { message: `${baselineWords(target, true)} declares no aws_config_configuration_recorder, so resource configuration changes are not recorded.` });
    }
    const recorder = target as Resource;
    const statuses = model.related(recorder, 'aws_config_configuration_recorder_status');
    const status = statuses.length > 0 ? statuses : model.ofType('aws_config_configuration_recorder_status').length === 1 && model.ofType('aws_config_configuration_recorder').length === 1 ? model.ofType('aws_config_configuration_recorder_status') : [];
    // The channel, as the other recorder that records global types, of the recorder's own root module:
    // another stack's (another account's, often) delivers nothing for this recorder.
    const delivers = model.ofType('aws_config_delivery_channel').some((c) => c.root === recorder.root);
    return judgeRecorder(recorder, status, delivers, globalTypesRecordedBy(model, recorder));
  },
  acrossRoots: {
    why: 'an account\'s recorder, its status and delivery channel may each be in any of its stacks',
    reads: [...BASELINE_READS, 'aws_config_configuration_aggregator', 'aws_config_configuration_recorder_status', 'aws_config_delivery_channel'],
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_config_configuration_recorder" "main" {\n  name     = "main"\n  role_arn = "arn:aws:iam::123456789012:role/config"\n}\n\nresource "aws_config_delivery_channel" "main" {\n  name           = "main"\n  s3_bucket_name = "config-history"\n  depends_on     = [aws_config_configuration_recorder.main]\n}\n\nresource "aws_config_configuration_recorder_status" "main" {\n  name       = aws_config_configuration_recorder.main.name\n  is_enabled = true\n  depends_on = [aws_config_delivery_channel.main]\n}\n',
      ],
      good: [
        'resource "aws_config_configuration_recorder" "main" {\n  name     = "main"\n  role_arn = "arn:aws:iam::123456789012:role/config"\n\n  recording_group {\n    all_supported                 = true\n    include_global_resource_types = true\n  }\n}\n\nresource "aws_config_delivery_channel" "main" {\n  name           = "main"\n  s3_bucket_name = "config-history"\n  depends_on     = [aws_config_configuration_recorder.main]\n}\n\nresource "aws_config_configuration_recorder_status" "main" {\n  name       = aws_config_configuration_recorder.main.name\n  is_enabled = true\n  depends_on = [aws_config_delivery_channel.main]\n}\n',
      ],
    },
  },
});
