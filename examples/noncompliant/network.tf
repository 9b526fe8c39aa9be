data "aws_availability_zones" "available" {
  state = "available"
}

# Portal VPC: no flow logs, and its default security group is never adopted and closed.
# expect: aws-vpc-flow-logs, aws-default-security-group-closed
resource "aws_vpc" "portal" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = { Name = "patient-portal", DataClassification = "internal" }
}

# Data subnets for the database. Instances launched here get public IPs.
resource "aws_subnet" "data" {
  count             = 2
  vpc_id            = aws_vpc.portal.id
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, count.index + 10)
  availability_zone = data.aws_availability_zones.available.names[count.index]
  # expect: aws-subnet-no-auto-public-ip
  map_public_ip_on_launch = true
  tags                    = { Name = "patient-portal-data-${count.index}", DataClassification = "internal" }
}

# Database security group: PostgreSQL from inside the VPC only (this one is fine).
resource "aws_security_group" "database" {
  name        = "patient-portal-db"
  description = "PostgreSQL from the portal VPC"
  vpc_id      = aws_vpc.portal.id

  ingress {
    description = "PostgreSQL from the VPC"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
  }

  tags = { DataClassification = "internal" }
}

# "Bastion" security group: SSH open to the whole internet.
resource "aws_security_group" "bastion" {
  name        = "patient-portal-bastion"
  description = "Administrative SSH"
  vpc_id      = aws_vpc.portal.id

  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    # expect: aws-sg-no-ssh-from-internet, aws-sg-open-only-authorized-ports
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = { DataClassification = "internal" }
}
