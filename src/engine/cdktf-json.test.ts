// CDK for Terraform output end to end (evaluator, a real rule, the engine): the construct path a
// synthesized block carries in `"//".metadata.path` reaches the finding.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluateTerraform } from '../graph/index.js';
import rdsNotPublic from '../rules/aws/rds/aws-rds-instance-not-public.js';
import type { AnyRule } from '../rules/define-rule.js';
import { suppressionIndexOf } from './inline-suppressions.js';
import { runRules } from './run-rules.js';

const rule = rdsNotPublic as unknown as AnyRule;

function run(text: string, file = 'cdktf.out/stacks/phi-stack/cdk.tf.json') {
  const map = new Map([[file, text]]);
  const { model, diagnostics } = evaluateTerraform({ files: map, readFile: (p) => map.get(p) });
  const result = runRules(model, [rule], { today: '2026-06-01', suppressions: suppressionIndexOf(model) });
  return { ...result, diagnostics: [...diagnostics, ...result.diagnostics] };
}

/** A synthesized stack with one public database whose `"//"` member is `comment`. */
const stack = (comment: string): string =>
  JSON.stringify(
    {
      '//': { metadata: { backend: 'local', stackName: 'phi-stack', version: '0.21.0' } },
      resource: {
        aws_db_instance: {
          Reporting_Db_5E6F7A8B: {
            '//': JSON.parse(comment) as unknown,
            engine: 'postgres',
            instance_class: 'db.t3.micro',
            publicly_accessible: true,
          },
        },
      },
    },
    null,
    2,
  );

const METADATA = '{"metadata": {"path": "phi-stack/Reporting/Db", "uniqueId": "Reporting_Db_5E6F7A8B"}}';

describe('CDK for Terraform: construct paths', () => {
  test('the finding names the construct path beside the synthesized address', () => {
    const { findings } = run(stack(METADATA));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.resource.address, 'aws_db_instance.Reporting_Db_5E6F7A8B');
    assert.equal(findings[0]!.resource.constructPath, 'phi-stack/Reporting/Db');
  });

  test('a block without CDKTF metadata, and native syntax, have none', () => {
    assert.equal(run(stack('"hand-written"')).findings[0]!.resource.constructPath, undefined);
    const hcl = run('resource "aws_db_instance" "phi" {\n  engine = "postgres"\n  publicly_accessible = true\n}\n', 'main.tf');
    assert.equal(hcl.findings[0]!.status, 'fail');
    assert.equal('constructPath' in hcl.findings[0]!.resource, false);
  });
});
