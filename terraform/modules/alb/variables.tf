variable "name" {
  type        = string
  description = "Name of the load balancer and prefix of its target groups, e.g. peerprep-prod."
}

variable "vpc_id" {
  type        = string
  description = "ID of the VPC the target groups belong to."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Public subnets the load balancer is placed in, one per availability zone."
}

variable "security_group_id" {
  type        = string
  description = "Security group of the load balancer."
}

variable "certificate_arn" {
  type        = string
  description = "ARN of the ACM certificate served by the HTTPS listener."

  validation {
    condition     = startswith(var.certificate_arn, "arn:")
    error_message = "certificate_arn must be the ARN of an ACM certificate."
  }
}

variable "ssl_policy" {
  type        = string
  description = "TLS security policy of the HTTPS listener."
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}

variable "idle_timeout" {
  type        = number
  description = "Seconds an idle connection is kept open; long enough for quiet WebSocket sessions of the real-time services."
  default     = 3600

  validation {
    condition     = var.idle_timeout >= 60 && var.idle_timeout <= 4000
    error_message = "idle_timeout must be between 60 and 4000 seconds."
  }
}

variable "deletion_protection" {
  type        = bool
  description = "Whether the load balancer is protected from deletion."
  default     = true
}

variable "services" {
  type = map(object({
    port        = number
    path_prefix = optional(string)
    priority    = optional(number)
    sticky      = bool
    health_path = string
  }))
  description = "One target group per service, keyed by service name. A service with a path_prefix gets a listener rule for <path_prefix>/* at the given priority; the default_service receives everything else."
}

variable "default_service" {
  type        = string
  description = "Service that receives requests no listener rule matches (the web app)."
  default     = "frontend"
}

variable "stickiness_duration" {
  type        = number
  description = "Seconds the load balancer cookie keeps a browser on one task of a sticky service."
  default     = 86400
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of the module."
  default     = {}
}

variable "hsts_header" {
  type        = string
  description = "Strict-Transport-Security header the HTTPS listener adds to every response."
  default     = "max-age=31536000; includeSubDomains"
}

variable "access_log_retention_days" {
  type        = number
  description = "Days the load balancer's access logs are kept in their bucket."
  default     = 90
}
