import rule from './aws-ec2-ami-not-public.js';
import { testRule } from '../../../testing/rule-tester.js';

const provider = (region: string, alias?: string): string => `provider "aws" {\n  region = "${region}"\n${alias ? `  alias  = "${alias}"\n` : ''}}\n`;
const publicShare = 'resource "aws_ami_launch_permission" "app" {\n  image_id = "ami-0123456789abcdef0"\n  group    = "all"\n}\n';
const blockNewSharing = (providerRef = ''): string => `resource "aws_ec2_image_block_public_access" "ami" {\n${providerRef}  state = "block-new-sharing"\n}\n`;
const distribution = (permission: string, extra = ''): string =>
  `resource "aws_imagebuilder_distribution_configuration" "d" {\n  name = "d"\n  distribution {\n    region = "us-east-1"\n    ami_distribution_configuration {\n${extra}      launch_permission {\n${permission}      }\n    }\n  }\n}\n`;

testRule(rule, {
  pass: [
    { name: 'shared with an organization', terraform: 'resource "aws_ami_launch_permission" "app" {\n  image_id         = "ami-0123456789abcdef0"\n  organization_arn = "arn:aws:organizations::123456789012:organization/o-exampleorg1"\n}\n' },
    { name: 'group set to null', terraform: 'resource "aws_ami_launch_permission" "app" {\n  image_id   = "ami-0123456789abcdef0"\n  account_id = "123456789012"\n  group      = null\n}\n' },
    { name: 'shared with an allow-listed account', params: { allowedAccounts: ['123456789012'] }, terraform: 'resource "aws_ami_launch_permission" "app" {\n  image_id   = "ami-0123456789abcdef0"\n  account_id = "123456789012"\n}\n' },
    { name: 'Image Builder sharing with one account', terraform: distribution('        user_ids = ["123456789012"]\n') },
  ],
  fail: [
    {
      name: 'an image built here, shared with all',
      terraform: 'resource "aws_ami_from_instance" "app" {\n  name               = "app"\n  source_instance_id = "i-0123456789abcdef0"\n}\n\nresource "aws_ami_launch_permission" "app" {\n  image_id = aws_ami_from_instance.app.id\n  group    = "all"\n}\n',
      findings: [{ line: 8, message: /sets group = "all", so every AWS account can launch or copy the image/ }],
    },
    // AWS refuses the share once block-new-sharing is in force, but the code still asks for a public image.
    {
      name: 'shared with all where block-new-sharing is set in the same Region: still a finding, saying AWS refuses it',
      terraform: `${provider('us-east-1')}${blockNewSharing()}${publicShare}`,
      findings: [{ line: 9, message: /sets group = "all".*aws_ec2_image_block_public_access\.ami sets block-new-sharing in its account and Region, so AWS refuses the share once that is in force .*still to be removed\./ }],
    },
    {
      name: 'block-new-sharing in another Region says nothing of this share',
      terraform: `${provider('us-east-1')}${provider('eu-west-1', 'eu')}${blockNewSharing('  provider = aws.eu\n')}${publicShare}`,
      findings: [{ line: 14, message: /^(?!.*block-new-sharing).*sets group = "all"/ }],
    },
    { name: 'account not on the allow-list (probe: no allowedAccounts parameter)', params: { allowedAccounts: ['123456789012'] }, terraform: 'resource "aws_ami_launch_permission" "app" {\n  image_id   = "ami-0123456789abcdef0"\n  account_id = "210987654321"\n}\n', findings: [{ line: 3, message: /shares the image with 210987654321, not on the allowedAccounts list/ }] },
    { name: 'an organizational unit not on the allow-list', params: { allowedAccounts: ['123456789012'] }, terraform: 'resource "aws_ami_launch_permission" "app" {\n  image_id               = "ami-0123456789abcdef0"\n  organizational_unit_arn = "arn:aws:organizations::123456789012:ou/o-exampleorg1/ou-ab12-cdefgh34"\n}\n', findings: [{ line: 3, message: /ou-ab12-cdefgh34, not on the allowedAccounts list/ }] },
    { name: 'Image Builder distributing public AMIs (probe: Image Builder was not read)', terraform: distribution('        user_groups = ["all"]\n'), findings: [{ line: 7, message: /distributes AMIs in us-east-1 with user_groups = \["all"\]/ }] },
    { name: 'Image Builder copying AMIs into an account not on the allow-list', params: { allowedAccounts: ['123456789012'] }, terraform: distribution('        user_ids = ["123456789012"]\n', '      target_account_ids = ["210987654321"]\n'), findings: [{ line: 6, message: /shares or copies its AMIs with 210987654321, not on the allowedAccounts list/ }] },
  ],
  unknown: [
    { name: 'group from a variable without a value', terraform: 'variable "group" {\n  type = string\n}\n\nresource "aws_ami_launch_permission" "app" {\n  image_id = "ami-0123456789abcdef0"\n  group    = var.group\n}\n' },
    { name: 'account from a variable with an allow-list', params: { allowedAccounts: ['123456789012'] }, terraform: 'variable "account" {\n  type = string\n}\n\nresource "aws_ami_launch_permission" "app" {\n  image_id   = "ami-0123456789abcdef0"\n  account_id = var.account\n}\n' },
    { name: 'Image Builder user groups from a variable', terraform: `variable "groups" {\n  type = list(string)\n}\n${distribution('        user_groups = var.groups\n')}` },
  ],
});
