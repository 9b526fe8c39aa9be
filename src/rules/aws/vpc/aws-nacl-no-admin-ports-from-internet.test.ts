import rule from './aws-nacl-no-admin-ports-from-internet.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRuleOn, testRule } from '../../../testing/rule-tester.js';
import type { AnyRule } from '../../define-rule.js';

testRule(rule, {
  pass: [
    { name: 'https and ephemeral ports split around RDP', terraform: 'resource "aws_network_acl" "public" {\n  vpc_id = "vpc-0123456789abcdef0"\n  ingress {\n    protocol   = "tcp"\n    rule_no    = 100\n    action     = "allow"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 443\n    to_port    = 443\n  }\n  ingress {\n    protocol   = "tcp"\n    rule_no    = 110\n    action     = "allow"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 1024\n    to_port    = 3388\n  }\n  ingress {\n    protocol   = "tcp"\n    rule_no    = 120\n    action     = "allow"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 3390\n    to_port    = 65535\n  }\n}\n' },
    { name: 'deny all from the internet', terraform: 'resource "aws_network_acl" "private" {\n  vpc_id = "vpc-0123456789abcdef0"\n  ingress {\n    protocol   = "-1"\n    rule_no    = 100\n    action     = "deny"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 0\n    to_port    = 0\n  }\n}\n' },
    {
      name: 'a lower-numbered deny refuses RDP before the wider allow',
      terraform:
        'resource "aws_network_acl" "n" {\n  vpc_id = "vpc-0123456789abcdef0"\n  ingress {\n    protocol   = "-1"\n    rule_no    = 50\n    action     = "deny"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 0\n    to_port    = 0\n  }\n  ingress {\n    protocol   = "tcp"\n    rule_no    = 100\n    action     = "allow"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 3000\n    to_port    = 4000\n  }\n}\n',
    },
    { name: 'separate aws_network_acl_rule entries: a deny numbered 90 refuses RDP before the ephemeral allow (probe na1)', terraform: 'resource "aws_network_acl" "public" {\n  vpc_id = "vpc-0123456789abcdef0"\n}\nresource "aws_network_acl_rule" "deny_rdp" {\n  network_acl_id = aws_network_acl.public.id\n  rule_number    = 90\n  egress         = false\n  protocol       = "tcp"\n  rule_action    = "deny"\n  cidr_block     = "0.0.0.0/0"\n  from_port      = 3389\n  to_port        = 3389\n}\nresource "aws_network_acl_rule" "ephemeral" {\n  network_acl_id = aws_network_acl.public.id\n  rule_number    = 100\n  egress         = false\n  protocol       = "tcp"\n  rule_action    = "allow"\n  cidr_block     = "0.0.0.0/0"\n  from_port      = 1024\n  to_port        = 65535\n}\n' },
    { name: 'separate entries on an ACL outside the scan, linked by literal network_acl_id', terraform: 'resource "aws_network_acl_rule" "deny_rdp" {\n  network_acl_id = "acl-0123456789abcdef0"\n  rule_number    = 90\n  egress         = false\n  protocol       = "tcp"\n  rule_action    = "deny"\n  cidr_block     = "0.0.0.0/0"\n  from_port      = 3389\n  to_port        = 3389\n}\nresource "aws_network_acl_rule" "ephemeral" {\n  network_acl_id = "acl-0123456789abcdef0"\n  rule_number    = 100\n  egress         = false\n  protocol       = "tcp"\n  rule_action    = "allow"\n  cidr_block     = "0.0.0.0/0"\n  from_port      = 1024\n  to_port        = 65535\n}\n' },
    {
      // AWS stores "tcp" as 6: the deny written "6" refuses the SSH the allow written "tcp" admits (probe nacl1).
      name: 'denies written with protocol numbers refuse SSH and RDP before an allow written "tcp"',
      terraform: 'resource "aws_network_acl" "n" {\n  vpc_id = "vpc-0123456789abcdef0"\n  ingress {\n    protocol   = "6"\n    rule_no    = 50\n    action     = "deny"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 22\n    to_port    = 22\n  }\n  ingress {\n    protocol   = 6\n    rule_no    = 60\n    action     = "deny"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 3389\n    to_port    = 3389\n  }\n  ingress {\n    protocol   = "tcp"\n    rule_no    = 100\n    action     = "allow"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 1\n    to_port    = 65535\n  }\n}\n',
    },
    {
      name: 'a deny from 0.0.0.0/0 refuses an allow from half of the address space',
      terraform: 'resource "aws_network_acl" "n" {\n  vpc_id = "vpc-0123456789abcdef0"\n  ingress {\n    protocol   = "-1"\n    rule_no    = 50\n    action     = "deny"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 0\n    to_port    = 0\n  }\n  ingress {\n    protocol   = "tcp"\n    rule_no    = 100\n    action     = "allow"\n    cidr_block = "0.0.0.0/1"\n    from_port  = 22\n    to_port    = 22\n  }\n}\n',
    },
    { name: 'egress rule resource', terraform: 'resource "aws_network_acl_rule" "out" {\n  network_acl_id = "acl-0123456789abcdef0"\n  rule_number    = 100\n  egress         = true\n  protocol       = "-1"\n  rule_action    = "allow"\n  cidr_block     = "0.0.0.0/0"\n}\n' },
  ],
  fail: [
    // The deny is one of two ACLs': it shadowed a's SSH allow though it may be b's.
    { name: 'an SSH allow behind a deny entry of one of two ACLs', terraform: 'resource "aws_network_acl" "a" {\n  vpc_id = "vpc-0123456789abcdef0"\n  ingress {\n    rule_no    = 100\n    protocol   = "tcp"\n    action     = "allow"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 22\n    to_port    = 22\n  }\n}\nresource "aws_network_acl" "b" {\n  vpc_id = "vpc-0123456789abcdef0"\n}\nresource "aws_network_acl_rule" "deny" {\n  network_acl_id = element([aws_network_acl.a.id, aws_network_acl.b.id], 1)\n  rule_number    = 50\n  egress         = false\n  protocol       = "tcp"\n  rule_action    = "deny"\n  cidr_block     = "0.0.0.0/0"\n  from_port      = 22\n  to_port        = 22\n}\n', findings: [{ line: 3 }] },
    { name: 'separate entries: the deny numbered after the allow comes too late', terraform: 'resource "aws_network_acl" "public" {\n  vpc_id = "vpc-0123456789abcdef0"\n}\nresource "aws_network_acl_rule" "deny_rdp" {\n  network_acl_id = aws_network_acl.public.id\n  rule_number    = 110\n  egress         = false\n  protocol       = "tcp"\n  rule_action    = "deny"\n  cidr_block     = "0.0.0.0/0"\n  from_port      = 3389\n  to_port        = 3389\n}\nresource "aws_network_acl_rule" "ephemeral" {\n  network_acl_id = aws_network_acl.public.id\n  rule_number    = 100\n  egress         = false\n  protocol       = "tcp"\n  rule_action    = "allow"\n  cidr_block     = "0.0.0.0/0"\n  from_port      = 1024\n  to_port        = 65535\n}\n', findings: [{ line: 14, message: /allows port 3389 \(RDP\)/ }] },
    { name: 'a deny on another ACL does not count', terraform: 'resource "aws_network_acl_rule" "deny_rdp" {\n  network_acl_id = "acl-0aaaaaaaaaaaaaaaa"\n  rule_number    = 90\n  egress         = false\n  protocol       = "tcp"\n  rule_action    = "deny"\n  cidr_block     = "0.0.0.0/0"\n  from_port      = 3389\n  to_port        = 3389\n}\nresource "aws_network_acl_rule" "ephemeral" {\n  network_acl_id = "acl-0123456789abcdef0"\n  rule_number    = 100\n  egress         = false\n  protocol       = "tcp"\n  rule_action    = "allow"\n  cidr_block     = "0.0.0.0/0"\n  from_port      = 1024\n  to_port        = 65535\n}\n', findings: [{ line: 11, message: /allows port 3389 \(RDP\)/ }] },
    { name: 'an entry written as a list argument', terraform: 'resource "aws_network_acl" "open" {\n  vpc_id = "vpc-0123456789abcdef0"\n  ingress = [{ protocol = "tcp", rule_no = 100, action = "allow", cidr_block = "0.0.0.0/0", from_port = 22, to_port = 22, ipv6_cidr_block = null, icmp_code = null, icmp_type = null }]\n}\n', findings: [{ line: 3, message: /port 22/ }] },
    {
      name: 'a deny numbered after the allow comes too late',
      terraform:
        'resource "aws_network_acl" "n" {\n  vpc_id = "vpc-0123456789abcdef0"\n  ingress {\n    protocol   = "tcp"\n    rule_no    = 100\n    action     = "allow"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 3000\n    to_port    = 4000\n  }\n  ingress {\n    protocol   = "-1"\n    rule_no    = 200\n    action     = "deny"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 0\n    to_port    = 0\n  }\n}\n',
      findings: [{ line: 3, message: /allows port 3389 \(RDP\) from 0\.0\.0\.0\/0/ }],
    },
    {
      // The message named 22 too, which the deny written "6" refuses first.
      name: 'SSH denied first by protocol number: only RDP is named',
      terraform: 'resource "aws_network_acl" "n" {\n  vpc_id = "vpc-0123456789abcdef0"\n}\nresource "aws_network_acl_rule" "deny_ssh" {\n  network_acl_id = aws_network_acl.n.id\n  rule_number    = 50\n  egress         = false\n  protocol       = "6"\n  rule_action    = "deny"\n  cidr_block     = "0.0.0.0/0"\n  from_port      = 22\n  to_port        = 22\n}\nresource "aws_network_acl_rule" "wide" {\n  network_acl_id = aws_network_acl.n.id\n  rule_number    = 100\n  egress         = false\n  protocol       = "tcp"\n  rule_action    = "allow"\n  cidr_block     = "0.0.0.0/0"\n  from_port      = 1\n  to_port        = 65535\n}\n',
      findings: [{ line: 14, message: /allows port 3389 \(RDP\) from 0\.0\.0\.0\/0\.$/ }],
    },
    {
      name: 'a deny from a narrower network does not refuse an allow from 0.0.0.0/0',
      terraform: 'resource "aws_network_acl" "n" {\n  vpc_id = "vpc-0123456789abcdef0"\n  ingress {\n    protocol   = "-1"\n    rule_no    = 50\n    action     = "deny"\n    cidr_block = "0.0.0.0/1"\n    from_port  = 0\n    to_port    = 0\n  }\n  ingress {\n    protocol   = "tcp"\n    rule_no    = 100\n    action     = "allow"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 22\n    to_port    = 22\n  }\n}\n',
      findings: [{ line: 11, message: /allows port 22 \(SSH\)/ }],
    },
    { name: 'the usual ephemeral range includes RDP', terraform: 'resource "aws_network_acl_rule" "ephemeral" {\n  network_acl_id = "acl-0123456789abcdef0"\n  rule_number    = 110\n  protocol       = "tcp"\n  rule_action    = "allow"\n  cidr_block     = "0.0.0.0/0"\n  from_port      = 1024\n  to_port        = 65535\n}\n', findings: [{ line: 1, message: /port 3389/ }] },
    { name: 'all traffic from the internet', terraform: 'resource "aws_network_acl" "open" {\n  vpc_id = "vpc-0123456789abcdef0"\n  ingress {\n    protocol   = "-1"\n    rule_no    = 100\n    action     = "allow"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 0\n    to_port    = 0\n  }\n}\n', findings: [{ line: 3, message: /every port/ }] },
    { name: 'RDP from IPv6 anywhere', terraform: 'resource "aws_network_acl_rule" "rdp" {\n  network_acl_id  = "acl-0123456789abcdef0"\n  rule_number     = 100\n  protocol        = "tcp"\n  rule_action     = "allow"\n  ipv6_cidr_block = "::/0"\n  from_port       = 3389\n  to_port         = 3389\n}\n', findings: [{ line: 1, message: /3389 \(RDP\)/ }] },
  ],
  unknown: [
    // An SSH allow of one of guarded (denies SSH first) and open: guarded, the first, was judged and it passed.
    { name: 'an SSH allow entry of one of two ACLs, only one denying SSH before it', terraform: 'resource "aws_network_acl" "guarded" {\n  vpc_id = "vpc-0123456789abcdef0"\n  ingress {\n    rule_no    = 50\n    protocol   = "tcp"\n    action     = "deny"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 22\n    to_port    = 22\n  }\n}\nresource "aws_network_acl" "open" {\n  vpc_id = "vpc-0123456789abcdef0"\n}\nresource "aws_network_acl_rule" "ssh" {\n  network_acl_id = element([aws_network_acl.guarded.id, aws_network_acl.open.id], 1)\n  rule_number    = 100\n  egress         = false\n  protocol       = "tcp"\n  rule_action    = "allow"\n  cidr_block     = "0.0.0.0/0"\n  from_port      = 22\n  to_port        = 22\n}\n' },
    { name: 'source cidr from a variable', terraform: 'variable "cidr" {\n  type = string\n}\nresource "aws_network_acl_rule" "ssh" {\n  network_acl_id = "acl-0123456789abcdef0"\n  rule_number    = 100\n  protocol       = "tcp"\n  rule_action    = "allow"\n  cidr_block     = var.cidr\n  from_port      = 22\n  to_port        = 22\n}\n' },
  ],
});

test('an ingress entry whose CIDR is known only at apply time says why', () => {
  const run = runRuleOn(
    rule as unknown as AnyRule,
    'variable "cidr" {\n  type = string\n}\nresource "aws_network_acl_rule" "ssh" {\n  network_acl_id = "acl-0123456789abcdef0"\n  rule_number    = 100\n  protocol       = "tcp"\n  rule_action    = "allow"\n  cidr_block     = var.cidr\n  from_port      = 22\n  to_port        = 22\n}\n',
  );
  assert.equal(run.findings[0]?.status, 'unknown');
  assert.match(run.findings[0]!.message, /source CIDR is .*\(.*var\.cidr/);
});
