import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { secretsIn } from './index.js';
import { detectSecretsInValue, findSecretsInText, isPlaceholder } from './secrets.js';
import { isSecretName } from './names.js';

// Fake but well-formed values, assembled so the source itself holds no scannable literal.
const AKID = 'AKIA' + 'Q3EGRX7ZJ5TM4KWB';
const AWS_SECRET = 'kZ8pQ2vN7xR4tY1wE6uI3oP9aS5dF0gH2jK4lZ7x';
const GH = 'ghp_' + 'aB3dE5gH7jK9mN1pQ3rS5tU7vW9xY1zA2bC4';
const GL = 'glpat-' + 'x8Yq2ZrT4wVb6NmK1pLs';
const SLACK = 'xoxb-' + '482910375516-3719264058137-AbCdEfGhIjKlMnOpQrStUvWx';
const STRIPE = 'sk_live_' + '51HqR2bC3dE4fG5hI6jK7lM8n';
const PEM = `-----BEGIN RSA PRIVATE KEY-----\n${'MIIEowIBAAKCAQEA7V2q9Zb1xYc3kP0Lm4nQ8rT5sUvW6yXz1A2B3C4D5E6F7G8H9I0J'}\n${'K1L2M3N4O5P6Q7R8S9T0U1V2W3X4Y5Z6a7b8c9d0e1f2g3h4i5j6k7l8m9n0o1p2q3'}\n-----END RSA PRIVATE KEY-----`;

describe('secret detection: true positives', () => {
  const cases: [string, string, string | undefined, string][] = [
    ['AWS access key id anywhere', `key id ${AKID} here`, undefined, 'aws-access-key-id'],
    ['AWS secret key under its name', AWS_SECRET, 'aws_secret_access_key', 'aws-secret-access-key'],
    ['AWS secret key under provider secret_key', AWS_SECRET, 'secret_key', 'aws-secret-access-key'],
    ['PEM private key', PEM, 'private_key', 'private-key'],
    ['GitHub token', GH, 'GITHUB_TOKEN', 'github-token'],
    ['GitLab token', GL, undefined, 'gitlab-token'],
    ['Slack token', SLACK, undefined, 'slack-token'],
    ['Stripe live key', STRIPE, undefined, 'stripe-key'],
    ['database URL with a password', 'postgres://app:Sup3rS3cret@db.internal:5432/phi', 'DATABASE_URL', 'database-url-password'],
    ['literal password', 'hunter2!', 'master_password', 'generic-secret'],
    ['literal secret_string', 'tr0ub4dor&3', 'secret_string', 'generic-secret'],
    ['environment variable name', 'Zk29-qpL!x', 'DB_PASSWORD', 'generic-secret'],
    ['high-entropy signing key', 'q8Zr2LmN4vB6xC1tY7wE9uI3oP5aS0dF', 'signing_key', 'generic-secret'],
    ['high-entropy under a weak secret word', 'q8Zr2LmN4vB6xC1tY7wE9uI3oP5aS0dF', 'hmac', 'high-entropy'],
  ];
  for (const [name, value, key, kind] of cases) {
    test(name, () => {
      const found = detectSecretsInValue(value, key);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(found[0]!.kind, kind);
      assert.ok(!found[0]!.redacted.includes(value), 'the preview never holds the value');
      assert.match(found[0]!.hash, /^sha256:[0-9a-f]{16}$/);
    });
  }
});

