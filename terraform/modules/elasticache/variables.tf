variable "name" {
  type        = string
  description = "ID of the replication group, e.g. peerprep-prod."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnets the cache nodes may be placed in."
}

variable "security_group_id" {
  type        = string
  description = "Security group of the cache nodes."
}

variable "engine_version" {
  type        = string
  description = "Redis engine version."
  default     = "7.1"
}

variable "node_type" {
  type        = string
  description = "Node type of every cache node."
  default     = "cache.t4g.small"
}

variable "num_cache_clusters" {
  type        = number
  description = "Nodes in the replication group: one primary plus replicas. Two or more turn on automatic failover across zones."
  default     = 2

  validation {
    condition     = var.num_cache_clusters >= 1 && var.num_cache_clusters <= 6
    error_message = "num_cache_clusters must be between 1 and 6."
  }
}

variable "auth_token" {
  type        = string
  description = "AUTH token clients present; the same value is held in Secrets Manager for the services."
  sensitive   = true
}

variable "snapshot_retention_days" {
  type        = number
  description = "Days daily snapshots are kept; 0 turns snapshots off."
  default     = 1
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of the module."
  default     = {}
}
