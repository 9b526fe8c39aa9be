// The AWS provider's default_tags reach only resources that have a `tags` argument. Without this
// list the model gave default tags to every managed resource, and the data-classification rule
// then failed a public access block or a policy attachment for a tag it cannot carry
// (terraform-aws-s3-bucket examples/object). Only types known to have no `tags` argument in the
// AWS provider v5 are listed; an unlisted type keeps the default tags, as most AWS resources take them.

/** Settings resources of a bucket: every aws_s3_bucket_* type but the object, which is tagged. */
const S3_BUCKET_SETTINGS = /^aws_s3_bucket_(?!object$)/;

const UNTAGGABLE = new Set([
  'aws_s3_account_public_access_block',
  'aws_iam_role_policy', 'aws_iam_role_policy_attachment', 'aws_iam_policy_attachment', 'aws_iam_user_policy', 'aws_iam_user_policy_attachment',
  'aws_iam_group', 'aws_iam_group_policy', 'aws_iam_group_policy_attachment', 'aws_iam_group_membership', 'aws_iam_user_group_membership',
  'aws_iam_account_password_policy', 'aws_iam_account_alias', 'aws_iam_access_key', 'aws_iam_user_login_profile', 'aws_iam_user_ssh_key',
  'aws_iam_service_specific_credential', 'aws_iam_signing_certificate', 'aws_iam_security_token_service_preferences',
  'aws_security_group_rule', 'aws_network_acl_rule', 'aws_route', 'aws_route_table_association', 'aws_main_route_table_association',
  'aws_network_acl_association', 'aws_vpc_ipv4_cidr_block_association', 'aws_vpc_ipv6_cidr_block_association', 'aws_vpc_dhcp_options_association',
  'aws_vpc_endpoint_route_table_association', 'aws_vpc_endpoint_subnet_association', 'aws_vpc_endpoint_security_group_association',
  'aws_internet_gateway_attachment', 'aws_vpn_gateway_attachment', 'aws_vpn_gateway_route_propagation', 'aws_volume_attachment',
  'aws_network_interface_attachment', 'aws_network_interface_sg_attachment', 'aws_eip_association', 'aws_lb_target_group_attachment',
  'aws_lb_listener_certificate', 'aws_autoscaling_attachment', 'aws_autoscaling_policy', 'aws_autoscaling_schedule', 'aws_autoscaling_notification',
  'aws_autoscaling_lifecycle_hook',
  // Tagged through `tag` blocks, which default_tags does not fill (the provider's documentation says so).
  'aws_autoscaling_group',
  'aws_lambda_permission', 'aws_lambda_alias', 'aws_lambda_layer_version', 'aws_lambda_layer_version_permission', 'aws_lambda_function_event_invoke_config',
  'aws_lambda_provisioned_concurrency_config', 'aws_lambda_function_url',
  'aws_cloudwatch_log_stream', 'aws_cloudwatch_log_subscription_filter', 'aws_cloudwatch_log_metric_filter', 'aws_cloudwatch_log_resource_policy',
  'aws_cloudwatch_event_target', 'aws_cloudwatch_event_permission',
  'aws_sns_topic_subscription', 'aws_sns_topic_policy', 'aws_sqs_queue_policy', 'aws_sqs_queue_redrive_policy', 'aws_sqs_queue_redrive_allow_policy',
  'aws_kms_alias', 'aws_kms_grant', 'aws_kms_key_policy',
  'aws_ecr_repository_policy', 'aws_ecr_lifecycle_policy', 'aws_ecr_registry_policy',
  'aws_route53_record', 'aws_route53_zone_association', 'aws_route53_query_log',
  'aws_ebs_encryption_by_default', 'aws_ebs_default_kms_key',
  'aws_api_gateway_method', 'aws_api_gateway_integration', 'aws_api_gateway_resource', 'aws_api_gateway_deployment', 'aws_api_gateway_method_settings',
  'aws_api_gateway_method_response', 'aws_api_gateway_integration_response', 'aws_api_gateway_account', 'aws_api_gateway_base_path_mapping',
  'aws_api_gateway_rest_api_policy', 'aws_apigatewayv2_route', 'aws_apigatewayv2_integration', 'aws_apigatewayv2_deployment', 'aws_apigatewayv2_api_mapping',
  'aws_wafv2_web_acl_association', 'aws_wafv2_web_acl_logging_configuration',
  'aws_backup_selection', 'aws_backup_vault_policy', 'aws_backup_vault_notifications', 'aws_backup_vault_lock_configuration',
  'aws_secretsmanager_secret_version', 'aws_secretsmanager_secret_policy', 'aws_secretsmanager_secret_rotation',
  'aws_cloudfront_origin_access_identity', 'aws_cloudfront_origin_access_control',
  'aws_db_instance_role_association', 'aws_rds_cluster_role_association',
  'aws_securityhub_account', 'aws_securityhub_standards_subscription',
  'aws_config_configuration_recorder', 'aws_config_configuration_recorder_status', 'aws_config_delivery_channel',
  'aws_efs_mount_target', 'aws_efs_backup_policy', 'aws_efs_file_system_policy',
  'aws_ecs_cluster_capacity_providers', 'aws_dynamodb_table_item', 'aws_ec2_tag',
]);

/** Whether the provider's default_tags reach a managed resource of this type. */
export function defaultTagsReach(type: string): boolean {
  return !UNTAGGABLE.has(type) && !S3_BUCKET_SETTINGS.test(type);
}
