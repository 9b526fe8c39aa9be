// An instance taking one of several launch templates (`launch_template { name = element([...], 1) }`)
// was judged on the first one linked, in reference order, whichever one Terraform uses: an instance
// on lt-bad passed on lt-good's IMDSv2, private network interface and encrypted root volume.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnyRule } from '../../define-rule.js';
import { runRuleOn } from '../../../testing/rule-tester.js';
import ebs from './aws-ebs-volume-encrypted.js';
import imds from './aws-ec2-imdsv2-required.js';
import publicIp from './aws-ec2-instance-no-public-ip.js';

// lt-good requires IMDSv2, requests no public IP and encrypts the root volume; lt-bad does none of these.
const badSecond = 'resource "aws_launch_template" "good" {\n  name = "lt-good"\n  metadata_options {\n    http_tokens = "required"\n  }\n  network_interfaces {\n    associate_public_ip_address = false\n  }\n  block_device_mappings {\n    device_name = "/dev/xvda"\n    ebs {\n      encrypted = true\n    }\n  }\n}\nresource "aws_launch_template" "bad" {\n  name = "lt-bad"\n  metadata_options {\n    http_tokens = "optional"\n  }\n  network_interfaces {\n    associate_public_ip_address = true\n  }\n  block_device_mappings {\n    device_name = "/dev/xvda"\n    ebs {\n      encrypted = false\n    }\n  }\n}\nresource "aws_instance" "app" {\n  launch_template {\n    name = element([aws_launch_template.good.name, aws_launch_template.bad.name], 1)\n  }\n}\n';
const goodSecond = 'resource "aws_launch_template" "good" {\n  name = "lt-good"\n  metadata_options {\n    http_tokens = "required"\n  }\n  network_interfaces {\n    associate_public_ip_address = false\n  }\n  block_device_mappings {\n    device_name = "/dev/xvda"\n    ebs {\n      encrypted = true\n    }\n  }\n}\nresource "aws_launch_template" "bad" {\n  name = "lt-bad"\n  metadata_options {\n    http_tokens = "optional"\n  }\n  network_interfaces {\n    associate_public_ip_address = true\n  }\n  block_device_mappings {\n    device_name = "/dev/xvda"\n    ebs {\n      encrypted = false\n    }\n  }\n}\nresource "aws_instance" "app" {\n  launch_template {\n    name = element([aws_launch_template.bad.name, aws_launch_template.good.name], 1)\n  }\n}\n';
// By ids, known only at apply time: which template is used is not known to the scan.
const byId = 'resource "aws_launch_template" "good" {\n  name = "lt-good"\n  metadata_options {\n    http_tokens = "required"\n  }\n  network_interfaces {\n    associate_public_ip_address = false\n  }\n  block_device_mappings {\n    device_name = "/dev/xvda"\n    ebs {\n      encrypted = true\n    }\n  }\n}\nresource "aws_launch_template" "bad" {\n  name = "lt-bad"\n  metadata_options {\n    http_tokens = "optional"\n  }\n  network_interfaces {\n    associate_public_ip_address = true\n  }\n  block_device_mappings {\n    device_name = "/dev/xvda"\n    ebs {\n      encrypted = false\n    }\n  }\n}\nresource "aws_instance" "app" {\n  launch_template {\n    id = element([aws_launch_template.good.id, aws_launch_template.bad.id], 1)\n  }\n}\n';

const rules = [ebs, imds, publicIp] as unknown as AnyRule[];

function instanceVerdict(rule: AnyRule, terraform: string): { status: string; message: string } {
  const found = runRuleOn(rule, terraform).findings.filter((f) => f.resource.address === 'aws_instance.app');
  assert.equal(found.length, 1, `${rule.id}: one finding on the instance`);
  return { status: found[0]!.status, message: found[0]!.message };
}

test('an instance on the second of two named launch templates is judged on that one', () => {
  for (const rule of rules) {
    const bad = instanceVerdict(rule, badSecond);
    assert.equal(bad.status, 'fail', rule.id);
    assert.match(bad.message, /aws_launch_template\.bad/, rule.id);
    assert.equal(instanceVerdict(rule, goodSecond).status, 'pass', rule.id);
  }
});

test('an instance on one of two launch templates by ids known only at apply time is unknown, naming both', () => {
  for (const rule of rules) {
    const v = instanceVerdict(rule, byId);
    assert.equal(v.status, 'unknown', rule.id);
    assert.match(v.message, /one of aws_launch_template\.good, aws_launch_template\.bad/, rule.id);
  }
});
