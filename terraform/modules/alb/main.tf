locals {
  routed_services = { for name, service in var.services : name => service if service.path_prefix != null }
}

resource "aws_lb" "this" {
  name                       = var.name
  load_balancer_type         = "application"
  internal                   = false
  subnets                    = var.subnet_ids
  security_groups            = [var.security_group_id]
  idle_timeout               = var.idle_timeout
  drop_invalid_header_fields = true
  enable_deletion_protection = var.deletion_protection

  access_logs {
    bucket  = aws_s3_bucket.this.id
    prefix  = var.name
    enabled = true
  }

  # Elastic Load Balancing checks that it may write to the bucket when logging is switched on.
  depends_on = [aws_s3_bucket_policy.this]

  tags = var.tags
}

resource "aws_lb_target_group" "this" {
  for_each = var.services

  name                 = substr("${var.name}-${each.key}", 0, 32)
  port                 = each.value.port
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = each.value.sticky ? 120 : 30

  health_check {
    path                = each.value.health_path
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  stickiness {
    type            = "lb_cookie"
    enabled         = each.value.sticky
    cookie_duration = var.stickiness_duration
  }

  tags = merge(var.tags, { Service = each.key })
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }

  tags = var.tags
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = var.certificate_arn

  # HSTS at the edge: every HTTPS answer, whichever target (or fixed response) produced it.
  routing_http_response_strict_transport_security_header_value = var.hsts_header

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this[var.default_service].arn
  }

  tags = var.tags
}

# Service-to-service routes under /internal/ are never reachable from outside. This rule is
# evaluated before every service rule and answers 404 itself.
resource "aws_lb_listener_rule" "internal" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 1

  action {
    type = "fixed-response"

    fixed_response {
      content_type = "application/problem+json"
      message_body = jsonencode({ type = "about:blank", title = "Not Found", status = 404 })
      status_code  = "404"
    }
  }

  condition {
    path_pattern {
      values = ["/internal", "/internal/*", "*/internal", "*/internal/*"]
    }
  }

  tags = var.tags
}

resource "aws_lb_listener_rule" "service" {
  for_each = local.routed_services

  listener_arn = aws_lb_listener.https.arn
  priority     = each.value.priority

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this[each.key].arn
  }

  condition {
    path_pattern {
      values = [each.value.path_prefix, "${each.value.path_prefix}/*"]
    }
  }

  tags = merge(var.tags, { Service = each.key })
}
