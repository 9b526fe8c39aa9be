import rule from './aws-data-service-not-public.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'msk without public access block', terraform: 'resource "aws_msk_cluster" "k" {\n  cluster_name           = "k"\n  kafka_version          = "3.6.0"\n  number_of_broker_nodes = 3\n  broker_node_group_info {\n    instance_type   = "kafka.m5.large"\n    client_subnets  = ["subnet-a", "subnet-b", "subnet-c"]\n    security_groups = ["sg-0123456789abcdef0"]\n  }\n}\n' },
    { name: 'transfer server in a VPC without Elastic IPs', terraform: 'resource "aws_transfer_server" "sftp" {\n  endpoint_type = "VPC"\n  endpoint_details {\n    vpc_id     = "vpc-0123456789abcdef0"\n    subnet_ids = ["subnet-0123456789abcdef0"]\n  }\n}\n' },
    { name: 'mwaa default private web server', terraform: 'resource "aws_mwaa_environment" "air" {\n  name               = "air"\n  dag_s3_path        = "dags/"\n  execution_role_arn = "arn:aws:iam::123456789012:role/mwaa"\n  source_bucket_arn  = "arn:aws:s3:::airflow"\n  network_configuration {\n    security_group_ids = ["sg-0123456789abcdef0"]\n    subnet_ids         = ["subnet-a", "subnet-b"]\n  }\n}\n' },
  ],
  fail: [
    { name: 'transfer server default public endpoint', terraform: 'resource "aws_transfer_server" "sftp" {\n  identity_provider_type = "SERVICE_MANAGED"\n}\n', findings: [{ line: 1, message: /default "PUBLIC"/ }] },
    { name: 'msk public access on', terraform: 'resource "aws_msk_cluster" "k" {\n  cluster_name           = "k"\n  kafka_version          = "3.6.0"\n  number_of_broker_nodes = 3\n  broker_node_group_info {\n    instance_type   = "kafka.m5.large"\n    client_subnets  = ["subnet-a", "subnet-b", "subnet-c"]\n    security_groups = ["sg-0123456789abcdef0"]\n    connectivity_info {\n      public_access {\n        type = "SERVICE_PROVIDED_EIPS"\n      }\n    }\n  }\n}\n', findings: [{ line: 11 }] },
    { name: 'mwaa public web server', terraform: 'resource "aws_mwaa_environment" "air" {\n  name                  = "air"\n  dag_s3_path           = "dags/"\n  execution_role_arn    = "arn:aws:iam::123456789012:role/mwaa"\n  source_bucket_arn     = "arn:aws:s3:::airflow"\n  webserver_access_mode = "PUBLIC_ONLY"\n  network_configuration {\n    security_group_ids = ["sg-0123456789abcdef0"]\n    subnet_ids         = ["subnet-a", "subnet-b"]\n  }\n}\n', findings: [{ line: 6 }] },
    { name: 'transfer VPC endpoint with Elastic IPs', terraform: 'resource "aws_transfer_server" "sftp" {\n  endpoint_type = "VPC"\n  endpoint_details {\n    vpc_id                 = "vpc-0123456789abcdef0"\n    subnet_ids             = ["subnet-0123456789abcdef0"]\n    address_allocation_ids = ["eipalloc-0123456789abcdef0"]\n  }\n}\n', findings: [{ line: 6, message: /Elastic IPs/ }] },
  ],
  unknown: [
    { name: 'neptune flag from a variable', terraform: 'variable "public" {\n  type = bool\n}\nresource "aws_neptune_cluster_instance" "n" {\n  cluster_identifier  = "graph"\n  instance_class      = "db.r6g.large"\n  publicly_accessible = var.public\n}\n' },
  ],
});
