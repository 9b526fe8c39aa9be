import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from './aws-ebs-volume-encrypted.js';
import type { AnyRule } from '../../define-rule.js';
import { runRuleOn, testRule } from '../../../testing/rule-tester.js';

const templateRoot = (encrypted: string): string => `resource "aws_launch_template" "app" {\n  image_id = "ami-0123456789abcdef0"\n  block_device_mappings {\n    device_name = "/dev/xvda"\n    ebs {\n      encrypted   = ${encrypted}\n      volume_size = 20\n    }\n  }\n}\n`;
// Launch templates a and b mapping the root device with encrypted `a` and `b`, and an instance taking
// one of them at a position known only at apply time.
// `bDevice`: the device b maps (not the root device: the instance's root volume is then the AMI's).
const oneOfTwo = (a: string, b: string, bDevice = '/dev/xvda'): string =>
  `variable "i" {\n  type = number\n}\n${['a', 'b'].map((t) => `resource "aws_launch_template" "${t}" {\n  name_prefix = "${t}-"\n  block_device_mappings {\n    device_name = "${t === 'a' ? '/dev/xvda' : bDevice}"\n    ebs {\n      encrypted = ${t === 'a' ? a : b}\n    }\n  }\n}\n`).join('')}resource "aws_instance" "app" {\n  instance_type = "t3.micro"\n  launch_template {\n    id = element([aws_launch_template.a.id, aws_launch_template.b.id], var.i)\n  }\n}\n`;
const instanceFromTemplate = 'resource "aws_instance" "app" {\n  launch_template {\n    id      = aws_launch_template.app.id\n    version = "$Latest"\n  }\n}\n';

