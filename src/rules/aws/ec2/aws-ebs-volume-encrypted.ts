import type { InfraModel } from '../../../model/infra-model.js';
import type { ModelBody, NestedBlock, Resource } from '../../../model/resource.js';
import { asBoolean, attr, attrOr, blocksOf, isUnresolved } from '../../../model/read.js';
import type { Sourced } from '../../../model/sourced.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';
import { phiCustomerKeyOutcome } from '../kms/phi-customer-key.js';
import { regionKey, sameRegion } from '../region.js';
import { weakMemo } from '../../../util/weak-memo.js';
import { ofTypeFor } from '../account.js';
import { judgedOnAll } from '../linked.js';
import { launchTemplateOf } from './launch-template.js';
import { EC2_LAUNCH_READS } from '../across-roots-types.js';

const TYPES = ['aws_ebs_volume', 'aws_instance', 'aws_launch_configuration', 'aws_launch_template'];

interface RegionalSetting {
  readonly setting: Resource;
  /** false: whether it is in the resource's region is not known. */
  readonly sure: boolean;
}

/**
 * The setting among `settings` (one account's, per account and region) that applies in `resource`'s
 * region: one in that region, else one whose region may be it. Every volume, instance and template
 * asks it, and all in one region get one answer (regionKey): it is looked up once per settings list
 * (a model's or an account view's, kept as long as the model) and region.
 */
function settingInRegion(memo: WeakMap<readonly Resource[], Map<string, RegionalSetting | undefined>>, settings: readonly Resource[], resource: Resource): RegionalSetting | undefined {
  if (settings.length === 0) return undefined;
  let byRegion = memo.get(settings);
  if (byRegion === undefined) memo.set(settings, (byRegion = new Map()));
  const key = regionKey(resource);
  if (byRegion.has(key)) return byRegion.get(key);
  const covering = settings.find((r) => sameRegion(r, resource) === true);
  const maybe = covering === undefined ? settings.find((r) => sameRegion(r, resource) === 'unknown') : undefined;
  const found = covering !== undefined ? { setting: covering, sure: true } : maybe !== undefined ? { setting: maybe, sure: false } : undefined;
  byRegion.set(key, found);
  return found;
}

const enabledSettings = new WeakMap<readonly Resource[], readonly Resource[]>();
const byDefaultMemo = new WeakMap<readonly Resource[], Map<string, RegionalSetting | undefined>>();
const defaultKeyMemo = new WeakMap<readonly Resource[], Map<string, RegionalSetting | undefined>>();

/** The aws_ebs_encryption_by_default resource that turns default encryption on, if the scan has one. */
function encryptionByDefault(model: InfraModel, resource: Resource): RegionalSetting | undefined {
  // The setting is per account and region ("for your account in the current Region"): one for another region, or
  // another AWS account (account.ts), covers nothing here.
  const declared = ofTypeFor(model, resource, 'aws_ebs_encryption_by_default');
  const enabled = weakMemo(enabledSettings, declared, () => declared.filter((r) => asBoolean(attrOr(r, 'enabled', true).value) === true));
  return settingInRegion(byDefaultMemo, enabled, resource);
}

/**
 * The aws_ebs_default_kms_key of the volume's account and region, if the scan has one: a volume
 * encrypted without kms_key_id (by encrypted = true or by encryption by default) takes "the KMS key
 * that you specified for EBS encryption by default", aws/ebs when none is set
 * (https://docs.aws.amazon.com/ebs/latest/userguide/work-with-ebs-encr.html#default-kms-key).
 */
function defaultKmsKey(model: InfraModel, resource: Resource): RegionalSetting | undefined {
  return settingInRegion(defaultKeyMemo, ofTypeFor(model, resource, 'aws_ebs_default_kms_key'), resource);
}

interface Device {
  readonly label: string; // 'root_block_device', 'ebs_block_device "/dev/sdf"', 'the volume'
  readonly body: ModelBody;
  readonly encrypted: Sourced;
  readonly kmsKey: Sourced | undefined;
  readonly fromSnapshot: boolean;
  /** An instance root volume its launch template may map, the template not being in the scan. */
  readonly fromTemplateElsewhere?: boolean;
  /**
   * The launch templates the instance takes one of (which one known only at apply time), and its
   * launch_template block: its root volume is each one's, judged on them all (linked.ts judgedOnAll).
   */
  readonly fromTemplateOneOf?: { readonly templates: readonly Resource[]; readonly block: NestedBlock };
}

// The usual root device names (Amazon Linux /dev/xvda, most others /dev/sda1): a launch template
// mapping under one of them configures the instance's root volume, any other adds a volume.
const ROOT_DEVICE_NAMES = new Set(['/dev/xvda', '/dev/sda1']);

function deviceOf(label: string, body: ModelBody): Device {
  return { label, body, encrypted: attrOr(body, 'encrypted', false), kmsKey: attr(body, 'kms_key_id'), fromSnapshot: attr(body, 'snapshot_id') !== undefined };
}

