locals {
  name      = "peerprep-dev"
  namespace = "peerprep-dev.local"
  log_group = "/ecs/peerprep-dev"

  tags = {
    Project     = "peerprep"
    Environment = "dev"
    ManagedBy   = "terraform"
  }
}

# The same system, smaller: one NAT gateway, Fargate Spot, a single-AZ database without deletion
# protection, one Redis node. The image repositories belong to prod; dev runs the same images.
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
  single_nat_gateway = true
  log_retention_days = 7

  create_image_repositories = false

  db_instance_class        = var.db_instance_class
  db_multi_az              = var.db_multi_az
  db_backup_retention_days = 3
  db_deletion_protection   = false
  db_skip_final_snapshot   = true
  db_performance_insights  = false

  redis_node_type          = var.redis_node_type
  redis_num_cache_clusters = 1

  alb_deletion_protection = false

  min_tasks         = var.min_tasks
  max_tasks         = var.max_tasks
  capacity_provider = "FARGATE_SPOT"
}
