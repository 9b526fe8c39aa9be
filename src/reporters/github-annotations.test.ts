import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtureContext, fixtureInput, SECRET } from '../testing/report-fixture.js';
import { renderGithubAnnotations, renderGithubAnnotationsChunks } from './github-annotations.js';

test('GitHub annotations: most severe first, escaped properties, parse errors', () => {
  const out = renderGithubAnnotations(fixtureInput(), fixtureContext());
  assert.ok(!out.includes(SECRET));
  assert.deepEqual(out.split('\n'), [
    '::error file=infra/rds.tf,line=4,endLine=4,col=3,endColumn=32,title=hygiene-no-hardcoded-secrets (HIPAA 164.312(a)(1)%2C 164.308(a)(5)(ii)(D))::aws_db_instance.phi sets password to a literal value.%0AFix: Set storage_encrypted = true.',
    '::error file=infra/rds.tf,line=3,endLine=3,col=3,endColumn=28,title=aws-rds-require-storage-encryption (HIPAA 164.312(a)(2)(iv))::aws_db_instance.phi sets storage_encrypted to false.%0Ainfra/prod.tfvars:1: The value comes from prod.tfvars.%0AFix: Set storage_encrypted = true.',
    '::error file=infra/broken.tf,line=1,col=5,title=parse/hcl::Expected an expression.',
    '',
  ]);
});

test('GitHub annotations in pieces: a workflow command a piece, the same text as one string', () => {
  const input = fixtureInput();
  const pieces = [...renderGithubAnnotationsChunks(input, fixtureContext())];
  assert.ok(pieces.length > 1 && pieces.every((p) => p.startsWith('::') && p.indexOf('\n') === p.length - 1));
  assert.equal(pieces.join(''), renderGithubAnnotations(input, fixtureContext()));
  assert.equal([...renderGithubAnnotationsChunks({ ...input, findings: [], diagnostics: [] }, fixtureContext())].join(''), '');
});

test('GitHub annotations name where the judged value was set: one location an annotation', () => {
  const input = fixtureInput();
  const f = input.findings.find((x) => x.status === 'fail')!;
  const withOrigin = { ...f, related: [{ span: { ...f.span, file: 'envs/prod/main.tf', start: { line: 4, column: 3, offset: 40 } }, message: 'value comes from here' }] };
  const out = renderGithubAnnotations({ ...input, findings: [withOrigin] }, fixtureContext());
  assert.match(out.split('\n')[0]!, /%0Ainfra\/envs\/prod\/main\.tf:4: value comes from here%0AFix: /);
});
