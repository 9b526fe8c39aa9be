import type { Resource } from '../../../model/resource.js';
import { isPlainObject, containsUnknown } from '../../../model/value.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { containersOf } from './container-definitions.js';


export default defineRule<Resource>({
  id: 'aws-ecs-readonly-root-filesystem',
  title: 'ECS containers run with a read-only root filesystem',
  severity: 'low',
  controls: ['164.312(c)(1)', '164.312(a)(1)'],
  kind: 'attr',
  why: 'A writable root filesystem lets an attacker in a container that handles ePHI plant tools or alter the application; a read-only root keeps the running image as built.',
  howToFix: 'Set "readonlyRootFilesystem": true in every container definition (mount volumes for paths that must be writable).',
  links: ['https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html'],
  references: { awsConfig: ['ecs-containers-readonly-access'], checkov: ['CKV_AWS_336'] },
  targets: (model) => model.ofType('aws_ecs_task_definition'),
  check(task) {
    const defs = task.attributes.get('container_definitions');
    if (!defs) return pass(task);
    const containers = containersOf(defs);
    if (containers !== undefined && 'unknown' in containers) return unknown(defs, `${task.address}: ${containers.unknown}.`);
    if (!containers) return unknown(defs, `${task.address}: container_definitions is not a JSON list of containers.`);
    const writable: string[] = [];
    for (const [i, c] of containers.entries()) {
      if (!isPlainObject(c)) continue;
      const flag = c['readonlyRootFilesystem'];
      if (flag !== undefined && containsUnknown(flag)) return unknown(defs, `${task.address}: readonlyRootFilesystem is known only at apply time.`);
      if (flag !== true && flag !== 'true') writable.push(typeof c['name'] === 'string' ? c['name'] : `#${i + 1}`);
    }
    if (writable.length === 0) return pass(defs);
    return fail(defs, {
      message: `${task.address} runs container${writable.length > 1 ? 's' : ''} ${writable.join(', ')} without readonlyRootFilesystem = true, so the root filesystem is writable.`,
    });
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_ecs_task_definition" "api" {\n  family = "api"\n  container_definitions = jsonencode([\n    { name = "api", image = "example/api:1.0", essential = true }\n  ])\n}\n',
      ],
      good: [
        'resource "aws_ecs_task_definition" "api" {\n  family = "api"\n  container_definitions = jsonencode([\n    { name = "api", image = "example/api:1.0", essential = true, readonlyRootFilesystem = true }\n  ])\n}\n',
      ],
    },
  },
});
