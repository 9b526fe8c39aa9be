# Scratch volumes for the DICOM imaging cache, one per entry. The "scratch" volume was created without
# encryption "for speed", so only that instance is misconfigured.
resource "aws_ebs_volume" "imaging" {
  for_each = {
    cache   = { size = 200, encrypted = true }
    scratch = { size = 100, encrypted = false }
  }

  availability_zone = data.aws_availability_zones.available.names[0]
  size              = each.value.size
  type              = "gp3"
  # expect: aws-ebs-volume-encrypted
  encrypted  = each.value.encrypted
  kms_key_id = each.value.encrypted ? aws_kms_key.phi.arn : null
  tags       = { Name = "dicom-${each.key}" }
}
