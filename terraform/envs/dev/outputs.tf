output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = module.stack.cluster_name
}

output "load_balancer_dns_name" {
  description = "DNS name of the load balancer; the public domain's record points here."
  value       = module.stack.load_balancer_dns_name
}

output "load_balancer_zone_id" {
  description = "Hosted zone of the load balancer, for an alias record."
  value       = module.stack.load_balancer_zone_id
}

output "service_names" {
  description = "ECS service names."
  value       = module.stack.service_names
}

output "migration_services" {
  description = "Services whose jar runs database migrations with the migrate command."
  value       = module.stack.migration_services
}

output "create_databases_task_family" {
  description = "Task definition family of the one-off task that creates the services' databases."
  value       = module.stack.create_databases_task_family
}

output "log_group_name" {
  description = "CloudWatch log group of every container."
  value       = module.stack.log_group_name
}

output "dashboard_name" {
  description = "CloudWatch dashboard of the environment."
  value       = module.stack.dashboard_name
}

output "release_command" {
  description = "The command the apply runs before the services roll out (database bootstrap, then migrations); run it again by hand to retry them."
  value       = module.stack.release_command
}
