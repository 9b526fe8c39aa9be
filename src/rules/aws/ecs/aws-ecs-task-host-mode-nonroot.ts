import type { Resource } from '../../../model/resource.js';
import { asString } from '../../../model/read.js';
import { isPlainObject, isUnknown } from '../../../model/value.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { containersOf } from './container-definitions.js';


/** Root is user 0 or `root`, whatever group follows (`0:1000` runs as root). */
const isRootUser = (user: string): boolean => /^(?:0|root)(?::.*)?$/.test(user.trim());

export default defineRule<Resource>({
  id: 'aws-ecs-task-host-mode-nonroot',
  title: 'ECS containers are unprivileged, and run as non-root in host network mode',
  severity: 'medium',
  controls: ['164.312(a)(1)', '164.308(a)(3)(i)'],
  kind: 'attr',
  why: 'A privileged container, or a root container sharing the host network, can take over the host and reach every other task\'s ePHI and credentials on it.',
  howToFix: 'Remove privileged = true from container definitions, and in tasks with network_mode = "host" set "user" to a non-root UID (e.g. "1000") for every container.',
  links: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security'],
  references: { awsConfig: ['ecs-task-definition-user-for-host-mode-check', 'ecs-containers-nonprivileged'], checkov: ['CKV_AWS_334', 'CKV_AWS_335'] },
  targets: (model) => model.ofType('aws_ecs_task_definition'),
  check(task) {
    const definitions = task.attributes.get('container_definitions');
    if (!definitions) return pass(task, `${task.address} declares no containers.`);
    const containers = containersOf(definitions);
    if (containers !== undefined && 'unknown' in containers) return unknown(definitions, `${task.address}: ${containers.unknown}.`);
    if (!containers) return unknown(definitions, `${task.address}: container_definitions could not be read as a JSON list.`);
    const mode = task.attributes.get('network_mode');
    if (mode && isApplyTime(mode)) return unknown(mode, `${task.address}: network_mode is known only at apply time (${reasonOf(mode)}).`);
    const host = asString(mode?.value) === 'host';
    const outcomes: Outcome[] = [];
    containers.forEach((c, i) => {
      if (!isPlainObject(c)) return;
      const name = typeof c['name'] === 'string' ? `container "${c['name']}"` : `container ${i + 1}`;
      const privileged = c['privileged'];
      if (isUnknown(privileged)) outcomes.push(unknown(definitions, `${task.address} ${name}: privileged is known only at apply time.`));
      else if (privileged === true || privileged === 'true') outcomes.push(fail(definitions, { message: `${task.address} ${name} runs privileged, so it has full access to the host.` }));
      if (!host) return;
      const user = c['user'];
      if (isUnknown(user)) outcomes.push(unknown(definitions, `${task.address} ${name}: user is known only at apply time.`));
      else if (typeof user !== 'string' || user.trim() === '') outcomes.push(fail(definitions, { message: `${task.address} ${name} uses network_mode "host" without a user, so it runs as root on the host network.` }));
      else if (isRootUser(user)) outcomes.push(fail(definitions, { message: `${task.address} ${name} uses network_mode "host" and runs as root.` }));
    });
    return outcomes.length > 0 ? outcomes : pass(definitions, `${task.address} runs no privileged or root host-network containers.`);
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_ecs_task_definition" "agent" {\n  family       = "agent"\n  network_mode = "host"\n  container_definitions = jsonencode([{\n    name  = "agent"\n    image = "example/agent:1.0"\n  }])\n}\n',
      ],
      good: [
        'resource "aws_ecs_task_definition" "agent" {\n  family       = "agent"\n  network_mode = "host"\n  container_definitions = jsonencode([{\n    name  = "agent"\n    image = "example/agent:1.0"\n    user  = "1000"\n  }])\n}\n',
      ],
    },
  },
});
