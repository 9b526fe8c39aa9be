// Generated from ../shared/reference/aws-hipaa-eligible-services.json (issue 6). Do not edit by hand:
// regenerate from the shared file when AWS publishes a new list, and keep its date and source.
// The Terraform resource-type prefixes are this project's mapping, not AWS's.

export interface EligibleService {
  readonly name: string;
  /** hashicorp/aws type-name prefixes (aws_s3_ → Amazon S3). The longest matching prefix wins. */
  readonly terraformPrefixes: readonly string[];
  /** Exact type names, matched before any prefix. */
  readonly terraformTypes?: readonly string[];
  /** AWS's own caveat on eligibility (e.g. which features are excluded). */
  readonly caveat?: string;
  /** The prefix mapping involves an assumption (see the shared JSON's note). */
  readonly uncertain?: boolean;
}

export const HIPAA_ELIGIBLE_SOURCE = "AWS, \"HIPAA Eligible Services Reference\", https://aws.amazon.com/compliance/hipaa-eligible-services-reference/ — service names as copied verbatim (with AWS's bracketed caveats) in the AWS-samples HIPAA SCP readme (config/service-control-policies/Readme.md, landing-zone-accelerator-on-aws-for-healthcare), revision that 'aligns with the list of published eligible services dated May 22, 2026'. The AWS page itself was not in the stored corpora.";
/** The date of AWS's list. */
export const HIPAA_ELIGIBLE_LIST_DATE = "2026-05-22";
export const HIPAA_ELIGIBLE_NOTE = "Date of the AWS list as stated by the copy; copy read from the search index in 2026-11. Earlier verifiable copy: aws-samples/landing-zone-accelerator-on-aws-for-healthcare@50e15ba309f9d71889c144ede0b9a0e1cb8eb381 (list of 2025-04-16, 166 services).";

