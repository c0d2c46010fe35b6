output "namespace_id" {
  description = "ID of the private DNS namespace."
  value       = aws_service_discovery_private_dns_namespace.this.id
}

output "namespace_name" {
  description = "Name of the private DNS namespace."
  value       = aws_service_discovery_private_dns_namespace.this.name
}

output "service_arns" {
  description = "Cloud Map service ARN of each service, keyed by service name."
  value       = { for name, service in aws_service_discovery_service.this : name => service.arn }
}
