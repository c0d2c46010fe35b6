output "service_name" {
  description = "Name of the ECS service."
  value       = aws_ecs_service.this.name
}

output "task_definition_arn" {
  description = "ARN of the task definition revision the service runs."
  value       = aws_ecs_task_definition.this.arn
}

output "task_definition_family" {
  description = "Family of the task definition, used by one-off tasks such as migrations."
  value       = aws_ecs_task_definition.this.family
}

output "container_name" {
  description = "Name of the service's container in the task definition."
  value       = var.name
}
