import rule from './aws-ecs-readonly-root-filesystem.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'heredoc JSON, all read-only', terraform: 'resource "aws_ecs_task_definition" "t" {\n  family = "t"\n  container_definitions = <<JSON\n[{"name": "a", "image": "x", "readonlyRootFilesystem": true}, {"name": "b", "image": "y", "readonlyRootFilesystem": true}]\nJSON\n}\n' }],
  fail: [
    { name: 'one of two containers writable', terraform: 'resource "aws_ecs_task_definition" "t" {\n  family = "t"\n  container_definitions = jsonencode([\n    { name = "a", image = "x", readonlyRootFilesystem = true },\n    { name = "sidecar", image = "y", readonlyRootFilesystem = false }\n  ])\n}\n', findings: [{ line: 3, message: /sidecar/ }] },
  ],
  unknown: [
    { name: 'definitions from a variable', terraform: 'variable "defs" {\n  type = string\n}\nresource "aws_ecs_task_definition" "t" {\n  family = "t"\n  container_definitions = var.defs\n}\n' },
  ],
});
