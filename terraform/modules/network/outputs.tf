output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  description = "IPv4 CIDR block of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "public_subnet_ids" {
  description = "IDs of the public subnets, one per availability zone, in zone order."
  value       = [for zone in var.availability_zones : aws_subnet.public[zone].id]
}

output "private_subnet_ids" {
  description = "IDs of the private subnets, one per availability zone, in zone order."
  value       = [for zone in var.availability_zones : aws_subnet.private[zone].id]
}

output "endpoints_security_group_id" {
  description = "Security group of the VPC interface endpoints (ECR, Secrets Manager, CloudWatch Logs)."
  value       = aws_security_group.this.id
}

output "s3_prefix_list_id" {
  description = "Prefix list of the S3 gateway endpoint, for HTTPS egress rules."
  value       = aws_vpc_endpoint.s3.prefix_list_id
}
