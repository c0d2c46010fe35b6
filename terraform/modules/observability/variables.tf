variable "name" {
  type        = string
  description = "Prefix of the alarm, topic and dashboard names, e.g. peerprep-prod."
}

variable "region" {
  type        = string
  description = "AWS region the dashboard's metrics are read from."
}

variable "log_group_name" {
  type        = string
  description = "CloudWatch log group every container writes to, e.g. /ecs/peerprep-prod."
}

variable "log_retention_days" {
  type        = number
  description = "Days log events are kept."
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a retention period CloudWatch Logs supports."
  }
}

variable "cluster_name" {
  type        = string
  description = "ECS cluster whose services are watched."
}

variable "load_balancer_arn_suffix" {
  type        = string
  description = "ARN suffix of the application load balancer."
}

variable "target_group_arn_suffixes" {
  type        = map(string)
  description = "Target group ARN suffix of each service, keyed by service name; each service gets CPU, memory and unhealthy-host alarms."
}

variable "database_instance_id" {
  type        = string
  description = "Identifier of the RDS instance shown on the dashboard."
}

variable "alarm_email" {
  type        = string
  description = "Address that receives alarm notifications; null sends them only to the SNS topic."
  default     = null
}

variable "http_5xx_threshold" {
  type        = number
  description = "5xx responses per five minutes (load balancer and targets each) that raise an alarm."
  default     = 10
}

variable "latency_threshold_seconds" {
  type        = number
  description = "p95 target response time, in seconds, that raises an alarm."
  default     = 1.5
}

variable "cpu_threshold" {
  type        = number
  description = "Average CPU utilisation of a service, in percent, that raises an alarm."
  default     = 85
}

variable "memory_threshold" {
  type        = number
  description = "Average memory utilisation of a service, in percent, that raises an alarm."
  default     = 85
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of the module."
  default     = {}
}

variable "cache_replication_group_id" {
  type        = string
  description = "ElastiCache replication group whose nodes get alarms."
}

variable "cache_node_count" {
  type        = number
  description = "Nodes of the replication group (primary and replicas)."
}

variable "database_cpu_threshold" {
  type        = number
  description = "Average CPU percent of the database over 15 minutes that raises an alarm."
  default     = 80
}

variable "database_free_memory_bytes" {
  type        = number
  description = "Freeable memory of the database below which an alarm is raised."
  default     = 268435456
}

variable "database_connections_threshold" {
  type        = number
  description = "Connections to the database above which an alarm is raised."
  default     = 300
}

variable "database_free_storage_bytes" {
  type        = number
  description = "Free storage of the database below which an alarm is raised."
  default     = 2147483648
}

variable "cache_cpu_threshold" {
  type        = number
  description = "Average Redis engine CPU percent over 15 minutes that raises an alarm."
  default     = 80
}

variable "cache_memory_threshold" {
  type        = number
  description = "Redis memory use, in percent of maxmemory, that raises an alarm."
  default     = 80
}

variable "cache_connections_threshold" {
  type        = number
  description = "Redis client connections per node above which an alarm is raised."
  default     = 1000
}

variable "cache_replication_lag_seconds" {
  type        = number
  description = "Replication lag of a Redis replica, in seconds, that raises an alarm."
  default     = 5
}
