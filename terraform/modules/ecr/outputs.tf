output "repository_urls" {
  description = "Repository URL of each repository, keyed by repository name."
  value       = { for name, repository in aws_ecr_repository.this : name => repository.repository_url }
}

output "repository_arns" {
  description = "ARN of each repository, keyed by repository name."
  value       = { for name, repository in aws_ecr_repository.this : name => repository.arn }
}
