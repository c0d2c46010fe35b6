output "execution_role_arns" {
  description = "ECS execution role ARN of each service or one-off task, keyed as execution_secret_arns."
  value       = { for name, role in aws_iam_role.execution : name => role.arn }
}

output "task_role_arn" {
  description = "Application role of the tasks."
  value       = aws_iam_role.task.arn
}

output "github_ci_role_arn" {
  description = "Role the CI workflow assumes on main to push images; null without a GitHub repository."
  value       = one(aws_iam_role.github_ci[*].arn)
}

output "github_plan_role_arn" {
  description = "Role the deploy workflow's plan job assumes; null without a GitHub repository."
  value       = one(aws_iam_role.github_plan[*].arn)
}

output "github_deploy_role_arn" {
  description = "Role the deploy workflow's approved apply job assumes; null without a GitHub repository."
  value       = one(aws_iam_role.github_deploy[*].arn)
}
