variable "name" {
  type        = string
  description = "Name of the ECS cluster, e.g. peerprep-prod."
}

variable "container_insights" {
  type        = string
  description = "Container Insights mode of the cluster: enhanced or enabled."
  default     = "enabled"

  validation {
    condition     = contains(["enabled", "enhanced"], var.container_insights)
    error_message = "container_insights must be enabled or enhanced."
  }
}

variable "default_capacity_provider" {
  type        = string
  description = "Capacity provider services use unless they name one: FARGATE or FARGATE_SPOT."
  default     = "FARGATE"

  validation {
    condition     = contains(["FARGATE", "FARGATE_SPOT"], var.default_capacity_provider)
    error_message = "default_capacity_provider must be FARGATE or FARGATE_SPOT."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of the module."
  default     = {}
}