export const HIPAA_ELIGIBLE_SERVICES: readonly EligibleService[] = [
  {
    "name": "Alexa for Business",
    "terraformPrefixes": [],
    "caveat": "for healthcare skills only — requires Alexa Skills BAA"
  },
  {
    "name": "AWS Amplify Console",
    "terraformPrefixes": [
      "aws_amplify_"
    ]
  },
  {
    "name": "Amazon API Gateway",
    "terraformPrefixes": [
      "aws_api_gateway_",
      "aws_apigatewayv2_"
    ]
  },
  {
    "name": "AWS App Mesh",
    "terraformPrefixes": [
      "aws_appmesh_"
    ]
  },
  {
    "name": "AWS AppFabric",
    "terraformPrefixes": [
      "aws_appfabric_"
    ]
  },
  {
    "name": "Amazon AppFlow",
    "terraformPrefixes": [
      "aws_appflow_"
    ]
  },
  {
    "name": "AWS Application Migration Service",
    "terraformPrefixes": [],
    "uncertain": true
  },
  {
    "name": "Amazon Application Recovery Controller",
    "terraformPrefixes": [
      "aws_route53recoverycontrolconfig_",
      "aws_route53recoveryreadiness_",
      "aws_arczonalshift_",
      "aws_arcregionswitch_"
    ],
    "uncertain": true
  },
  {
    "name": "AWS AppSync",
    "terraformPrefixes": [
      "aws_appsync_"
    ]
  },
  {
    "name": "Amazon Athena",
    "terraformPrefixes": [
      "aws_athena_"
    ]
  },
  {
    "name": "AWS Audit Manager",
    "terraformPrefixes": [
      "aws_auditmanager_"
    ]
  },
  {
    "name": "Amazon Augmented AI",
    "terraformPrefixes": [
      "aws_sagemaker_flow_definition",
      "aws_sagemaker_human_task_ui"
    ],
    "caveat": "excludes Public Workforce and Vendor Workforce for all features",
    "uncertain": true
  },
  {
    "name": "Amazon Aurora",
    "terraformPrefixes": [
      "aws_rds_cluster",
      "aws_rds_global_cluster"
    ],
    "uncertain": true
  },
  {
    "name": "AWS B2B Data Interchange",
    "terraformPrefixes": [
      "aws_b2bi_"
    ]
  },
  {
    "name": "AWS Backup",
    "terraformPrefixes": [
      "aws_backup_"
    ]
  },
  {
    "name": "AWS Batch",
    "terraformPrefixes": [
      "aws_batch_"
    ]
  },
  {
    "name": "Amazon Bedrock",
    "terraformPrefixes": [
      "aws_bedrock_",
      "aws_bedrockagent_"
    ]
  },
  {
    "name": "Amazon Bedrock AgentCore",
    "terraformPrefixes": [
      "aws_bedrockagentcore_"
    ]
  },
  {
    "name": "AWS Certificate Manager",
    "terraformPrefixes": [
      "aws_acm_"
    ]
  },
  {
    "name": "Amazon Chime",
    "terraformPrefixes": [
      "aws_chime_"
    ],
    "uncertain": true
  },
  {
    "name": "Amazon Chime SDK",
    "terraformPrefixes": [
      "aws_chimesdkmediapipelines_",
      "aws_chimesdkvoice_"
    ]
  },
  {
    "name": "AWS Clean Rooms",
    "terraformPrefixes": [
      "aws_cleanrooms_"
    ]
  },
  {
    "name": "AWS Cloud 9",
    "terraformPrefixes": [
      "aws_cloud9_"
    ]
  },
  {
    "name": "Amazon Cloud Directory",
    "terraformPrefixes": []
  },
  {
    "name": "AWS Cloud Map",
    "terraformPrefixes": [
      "aws_service_discovery_"
    ]
  },
  {
    "name": "AWS CloudEndure",
    "terraformPrefixes": []
  },
  {
    "name": "AWS CloudFormation",
    "terraformPrefixes": [
      "aws_cloudformation_"
    ]
  },
  {
    "name": "Amazon CloudFront",
    "terraformPrefixes": [
      "aws_cloudfront_",
      "aws_cloudfrontkeyvaluestore_"
    ],
    "caveat": "excludes content delivery through Amazon CloudFront Embedded Point of Presences"
  },
  {
    "name": "AWS CloudHSM",
    "terraformPrefixes": [
      "aws_cloudhsm_v2_"
    ]
  },
  {
    "name": "AWS CloudShell",
    "terraformPrefixes": []
  },
  {
    "name": "AWS CloudTrail",
    "terraformPrefixes": [
      "aws_cloudtrail"
    ]
  },
  {
    "name": "Amazon CloudWatch",
    "terraformPrefixes": [
      "aws_cloudwatch_metric_",
      "aws_cloudwatch_composite_alarm",
      "aws_cloudwatch_dashboard",
      "aws_cloudwatch_contributor_",
      "aws_oam_",
      "aws_synthetics_",
      "aws_rum_",
      "aws_evidently_",
      "aws_internetmonitor_",
      "aws_applicationinsights_"
    ],
    "uncertain": true
  },
  {
    "name": "Amazon CloudWatch Logs",
    "terraformPrefixes": [
      "aws_cloudwatch_log_",
      "aws_cloudwatch_query_definition"
    ]
  },
  {
    "name": "Amazon CloudWatch SDK Metrics",
    "terraformPrefixes": []
  },
  {
    "name": "AWS CodeBuild",
    "terraformPrefixes": [
      "aws_codebuild_"
    ]
  },
  {
    "name": "AWS CodeCommit",
    "terraformPrefixes": [
      "aws_codecommit_"
    ]
  },
  {
    "name": "AWS CodeDeploy",
    "terraformPrefixes": [
      "aws_codedeploy_"
    ]
  },
  {
    "name": "AWS CodePipeline",
    "terraformPrefixes": [
      "aws_codepipeline"
    ]
  },
  {
    "name": "Amazon Cognito",
    "terraformPrefixes": [
      "aws_cognito_"
    ]
  },
  {
    "name": "Amazon Comprehend",
    "terraformPrefixes": [
      "aws_comprehend_"
    ]
  },
  {
    "name": "Amazon Comprehend Medical",
    "terraformPrefixes": []
  },
  {
    "name": "AWS Config",
    "terraformPrefixes": [
      "aws_config_"
    ]
  },
  {
    "name": "Amazon Connect",
    "terraformPrefixes": [
      "aws_connect_",
      "aws_customerprofiles_"
    ],
    "uncertain": true
  },
  {
    "name": "Amazon Connect Health",
    "terraformPrefixes": [],
    "caveat": "a HCLS Service- Healthcare and Life Sciences Addendum applies",
    "uncertain": true
  },
  {
    "name": "AWS Control Tower",
    "terraformPrefixes": [
      "aws_controltower_"
    ]
  },
  {
    "name": "AWS Data Exchange",
    "terraformPrefixes": [
      "aws_dataexchange_"
    ]
  },
  {
    "name": "AWS Database Migration Service (DMS)",
    "terraformPrefixes": [
      "aws_dms_"
    ]
  },
  {
    "name": "AWS DataSync",
    "terraformPrefixes": [
      "aws_datasync_"
    ]
  },
  {
    "name": "Amazon DataZone",
    "terraformPrefixes": [
      "aws_datazone_"
    ]
  },
  {
    "name": "Amazon Detective",
    "terraformPrefixes": [
      "aws_detective_"
    ]
  },
  {
    "name": "AWS DevOps Agent",
    "terraformPrefixes": [],
    "uncertain": true
  },
  {
    "name": "Amazon DevOps Guru",
    "terraformPrefixes": [
      "aws_devopsguru_"
    ]
  },
  {
    "name": "AWS Direct Connect",
    "terraformPrefixes": [
      "aws_dx_"
    ]
  },
  {
    "name": "AWS Directory Service",
    "terraformPrefixes": [
      "aws_directory_service_"
    ],
    "caveat": "excludes Simple AD"
  },
  {
    "name": "Amazon DocumentDB",
    "terraformPrefixes": [
      "aws_docdb_",
      "aws_docdbelastic_"
    ],
    "caveat": "with MongoDB compatibility",
    "uncertain": true
  },
  {
    "name": "Amazon DynamoDB",
    "terraformPrefixes": [
      "aws_dynamodb_"
    ]
  },
  {
    "name": "Amazon EC2 Auto Scaling",
    "terraformPrefixes": [
      "aws_autoscaling_",
      "aws_launch_configuration"
    ]
  },
  {
    "name": "Amazon ElastiCache",
    "terraformPrefixes": [
      "aws_elasticache_"
    ]
  },
  {
    "name": "AWS Elastic Beanstalk",
    "terraformPrefixes": [
      "aws_elastic_beanstalk_"
    ]
  },
  {
    "name": "Amazon Elastic Block Store (Amazon EBS)",
    "terraformPrefixes": [
      "aws_ebs_",
      "aws_volume_attachment",
      "aws_snapshot_create_volume_permission",
      "aws_dlm_"
    ],
    "uncertain": true
  },
  {
    "name": "Amazon Elastic Compute Cloud (Amazon EC2)",
    "terraformPrefixes": [
      "aws_instance",
      "aws_ami",
      "aws_ec2_",
      "aws_eip",
      "aws_key_pair",
      "aws_launch_template",
      "aws_placement_group",
      "aws_spot_",
      "aws_availability_zone"
    ]
  },
  {
    "name": "Amazon Elastic Container Registry (ECR)",
    "terraformPrefixes": [
      "aws_ecr_"
    ]
  },
  {
    "name": "Amazon Elastic Container Service (ECS)",
    "terraformPrefixes": [
      "aws_ecs_"
    ]
  },
  {
    "name": "AWS Elastic Disaster Recovery",
    "terraformPrefixes": [
      "aws_drs_"
    ]
  },
  {
    "name": "Amazon Elastic File System (EFS)",
    "terraformPrefixes": [
      "aws_efs_"
    ]
  },
  {
    "name": "Amazon Elastic Kubernetes Service (EKS)",
    "terraformPrefixes": [
      "aws_eks_"
    ]
  },
  {
    "name": "Elastic Load Balancing",
    "terraformPrefixes": [
      "aws_lb",
      "aws_alb",
      "aws_elb",
      "aws_load_balancer_",
      "aws_app_cookie_stickiness_policy",
      "aws_proxy_protocol_policy"
    ]
  },
  {
    "name": "Amazon Elastic MapReduce (EMR)",
    "terraformPrefixes": [
      "aws_emr_",
      "aws_emrcontainers_",
      "aws_emrserverless_"
    ],
    "uncertain": true
  },
  {
    "name": "AWS Elemental MediaConnect",
    "terraformPrefixes": [
      "aws_mediaconnect_"
    ],
    "uncertain": true
  },
  {
    "name": "AWS Elemental MediaConvert",
    "terraformPrefixes": [
      "aws_media_convert_"
    ]
  },
  {
    "name": "AWS Elemental MediaLive",
    "terraformPrefixes": [
      "aws_medialive_"
    ]
  },
  {
    "name": "AWS Entity Resolution",
    "terraformPrefixes": [
      "aws_entityresolution_"
    ],
    "uncertain": true
  },
  {
    "name": "Amazon EventBridge",
    "terraformPrefixes": [
      "aws_cloudwatch_event_",
      "aws_scheduler_",
      "aws_pipes_",
      "aws_schemas_"
    ],
    "caveat": "formerly Amazon Cloudwatch Events",
    "uncertain": true
  },
  {
    "name": "AWS Fargate",
    "terraformPrefixes": [
      "aws_eks_fargate_profile"
    ],
    "caveat": "ECS and EKS engines only"
  },
  {
    "name": "AWS Fault Injection Simulator",
    "terraformPrefixes": [
      "aws_fis_"
    ]
  },
  {
    "name": "AWS Firewall Manager",
    "terraformPrefixes": [
      "aws_fms_"
    ]
  },
  {
    "name": "Amazon Forecast",
    "terraformPrefixes": []
  },
  {
    "name": "Amazon FreeRTOS",
    "terraformPrefixes": []
  },
  {
    "name": "Amazon FSx",
    "terraformPrefixes": [
      "aws_fsx_"
    ]
  },
  {
    "name": "AWS Global Accelerator",
    "terraformPrefixes": [
      "aws_globalaccelerator_"
    ]
  },
  {
    "name": "AWS Glue",
    "terraformPrefixes": [
      "aws_glue_"
    ]
  },
  {
    "name": "AWS Glue DataBrew",
    "terraformPrefixes": []
  },
  {
    "name": "Amazon GuardDuty",
    "terraformPrefixes": [
      "aws_guardduty_"
    ]
  },
  {
    "name": "AWS HealthLake",
    "terraformPrefixes": [
      "aws_healthlake_"
    ],
    "uncertain": true
  },
  {
    "name": "AWS HealthOmics",
    "terraformPrefixes": [
      "aws_omics_"
    ],
    "uncertain": true
  },
  {
    "name": "AWS HealthImaging",
    "terraformPrefixes": [],
    "uncertain": true
  },
  {
    "name": "AWS IAM Identity Center",
    "terraformPrefixes": [
      "aws_ssoadmin_",
      "aws_identitystore_"
    ]
  },
  {
    "name": "Amazon Inspector",
    "terraformPrefixes": [
      "aws_inspector2_",
      "aws_inspector_"
    ]
  },
  {
    "name": "AWS IoT Core",
    "terraformPrefixes": [
      "aws_iot_"
    ]
  },
  {
    "name": "AWS IoT Device Management",
    "terraformPrefixes": [
      "aws_iot_thing_group",
      "aws_iot_billing_group",
      "aws_iot_indexing_configuration"
    ],
    "uncertain": true
  },
  {
    "name": "AWS IoT Events",
    "terraformPrefixes": [
      "aws_iotevents_"
    ],
    "uncertain": true
  },
  {
    "name": "AWS IoT Greengrass",
    "terraformPrefixes": [
      "aws_greengrass_",
      "aws_greengrassv2_"
    ],
    "uncertain": true
  },
  {
    "name": "AWS IoT SiteWise",
    "terraformPrefixes": []
  },
  {
    "name": "Amazon Kendra",
    "terraformPrefixes": [
      "aws_kendra_"
    ]
  },
  {
    "name": "AWS Key Management Service (KMS)",
    "terraformPrefixes": [
      "aws_kms_"
    ]
  },
  {
    "name": "Amazon Managed Service for Apache Flink",
    "terraformPrefixes": [
      "aws_kinesisanalyticsv2_",
      "aws_kinesis_analytics_"
    ]
  },
  {
    "name": "Amazon Keyspaces",
    "terraformPrefixes": [
      "aws_keyspaces_"
    ],
    "caveat": "For Apache Cassandra"
  },
  {
    "name": "Amazon Kinesis Data Streams",
    "terraformPrefixes": [
      "aws_kinesis_stream",
      "aws_kinesis_resource_policy"
    ]
  },
  {
    "name": "Amazon Kinesis Data Firehose",
    "terraformPrefixes": [
      "aws_kinesis_firehose_"
    ]
  },
  {
    "name": "Amazon Kinesis Video Streams",
    "terraformPrefixes": [
      "aws_kinesis_video_"
    ]
  },
  {
    "name": "Kiro",
    "terraformPrefixes": [],
    "caveat": "excluding Kiro Web"
  },
  {
    "name": "AWS Lake Formation",
    "terraformPrefixes": [
      "aws_lakeformation_"
    ]
  },
  {
    "name": "AWS Lambda",
    "terraformPrefixes": [
      "aws_lambda_"
    ]
  },
  {
    "name": "Amazon Lex",
    "terraformPrefixes": [
      "aws_lex_",
      "aws_lexv2models_"
    ]
  },
  {
    "name": "Amazon Location Service",
    "terraformPrefixes": [
      "aws_location_"
    ]
  },
  {
    "name": "Amazon Macie",
    "terraformPrefixes": [
      "aws_macie2_"
    ]
  },
  {
    "name": "AWS Mainframe Modernization",
    "terraformPrefixes": [
      "aws_m2_"
    ]
  },
  {
    "name": "AWS Managed Services",
    "terraformPrefixes": [],
    "caveat": "excluding Operations on Demand Services, except for the RFC Expedite feature"
  },
  {
    "name": "Amazon Managed Service for Prometheus",
    "terraformPrefixes": [
      "aws_prometheus_"
    ]
  },
  {
    "name": "Amazon Managed Workflow for Apache Airflow",
    "terraformPrefixes": [
      "aws_mwaa_"
    ]
  },
  {
    "name": "Amazon Managed Streaming for Apache Kafka",
    "terraformPrefixes": [
      "aws_msk_",
      "aws_mskconnect_"
    ],
    "uncertain": true
  },
  {
    "name": "Amazon MemoryDB",
    "terraformPrefixes": [
      "aws_memorydb_"
    ]
  },
  {
    "name": "Amazon MQ",
    "terraformPrefixes": [
      "aws_mq_"
    ]
  },
  {
    "name": "Amazon Neptune",
    "terraformPrefixes": [
      "aws_neptune_",
      "aws_neptunegraph_"
    ],
    "uncertain": true
  },
  {
    "name": "AWS Network Firewall",
    "terraformPrefixes": [
      "aws_networkfirewall_"
    ]
  },
  {
    "name": "Amazon Nova Act",
    "terraformPrefixes": [],
    "uncertain": true
  },
  {
    "name": "Amazon OpenSearch Service",
    "terraformPrefixes": [
      "aws_opensearch_",
      "aws_elasticsearch_",
      "aws_opensearchserverless_",
      "aws_osis_"
    ],
    "uncertain": true
  },
  {
    "name": "AWS OpsWorks for Chef Automate",
    "terraformPrefixes": []
  },
  {
    "name": "AWS OpsWorks for Puppet Enterprise",
    "terraformPrefixes": []
  },
  {
    "name": "AWS OpsWorks Stacks",
    "terraformPrefixes": [
      "aws_opsworks_"
    ]
  },
  {
    "name": "AWS Organizations",
    "terraformPrefixes": [
      "aws_organizations_"
    ]
  },
  {
    "name": "AWS Outposts",
    "terraformPrefixes": [
      "aws_outposts_",
      "aws_ec2_coip_pool",
      "aws_ec2_local_gateway",
      "aws_s3outposts_"
    ]
  },
  {
    "name": "AWS Parallel Computing Service (PCS)",
    "terraformPrefixes": [
      "aws_pcs_"
    ]
  },
  {
    "name": "Amazon Personalize",
    "terraformPrefixes": []
  },
  {
    "name": "Amazon Pinpoint and End User Messaging (formerly Amazon Pinpoint)",
    "terraformPrefixes": [
      "aws_pinpoint_",
      "aws_pinpointsmsvoicev2_"
    ],
    "caveat": "excluding Voice Message capabilities and WhatsApp Channel",
    "uncertain": true
  },
  {
    "name": "Amazon Polly",
    "terraformPrefixes": [
      "aws_polly_"
    ]
  },
  {
    "name": "AWS Private Certificate Authority",
    "terraformPrefixes": [
      "aws_acmpca_"
    ]
  },
  {
    "name": "Amazon Q Business",
    "terraformPrefixes": [
      "aws_qbusiness_"
    ],
    "uncertain": true
  },
  {
    "name": "Amazon Quantum Ledger Database (QLDB)",
    "terraformPrefixes": [
      "aws_qldb_"
    ]
  },
  {
    "name": "Amazon Quick Suite",
    "terraformPrefixes": [
      "aws_quicksight_"
    ],
    "caveat": "formerly Amazon QuickSight"
  },
  {
    "name": "Amazon Rekognition",
    "terraformPrefixes": [
      "aws_rekognition_"
    ]
  },
  {
    "name": "Amazon Redshift",
    "terraformPrefixes": [
      "aws_redshift_",
      "aws_redshiftserverless_",
      "aws_redshiftdata_"
    ]
  },
  {
    "name": "Amazon Relational Database Service (Amazon RDS)",
    "terraformPrefixes": [
      "aws_db_",
      "aws_rds_"
    ],
    "caveat": "SQL Server, MySQL, Oracle, PostgreSQL, Db2 and MariaDB engines only"
  },
  {
    "name": "AWS Resilience Hub",
    "terraformPrefixes": [
      "aws_resiliencehub_"
    ]
  },
  {
    "name": "AWS Resource Access Manager (RAM)",
    "terraformPrefixes": [
      "aws_ram_"
    ]
  },
  {
    "name": "AWS Resource Explorer",
    "terraformPrefixes": [
      "aws_resourceexplorer2_"
    ]
  },
  {
    "name": "Amazon Route 53",
    "terraformPrefixes": [
      "aws_route53_",
      "aws_route53domains_",
      "aws_route53profiles_"
    ],
    "uncertain": true
  },
  {
    "name": "Amazon S3 Glacier",
    "terraformPrefixes": [
      "aws_glacier_"
    ]
  },
  {
    "name": "Amazon SageMaker AI",
    "terraformPrefixes": [
      "aws_sagemaker_"
    ],
    "caveat": "formerly Amazon Sagemaker, excludes Studio Lab, Ground Truth Plus, Public Workforce and Vendor Workforce for all features"
  },
  {
    "name": "AWS Secrets Manager",
    "terraformPrefixes": [
      "aws_secretsmanager_"
    ]
  },
  {
    "name": "AWS Security Hub CSPM (formerly AWS Security Hub)",
    "terraformPrefixes": [
      "aws_securityhub_"
    ]
  },
  {
    "name": "AWS Service Catalog",
    "terraformPrefixes": [
      "aws_servicecatalog_",
      "aws_servicecatalogappregistry_"
    ],
    "uncertain": true
  },
  {
    "name": "AWS Serverless Application Repository",
    "terraformPrefixes": [
      "aws_serverlessapplicationrepository_"
    ]
  },
  {
    "name": "AWS Shield",
    "terraformPrefixes": [
      "aws_shield_"
    ],
    "caveat": "Standard and Advanced"
  },
  {
    "name": "Amazon Simple Email Service (Amazon SES)",
    "terraformPrefixes": [
      "aws_ses_",
      "aws_sesv2_"
    ]
  },
  {
    "name": "Amazon Simple Notification Service (SNS)",
    "terraformPrefixes": [
      "aws_sns_"
    ]
  },
  {
    "name": "Amazon Simple Queue Service (SQS)",
    "terraformPrefixes": [
      "aws_sqs_"
    ]
  },
  {
    "name": "Amazon Simple Storage Service (S3)",
    "terraformPrefixes": [
      "aws_s3_",
      "aws_s3control_",
      "aws_canonical_user_id",
      "aws_s3tables_"
    ],
    "uncertain": true
  },
  {
    "name": "Amazon Simple Workflow Service (SWF)",
    "terraformPrefixes": [
      "aws_swf_"
    ]
  },
  {
    "name": "AWS Snowball",
    "terraformPrefixes": []
  },
  {
    "name": "AWS Snowball Edge",
    "terraformPrefixes": []
  },
  {
    "name": "AWS Step Functions",
    "terraformPrefixes": [
      "aws_sfn_"
    ]
  },
  {
    "name": "AWS Storage Gateway",
    "terraformPrefixes": [
      "aws_storagegateway_"
    ]
  },
  {
    "name": "AWS Systems Manager",
    "terraformPrefixes": [
      "aws_ssm_",
      "aws_ssmcontacts_",
      "aws_ssmincidents_",
      "aws_ssmquicksetup_"
    ],
    "uncertain": true
  },
  {
    "name": "Amazon Textract",
    "terraformPrefixes": []
  },
  {
    "name": "Amazon Timestream",
    "terraformPrefixes": [
      "aws_timestreamwrite_",
      "aws_timestreamquery_",
      "aws_timestreaminfluxdb_"
    ],
    "uncertain": true
  },
  {
    "name": "AWS Transcribe",
    "terraformPrefixes": [
      "aws_transcribe_"
    ],
    "caveat": "Includes Healthscribe"
  },
  {
    "name": "AWS Transfer Family",
    "terraformPrefixes": [
      "aws_transfer_"
    ]
  },
  {
    "name": "AWS Transform",
    "terraformPrefixes": [],
    "uncertain": true
  },
  {
    "name": "Amazon Translate",
    "terraformPrefixes": []
  },
  {
    "name": "AWS Verified Access",
    "terraformPrefixes": [
      "aws_verifiedaccess_"
    ]
  },
  {
    "name": "Amazon Verified Permissions",
    "terraformPrefixes": [
      "aws_verifiedpermissions_"
    ]
  },
  {
    "name": "Amazon Virtual Private Cloud (VPC)",
    "terraformPrefixes": [
      "aws_vpc_",
      "aws_subnet",
      "aws_security_group",
      "aws_network_acl",
      "aws_route_table",
      "aws_internet_gateway",
      "aws_egress_only_internet_gateway",
      "aws_nat_gateway",
      "aws_network_interface",
      "aws_flow_log",
      "aws_default_vpc",
      "aws_default_subnet",
      "aws_default_security_group",
      "aws_default_network_acl",
      "aws_default_route_table",
      "aws_main_route_table_association",
      "aws_prefix_list",
      "aws_ec2_managed_prefix_list",
      "aws_ec2_network_insights_",
      "aws_ec2_subnet_cidr_reservation",
      "aws_ec2_traffic_mirror_",
      "aws_ec2_transit_gateway",
      "aws_ec2_client_vpn_",
      "aws_customer_gateway",
      "aws_vpn_",
      "aws_ec2_carrier_gateway"
    ],
    "terraformTypes": [
      "aws_vpc",
      "aws_vpcs",
      "aws_route"
    ]
  },
  {
    "name": "AWS Web Application Firewall (WAF)",
    "terraformPrefixes": [
      "aws_wafv2_",
      "aws_waf_",
      "aws_wafregional_"
    ]
  },
  {
    "name": "AWS Wickr",
    "terraformPrefixes": []
  },
  {
    "name": "Amazon WorkDocs",
    "terraformPrefixes": [],
    "caveat": "Excluding Adding Controls for Deleting Previous File Version Feature"
  },
  {
    "name": "Amazon WorkLink",
    "terraformPrefixes": [
      "aws_worklink_"
    ]
  },
  {
    "name": "Amazon WorkSpaces",
    "terraformPrefixes": [
      "aws_workspaces_"
    ]
  },
  {
    "name": "Amazon WorkSpaces Applications",
    "terraformPrefixes": [
      "aws_appstream_"
    ],
    "caveat": "formerly known as Amazon AppStream 2.0"
  },
  {
    "name": "Amazon WorkSpaces Thin Client",
    "terraformPrefixes": [],
    "uncertain": true
  },
  {
    "name": "Amazon WorkSpaces Secure Browser",
    "terraformPrefixes": [
      "aws_workspacesweb_"
    ]
  },
  {
    "name": "AWS X-Ray",
    "terraformPrefixes": [
      "aws_xray_"
    ]
  },
  {
    "name": "VM Import/Export",
    "terraformPrefixes": []
  }
];

