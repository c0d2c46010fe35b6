# The modules were called from this directory before they moved into modules/stack; these blocks
# carry an existing state over to the new addresses without replacing anything.
moved {
  from = module.network
  to   = module.stack.module.network
}

moved {
  from = module.security_groups
  to   = module.stack.module.security_groups
}

moved {
  from = module.secrets
  to   = module.stack.module.secrets
}

moved {
  from = module.ecr
  to   = module.stack.module.ecr
}

moved {
  from = module.iam
  to   = module.stack.module.iam
}

moved {
  from = module.cluster
  to   = module.stack.module.cluster
}

moved {
  from = module.service_discovery
  to   = module.stack.module.service_discovery
}

moved {
  from = module.observability
  to   = module.stack.module.observability
}

moved {
  from = module.rds
  to   = module.stack.module.rds
}

moved {
  from = module.elasticache
  to   = module.stack.module.elasticache
}

moved {
  from = module.alb
  to   = module.stack.module.alb
}

moved {
  from = module.services
  to   = module.stack.module.services
}
