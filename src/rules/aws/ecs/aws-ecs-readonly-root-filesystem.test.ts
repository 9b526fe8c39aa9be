import rule from './aws-ecs-readonly-root-filesystem.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'heredoc JSON, all read-only', terraform: 'resource "aws_ecs_task_definition" "t" {\n  family = "t"\n  container_definitions = <<JSON\n[{"name": "a", "image": "x", "readonlyRootFilesystem": true}, {"name": "b", "image": "y", "readonlyRootFilesystem": true}]\nJSON\n}\n' }],
  fail: [
    // The standard logging setup: the region is read at apply time, the rest of the definition is known.
    { name: 'a container with an apply-time log region and no readonlyRootFilesystem', terraform: 'data "aws_region" "current" {}\n\nresource "aws_ecs_task_definition" "t" {\n  family = "app"\n  container_definitions = jsonencode([{\n    name  = "app"\n    image = "app:1"\n    logConfiguration = { logDriver = "awslogs", options = { "awslogs-region" = data.aws_region.current.name } }\n  }])\n}\n', findings: [{ line: 5, message: /runs container app without readonlyRootFilesystem/ }] },
    { name: 'one of two containers writable', terraform: 'resource "aws_ecs_task_definition" "t" {\n  family = "t"\n  container_definitions = jsonencode([\n    { name = "a", image = "x", readonlyRootFilesystem = true },\n    { name = "sidecar", image = "y", readonlyRootFilesystem = false }\n  ])\n}\n', findings: [{ line: 3, message: /sidecar/ }] },
  ],
  unknown: [
    { name: 'definitions from a variable', terraform: 'variable "defs" {\n  type = string\n}\nresource "aws_ecs_task_definition" "t" {\n  family = "t"\n  container_definitions = var.defs\n}\n' },
  ],
});
