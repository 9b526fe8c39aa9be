import rule from './aws-sagemaker-notebook-no-direct-internet.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'locked down notebook', terraform: 'resource "aws_sagemaker_notebook_instance" "n" {\n  name                   = "n"\n  role_arn               = "arn:aws:iam::123456789012:role/sm"\n  instance_type          = "ml.t3.medium"\n  subnet_id              = "subnet-0123456789abcdef0"\n  direct_internet_access = "Disabled"\n  root_access            = "Disabled"\n}\n' },
  ],
  fail: [
    { name: 'all defaults', terraform: 'resource "aws_sagemaker_notebook_instance" "n" {\n  name          = "n"\n  role_arn      = "arn:aws:iam::123456789012:role/sm"\n  instance_type = "ml.t3.medium"\n}\n', findings: [{ line: 1, message: /direct_internet_access/ }, { line: 1, message: /root_access/ }, { line: 1, message: /subnet_id/ }] },
  ],
  unknown: [
    { name: 'root access from a variable', terraform: 'variable "root" {\n  type = string\n}\nresource "aws_sagemaker_notebook_instance" "n" {\n  name                   = "n"\n  role_arn               = "arn:aws:iam::123456789012:role/sm"\n  instance_type          = "ml.t3.medium"\n  subnet_id              = "subnet-0123456789abcdef0"\n  direct_internet_access = "Disabled"\n  root_access            = var.root\n}\n' },
  ],
});
