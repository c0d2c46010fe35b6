variable "name" {
  type        = string
  description = "Prefix of the role names, e.g. peerprep-prod."
}

variable "execution_secret_arns" {
  type        = map(list(string))
  description = "One ECS execution role per key (a service or one-off task), allowed to read exactly the listed secrets."
}

variable "github_repository" {
  type        = string
  description = "GitHub repository (owner/name) whose workflows may assume the CI, plan and deploy roles; null creates no GitHub roles."
  default     = null
}

variable "create_github_oidc_provider" {
  type        = bool
  description = "Create the account's GitHub OIDC identity provider; set false when the account already has one."
  default     = true
}

variable "github_deploy_environment" {
  type        = string
  description = "GitHub environment (with required reviewers) whose jobs may assume the deploy role."
  default     = "production"
}

variable "ecr_repository_arns" {
  type        = list(string)
  description = "Repositories the CI role may push to."
  default     = []
}

variable "state_bucket_name" {
  type        = string
  description = "S3 bucket holding the Terraform state, which the plan role reads and locks."
  default     = null
}

variable "state_key" {
  type        = string
  description = "Key of the environment's Terraform state object in the state bucket; the plan role may write only its lock file."
}

variable "deploy_max_session_seconds" {
  type        = number
  description = "Longest session the deploy role grants, in seconds; the deploy workflow asks for at most this."
  default     = 7200

  validation {
    condition     = var.deploy_max_session_seconds >= 3600 && var.deploy_max_session_seconds <= 43200
    error_message = "deploy_max_session_seconds must be between 3600 and 43200."
  }
}

variable "alb_logs_bucket_arn" {
  type        = string
  description = "S3 bucket of the load balancer's access logs, which the deploy role manages."
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of the module."
  default     = {}
}
