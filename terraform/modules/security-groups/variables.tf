variable "name" {
  type        = string
  description = "Name prefix for the security groups, e.g. peerprep-prod."
}

variable "vpc_id" {
  type        = string
  description = "ID of the VPC the security groups belong to."
}

variable "services" {
  type = map(object({
    port     = number
    callers  = list(string)
    database = bool
    redis    = bool
  }))
  description = "Every ECS service: its container port, the services that call it, and whether it uses PostgreSQL and Redis."

  validation {
    condition     = alltrue(flatten([for name, service in var.services : [for caller in service.callers : contains(keys(var.services), caller)]]))
    error_message = "Every caller must be one of the services."
  }
}

variable "endpoints_security_group_id" {
  type        = string
  description = "Security group of the VPC interface endpoints, the tasks' only HTTPS destination in the VPC."
}

variable "s3_prefix_list_id" {
  type        = string
  description = "Prefix list of the S3 gateway endpoint, the only HTTPS destination outside the VPC besides the interface endpoints."
}

variable "database_port" {
  type        = number
  description = "PostgreSQL port of the RDS instance."
  default     = 5432
}

variable "redis_port" {
  type        = number
  description = "Port of the ElastiCache Redis replication group."
  default     = 6379
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of the module."
  default     = {}
}
