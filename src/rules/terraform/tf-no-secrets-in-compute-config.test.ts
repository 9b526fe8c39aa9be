import rule from './tf-no-secrets-in-compute-config.js';
import { testRule } from '../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'a CodeBuild variable read from Secrets Manager (its value is the secret\'s name)', terraform: 'resource "aws_codebuild_project" "b" {\n  name         = "b"\n  service_role = "arn:aws:iam::123456789012:role/cb"\n  artifacts {\n    type = "NO_ARTIFACTS"\n  }\n  source {\n    type = "NO_SOURCE"\n  }\n  environment {\n    compute_type = "BUILD_GENERAL1_SMALL"\n    image        = "aws/codebuild/standard:7.0"\n    type         = "LINUX_CONTAINER"\n    environment_variable {\n      name  = "DB_PASSWORD"\n      value = "prod/db:password"\n      type  = \"SECRETS_MANAGER\"\n    }\n  }\n}\n' },
    { name: 'SecureString parameter', terraform: 'resource "aws_ssm_parameter" "db" {\n  name  = "/phi/db/password"\n  type  = "SecureString"\n  value = "Zk29-qpL!x7"\n}\n' },
    { name: 'SecureString parameter set write-only', terraform: 'variable "db_password" {\n  type      = string\n  sensitive = true\n  ephemeral = true\n}\nresource "aws_ssm_parameter" "db" {\n  name             = "/phi/db/password"\n  type             = "SecureString"\n  value_wo         = var.db_password\n  value_wo_version = 1\n}\n' },
    { name: 'ECS secrets by reference', terraform: 'resource "aws_ecs_task_definition" "t" {\n  family = "api"\n  container_definitions = jsonencode([{\n    name  = "api"\n    image = "api:1"\n    secrets = [{ name = "DB_PASSWORD", valueFrom = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db" }]\n    environment = [{ name = "LOG_LEVEL", value = "info" }]\n  }])\n}\n' },
  ],
  fail: [
    { name: 'a CodeBuild PLAINTEXT environment variable holding a password', terraform: 'resource "aws_codebuild_project" "b" {\n  name         = "b"\n  service_role = "arn:aws:iam::123456789012:role/cb"\n  artifacts {\n    type = "NO_ARTIFACTS"\n  }\n  source {\n    type = "NO_SOURCE"\n  }\n  environment {\n    compute_type = "BUILD_GENERAL1_SMALL"\n    image        = "aws/codebuild/standard:7.0"\n    type         = "LINUX_CONTAINER"\n    environment_variable {\n      name  = "DB_PASSWORD"\n      value = "Xk9mQ2vLp7Rt5Wz3"\n    }\n  }\n}\n', findings: [{ line: 16, message: /environment\.environment_variable\.DB_PASSWORD/ }] },
    // Trivy's own bad example: the whole script on one line, no line break.
    { name: 'a secret in one-line user_data', terraform: 'resource "aws_instance" "app" {\n  ami           = "ami-12345667"\n  instance_type = "t3.small"\n  user_data     = "export DB_PASSWORD=Zq8vR2kLp9xWq1 && /opt/app/start"\n}\n', findings: [{ line: 4, message: /user_data/ }] },
    { name: 'plain String parameter with a secret name', terraform: 'resource "aws_ssm_parameter" "db" {\n  name  = "/phi/db/password"\n  value = "Zk29-qpL!x7"\n}\n', findings: [{ line: 1, message: /type String \(the default\)/ }] },
    { name: 'plain String parameter set write-only (value_wo keeps it out of state, not out of the parameter)', terraform: 'variable "db_password" {\n  type      = string\n  sensitive = true\n  ephemeral = true\n}\nresource "aws_ssm_parameter" "db" {\n  name             = "/phi/db/password"\n  type             = "String"\n  value_wo         = var.db_password\n  value_wo_version = 1\n}\n', findings: [{ line: 8, message: /type String, which is not encrypted/ }] },
    { name: 'ECS environment secret', terraform: 'resource "aws_ecs_task_definition" "t" {\n  family = "api"\n  container_definitions = jsonencode([{\n    name  = "api"\n    image = "api:1"\n    environment = [{ name = "API_TOKEN", value = "Zk29-qpL!x7-77" }]\n  }])\n}\n', findings: [{ line: 3, message: /API_TOKEN/ }] },
    { name: 'user data exporting an AWS key', terraform: 'resource "aws_instance" "i" {\n  ami           = "ami-12345678"\n  instance_type = "t3.micro"\n  user_data     = <<-EOT\n    #!/bin/bash\n    export AWS_ACCESS_KEY_ID=AKIAQ3EGRX7ZJ5TM4KWB\n  EOT\n}\n', findings: [{ line: 4, message: /AWS access key id/ }] },
    { name: 'base64 launch template user data', terraform: 'resource "aws_launch_template" "t" {\n  name      = "api"\n  user_data = base64encode("#!/bin/bash\\nexport DB_PASSWORD=Zk29-qpL!x7\\n")\n}\n', findings: [{ line: 3, message: /base64-encoded/ }] },
  ],
  unknown: [
    { name: 'secret-named environment variable from a generated password', terraform: 'resource "random_password" "db" {\n  length = 32\n}\n\nresource "aws_lambda_function" "f" {\n  function_name = "api"\n  role          = "arn:aws:iam::123456789012:role/api"\n  runtime       = "python3.12"\n  handler       = "app.handler"\n  filename      = "app.zip"\n  environment {\n    variables = {\n      DB_PASSWORD = random_password.db.result\n    }\n  }\n}\n' },
  ],
});
