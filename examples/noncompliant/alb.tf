# Internal load balancer in front of the portal (reached from clinics over Direct Connect).
# No access logs are written, so requests to patient pages leave no trace.
# expect: aws-elb-access-logging
resource "aws_lb" "portal" {
  name                       = "patient-portal"
  internal                   = true
  load_balancer_type         = "application"
  subnets                    = aws_subnet.data[*].id
  security_groups            = [aws_security_group.alb.id]
  drop_invalid_header_fields = true
  enable_deletion_protection = true
  tags                       = { DataClassification = "internal" }
}

resource "aws_security_group" "alb" {
  name        = "patient-portal-alb"
  description = "Portal traffic from clinic networks"
  vpc_id      = aws_vpc.portal.id

  ingress {
    description = "HTTPS from clinics"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  ingress {
    description = "HTTP from clinics"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  tags = { DataClassification = "internal" }
}

resource "aws_lb_target_group" "portal" {
  name        = "patient-portal"
  port        = 443
  protocol    = "HTTPS"
  target_type = "ip"
  vpc_id      = aws_vpc.portal.id

  health_check {
    protocol = "HTTPS"
    path     = "/healthz"
  }
}

# Plain-HTTP listener that serves the application instead of redirecting to HTTPS.
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.portal.arn
  port              = 80
  # expect: aws-elb-listeners-tls-only
  protocol = "HTTP"

  default_action {
    # expect: aws-alb-http-redirects-to-https
    type             = "forward"
    target_group_arn = aws_lb_target_group.portal.arn
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.portal.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = var.acm_certificate_arn
  # 2016 policy still negotiates TLS 1.0 and 1.1.
  # expect: aws-elb-tls-policy-modern
  ssl_policy = "ELBSecurityPolicy-2016-08"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.portal.arn
  }
}

# Clinician sign-in through Cognito: without session_timeout the load balancer keeps a signed-in
# session for 7 days, however long the browser sits unattended.
resource "aws_lb_listener_rule" "clinician_sign_in" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 10

  action {
    type = "authenticate-cognito"
    # expect: aws-alb-auth-session-timeout-bounded
    authenticate_cognito {
      user_pool_arn       = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_EXAMPLE"
      user_pool_client_id = "1example23456789"
      user_pool_domain    = "patient-portal-example"
    }
  }

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.portal.arn
  }

  condition {
    path_pattern {
      values = ["/clinician/*"]
    }
  }
}