function named(body: ModelBody, kind: string): string {
  const name = attr(body, 'device_name')?.value;
  return typeof name === 'string' ? `${kind} "${name}"` : kind;
}

/**
 * The root volume of an instance without root_block_device that launches from a declared template:
 * the template's mapping of the root device, which the instance inherits (the provider sends no
 * mapping the instance leaves out). Undefined when the template maps no root device.
 */
function templateRoot(model: InfraModel, instance: Resource): Device | 'elsewhere' | { readonly oneOf: Device['fromTemplateOneOf'] } | undefined {
  const launchTemplate = launchTemplateOf(model, instance);
  if (launchTemplate.kind === 'elsewhere') return 'elsewhere';
  if (launchTemplate.kind === 'none') return undefined;
  // One of several templates, which one known only at apply time: the root volume is judged on each.
  if (launchTemplate.kind === 'oneOf') return { oneOf: { templates: launchTemplate.templates, block: launchTemplate.block } };
  return rootOfTemplate(launchTemplate.template);
}

/** An instance's root volume when it declares none and launches from `template` (or from none: undefined). */
function inheritedRoot(resource: Resource, template: Resource | undefined): Device {
  const mapped = template === undefined ? undefined : rootOfTemplate(template);
  return mapped ?? { label: 'root_block_device', body: resource, encrypted: attrOr(resource, 'root_block_device.encrypted', false), kmsKey: undefined, fromSnapshot: false };
}

function rootOfTemplate(template: Resource): Device | undefined {
  for (const mapping of blocksOf(template, 'block_device_mappings')) {
    const name = attr(mapping, 'device_name')?.value;
    const ebs = blocksOf(mapping, 'ebs')[0];
    if (ebs && typeof name === 'string' && ROOT_DEVICE_NAMES.has(name)) return deviceOf(`root_block_device (from ${template.address} ${named(mapping, 'block_device_mappings')})`, ebs);
  }
  return undefined;
}

function devicesOf(model: InfraModel, resource: Resource): Device[] {
  switch (resource.type) {
    case 'aws_ebs_volume':
      return [deviceOf('the volume', resource)];
    case 'aws_launch_template':
      return blocksOf(resource, 'block_device_mappings').flatMap((mapping) =>
        blocksOf(mapping, 'ebs').map((ebs) => deviceOf(`${named(mapping, 'block_device_mappings')} ebs`, ebs)),
      );
    default: {
      const root = blocksOf(resource, 'root_block_device')[0];
      const inherited = !root && resource.type === 'aws_instance' ? templateRoot(model, resource) : undefined;
      const rootDevice =
        root ? deviceOf('root_block_device', root)
        : inherited !== undefined && inherited !== 'elsewhere' && !('oneOf' in inherited) ? inherited
        : {
            ...inheritedRoot(resource, undefined),
            fromTemplateElsewhere: inherited === 'elsewhere',
            ...(inherited !== undefined && inherited !== 'elsewhere' && inherited.oneOf !== undefined ? { fromTemplateOneOf: inherited.oneOf } : {}),
          };
      return [rootDevice, ...blocksOf(resource, 'ebs_block_device').map((b) => deviceOf(named(b, 'ebs_block_device'), b))];
    }
  }
}

