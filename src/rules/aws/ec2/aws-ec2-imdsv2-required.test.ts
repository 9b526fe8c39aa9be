import rule from './aws-ec2-imdsv2-required.js';
import { testRule } from '../../../testing/rule-tester.js';

const instanceFromTemplate = 'resource "aws_instance" "app" {\n  launch_template {\n    id      = aws_launch_template.app.id\n    version = "$Latest"\n  }\n  subnet_id = "subnet-0123456789abcdef0"\n}\n';
const templateWithTokens = (tokens: string): string => `resource "aws_launch_template" "app" {\n  image_id = "ami-0123456789abcdef0"\n  metadata_options {\n    http_tokens = "${tokens}"\n  }\n}\n`;
const bareInstance = 'resource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n}\n';
const accountDefault = (tokens: string): string => `resource "aws_ec2_instance_metadata_defaults" "this" {\n  http_tokens                 = "${tokens}"\n  http_put_response_hop_limit = 1\n}\n`;

testRule(rule, {
  pass: [
    { name: 'launch template requires tokens', terraform: 'resource "aws_launch_template" "lt" {\n  image_id = "ami-0123456789abcdef0"\n  metadata_options {\n    http_tokens                 = "required"\n    http_put_response_hop_limit = 2\n  }\n}\n' },
    { name: 'metadata service disabled', terraform: 'resource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  metadata_options {\n    http_endpoint = "disabled"\n  }\n}\n' },
    { name: 'instance takes http_tokens from its launch template', terraform: `${templateWithTokens('required')}${instanceFromTemplate}` },
    { name: 'account default requires tokens for an instance without metadata_options', terraform: `${accountDefault('required')}${bareInstance}` },
  ],
  fail: [
    { name: 'instance takes optional tokens from its launch template', terraform: `${templateWithTokens('optional')}${instanceFromTemplate}`, findings: [{ line: 4, message: /aws_launch_template\.app sets http_tokens to "optional"/ }, { line: 7, message: /takes "optional" from aws_launch_template\.app/ }] },
    { name: 'account default without a preference', terraform: `${accountDefault('no-preference')}${bareInstance}`, findings: [{ line: 5, message: /has no metadata_options/ }] },
    {
      name: 'account default in another region',
      terraform: `provider "aws" {\n  region = "us-east-1"\n}\nprovider "aws" {\n  alias  = "west"\n  region = "us-west-2"\n}\nresource "aws_ec2_instance_metadata_defaults" "west" {\n  provider    = aws.west\n  http_tokens = "required"\n}\n${bareInstance}`,
      findings: [{ line: 12, message: /has no metadata_options/ }],
    },
    { name: 'the instance\'s own optional tokens win over the account default', terraform: `${accountDefault('required')}resource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  metadata_options {\n    http_tokens = "optional"\n  }\n}\n`, findings: [{ line: 9, message: /sets http_tokens to "optional"/ }] },
    { name: 'optional tokens on a launch configuration', terraform: 'resource "aws_launch_configuration" "lc" {\n  image_id      = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  metadata_options {\n    http_tokens = "optional"\n  }\n}\n', findings: [{ line: 5, message: /"optional"/ }] },
    { name: 'hop limit above the parameter', terraform: 'resource "aws_launch_template" "lt" {\n  image_id = "ami-0123456789abcdef0"\n  metadata_options {\n    http_tokens                 = "required"\n    http_put_response_hop_limit = 5\n  }\n}\n', findings: [{ line: 5, message: /hop_limit to 5/ }] },
    { name: 'metadata_options without http_tokens', terraform: 'resource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  metadata_options {\n    http_endpoint = "enabled"\n  }\n}\n', findings: [{ line: 4 }] },
  ],
  unknown: [
    { name: 'launch template not in the scan', terraform: 'variable "template_id" {\n  type = string\n}\nresource "aws_instance" "app" {\n  launch_template {\n    id = var.template_id\n  }\n}\n' },
    { name: 'tokens from a variable', terraform: 'variable "tokens" {\n  type = string\n}\nresource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  metadata_options {\n    http_tokens = var.tokens\n  }\n}\n' },
  ],
});
