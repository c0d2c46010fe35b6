# Least privilege, one security group per service: the internet reaches only the load balancer;
# the load balancer reaches each service's container port; a service reaches another only where it
# calls it (services[*].callers); PostgreSQL and Redis accept only the services that use them; and
# HTTPS leaves a service only for the VPC endpoints (ECR, Secrets Manager, CloudWatch Logs) and the
# S3 gateway endpoint, never the internet. Security groups do not filter the VPC's DNS resolver.

locals {
  # Every (service, caller) pair: the caller may open the service's port.
  calls = merge([
    for name, service in var.services : {
      for caller in service.callers : "${caller}>${name}" => { service = name, caller = caller, port = service.port }
    }
  ]...)

  database_users = { for name, service in var.services : name => service if service.database }
  redis_users    = { for name, service in var.services : name => service if service.redis }
}

resource "aws_security_group" "alb" {
  name        = "${var.name}-alb"
  description = "PeerPrep load balancer: HTTP and HTTPS from the internet"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-alb" })
}

resource "aws_security_group" "service" {
  for_each = var.services

  name        = "${var.name}-${each.key}"
  description = "PeerPrep ${each.key}: its port from the load balancer and its callers"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-${each.key}", Service = each.key })
}

resource "aws_security_group" "bootstrap" {
  name        = "${var.name}-database-bootstrap"
  description = "PeerPrep database bootstrap task: PostgreSQL, and HTTPS to pull its public image"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-database-bootstrap" })
}

resource "aws_security_group" "database" {
  name        = "${var.name}-database"
  description = "PeerPrep PostgreSQL: reachable from the services that own a database and the bootstrap task"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-database" })
}

resource "aws_security_group" "redis" {
  name        = "${var.name}-redis"
  description = "PeerPrep Redis: reachable from the services that use it"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-redis" })
}

resource "aws_vpc_security_group_ingress_rule" "alb_http" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTP from anywhere, redirected to HTTPS"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
}

resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTPS from anywhere"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "alb_to_service" {
  for_each = var.services

  security_group_id            = aws_security_group.alb.id
  description                  = "To ${each.key}"
  referenced_security_group_id = aws_security_group.service[each.key].id
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
}

resource "aws_vpc_security_group_ingress_rule" "service_from_alb" {
  for_each = var.services

  security_group_id            = aws_security_group.service[each.key].id
  description                  = "From the load balancer"
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
}

resource "aws_vpc_security_group_ingress_rule" "service_from_caller" {
  for_each = local.calls

  security_group_id            = aws_security_group.service[each.value.service].id
  description                  = "From ${each.value.caller}"
  referenced_security_group_id = aws_security_group.service[each.value.caller].id
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
}

resource "aws_vpc_security_group_egress_rule" "caller_to_service" {
  for_each = local.calls

  security_group_id            = aws_security_group.service[each.value.caller].id
  description                  = "To ${each.value.service}"
  referenced_security_group_id = aws_security_group.service[each.value.service].id
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
}

resource "aws_vpc_security_group_egress_rule" "service_to_database" {
  for_each = local.database_users

  security_group_id            = aws_security_group.service[each.key].id
  description                  = "PostgreSQL"
  referenced_security_group_id = aws_security_group.database.id
  ip_protocol                  = "tcp"
  from_port                    = var.database_port
  to_port                      = var.database_port
}

resource "aws_vpc_security_group_ingress_rule" "database_from_service" {
  for_each = local.database_users

  security_group_id            = aws_security_group.database.id
  description                  = "PostgreSQL from ${each.key}"
  referenced_security_group_id = aws_security_group.service[each.key].id
  ip_protocol                  = "tcp"
  from_port                    = var.database_port
  to_port                      = var.database_port
}

resource "aws_vpc_security_group_egress_rule" "service_to_redis" {
  for_each = local.redis_users

  security_group_id            = aws_security_group.service[each.key].id
  description                  = "Redis"
  referenced_security_group_id = aws_security_group.redis.id
  ip_protocol                  = "tcp"
  from_port                    = var.redis_port
  to_port                      = var.redis_port
}

resource "aws_vpc_security_group_ingress_rule" "redis_from_service" {
  for_each = local.redis_users

  security_group_id            = aws_security_group.redis.id
  description                  = "Redis from ${each.key}"
  referenced_security_group_id = aws_security_group.service[each.key].id
  ip_protocol                  = "tcp"
  from_port                    = var.redis_port
  to_port                      = var.redis_port
}

resource "aws_vpc_security_group_egress_rule" "service_to_endpoints" {
  for_each = var.services

  security_group_id            = aws_security_group.service[each.key].id
  description                  = "HTTPS to the VPC interface endpoints (ECR, Secrets Manager, CloudWatch Logs)"
  referenced_security_group_id = var.endpoints_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
}

resource "aws_vpc_security_group_egress_rule" "service_to_s3" {
  for_each = var.services

  security_group_id = aws_security_group.service[each.key].id
  description       = "HTTPS to S3 through the gateway endpoint (ECR image layers)"
  prefix_list_id    = var.s3_prefix_list_id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "bootstrap_to_database" {
  security_group_id            = aws_security_group.bootstrap.id
  description                  = "PostgreSQL"
  referenced_security_group_id = aws_security_group.database.id
  ip_protocol                  = "tcp"
  from_port                    = var.database_port
  to_port                      = var.database_port
}

resource "aws_vpc_security_group_egress_rule" "bootstrap_to_https" {
  security_group_id = aws_security_group.bootstrap.id
  description       = "HTTPS: the public psql image (public.ecr.aws) through the NAT gateway, and the VPC endpoints"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_ingress_rule" "database_from_bootstrap" {
  security_group_id            = aws_security_group.database.id
  description                  = "PostgreSQL from the database bootstrap task"
  referenced_security_group_id = aws_security_group.bootstrap.id
  ip_protocol                  = "tcp"
  from_port                    = var.database_port
  to_port                      = var.database_port
}
