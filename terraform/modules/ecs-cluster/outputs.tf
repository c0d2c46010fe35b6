output "arn" {
  description = "ARN of the ECS cluster."
  value       = aws_ecs_cluster.this.arn

  # Services name a capacity provider, so they wait until the cluster has them.
  depends_on = [aws_ecs_cluster_capacity_providers.this]
}

output "name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.this.name

  depends_on = [aws_ecs_cluster_capacity_providers.this]
}
