# Claims-intake function. Its configuration leaks a partner credential and a "smoke test" patient
# record: both are fake but well-formed, as a careless commit would make them.

variable "smoke_test_patient_ssn" {
  description = "Patient used by the post-deploy smoke test"
  type        = string
  sensitive   = true
  # expect: phi-no-phi-in-code
  default = "536-22-1847"
}

resource "aws_lambda_function" "intake" {
  function_name = "claims-intake"
  role          = aws_iam_role.intake_worker.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "intake.zip"
  kms_key_arn   = aws_kms_key.phi.arn

  environment {
    # expect: tf-no-secrets-in-compute-config
    variables = {
      PARTNER_API_URL    = "https://clearinghouse.example.com/v2"
      PARTNER_API_SECRET = "sk_live_4eC39HqLyjWDarjtT1zdp7dcQ9fake"
      SMOKE_TEST_PATIENT = var.smoke_test_patient_ssn
    }
  }

  tracing_config {
    mode = "Active"
  }
}
