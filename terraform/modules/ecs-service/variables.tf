variable "name" {
  type        = string
  description = "Service name; also the name of its ECS service, its container and its log stream prefix."
}

variable "cluster_arn" {
  type        = string
  description = "ARN of the ECS cluster the service runs in."
}

variable "cluster_name" {
  type        = string
  description = "Name of the ECS cluster, used in the task definition family and the autoscaling resource ID."
}

variable "image" {
  type        = string
  description = "Image repository URL without a tag."
}

variable "image_tag" {
  type        = string
  description = "Image tag to run, normally the git SHA of the release."

  validation {
    condition     = length(var.image_tag) > 0
    error_message = "image_tag must not be empty."
  }
}

variable "container_port" {
  type        = number
  description = "Port the container listens on."
}

variable "cpu" {
  type        = number
  description = "CPU units of one task (1024 is one vCPU)."
  default     = 512
}

variable "memory" {
  type        = number
  description = "Memory of one task in MiB."
  default     = 1024
}

variable "environment" {
  type        = map(string)
  description = "Plain environment of the container. Secrets never go here: pass them in secrets."
  default     = {}

  validation {
    condition     = alltrue([for key in keys(var.environment) : !startswith(key, "SECRET_")])
    error_message = "SECRET_* variables must come from Secrets Manager through the secrets variable."
  }
}

variable "secrets" {
  type        = map(string)
  description = "Environment variables filled from Secrets Manager, name => secret ARN (optionally with a JSON key suffix)."
  default     = {}

  validation {
    condition     = alltrue([for key in keys(var.secrets) : startswith(key, "SECRET_")])
    error_message = "Secret environment variables are named SECRET_*."
  }
}

variable "desired_count" {
  type        = number
  description = "Tasks started when the service is created; autoscaling adjusts it afterwards."
  default     = 2
}

variable "min_capacity" {
  type        = number
  description = "Fewest tasks autoscaling keeps running."
  default     = 2

  validation {
    condition     = var.min_capacity >= 1
    error_message = "min_capacity must be at least 1."
  }
}

variable "max_capacity" {
  type        = number
  description = "Most tasks autoscaling may run."
  default     = 6

  validation {
    condition     = var.max_capacity >= var.min_capacity
    error_message = "max_capacity must not be below min_capacity."
  }
}

variable "cpu_target" {
  type        = number
  description = "Average CPU utilisation, in percent, that autoscaling aims for."
  default     = 60
}

variable "memory_target" {
  type        = number
  description = "Average memory utilisation, in percent, that autoscaling aims for."
  default     = 75
}

variable "requests_per_target" {
  type        = number
  description = "Load balancer requests per task per minute that autoscaling aims for."
  default     = 1000
}

variable "capacity_provider" {
  type        = string
  description = "Fargate capacity provider of the service: FARGATE or FARGATE_SPOT."
  default     = "FARGATE"

  validation {
    condition     = contains(["FARGATE", "FARGATE_SPOT"], var.capacity_provider)
    error_message = "capacity_provider must be FARGATE or FARGATE_SPOT."
  }
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnets the tasks run in."
}

variable "security_group_ids" {
  type        = list(string)
  description = "Security groups of the tasks."
}

variable "target_group_arn" {
  type        = string
  description = "Load balancer target group the tasks register in."
}

variable "target_group_arn_suffix" {
  type        = string
  description = "ARN suffix of the target group, for the requests-per-target scaling metric."
}

variable "load_balancer_arn_suffix" {
  type        = string
  description = "ARN suffix of the load balancer, for the requests-per-target scaling metric."
}

variable "service_registry_arn" {
  type        = string
  description = "Cloud Map service the tasks register their A records in."
}

variable "execution_role_arn" {
  type        = string
  description = "Role ECS uses to pull the image, write logs and read the service's secrets."
}

variable "task_role_arn" {
  type        = string
  description = "Role the application runs as."
}

variable "log_group_name" {
  type        = string
  description = "CloudWatch log group the container writes to."
}

variable "region" {
  type        = string
  description = "AWS region of the log group."
}

variable "health_path" {
  type        = string
  description = "Liveness path the container health check requests on the container port (the load balancer checks the same path)."
  default     = "/health/live"
}

variable "health_check_grace_period" {
  type        = number
  description = "Seconds after a task starts during which failed load balancer health checks are ignored."
  default     = 90
}

variable "stop_timeout" {
  type        = number
  description = "Seconds a container gets after SIGTERM to close its connections before it is killed."
  default     = 30
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of the module."
  default     = {}
}

variable "queue_scaling" {
  type = object({
    log_message = string
    value_field = string
    target      = number
  })
  description = "Scale on a queue the service reports in its JSON log lines: the lines whose message is log_message carry the task's queue depth in value_field, a log metric filter makes it a metric (the task needs no IAM role to publish it), and target tracking holds its average per task at target. null: no queue scaling."
  default     = null

  validation {
    condition     = var.queue_scaling == null || try(var.queue_scaling.target > 0 && can(regex("^[A-Za-z_][A-Za-z0-9_]*$", var.queue_scaling.value_field)), false)
    error_message = "queue_scaling.target must be positive and value_field a plain JSON field name."
  }
}

variable "read_only_root_filesystem" {
  type        = bool
  description = "Mount the container's root file system read-only; only writable_paths can be written."
  default     = false
}

variable "writable_paths" {
  type        = list(string)
  description = "Absolute paths in the container backed by a task volume on the task's ephemeral storage, writable while the root file system is read-only."
  default     = []

  validation {
    condition     = alltrue([for path in var.writable_paths : startswith(path, "/") && path != "/"])
    error_message = "Writable paths are absolute and not the root itself."
  }
}
