# The execution service runs users' code, so its tasks get nothing to abuse: no task role (set in
# main.tf), no secrets, and a security group of their own that lets in only the collaboration service
# (all services share the services group) and the load balancer's health checks, and lets nothing out.
# (The only security group this module makes, so it is named this.) Terraform removes AWS's default allow-all egress rule from a new group, and this one adds none.

resource "aws_security_group" "this" {
  name        = "${var.name}-execution"
  description = "PeerPrep execution tasks: runs from the other services, health checks from the ALB, no egress"
  vpc_id      = module.network.vpc_id

  tags = { Name = "${var.name}-execution" }
}

resource "aws_vpc_security_group_ingress_rule" "execution_from_services" {
  security_group_id            = aws_security_group.this.id
  description                  = "Runs from the collaboration service"
  referenced_security_group_id = module.security_groups.services_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 8000
  to_port                      = 8000
}

resource "aws_vpc_security_group_ingress_rule" "execution_from_alb" {
  security_group_id            = aws_security_group.this.id
  description                  = "Health checks and the public routes from the load balancer"
  referenced_security_group_id = module.security_groups.alb_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 8000
  to_port                      = 8000
}

resource "aws_vpc_security_group_egress_rule" "services_to_execution" {
  security_group_id            = module.security_groups.services_security_group_id
  description                  = "The collaboration service calls the execution service"
  referenced_security_group_id = aws_security_group.this.id
  ip_protocol                  = "tcp"
  from_port                    = 8000
  to_port                      = 8000
}

resource "aws_vpc_security_group_egress_rule" "alb_to_execution" {
  security_group_id            = module.security_groups.alb_security_group_id
  description                  = "The execution service's health checks"
  referenced_security_group_id = aws_security_group.this.id
  ip_protocol                  = "tcp"
  from_port                    = 8000
  to_port                      = 8000
}
