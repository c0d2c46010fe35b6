output "arn" {
  description = "ARN of the load balancer."
  value       = aws_lb.this.arn
}

output "arn_suffix" {
  description = "ARN suffix of the load balancer, as CloudWatch metrics name it."
  value       = aws_lb.this.arn_suffix
}

output "dns_name" {
  description = "DNS name of the load balancer; point the public domain at it."
  value       = aws_lb.this.dns_name
}

output "zone_id" {
  description = "Hosted zone ID of the load balancer, for an alias record."
  value       = aws_lb.this.zone_id
}

output "https_listener_arn" {
  description = "ARN of the HTTPS listener."
  value       = aws_lb_listener.https.arn
}

output "target_group_arns" {
  description = "Target group ARN of each service, keyed by service name."
  value       = { for name, group in aws_lb_target_group.this : name => group.arn }
}

output "target_group_arn_suffixes" {
  description = "Target group ARN suffix of each service, as CloudWatch metrics name it."
  value       = { for name, group in aws_lb_target_group.this : name => group.arn_suffix }
}

output "access_logs_bucket_arn" {
  description = "ARN of the S3 bucket holding the load balancer's access logs."
  value       = aws_s3_bucket.this.arn
}
