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

variable "github_plan_environment" {
  type        = string
  description = "GitHub environment whose jobs may assume the read-only plan role."
  default     = "production-plan"
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

variable "deploy_policy_arns" {
  type        = list(string)
  description = "Managed policies of the deploy role, which applies the whole Terraform configuration."
  default     = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of the module."
  default     = {}
}