/** Not on AWS's list, but tools that do not typically store, process or transmit PHI (IAM, Budgets…): not PHI stores, not violations. */
export const NOT_LISTED_MANAGEMENT_SERVICES: readonly EligibleService[] = [
  {
    "name": "AWS Identity and Access Management (IAM)",
    "terraformPrefixes": [
      "aws_iam_"
    ]
  },
  {
    "name": "IAM Access Analyzer",
    "terraformPrefixes": [
      "aws_accessanalyzer_"
    ]
  },
  {
    "name": "AWS Security Token Service (STS)",
    "terraformPrefixes": [
      "aws_caller_identity"
    ]
  },
  {
    "name": "AWS Budgets",
    "terraformPrefixes": [
      "aws_budgets_"
    ]
  },
  {
    "name": "AWS Cost Explorer",
    "terraformPrefixes": [
      "aws_ce_"
    ]
  },
  {
    "name": "AWS Cost and Usage Report",
    "terraformPrefixes": [
      "aws_cur_"
    ]
  },
  {
    "name": "AWS Billing and Cost Management Data Exports",
    "terraformPrefixes": [
      "aws_bcmdataexports_"
    ]
  },
  {
    "name": "AWS Price List",
    "terraformPrefixes": [
      "aws_pricing_"
    ]
  },
  {
    "name": "AWS License Manager",
    "terraformPrefixes": [
      "aws_licensemanager_"
    ]
  },
  {
    "name": "AWS Resource Groups",
    "terraformPrefixes": [
      "aws_resourcegroups_"
    ]
  },
  {
    "name": "Resource Groups Tagging API",
    "terraformPrefixes": [
      "aws_resourcegroupstaggingapi_"
    ]
  },
  {
    "name": "Terraform AWS provider metadata data sources (not AWS services)",
    "terraformPrefixes": [
      "aws_region",
      "aws_regions",
      "aws_partition",
      "aws_arn",
      "aws_default_tags",
      "aws_ip_ranges",
      "aws_service",
      "aws_billing_service_account"
    ]
  }
];
