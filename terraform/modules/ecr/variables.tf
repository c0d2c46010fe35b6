variable "repositories" {
  type        = set(string)
  description = "Repository names, e.g. peerprep/user-service."
}

variable "keep_images" {
  type        = number
  description = "Most recent images kept per repository; older ones expire."
  default     = 30
}

variable "untagged_expiry_days" {
  type        = number
  description = "Days after which untagged images expire."
  default     = 7
}

variable "force_delete" {
  type        = bool
  description = "Allow deleting a repository that still holds images."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of the module."
  default     = {}
}
