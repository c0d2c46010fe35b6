locals {
  name      = "peerprep-prod"
  namespace = "peerprep-prod.local"
  log_group = "/ecs/peerprep-prod"

  tags = {
    Project     = "peerprep"
    Environment = "prod"
    ManagedBy   = "terraform"
  }
}

# The whole system; production runs it zone-redundant, with deletion protection and longer backups.
module "stack" {
  source = "../../modules/stack"

  name           = local.name
  namespace      = local.namespace
  log_group_name = local.log_group
  region         = var.region

  certificate_arn = var.certificate_arn
  image_tag       = var.image_tag
  log_level       = var.log_level
  admin_username  = var.admin_username
  admin_email     = var.admin_email
  alarm_email     = var.alarm_email

  vpc_cidr           = var.vpc_cidr
  single_nat_gateway = false
  log_retention_days = 30

  create_image_repositories   = true
  github_repository           = var.github_repository
  create_github_oidc_provider = var.create_github_oidc_provider
  state_bucket_name           = var.state_bucket_name

  db_instance_class        = var.db_instance_class
  db_multi_az              = var.db_multi_az
  db_backup_retention_days = 14
  db_deletion_protection   = true

  redis_node_type          = var.redis_node_type
  redis_num_cache_clusters = 2

  alb_deletion_protection = true

  min_tasks = var.min_tasks
  max_tasks = var.max_tasks
}
