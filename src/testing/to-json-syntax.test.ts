// The native-to-JSON converter the JSON-syntax parity tests rely on. Its output for the sample below
// was checked with Terraform 1.11 (terraform validate, and terraform console printing every local
// and variable alike for the native file and its conversion).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateTerraform } from '../graph/index.js';
import { NoJsonForm, toJsonSyntax } from './to-json-syntax.js';

const SAMPLE = `variable "names" {
  type    = list(string) # a comment
  default = ["a", "$\${b}"]
  validation {
    condition     = length(var.names) > 0
    error_message = "At least one."
  }
}
locals {
  x = "pre-\${var.names[0]}-$\${lit}"
  n = 1.5e3
  m = { key = "v", (var.names[0]) = 2, "k-2" = [1, true, null, -3] }
  h = <<-EOT
    hello \${var.names[0]}
    %{ for n in var.names }\${n},%{ endfor }
  EOT
  f = jsonencode({
    # a comment inside
    a = <<EOT
inner \${local.n}
EOT
  })
}
locals {
  y = [for s in var.names : upper(s)]
}
resource "aws_security_group" "b" {
  count      = 2
  depends_on = [terraform_data.a]
  dynamic "ingress" {
    for_each = var.names
    iterator = r
    content {
      description = r.value
    }
  }
}
resource "terraform_data" "a" {
  input = { x = local.x }
  lifecycle {
    ignore_changes = [input]
  }
}
`;

test('native syntax converts to the JSON form Terraform reads alike', () => {
  const json = JSON.parse(toJsonSyntax(SAMPLE)) as Record<string, unknown>;
  assert.deepEqual(json['variable'], {
    names: { type: 'list(string)', default: ['a', '${b}'], validation: { condition: '${length(var.names) > 0}', error_message: 'At least one.' } },
  });
  assert.deepEqual(json['locals'], [
    {
      x: 'pre-${var.names[0]}-$${lit}',
      n: 1.5e3,
      m: { key: 'v', '${(var.names[0])}': 2, 'k-2': [1, true, null, -3] },
      h: 'hello ${var.names[0]}\n%{ for n in var.names }${n},%{ endfor }\n',
      f: '${jsonencode({\n' + ' '.repeat(22) + '\n    a = "inner ${local.n}\\n"\n  })}',
    },
    { y: '${[for s in var.names : upper(s)]}' },
  ]);
  assert.deepEqual(json['resource'], {
    terraform_data: {
      a: { input: { x: '${local.x}' }, lifecycle: { ignore_changes: ['input'] } },
    },
    // A dynamic block makes blocks of a type the resource has (terraform_data has none: validate 1.11.4 refuses `dynamic "rule"` there).
    aws_security_group: {
      b: { count: 2, depends_on: ['terraform_data.a'], dynamic: { ingress: { for_each: '${var.names}', iterator: 'r', content: { description: '${r.value}' } } } },
    },
  });
});

test('the conversion evaluates to the same values as the native file', () => {
  const values = (files: Map<string, string>): unknown => {
    const { model, diagnostics } = evaluateTerraform({ files, readFile: (p) => files.get(p) });
    assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
    return model.resources.map((r) => [r.address, Object.fromEntries([...r.attributes].map(([k, v]) => [k, v.value])), r.blocks.map((b) => [b.type, Object.fromEntries([...b.attributes].map(([k, v]) => [k, v.value]))])]);
  };
  const text = `${SAMPLE}resource "terraform_data" "c" {\n  input = [local.x, local.n, local.m, local.h, local.f, local.y]\n}\n`;
  assert.deepEqual(values(new Map([['main.tf.json', toJsonSyntax(text)]])), values(new Map([['main.tf', text]])));
});

test('what has no faithful JSON form is refused, not guessed', () => {
  assert.throws(() => toJsonSyntax('variable "v" {\n  default = "${upper("a")}"\n}\n'), NoJsonForm);
  assert.throws(() => toJsonSyntax('resource "terraform_data" "a" {\n  depends_on = local.all\n}\n'), NoJsonForm);
});