testRule(rule, {
  pass: [
    { name: 'account default encryption covers a volume without the flag', terraform: 'resource "aws_ebs_encryption_by_default" "on" {\n  enabled = true\n}\n\nresource "aws_ebs_volume" "data" {\n  availability_zone = "us-east-1a"\n  size              = 10\n}\n' },
    {
      name: 'launch template mapping encrypted (string "true")',
      terraform: 'resource "aws_launch_template" "app" {\n  name_prefix = "app"\n  block_device_mappings {\n    device_name = "/dev/xvda"\n    ebs {\n      encrypted = "true"\n    }\n  }\n}\n',
    },
    {
      name: 'PHI volume with a customer-managed key',
      terraform: 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n\nresource "aws_ebs_volume" "data" {\n  availability_zone = "us-east-1a"\n  size              = 10\n  encrypted         = true\n  kms_key_id        = aws_kms_key.k.arn\n  tags              = { DataClassification = "phi" }\n}\n',
    },
    { name: 'instance takes its root volume from its launch template', terraform: `${templateRoot('true')}${instanceFromTemplate}` },
    {
      name: 'PHI volume without kms_key_id takes the account\'s customer-managed default EBS key',
      terraform:
        'resource "aws_kms_key" "ebs" {\n  enable_key_rotation = true\n}\n\nresource "aws_ebs_default_kms_key" "this" {\n  key_arn = aws_kms_key.ebs.arn\n}\n\n' +
        'resource "aws_ebs_volume" "data" {\n  availability_zone = "us-east-1a"\n  size              = 10\n  encrypted         = true\n  tags              = { DataClassification = "phi" }\n}\n',
    },
    { name: 'instance takes one of two launch templates, both mapping an encrypted root volume', terraform: oneOfTwo('true', 'true') },
  ],
  fail: [
    { name: 'instance inherits an unencrypted root mapping from its launch template', terraform: `${templateRoot('false')}${instanceFromTemplate}`, findings: [{ line: 6, message: /aws_instance\.app root_block_device \(from aws_launch_template\.app .* sets encrypted to false/ }, { line: 6, message: /aws_launch_template\.app block_device_mappings/ }] },
    {
      name: 'instance takes one of two launch templates, neither mapping an encrypted root volume',
      terraform: oneOfTwo('false', 'false'),
      findings: [{ line: 9, message: /aws_instance\.app root_block_device \(from aws_launch_template\.a .* sets encrypted to false/ }, { line: 9, message: /aws_launch_template\.a block_device_mappings/ }, { line: 18, message: /aws_launch_template\.b block_device_mappings/ }],
    },
    { name: 'encryption by default turned on in another region only (it is per region)', terraform: 'provider "aws" {\n  region = "us-east-1"\n}\nprovider "aws" {\n  alias  = "west"\n  region = "us-west-2"\n}\nresource "aws_ebs_encryption_by_default" "west" {\n  provider = aws.west\n  enabled  = true\n}\nresource "aws_ebs_volume" "east" {\n  availability_zone = "us-east-1a"\n  size              = 100\n}\n', findings: [{ line: 12, message: /does not set encrypted, so it is unencrypted/ }] },
    { name: 'encryption by default in the provider region, the volume in another by its own region argument (AWS provider v6)', terraform: 'provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_ebs_encryption_by_default" "this" {\n  enabled = true\n}\nresource "aws_ebs_volume" "eu" {\n  region            = "eu-west-1"\n  availability_zone = "eu-west-1a"\n  size              = 10\n}\n', findings: [{ line: 7, message: /does not set encrypted, so it is unencrypted/ }] },
    { name: 'instance without root_block_device points at the instance', terraform: 'resource "aws_instance" "app" {\n  ami           = "ami-0abcdef1234567890"\n  instance_type = "t3.micro"\n}\n', findings: [{ line: 1, column: 1, message: /root_block_device does not set encrypted/ }] },
    {
      name: 'unencrypted ebs_block_device on a launch configuration',
      terraform: 'resource "aws_launch_configuration" "app" {\n  image_id      = "ami-0abcdef1234567890"\n  instance_type = "t3.micro"\n  root_block_device {\n    encrypted = true\n  }\n  ebs_block_device {\n    device_name = "/dev/sdf"\n    encrypted   = false\n  }\n}\n',
      findings: [{ line: 9, message: /ebs_block_device "\/dev\/sdf" sets encrypted to false/ }],
    },
    {
      name: 'PHI volume encrypted by default, with no default EBS key (aws/ebs)',
      terraform: 'resource "aws_ebs_encryption_by_default" "on" {\n  enabled = true\n}\n\nresource "aws_ebs_volume" "data" {\n  availability_zone = "us-east-1a"\n  size              = 10\n  tags              = { DataClassification = "phi" }\n}\n',
      findings: [{ line: 5, message: /classified PHI but does not set kms_key_id/ }],
    },
    { name: 'PHI volume with the AWS-managed key', terraform: 'resource "aws_ebs_volume" "data" {\n  availability_zone = "us-east-1a"\n  size              = 10\n  encrypted         = true\n  tags              = { DataClassification = "phi" }\n}\n', findings: [{ line: 1, message: /classified PHI but does not set kms_key_id/ }] },
  ],
  unknown: [
    { name: 'instance takes one of two launch templates, one mapping an encrypted root volume and one no root volume (the AMI\'s)', terraform: oneOfTwo('true', 'true', '/dev/sdf') },
    { name: 'instance from a launch template not in the scan', terraform: 'variable "template_id" {\n  type = string\n}\nresource "aws_instance" "app" {\n  launch_template {\n    id = var.template_id\n  }\n}\n' },
    { name: 'encryption by default in a known region, the volume in one not known', terraform: 'variable "region" {}\nprovider "aws" {\n  region = var.region\n}\nprovider "aws" {\n  alias  = "west"\n  region = "us-west-2"\n}\nresource "aws_ebs_encryption_by_default" "west" {\n  provider = aws.west\n}\nresource "aws_ebs_volume" "v" {\n  availability_zone = "us-east-1a"\n  size              = 10\n}\n' },
    { name: 'the volume sets its own region from a variable without a value: not the provider region', terraform: 'variable "region" {\n  type = string\n}\nprovider "aws" {\n  region = "us-east-1"\n}\nresource "aws_ebs_encryption_by_default" "this" {\n  enabled = true\n}\nresource "aws_ebs_volume" "v" {\n  region            = var.region\n  availability_zone = "x"\n  size              = 10\n}\n' },
    { name: 'encrypted from a variable without a value', terraform: 'variable "encrypted" {\n  type = bool\n}\n\nresource "aws_ebs_volume" "data" {\n  availability_zone = "us-east-1a"\n  size              = 10\n  encrypted         = var.encrypted\n}\n' },
    { name: 'volume restored from a snapshot inherits its encryption', terraform: 'resource "aws_ebs_volume" "data" {\n  availability_zone = "us-east-1a"\n  snapshot_id       = "snap-0123456789abcdef0"\n}\n' },
  ],
});

// The by-default setting is looked up once per settings list and region (settingInRegion): each
// volume must still get its own region's answer, and each model its own settings.
const twoRegions = 'provider "aws" {\n  region = "us-east-1"\n}\nprovider "aws" {\n  alias  = "west"\n  region = "us-west-2"\n}\n';
const volume = (name: string, west: boolean): string => `resource "aws_ebs_volume" "${name}" {\n${west ? '  provider          = aws.west\n' : ''}  availability_zone = "x"\n  size              = 10\n}\n`;
const statuses = (terraform: string): string[] => runRuleOn(rule as unknown as AnyRule, terraform).findings.map((f) => `${f.resource.address} ${f.status}`).sort();

test('encryption by default: volumes in two regions of one model each get their own region\'s answer', () => {
  const east = `${twoRegions}resource "aws_ebs_encryption_by_default" "on" {\n  enabled = true\n}\n${volume('a', false)}${volume('b', true)}${volume('c', false)}`;
  assert.deepEqual(statuses(east), ['aws_ebs_volume.a pass', 'aws_ebs_volume.b fail', 'aws_ebs_volume.c pass']);
  const west = `${twoRegions}resource "aws_ebs_encryption_by_default" "on" {\n  provider = aws.west\n  enabled  = true\n}\n${volume('a', false)}${volume('b', true)}${volume('c', false)}`;
  assert.deepEqual(statuses(west), ['aws_ebs_volume.a fail', 'aws_ebs_volume.b pass', 'aws_ebs_volume.c fail']);
});

test('encryption by default: models judged in turn each read their own settings', () => {
  const covered = `${twoRegions}resource "aws_ebs_encryption_by_default" "on" {\n  enabled = true\n}\n${volume('a', false)}`;
  const elsewhere = `${twoRegions}resource "aws_ebs_encryption_by_default" "on" {\n  provider = aws.west\n  enabled  = true\n}\n${volume('a', false)}`;
  assert.deepEqual(statuses(covered), ['aws_ebs_volume.a pass']);
  assert.deepEqual(statuses(elsewhere), ['aws_ebs_volume.a fail']);
  assert.deepEqual(statuses(covered), ['aws_ebs_volume.a pass']);
});