export default defineRule<Resource>({
  id: 'aws-ebs-volume-encrypted',
  title: 'EBS volumes and block-device mappings are encrypted',
  severity: 'high',
  controls: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)', '164.310(d)(1)'],
  kind: 'attr',
  why: 'An unencrypted EBS volume, and every snapshot taken of it, holds ePHI in clear for anyone who can attach or share the snapshot.',
  howToFix:
    'Set encrypted = true (with kms_key_id naming a customer-managed key for PHI) on aws_ebs_volume, on root_block_device/ebs_block_device of instances and launch configurations, and on block_device_mappings.ebs of launch templates; or enable aws_ebs_encryption_by_default.',
  links: ['https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html'],
  references: {
    awsConfig: ['encrypted-volumes', 'ec2-launch-templates-ebs-volume-encrypted'],
    checkov: ['CKV_AWS_3', 'CKV_AWS_8', 'CKV2_AWS_2', 'CKV_AWS_189'],
    trivy: [
      'AVD-AWS-0026',
      'aws-ec2-enable-volume-encryption',
      'AVD-AWS-0131',
      'aws-ec2-enable-at-rest-encryption',
      'AVD-AWS-0008',
      'aws-ec2-enable-launch-config-at-rest-encryption',
      'AVD-AWS-0027',
      'aws-ec2-volume-encryption-customer-key',
    ],
  },
  // A launch template without block_device_mappings takes the AMI's mappings: nothing to judge here.
  targets: (model) => TYPES.flatMap((type) => model.ofType(type)).filter((r) => devicesOf(model, r).length > 0),
  check(resource, { model }) {
    const byDefault = encryptionByDefault(model, resource);
    const defaultKey = defaultKmsKey(model, resource);
    const outcomes: Outcome[] = [];
    for (const device of devicesOf(model, resource)) {
      const oneOf = device.fromTemplateOneOf;
      // One of several launch templates: passes when every one gives an encrypted root volume, fails
      // when none does, and is unknown only when they differ (it was unknown whenever one mapped it).
      if (oneOf !== undefined) outcomes.push(...judgedOnAll(oneOf.templates, (t) => judge(inheritedRoot(resource, t)), oneOf.block, `${resource.address}: the launch template its root volume comes from`));
      else outcomes.push(...judge(device));
    }
    return outcomes;

    /** For a PHI volume, whether it is encrypted with a customer-managed key: its own kms_key_id, else the account's default EBS key. */
    function phiKey(device: Device, what: string): Outcome | undefined {
      const own = device.kmsKey;
      if ((own !== undefined && own.value !== null && own.value !== '') || defaultKey === undefined) return phiCustomerKeyOutcome(model, resource, own, 'kms_key_id', device.body.span);
      const keyArn = attr(defaultKey.setting, 'key_arn');
      const judged = phiCustomerKeyOutcome(model, resource, keyArn, `the account's default EBS key (${defaultKey.setting.address} key_arn)`, device.body.span);
      if (defaultKey.sure || judged === undefined || judged.status !== 'pass') return judged;
      return unknown(device.body, `${what} does not set kms_key_id; ${defaultKey.setting.address} makes a customer-managed key the default EBS key, but whether in this volume's region is not known.`);
    }

    function judge(device: Device): Outcome[] {
      const outcomes: Outcome[] = [];
      const encrypted = device.encrypted;
      const what = device.label === 'the volume' ? resource.address : `${resource.address} ${device.label}`;
      if (isUnresolved(encrypted)) {
        outcomes.push(unknown(encrypted, `${what}: encryption depends on ${applyTimeReason(encrypted)}.`));
        return outcomes;
      }
      const on = asBoolean(encrypted.value);
      if (on === true) {
        outcomes.push(pass(encrypted, `${what} is encrypted.`));
        const cmk = phiKey(device, what);
        if (cmk) outcomes.push(cmk);
        return outcomes;
      }
      if (encrypted.provenance === 'default' && byDefault) {
        outcomes.push(
          byDefault.sure
            ? pass(encrypted, `${what} does not set encrypted, but ${byDefault.setting.address} turns on EBS encryption by default.`)
            : unknown(encrypted, `${what} does not set encrypted; ${byDefault.setting.address} turns on EBS encryption by default, but whether in this volume's region is not known.`),
        );
        // Encrypted by default, a PHI volume still needs a customer-managed key: its own or the account's default EBS key (aws/ebs when none).
        const cmk = byDefault.sure ? phiKey(device, what) : undefined;
        if (cmk) outcomes.push(cmk);
        return outcomes;
      }
      if (encrypted.provenance === 'default' && device.fromTemplateElsewhere) {
        outcomes.push(unknown(encrypted, `${what} is not declared and the instance launches from a launch template not in the scanned code, which may map an encrypted root volume.`));
        return outcomes;
      }
      if (encrypted.provenance === 'default' && device.fromSnapshot) {
        outcomes.push(unknown(encrypted, `${what} does not set encrypted, so it inherits the encryption of its snapshot, which is not visible here.`));
        return outcomes;
      }
      const missingRoot = device.body === resource && resource.type !== 'aws_ebs_volume';
      outcomes.push(
        fail(encrypted, {
          message:
            encrypted.provenance === 'default'
              ? `${what} does not set encrypted, so ${missingRoot ? 'the root volume is encrypted only if the AMI snapshot is' : 'it is unencrypted'}.`
              : `${what} sets encrypted to false.`,
          fix: {
            description: missingRoot ? 'Declare an encrypted root volume (Terraform replaces the instance)' : 'Encrypt the volume (Terraform replaces it)',
            safety: 'unsafe',
            terraform: (edit) =>
              missingRoot ? edit.insertBlock(resource.span, 'root_block_device {\n  encrypted = true\n}') : edit.setAttribute(device.body.span, 'encrypted', 'true'),
          },
        }),
      );
      return outcomes;
    }
  },
  acrossRoots: {
    why: 'EBS encryption by default, set in any stack of the account and region, covers every volume there',
    reads: [...EC2_LAUNCH_READS, 'aws_ebs_default_kms_key', 'aws_ebs_encryption_by_default', 'aws_ebs_volume'],
  },
  examples: {
    terraform: {
      bad: ['resource "aws_ebs_volume" "data" {\n  availability_zone = "us-east-1a"\n  size              = 100\n}\n'],
      good: [
        'resource "aws_ebs_volume" "data" {\n  availability_zone = "us-east-1a"\n  size              = 100\n  encrypted         = true\n}\n',
        'resource "aws_instance" "app" {\n  ami           = "ami-0abcdef1234567890"\n  instance_type = "t3.micro"\n\n  root_block_device {\n    encrypted = true\n  }\n}\n',
      ],
    },
  },
});
