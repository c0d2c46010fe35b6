variable "name" {
  type        = string
  description = "Name of the environment's resources, e.g. peerprep-prod: cluster, load balancer, database, secrets prefix."
}

variable "namespace" {
  type        = string
  description = "Private DNS namespace of Cloud Map, e.g. peerprep-prod.local; services find each other as <service>.<namespace>."
}

variable "log_group_name" {
  type        = string
  description = "CloudWatch log group of every container, e.g. /ecs/peerprep-prod."
}

variable "region" {
  type        = string
  description = "AWS region of the environment."
}

variable "certificate_arn" {
  type        = string
  description = "ARN of the ACM certificate for the public domain, served by the HTTPS listener."
}

variable "image_tag" {
  type        = string
  description = "Image tag every service runs: the git SHA of the release."
}

variable "vpc_cidr" {
  type        = string
  description = "IPv4 CIDR block of the VPC."
}

variable "single_nat_gateway" {
  type        = bool
  description = "Route every private subnet through one NAT gateway instead of one per availability zone."
}

variable "log_level" {
  type        = string
  description = "LOG_LEVEL of the Java services."
}

variable "admin_username" {
  type        = string
  description = "User name of the first administrator account, created by user-service."
}

variable "admin_email" {
  type        = string
  description = "E-mail address of the first administrator account."
}

variable "alarm_email" {
  type        = string
  description = "Address that receives CloudWatch alarm notifications; null for none."
}

variable "log_retention_days" {
  type        = number
  description = "Days the log group keeps container logs."
}

variable "create_image_repositories" {
  type        = bool
  description = "Create and own the image repositories peerprep/<service>; false runs the images of the repositories that already exist under those names."
}

variable "github_repository" {
  type        = string
  description = "GitHub repository (owner/name) allowed to assume the CI, plan and deploy roles through OIDC; null for none."
  default     = null
}

variable "create_github_oidc_provider" {
  type        = bool
  description = "Create the account's GitHub OIDC provider; false when the account already has one."
  default     = true
}

variable "state_bucket_name" {
  type        = string
  description = "S3 bucket of the Terraform state, which the plan role may read and lock."
  default     = null
}

variable "db_instance_class" {
  type        = string
  description = "Instance class of the RDS PostgreSQL instance."
}

variable "db_multi_az" {
  type        = bool
  description = "Keep a standby of the database in the second availability zone."
}

variable "db_backup_retention_days" {
  type        = number
  description = "Days RDS keeps automated backups for point-in-time restore."
}

variable "db_deletion_protection" {
  type        = bool
  description = "Refuse to delete the database instance."
}

variable "db_skip_final_snapshot" {
  type        = bool
  description = "Skip the final snapshot when the database instance is destroyed."
  default     = false
}

variable "db_performance_insights" {
  type        = bool
  description = "Turn on Performance Insights for the database (not offered for the smallest instance classes)."
  default     = true
}

variable "redis_node_type" {
  type        = string
  description = "Node type of the ElastiCache Redis nodes."
}

variable "redis_num_cache_clusters" {
  type        = number
  description = "Redis nodes: one primary and its replicas; more than one turns on automatic failover."
}

variable "alb_deletion_protection" {
  type        = bool
  description = "Refuse to delete the load balancer."
}

variable "min_tasks" {
  type        = number
  description = "Fewest tasks of each service."
}

variable "max_tasks" {
  type        = number
  description = "Most tasks autoscaling may run for each service."
}

variable "capacity_provider" {
  type        = string
  description = "Fargate capacity provider of every service: FARGATE or FARGATE_SPOT."
  default     = "FARGATE"
}
