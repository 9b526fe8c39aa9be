import rule from './aws-ecs-task-host-mode-nonroot.js';
import { testRule } from '../../../testing/rule-tester.js';

const task = (mode: string, container: string): string =>
  `resource "aws_ecs_task_definition" "t" {\n  family       = "t"\n  network_mode = "${mode}"\n  container_definitions = jsonencode([${container}])\n}\n`;

testRule(rule, {
  pass: [
    { name: 'host mode as uid 1000 in group 0', terraform: task('host', '{ name = "agent", image = "example/agent:1.0", user = "1000:0" }') },
    { name: 'awsvpc mode with default user', terraform: task('awsvpc', '{ name = "app", image = "example/app:1.0" }') },
  ],
  fail: [
    { name: 'privileged in awsvpc mode', terraform: task('awsvpc', '{ name = "app", image = "example/app:1.0", privileged = true }'), findings: [{ line: 4, message: /runs privileged/ }] },
    { name: 'uid 0 with another group in host mode', terraform: task('host', '{ name = "agent", image = "example/agent:1.0", user = "0:1000" }'), findings: [{ line: 4, message: /runs as root/ }] },
    { name: 'root user in host mode', terraform: task('host', '{ name = "agent", image = "example/agent:1.0", user = "0:0" }'), findings: [{ line: 4, message: /runs as root/ }] },
  ],
  unknown: [
    { name: 'user from a variable in host mode', terraform: `variable "uid" {\n  type = string\n}\n${task('host', '{ name = "agent", image = "example/agent:1.0", user = var.uid }')}` },
  ],
});
