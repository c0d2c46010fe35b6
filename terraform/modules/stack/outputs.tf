output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = module.cluster.name
}

output "load_balancer_dns_name" {
  description = "DNS name of the load balancer; the public domain's record points here."
  value       = module.alb.dns_name
}

output "load_balancer_zone_id" {
  description = "Hosted zone of the load balancer, for an alias record."
  value       = module.alb.zone_id
}

output "service_names" {
  description = "ECS service names."
  value       = sort(keys(local.services))
}

output "migration_services" {
  description = "Services whose jar runs database migrations with the migrate command."
  value       = sort([for name, service in local.services : name if service.migrate])
}

output "create_databases_task_family" {
  description = "Task definition family of the one-off task that creates the services' databases."
  value       = module.rds.create_databases_task_family
}

output "repository_urls" {
  description = "Image repository URL of each service, keyed by repository name."
  value       = local.image_repository_urls
}

output "log_group_name" {
  description = "CloudWatch log group of every container."
  value       = module.observability.log_group_name
}

output "dashboard_name" {
  description = "CloudWatch dashboard of the environment."
  value       = module.observability.dashboard_name
}

output "github_ci_role_arn" {
  description = "Role for the CI workflow (AWS_CI_ROLE_ARN)."
  value       = module.iam.github_ci_role_arn
}

output "github_plan_role_arn" {
  description = "Role for the deploy workflow's plan job (AWS_PLAN_ROLE_ARN)."
  value       = module.iam.github_plan_role_arn
}

output "github_deploy_role_arn" {
  description = "Role for the deploy workflow's approved jobs (AWS_DEPLOY_ROLE_ARN)."
  value       = module.iam.github_deploy_role_arn
}

output "release_command" {
  description = "The command the apply runs before the services roll out (database bootstrap, then migrations); run it again by hand to retry them."
  value       = local.release_command
}
