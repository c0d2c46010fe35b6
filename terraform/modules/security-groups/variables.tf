variable "name" {
  type        = string
  description = "Name prefix for the security groups, e.g. peerprep-prod."
}

variable "vpc_id" {
  type        = string
  description = "ID of the VPC the security groups belong to."
}

variable "service_port" {
  type        = number
  description = "Port every backend service listens on inside its container."
  default     = 8000
}

variable "frontend_port" {
  type        = number
  description = "Port the frontend's nginx listens on inside its container."
  default     = 80
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
