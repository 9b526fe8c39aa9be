import rule from './aws-ec2-imdsv2-required.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'launch template requires tokens', terraform: 'resource "aws_launch_template" "lt" {\n  image_id = "ami-0123456789abcdef0"\n  metadata_options {\n    http_tokens                 = "required"\n    http_put_response_hop_limit = 2\n  }\n}\n' },
    { name: 'metadata service disabled', terraform: 'resource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  metadata_options {\n    http_endpoint = "disabled"\n  }\n}\n' },
  ],
  fail: [
    { name: 'optional tokens on a launch configuration', terraform: 'resource "aws_launch_configuration" "lc" {\n  image_id      = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  metadata_options {\n    http_tokens = "optional"\n  }\n}\n', findings: [{ line: 5, message: /"optional"/ }] },
    { name: 'hop limit above the parameter', terraform: 'resource "aws_launch_template" "lt" {\n  image_id = "ami-0123456789abcdef0"\n  metadata_options {\n    http_tokens                 = "required"\n    http_put_response_hop_limit = 5\n  }\n}\n', findings: [{ line: 5, message: /hop_limit to 5/ }] },
    { name: 'metadata_options without http_tokens', terraform: 'resource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  metadata_options {\n    http_endpoint = "enabled"\n  }\n}\n', findings: [{ line: 4 }] },
  ],
  unknown: [{ name: 'tokens from a variable', terraform: 'variable "tokens" {\n  type = string\n}\nresource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  metadata_options {\n    http_tokens = var.tokens\n  }\n}\n' }],
});
