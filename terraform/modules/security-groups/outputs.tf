output "alb_security_group_id" {
  description = "Security group of the application load balancer."
  value       = aws_security_group.alb.id
}

output "service_security_group_ids" {
  description = "Security group of each ECS service, keyed by service name."
  value       = { for name, group in aws_security_group.service : name => group.id }
}

output "bootstrap_security_group_id" {
  description = "Security group of the one-off database bootstrap task."
  value       = aws_security_group.bootstrap.id
}

output "database_security_group_id" {
  description = "Security group of the RDS instance."
  value       = aws_security_group.database.id
}

output "redis_security_group_id" {
  description = "Security group of the ElastiCache replication group."
  value       = aws_security_group.redis.id
}
