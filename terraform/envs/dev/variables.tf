variable "region" {
  type        = string
  description = "AWS region of the environment."
  default     = "ap-southeast-1"
}

variable "certificate_arn" {
  type        = string
  description = "ARN of the ACM certificate for the public domain, served by the HTTPS listener."
}

variable "image_tag" {
  type        = string
  description = "Image tag every service runs: the git SHA of the release."
  default     = "latest"
}

variable "vpc_cidr" {
  type        = string
  description = "IPv4 CIDR block of the VPC."
  default     = "10.30.0.0/16"
}

variable "log_level" {
  type        = string
  description = "LOG_LEVEL of the Java services."
  default     = "INFO"
}

variable "admin_username" {
  type        = string
  description = "User name of the first administrator account, created by user-service."
  default     = "admin"
}

variable "admin_email" {
  type        = string
  description = "E-mail address of the first administrator account."
}

variable "alarm_email" {
  type        = string
  description = "Address that receives CloudWatch alarm notifications; null for none."
  default     = null
}

variable "db_instance_class" {
  type        = string
  description = "Instance class of the RDS PostgreSQL instance."
  default     = "db.t4g.micro"
}

variable "db_multi_az" {
  type        = bool
  description = "Keep a standby of the database in the second availability zone."
  default     = false
}

variable "redis_node_type" {
  type        = string
  description = "Node type of the ElastiCache Redis nodes."
  default     = "cache.t4g.micro"
}

variable "min_tasks" {
  type        = number
  description = "Fewest tasks of each service."
  default     = 1
}

variable "max_tasks" {
  type        = number
  description = "Most tasks autoscaling may run for each service."
  default     = 2
}
