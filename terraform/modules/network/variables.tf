variable "name" {
  type        = string
  description = "Name prefix for every network resource, e.g. peerprep-prod."
}

variable "cidr_block" {
  type        = string
  description = "IPv4 CIDR block of the VPC."
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrnetmask(var.cidr_block))
    error_message = "cidr_block must be an IPv4 CIDR block such as 10.0.0.0/16."
  }
}

variable "availability_zones" {
  type        = list(string)
  description = "Availability zones to spread the subnets over; one public and one private subnet in each."

  validation {
    condition     = length(var.availability_zones) >= 2
    error_message = "At least two availability zones are required."
  }
}

variable "single_nat_gateway" {
  type        = bool
  description = "Route every private subnet through one NAT gateway (cheaper, not zone-redundant) instead of one per zone."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of the module."
  default     = {}
}
