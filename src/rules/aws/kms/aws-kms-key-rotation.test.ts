import rule from './aws-kms-key-rotation.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'asymmetric keys are not judged, rotating key passes', terraform: 'resource "aws_kms_key" "sign" {\n  customer_master_key_spec = "RSA_2048"\n  key_usage                = "SIGN_VERIFY"\n}\n\nresource "aws_kms_key" "data" {\n  enable_key_rotation     = true\n  rotation_period_in_days = 90\n}\n' },
    // Keys in a CloudHSM or external key store cannot rotate: no finding, and no fix to offer.
    {
      name: 'keys in a custom key store are not judged',
      terraform:
        'resource "aws_kms_key" "hsm" {\n  custom_key_store_id = "cks-1234567890abcdef0"\n}\n\nresource "aws_kms_key" "xks" {\n  custom_key_store_id = "cks-1234567890abcdef0"\n  xks_key_id          = "bb8562717f809024"\n}\n\nresource "aws_kms_key" "data" {\n  enable_key_rotation = true\n}\n',
    },
  ],
  fail: [{ name: 'rotation off', terraform: 'resource "aws_kms_key" "data" {\n  enable_key_rotation = false\n}\n', findings: [{ line: 2, column: 3, message: /sets enable_key_rotation to false/ }] }],
  unknown: [
    { name: 'rotation from a variable without a value', terraform: 'variable "rotate" {\n  type = bool\n}\n\nresource "aws_kms_key" "data" {\n  enable_key_rotation = var.rotate\n}\n' },
    { name: 'key store from a variable without a value', terraform: 'variable "store" {\n  type = string\n}\n\nresource "aws_kms_key" "data" {\n  custom_key_store_id = var.store\n}\n' },
  ],
});
