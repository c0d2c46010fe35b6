variable "namespace" {
  type        = string
  description = "Private DNS namespace the services register in, e.g. peerprep-prod.local."
}

variable "vpc_id" {
  type        = string
  description = "VPC the private namespace is visible in."
}

variable "services" {
  type        = set(string)
  description = "Service names; each gets an A record <name>.<namespace> pointing at its running tasks."
}

variable "dns_ttl" {
  type        = number
  description = "TTL in seconds of the service A records; short, so callers see replaced tasks quickly."
  default     = 10
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of the module."
  default     = {}
}
