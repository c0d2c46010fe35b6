output "address" {
  description = "Host name of the instance."
  value       = aws_db_instance.this.address
}

output "port" {
  description = "Port of the instance."
  value       = aws_db_instance.this.port
}

output "username" {
  description = "User the services connect as."
  value       = aws_db_instance.this.username
}

output "instance_id" {
  description = "Identifier of the instance, as CloudWatch metrics name it."
  value       = aws_db_instance.this.identifier
}

output "create_databases_task_family" {
  description = "Task definition family of the one-off task that creates the databases."
  value       = aws_ecs_task_definition.this.family
}

output "create_databases_task_definition_arn" {
  description = "Task definition (with revision) of the one-off bootstrap task, as the release tasks run it."
  value       = aws_ecs_task_definition.this.arn
}
