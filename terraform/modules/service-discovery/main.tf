resource "aws_service_discovery_private_dns_namespace" "this" {
  name        = var.namespace
  description = "Service-to-service names of PeerPrep"
  vpc         = var.vpc_id

  tags = var.tags
}

resource "aws_service_discovery_service" "this" {
  for_each = var.services

  name = each.key

  dns_config {
    namespace_id   = aws_service_discovery_private_dns_namespace.this.id
    routing_policy = "MULTIVALUE"

    dns_records {
      type = "A"
      ttl  = var.dns_ttl
    }
  }

  # ECS reports the health of each task, so only healthy tasks are returned.
  health_check_custom_config {
    failure_threshold = 1
  }

  tags = merge(var.tags, { Service = each.key })
}
