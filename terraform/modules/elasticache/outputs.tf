output "primary_endpoint_address" {
  description = "Host name of the primary node."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "port" {
  description = "Port of the replication group."
  value       = local.port
}

output "url" {
  description = "Connection URL for the services (TLS, without credentials)."
  value       = "rediss://${aws_elasticache_replication_group.this.primary_endpoint_address}:${local.port}"
}

output "replication_group_id" {
  description = "ID of the replication group; its nodes are <id>-001, <id>-002, ..."
  value       = aws_elasticache_replication_group.this.id
}
