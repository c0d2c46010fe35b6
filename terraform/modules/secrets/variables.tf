variable "name" {
  type        = string
  description = "Prefix of the secret names, e.g. peerprep-prod; secrets are named <name>/<secret>."
}

variable "database_roles" {
  type        = set(string)
  description = "PostgreSQL login roles, one per service that owns a database; each gets a generated password of its own."
  default     = []
}

variable "recovery_window_days" {
  type        = number
  description = "Days a deleted secret can still be restored."
  default     = 7
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of the module."
  default     = {}
}