describe('secret detection: near misses do not fire', () => {
  const cases: [string, string, string | undefined][] = [
    ['AWS documented example key id', 'AKIAIOSFODNN7EXAMPLE', undefined],
    ['AWS documented example secret', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key'],
    ['AKIA prefix but too short', 'AKIA1234567890', undefined],
    ['placeholder password', 'changeme', 'password'],
    ['angle-bracket placeholder', '<your-password>', 'password'],
    ['template reference', '${var.db_password}', 'password'],
    ['xxxx placeholder token', 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'token'],
    ['Secrets Manager ARN under a secret name', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db', 'db_password'],
    ['password length is not a password', '32', 'password_length'],
    ['secret ARN attribute', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:x', 'master_user_secret_arn'],
    ['kms key id is not a secret', 'alias/phi', 'kms_key_id'],
    ['KMS alias under an encryption-key name (CodeBuild)', 'alias/phi-build', 'encryption_key'],
    ['AWS-managed KMS alias under an encryption-key name (WorkSpaces)', 'alias/aws/workspaces', 'volume_encryption_key'],
    ['KMS key id under an encryption-key name', '0b6b6a1c-1b2c-4d5e-8f90-a1b2c3d4e5f6', 'volume_encryption_key'],
    ['multi-Region KMS key id under an encryption-key name', 'mrk-0b6b6a1c1b2c4d5e8f90a1b2c3d4e5f6', 'encryption_key'],
    ['public key', 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7', 'public_key'],
    ['random string without a secret name', 'q8Zr2LmN4vB6xC1tY7wE9uI3oP5aS0dF', 'bucket_suffix'],
    ['git commit SHA under source_code_hash', 'f2ca1bb6c7e907d06dafe4687e579fce76b37e4e93b7605022da52e6ccc26fd2', 'source_code_hash'],
    ['PEM header with no key material', '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----', 'private_key'],
    ['database URL without a password', 'postgres://app@db.internal:5432/phi', 'DATABASE_URL'],
    ['Stripe test key', 'sk_test_' + '4eC39HqLyjWDarjtT1zdp7dc', undefined],
    ['boolean under a password name', 'true', 'manage_master_user_password'],
    ['no name, plain word', 'hunter2!', undefined],
  ];
  for (const [name, value, key] of cases) {
    test(name, () => assert.deepEqual(detectSecretsInValue(value, key), []));
  }
  test('placeholders', () => {
    for (const p of ['', 'xxx', 'REPLACE_ME', 'your-token-here', '********', '{{ secret }}', '$DB_PASSWORD', 'TODO']) assert.ok(isPlaceholder(p), p);
    for (const p of ['hunter2!', 'Zk29-qpL!x']) assert.ok(!isPlaceholder(p), p);
    // alias/ then a secret-looking tail with characters no alias name takes is still judged.
    for (const p of ['alias/Zk29-qpL!x', 'aliasZk29qpLx7']) assert.ok(!isPlaceholder(p), p);
  });
});

describe('secret detection in text and structured values', () => {
  test('user data script: export assignments and patterns, with offsets', () => {
    const text = `#!/bin/bash\nexport DB_PASSWORD="Zk29-qpL!x"\nexport AWS_ACCESS_KEY_ID=${AKID}\necho done\n`;
    const found = findSecretsInText(text);
    assert.deepEqual(found.map((f) => f.kind), ['generic-secret', 'aws-access-key-id']);
    assert.equal(text.slice(found[0]!.start, found[0]!.end), 'Zk29-qpL!x');
    assert.equal(text.slice(found[1]!.start, found[1]!.end), AKID);
  });
  test('.env and YAML lines', () => {
    assert.equal(findSecretsInText('API_TOKEN=9f8e7d6c5b4a39281706f5e4d3c2b1a0\nLOG_LEVEL=debug\n').length, 1);
    assert.equal(findSecretsInText('database:\n  password: s3cr3t-P4ss\n  host: db\n').length, 1);
    assert.equal(findSecretsInText('password_min_length: 14\ntoken_ttl: 3600\n').length, 0);
  });
  test('ECS container definitions: name/value pairs keyed by name', () => {
    const defs = JSON.stringify([{ name: 'app', environment: [{ name: 'API_TOKEN', value: 'Zk29-qpL!x77' }, { name: 'LOG_LEVEL', value: 'info' }] }]);
    const found = secretsIn(defs, 'container_definitions');
    assert.equal(found.length, 1);
    assert.match(found[0]!.leaf.path, /API_TOKEN$/);
  });
  test('base64 user data is decoded', () => {
    const encoded = Buffer.from(`#!/bin/bash\nexport STRIPE_KEY=${STRIPE}\n`).toString('base64');
    const found = secretsIn(encoded, 'user_data');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.finding.kind, 'stripe-key');
  });
});

test('a path to a key file under a secret name is not the secret', () => {
  assert.deepEqual(detectSecretsInValue('/secrets/sa.json', 'credentials'), []);
  assert.deepEqual(detectSecretsInValue('./keys/deploy.pem', 'private_key'), []);
});

test('only AWS-style documented examples are exempt, not any value mentioning "example"', () => {
  assert.equal(detectSecretsInValue('Example-Only-Not-A-Real-Password-42', 'db_master_password').length, 1);
  assert.deepEqual(detectSecretsInValue('AKIAI44QH8DHBEXAMPLE'), []);
});

describe('secret detection: the cheap pre-tests change no answer', () => {
  const WEBHOOK = 'https://hooks.slack.com/services/' + 'T0A1B2C3D/B4E5F6G7H/' + 'q8Zr2LmN4vB6xC1tY7wE9uI3';
  const GH_PAT = 'github_pat_' + 'A1b2C3d4E5f6G7h8I9j0K1' + '_' + 'L2m3N4o5P6q7R8s9T0'.repeat(4).slice(0, 59);
  test('each pattern still fires where its required text is, in any name and case the pattern allows', () => {
    assert.equal(detectSecretsInValue(WEBHOOK, 'anything')[0]?.kind, 'slack-webhook');
    assert.equal(detectSecretsInValue(GH_PAT, 'anything')[0]?.kind, 'github-token');
    assert.equal(detectSecretsInValue('POSTGRES://app:Sup3rS3cret@db.internal/phi', 'url')[0]?.kind, 'database-url-password');
    assert.equal(detectSecretsInValue(`prefix ${STRIPE} suffix`)[0]?.kind, 'stripe-key');
  });
  test('a name that is no secret context skips the name checks, the same key path asked twice answers the same', () => {
    for (let i = 0; i < 2; i++) {
      assert.deepEqual(detectSecretsInValue('q8Zr2LmN4vB6xC1tY7wE9uI3oP5aS0dF', 'tags.Name'), []);
      assert.equal(detectSecretsInValue('q8Zr2LmN4vB6xC1tY7wE9uI3oP5aS0dF', 'env.SIGNING_KEY')[0]?.kind, 'generic-secret');
      assert.equal(detectSecretsInValue(AWS_SECRET, 'creds.secretkey')[0]?.kind, 'aws-secret-access-key');
    }
  });
});

test('an idempotency token and a validity unit are no secrets (a real EFS module failed critical on creation_token)', () => {
  for (const name of ['creation_token', 'client_request_token', 'CreationToken']) assert.equal(isSecretName(name), false, name);
  assert.deepEqual(detectSecretsInValue('patient-uploads', 'creation_token'), []);
  assert.deepEqual(detectSecretsInValue('hours', 'token_validity_units.access_token'), []);
  // Still secrets: an access token's value, a token named alone.
  assert.equal(detectSecretsInValue('q8Zr2LmN4vB6xC1tY7wE', 'access_token').length, 1);
  assert.equal(isSecretName('api_token'), true);
});

test('a credential in a quoted HTTP header of a shell command is found (a real HIPAA stack\'s boot script passed)', () => {
  const key = 'f3a9c1e07b2d4c6a' + '8e0f1b3d5c7a9e2f4b6d8c0a'; // made up, assembled so the source holds no scannable literal
  const script = `curl --header 'x-api-key: ${key}' https://agent.example.com/i | bash\ncurl -H "Authorization: Bearer q8Zr2LmN4vB6xC1tY7wE9uI3oP5aS0dF" https://x\ncurl -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" https://y\n`;
  const found = findSecretsInText(script);
  assert.equal(found.length, 2, JSON.stringify(found));
  assert.equal(script.slice(found[0]!.start, found[0]!.end), key);
  assert.equal(script.slice(found[1]!.start, found[1]!.end), 'q8Zr2LmN4vB6xC1tY7wE9uI3oP5aS0dF');
});

test('a list of passwords is passwords, a setting about them is not; an object key path with a hash is no secret', () => {
  assert.equal(secretsIn(['Xk9mQ2vLp7Rt5Wz3'], 'passwords').length, 1, 'passwords[0]');
  assert.equal(isSecretName('iam_account_password_policy_expire_passwords'), false);
  assert.deepEqual(findSecretsInText('#  key = "builds/506df8bef5a4fb01883cce3673c9ff0ed88fb52e8583410e0cca7980a72211a0.zip"\n'), []);
  assert.equal(findSecretsInText('signing_key = "Qw8rTy2uIo9pAs7dFgHj3kL5zX"\n').length, 1, 'a random value under a key name still is');
});

test('a Terraform state key and other object paths are no secrets (a Terragrunt backend key failed critical); a random value with slashes still is', () => {
  for (const text of [
    'key = "live/dev/us-east-1/rds/terraform.tfstate"\n',
    'env:\n  TF_STATE_KEY: live/dev/us-east-1/rds/terraform.tfstate\nbackend:\n  key: live/prod/us-east-1/s3/terraform.tfstate\n',
    'state_key = "live/prod/us-east-1/network-vpc/terraform.tfstate.backup"\n',
    'key = "live/dev/us-east-1/rds"\n',
    'key = "datasets/patients/2024/extract.parquet"\n',
    'key = "acme-health/dev/us-east-1/app/config.yaml"\n',
    'key = "${path_relative_to_include()}/terraform.tfstate"\n',
    'kms_key_id = "arn:aws:kms:us-east-1:111122223333:alias/acme-health-tfstate"\n',
  ]) assert.deepEqual(findSecretsInText(text), [], text);
  assert.deepEqual(secretsIn(['live/dev/us-east-1/rds/terraform.tfstate'], 'key'), []);
  assert.equal(findSecretsInText('key = "Kq8zP2/vX9mL4nR7tW1yB6cF3hJ5.sDg0aE"\n').length, 1, 'base64-like with a slash and a dot');
  assert.equal(findSecretsInText('key = "kq8zp2/vx9ml4nr7tw1yb6cf3hj5sdg0ae"\n').length, 1, 'random lower-case segments are no words');
});

test('passwords on a command line (mysql -p, --password=, curl -u user:pass), not shell variables or a prompt', () => {
  for (const t of ['mysql -u admin -pS3cr3tPw9 -h db', 'mysqldump --password=Hunter2xx db', 'curl -u admin:Hunt3rPass https://x']) {
    assert.deepEqual(findSecretsInText(t).map((f) => f.kind), ['command-line-password'], t);
  }
  for (const t of ['mysql -u admin -p"$DB_PASSWORD" -h db', 'mysql -u admin -p -h db', 'curl -u "$U:$P" https://x', 'curl --user bob:$PASS https://x', 'mysql -h db -P 3306 -u app']) {
    assert.deepEqual(findSecretsInText(t), [], t);
  }
});

test('a one-line heredoc is one value, judged under its name; a text of several lines is read as text', () => {
  // `password = <<-EOT` / its line / `EOT`: HCL ends the value with the line break.
  assert.deepEqual(secretsIn('Xq7vLm2pR9tZ4wKc\n', 'password').map((f) => f.finding.kind), ['generic-secret']);
  assert.deepEqual(secretsIn('Xq7vLm2pR9tZ4wKc\n', 'description'), []);
  assert.deepEqual(secretsIn('first line\nXq7vLm2pR9tZ4wKc\n', 'password'), [], 'several lines: only patterns and assignments');
});
