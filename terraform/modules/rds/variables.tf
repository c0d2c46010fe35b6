variable "name" {
  type        = string
  description = "Identifier of the RDS instance and prefix of its companions, e.g. peerprep-prod."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnets the instance may be placed in, in at least two availability zones."
}

variable "security_group_id" {
  type        = string
  description = "Security group of the instance."
}

variable "engine_version" {
  type        = string
  description = "PostgreSQL major version; minor versions are upgraded in the maintenance window."
  default     = "16"
}

variable "instance_class" {
  type        = string
  description = "Instance class of the database."
  default     = "db.t4g.medium"
}

variable "allocated_storage" {
  type        = number
  description = "Initial storage in GiB."
  default     = 20
}

variable "max_allocated_storage" {
  type        = number
  description = "Upper bound in GiB for storage autoscaling."
  default     = 100
}

variable "multi_az" {
  type        = bool
  description = "Keep a synchronous standby in a second availability zone."
}

variable "backup_retention_days" {
  type        = number
  description = "Days automated backups are kept."
  default     = 7

  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35
    error_message = "backup_retention_days must be between 1 and 35, so backups are always on."
  }
}

variable "deletion_protection" {
  type        = bool
  description = "Whether the instance is protected from deletion."
  default     = true
}

variable "skip_final_snapshot" {
  type        = bool
  description = "Skip the final snapshot when the instance is destroyed."
  default     = false
}

variable "performance_insights" {
  type        = bool
  description = "Turn on Performance Insights (not offered for the smallest instance classes)."
  default     = true
}

variable "require_tls" {
  type        = bool
  description = "Refuse unencrypted client connections (rds.force_ssl)."
  default     = true
}

variable "master_username" {
  type        = string
  description = "Master user; only the database bootstrap task connects as it, the services each have a role of their own."
  default     = "peerprep"
}

variable "master_password" {
  type        = string
  description = "Password of the master user; the same value is held in Secrets Manager for the bootstrap task."
  sensitive   = true
}

variable "databases" {
  type        = map(string)
  description = "Databases created on the instance, each with the login role (database => role) that owns it and alone may connect to it."
}

variable "role_password_secret_arns" {
  type        = map(string)
  description = "Secrets Manager ARN of each database role's password (role => ARN), injected into the bootstrap task."
}

variable "bootstrap_image" {
  type        = string
  description = "Image with psql that the one-off bootstrap task runs (databases and roles)."
  default     = "public.ecr.aws/docker/library/postgres:16-alpine"
}

variable "bootstrap_execution_role_arn" {
  type        = string
  description = "Execution role of the bootstrap task; it must be able to read password_secret_arn and every role password."
}

variable "password_secret_arn" {
  type        = string
  description = "Secrets Manager ARN of the master password, injected into the bootstrap task."
}

variable "log_group_name" {
  type        = string
  description = "CloudWatch log group of the database-creating task."
}

variable "region" {
  type        = string
  description = "AWS region of the log group."
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of the module."
  default     = {}
}
