import rule from './aws-resource-policy-no-anonymous-principal.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: "KMS key policy for the caller's account id (known only at apply time, never anyone)", terraform: 'data "aws_caller_identity" "current" {}\nresource "aws_kms_key" "k" {\n  enable_key_rotation = true\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Sid = "Root", Effect = "Allow", Principal = { AWS = data.aws_caller_identity.current.account_id }, Action = "kms:*", Resource = "*" }]\n  })\n}\n' },
    {
      name: 'ForAllValues on the org paths with a Null "false" guard on the same key (AWS\'s pairing)',
      terraform: 'resource "aws_sqs_queue_policy" "q" {\n  queue_url = "https://sqs.us-east-1.amazonaws.com/123456789012/q"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = "*", Condition = { "ForAllValues:StringEquals" = { "aws:PrincipalOrgPaths" = ["o-abcd1234/r-ab12/ou-ab12-11111111/"] }, Null = { "aws:PrincipalOrgPaths" = "false" } } }]\n  })\n}\n',
    },
    {
      name: 'an OpenSearch domain open to "*" with fine-grained access control on (AWS documents it so)',
      terraform: 'resource "aws_opensearch_domain" "d" {\n  domain_name = "search"\n  advanced_security_options {\n    enabled = true\n  }\n  access_policies = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "es:*", Resource = "arn:aws:es:us-east-1:111122223333:domain/search/*" }]\n  })\n}\n',
    },
    // The AWS managed key policies' pattern: any principal of the account, through one service.
    { name: 'kms key policy for "*" through S3 with kms:CallerAccount pinning the account', terraform: 'resource "aws_kms_key" "k" {\n  description = "phi"\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = ["kms:Decrypt", "kms:GenerateDataKey*"], Resource = "*", Condition = { StringEquals = { "kms:CallerAccount" = "123456789012", "kms:ViaService" = "s3.us-east-1.amazonaws.com" } } }]\n  })\n}\n' },
    { name: 'a DynamoDB table policy for one account', terraform: 'resource "aws_dynamodb_resource_policy" "t" {\n  resource_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/phi-records"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::210987654321:root" }, Action = "dynamodb:GetItem", Resource = "arn:aws:dynamodb:us-east-1:123456789012:table/phi-records" }]\n  })\n}\n' },
    { name: 'kms key policy for the account root', terraform: 'resource "aws_kms_key" "k" {\n  description = "phi"\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "kms:*", Resource = "*" }]\n  })\n}\n' },
    { name: 'sns topic open to the organisation', terraform: 'resource "aws_sns_topic_policy" "t" {\n  arn = "arn:aws:sns:us-east-1:123456789012:events"\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = "*", Action = "sns:Subscribe", Resource = "arn:aws:sns:us-east-1:123456789012:events", Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abcdefghij" } } }]\n  })\n}\n' },
    {
      name: 'kms key policy for the account root, its account read from a data source',
      terraform: 'data "aws_caller_identity" "current" {}\n\nresource "aws_kms_key" "k" {\n  description = "phi"\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }, Action = "kms:*", Resource = "*" }]\n  })\n}\n',
    },
    {
      name: 'queue policy naming another resource\'s ARN',
      terraform: 'resource "aws_iam_role" "r" {\n  name               = "intake"\n  assume_role_policy = "{}"\n}\n\nresource "aws_sqs_queue_policy" "q" {\n  queue_url = "https://sqs.us-east-1.amazonaws.com/123456789012/intake"\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = { AWS = aws_iam_role.r.arn }, Action = "sqs:SendMessage", Resource = "*" }]\n  })\n}\n',
    },
  ],
  fail: [
    // The policy is plain's (element index 1): it passed on fgac's fine-grained access control, the first linked.
    { name: 'an anonymous domain policy of the second of two domains, only the first with fine-grained access control', terraform: 'resource "aws_opensearch_domain" "fgac" {\n  domain_name = "fgac"\n  advanced_security_options {\n    enabled                        = true\n    internal_user_database_enabled = true\n  }\n}\nresource "aws_opensearch_domain" "plain" {\n  domain_name = "plain"\n}\nresource "aws_opensearch_domain_policy" "p" {\n  domain_name = element([aws_opensearch_domain.fgac.domain_name, aws_opensearch_domain.plain.domain_name], 1)\n  access_policies = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = "*", Action = "es:ESHttpGet", Resource = "*" }]\n  })\n}\n', findings: [{ line: 13 }] },
    { name: 'a KMS key policy written as aws_kms_key_policy', terraform: 'resource "aws_kms_key" "k" {\n  description = "phi"\n}\n\nresource "aws_kms_key_policy" "k" {\n  key_id = aws_kms_key.k.id\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "kms:Decrypt", Resource = "*" }]\n  })\n}\n', findings: [{ line: 7, message: /kms:Decrypt to any principal/ }] },
    { name: 'an EFS file system policy open to anyone', terraform: 'resource "aws_efs_file_system_policy" "p" {\n  file_system_id = "fs-12345678"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], Resource = "*" }]\n  })\n}\n', findings: [{ line: 3 }] },
    ...[
      ['Null aws:SourceVpce "false" (any endpoint, any account\'s)', 'Null = { "aws:SourceVpce" = "false" }'],
      ['ForAllValues:StringLike on the org paths (true when the caller has none)', '"ForAllValues:StringLike" = { "aws:PrincipalOrgPaths" = ["o-abcd1234/r-ab12/ou-ab12-11111111/*"] }'],
      // A user name is unique only within its account: every account may have a user "deploy".
      ['aws:username (the same name in any account)', 'StringEquals = { "aws:username" = "deploy" }'],
      // The service that calls KMS, not whose principal calls it: any account's principal, through S3.
      ['kms:ViaService alone (any account\'s principal through the service)', 'StringEquals = { "kms:ViaService" = "s3.us-east-1.amazonaws.com" }'],
    ].map(([name, condition]) => ({
      name: `a condition that does not pin the caller: ${name}`,
      terraform: `resource "aws_sqs_queue_policy" "q" {\n  queue_url = "https://sqs.us-east-1.amazonaws.com/123456789012/q"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = "*", Condition = { ${condition} } }]\n  })\n}\n`,
      findings: [{ line: 3, message: /no condition restricting the caller/ }],
    })),
    { name: 'a StringLike account pattern matches anyone\'s account', terraform: 'resource "aws_sqs_queue_policy" "p" {\n  queue_url = "https://sqs.us-east-1.amazonaws.com/123456789012/q"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = "*"\n      Action    = "sqs:ReceiveMessage"\n      Resource  = "*"\n      Condition = { StringLike = { "aws:PrincipalAccount" = "*1*" } }\n    }]\n  })\n}\n', findings: [{ line: 3 }] },
    {
      name: 'an OpenSearch domain open to "*" without fine-grained access control',
      terraform: 'resource "aws_opensearch_domain" "d" {\n  domain_name = "search"\n  advanced_security_options {\n    enabled = false\n  }\n  access_policies = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "es:*", Resource = "arn:aws:es:us-east-1:111122223333:domain/search/*" }]\n  })\n}\n',
      findings: [{ line: 6, message: /es:\* to any principal/ }],
    },
    {
      name: 'a separate domain policy open to "*", its domain named by domain_name',
      terraform: 'resource "aws_elasticsearch_domain" "d" {\n  domain_name = "search"\n}\nresource "aws_elasticsearch_domain_policy" "p" {\n  domain_name = "search"\n  access_policies = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "es:*", Resource = "arn:aws:es:us-east-1:111122223333:domain/search/*" }]\n  })\n}\n',
      findings: [{ line: 6, message: /es:\* to any principal/ }],
    },
    {
      name: 'heredoc policy with an interpolated ARN is still read',
      terraform: 'resource "aws_sqs_queue" "q" {\n  name = "intake"\n}\n\nresource "aws_sqs_queue_policy" "p" {\n  queue_url = aws_sqs_queue.q.id\n  policy    = <<POLICY\n{\n  "Statement": [{\n    "Effect": "Allow",\n    "Principal": "*",\n    "Action": "sqs:SendMessage",\n    "Resource": "${aws_sqs_queue.q.arn}"\n  }]\n}\nPOLICY\n}\n',
      findings: [{ line: 7, message: /sqs:SendMessage to any principal/ }],
    },
    { name: 'a DynamoDB table readable by anyone', terraform: 'resource "aws_dynamodb_resource_policy" "t" {\n  resource_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/phi-records"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = "*", Action = ["dynamodb:GetItem", "dynamodb:Query"], Resource = "arn:aws:dynamodb:us-east-1:123456789012:table/phi-records" }]\n  })\n}\n', findings: [{ line: 3, message: /dynamodb:GetItem, dynamodb:Query to any principal/ }] },
    { name: 'a Kinesis stream readable by anyone', terraform: 'resource "aws_kinesis_resource_policy" "s" {\n  resource_arn = "arn:aws:kinesis:us-east-1:123456789012:stream/phi-events"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "kinesis:GetRecords", Resource = "arn:aws:kinesis:us-east-1:123456789012:stream/phi-events" }]\n  })\n}\n', findings: [{ line: 3 }] },
    { name: 'public ECR repository', terraform: 'resource "aws_ecr_repository_policy" "r" {\n  repository = "app"\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = "*", Action = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] }]\n  })\n}\n', findings: [{ line: 3, message: /ecr:BatchGetImage/ }] },
    { name: 'secret readable by anyone', terraform: 'resource "aws_secretsmanager_secret_policy" "s" {\n  secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db"\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "secretsmanager:GetSecretValue", Resource = "*" }]\n  })\n}\n' },
  ],
  unknown: [
    { name: "a caller attribute other than the account id (user_id) may be anything", terraform: 'data "aws_caller_identity" "current" {}\nresource "aws_kms_key" "k" {\n  enable_key_rotation = true\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = { AWS = data.aws_caller_identity.current.user_id }, Action = "kms:*", Resource = "*" }]\n  })\n}\n' },
    {
      name: 'a principal whose known text is only "*" may be anyone',
      terraform: 'variable "prefix" {\n  type = string\n}\nresource "aws_sqs_queue_policy" "q" {\n  queue_url = "https://sqs.us-east-1.amazonaws.com/123456789012/intake"\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = { AWS = "${var.prefix}*" }, Action = "sqs:SendMessage", Resource = "*" }]\n  })\n}\n',
    },
    { name: 'condition value known only at apply time keeps the rest readable', terraform: 'variable "org" {\n  type = string\n}\ndata "aws_iam_policy_document" "q" {\n  statement {\n    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n    actions   = ["sqs:SendMessage"]\n    resources = ["*"]\n    condition {\n      test     = "StringEquals"\n      variable = var.org\n      values   = ["o-abcdefghij"]\n    }\n  }\n}\nresource "aws_sqs_queue_policy" "q" {\n  queue_url = "https://sqs.us-east-1.amazonaws.com/123456789012/intake"\n  policy    = data.aws_iam_policy_document.q.json\n}\n' },
  ],
});
