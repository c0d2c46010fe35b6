locals {
  # Every per-service resource (repository, roles, security group, target group, listener rule,
  # Cloud Map record, task definition, ECS service, autoscaling, alarms) is created from this one
  # map. callers: the services whose tasks open this one's port (every Java service fetches
  # user-service's JWKS; nginx in the frontend proxies to every backend).
  services = {
    user-service = {
      module      = "user"
      runtime     = "java"
      port        = 8000
      path_prefix = "/user-service-api"
      priority    = 10
      sticky      = false
      health_path = "/health/live"
      cpu         = 512
      memory      = 1024
      database    = "user_db"
      redis       = true
      migrate     = true
      secrets     = ["DB_PASSWORD", "REDIS_AUTH_TOKEN", "INTERNAL_TOKEN", "JWT_PRIVATE_KEY", "ADMIN_PASSWORD"]
      callers     = ["question-service", "matching-service", "history-service", "collaboration-service", "chat-service", "frontend"]
    }
    question-service = {
      module      = "question"
      runtime     = "java"
      port        = 8000
      path_prefix = "/question-service-api"
      priority    = 20
      sticky      = false
      health_path = "/health/live"
      cpu         = 512
      memory      = 1024
      database    = "question_db"
      redis       = true
      migrate     = true
      secrets     = ["DB_PASSWORD", "REDIS_AUTH_TOKEN", "INTERNAL_TOKEN"]
      callers     = ["matching-service", "frontend"]
    }
    matching-service = {
      module      = "matching"
      runtime     = "java"
      port        = 8000
      path_prefix = "/matching-service-api"
      priority    = 30
      sticky      = true
      health_path = "/health/live"
      cpu         = 512
      memory      = 1024
      database    = "matching_db"
      redis       = true
      migrate     = true
      secrets     = ["DB_PASSWORD", "REDIS_AUTH_TOKEN", "INTERNAL_TOKEN"]
      callers     = ["frontend"]
    }
    history-service = {
      module      = "history"
      runtime     = "java"
      port        = 8000
      path_prefix = "/history-service-api"
      priority    = 40
      sticky      = false
      health_path = "/health/live"
      cpu         = 512
      memory      = 1024
      database    = "history_db"
      redis       = true
      migrate     = true
      secrets     = ["DB_PASSWORD", "REDIS_AUTH_TOKEN", "INTERNAL_TOKEN"]
      callers     = ["user-service", "matching-service", "collaboration-service", "chat-service", "frontend"]
    }
    collaboration-service = {
      module      = "collab"
      runtime     = "java"
      port        = 8000
      path_prefix = "/collaboration-service-api"
      priority    = 50
      sticky      = true
      health_path = "/health/live"
      cpu         = 512
      memory      = 1024
      database    = null
      redis       = true
      migrate     = false
      secrets     = ["REDIS_AUTH_TOKEN", "INTERNAL_TOKEN"]
      callers     = ["matching-service", "chat-service", "frontend"]
    }
    chat-service = {
      module      = "chat"
      runtime     = "java"
      port        = 8000
      path_prefix = "/chat-service-api"
      priority    = 60
      sticky      = true
      health_path = "/health/live"
      cpu         = 512
      memory      = 1024
      database    = null
      redis       = true
      migrate     = false
      secrets     = ["REDIS_AUTH_TOKEN", "INTERNAL_TOKEN"]
      callers     = ["frontend"]
    }
    # Runs users' code: no secrets, no task role; its security group admits only the collaboration
    # service and the load balancer, and lets out only HTTPS to the VPC endpoints (image pulls, logs).
    execution-service = {
      module      = "execution"
      runtime     = "java"
      port        = 8000
      path_prefix = "/execution-service-api"
      priority    = 70
      sticky      = false
      health_path = "/health/live"
      cpu         = 1024
      memory      = 2048
      database    = null
      redis       = false
      migrate     = false
      secrets     = []
      callers     = ["collaboration-service"]
    }
    frontend = {
      module      = "web"
      runtime     = "nginx"
      port        = 8080
      path_prefix = null
      priority    = null
      sticky      = false
      health_path = "/health"
      cpu         = 256
      memory      = 512
      database    = null
      redis       = false
      migrate     = false
      secrets     = []
      callers     = []
    }
  }

  databases = sort([for name, service in local.services : service.database if service.database != null])

  # Each database is owned by a login role of its service (user_db by user_service, ...); a service
  # connects as that role with a password of its own, never as the master user.
  database_roles = { for name, service in local.services : service.database => replace(name, "-", "_") if service.database != null }

  image_repository_urls = merge(
    module.ecr.repository_urls,
    { for name, repository in data.aws_ecr_repository.this : repository.name => repository.repository_url }
  )

  master_password_arn = module.secrets.arns["db-password"]

  secret_arns = {
    REDIS_AUTH_TOKEN = module.secrets.arns["redis-auth-token"]
    INTERNAL_TOKEN   = module.secrets.arns["internal-token"]
    JWT_PRIVATE_KEY  = module.secrets.arns["jwt-private-key"]
    ADMIN_PASSWORD   = module.secrets.arns["admin-password"]
  }

  # The secrets each service's tasks receive, name => ARN; DB_PASSWORD is the password of the
  # service's own database role.
  service_secret_arns = {
    for name, service in local.services : name => {
      for secret in service.secrets : secret => (
        secret == "DB_PASSWORD" ? module.secrets.database_password_arns[local.database_roles[service.database]] : local.secret_arns[secret]
      )
    }
  }

  java_environment = {
    PORT                = "8000"
    LOG_LEVEL           = var.log_level
    DISCOVERY_MODE      = "dns"
    DISCOVERY_NAMESPACE = var.namespace
  }

  database_environment = {
    DB_HOST          = module.rds.address
    DB_PORT          = tostring(module.rds.port)
    DB_SSL_MODE      = "verify-full"
    DB_SSL_ROOT_CERT = "/etc/ssl/certs/rds-global-bundle.pem"
  }

  redis_environment = {
    REDIS_URL = module.elasticache.url
  }

  # nginx in the frontend proxies each public prefix to <name>.<namespace>:8000, resolving the
  # Cloud Map names through the VPC's DNS server.
  upstream_environment = merge(
    { for name, service in local.services : "${upper(replace(trimsuffix(name, "-service"), "-", "_"))}_SERVICE_HOST" => "${name}.${var.namespace}" if service.runtime == "java" },
    { for name, service in local.services : "${upper(replace(trimsuffix(name, "-service"), "-", "_"))}_SERVICE_PORT" => tostring(service.port) if service.runtime == "java" },
    { for name, service in local.services : "${upper(replace(trimsuffix(name, "-service"), "-", "_"))}_SERVICE_UPSTREAM" => "${name}.${var.namespace}:${service.port}" if service.runtime == "java" },
    {
      NGINX_PORT     = "8080"
      NGINX_RESOLVER = "169.254.169.253"
    }
  )

  service_environment = {
    user-service = {
      JWT_KEY_ID     = module.secrets.jwt_key_id
      ADMIN_USERNAME = var.admin_username
      ADMIN_EMAIL    = var.admin_email
      # The ALB and nginx run inside the VPC; only their X-Forwarded-For entries are believed.
      TRUSTED_PROXIES = var.vpc_cidr
    }
    frontend = local.upstream_environment
    execution-service = {
      EXECUTION_SANDBOX = "rlimits"
    }
  }

  # The execution service reports its queue every few seconds in a JSON log line
  # ({"message":"run-queue","queued":…}); each task keeps about one run waiting before another starts.
  queue_scaling = {
    execution-service = { log_message = "run-queue", value_field = "queued", target = 1 }
  }

  # Read-only root file systems; the listed paths are task volumes (the execution service's run
  # directories and the JVM's temporary files live under /tmp).
  writable_paths = {
    execution-service = ["/tmp"]
  }
}

data "aws_availability_zones" "this" {
  state = "available"
}

module "network" {
  source = "../network"

  name               = var.name
  cidr_block         = var.vpc_cidr
  availability_zones = slice(sort(data.aws_availability_zones.this.names), 0, 2)
  single_nat_gateway = var.single_nat_gateway
}

module "security_groups" {
  source = "../security-groups"

  name   = var.name
  vpc_id = module.network.vpc_id
  services = {
    for name, service in local.services : name => {
      port     = service.port
      callers  = service.callers
      database = service.database != null
      redis    = service.redis
    }
  }
  endpoints_security_group_id = module.network.endpoints_security_group_id
  s3_prefix_list_id           = module.network.s3_prefix_list_id
}

module "secrets" {
  source = "../secrets"

  name           = var.name
  database_roles = toset(values(local.database_roles))
}

# Prod owns the image repositories; an environment that does not create them runs the images of the
# repositories that already exist under the same names.
module "ecr" {
  source = "../ecr"

  repositories = toset([for name, service in local.services : "peerprep/${name}" if var.create_image_repositories])
}

data "aws_ecr_repository" "this" {
  for_each = { for name, service in local.services : name => service if !var.create_image_repositories }

  name = "peerprep/${each.key}"
}

module "iam" {
  source = "../iam"

  name = var.name
  execution_secret_arns = merge(
    { for name, service in local.services : name => values(local.service_secret_arns[name]) },
    { create-databases = concat([local.master_password_arn], values(module.secrets.database_password_arns)) }
  )
  github_repository           = var.github_repository
  create_github_oidc_provider = var.create_github_oidc_provider
  ecr_repository_arns         = values(module.ecr.repository_arns)
  state_bucket_name           = var.state_bucket_name
  state_key                   = "peerprep/${trimprefix(var.name, "peerprep-")}/terraform.tfstate"
  alb_logs_bucket_arn         = module.alb.access_logs_bucket_arn
}

module "cluster" {
  source = "../ecs-cluster"

  name               = var.name
  container_insights = "enabled"
}

module "service_discovery" {
  source = "../service-discovery"

  namespace = var.namespace
  vpc_id    = module.network.vpc_id
  services  = toset(keys(local.services))
}

module "observability" {
  source = "../observability"

  name                       = var.name
  region                     = var.region
  log_group_name             = var.log_group_name
  log_retention_days         = var.log_retention_days
  cluster_name               = module.cluster.name
  load_balancer_arn_suffix   = module.alb.arn_suffix
  target_group_arn_suffixes  = module.alb.target_group_arn_suffixes
  database_instance_id       = module.rds.instance_id
  cache_replication_group_id = module.elasticache.replication_group_id
  cache_node_count           = var.redis_num_cache_clusters
  alarm_email                = var.alarm_email
}

module "rds" {
  source = "../rds"

  name                         = var.name
  subnet_ids                   = module.network.private_subnet_ids
  security_group_id            = module.security_groups.database_security_group_id
  instance_class               = var.db_instance_class
  multi_az                     = var.db_multi_az
  backup_retention_days        = var.db_backup_retention_days
  deletion_protection          = var.db_deletion_protection
  skip_final_snapshot          = var.db_skip_final_snapshot
  performance_insights         = var.db_performance_insights
  master_password              = module.secrets.db_password
  databases                    = local.database_roles
  role_password_secret_arns    = module.secrets.database_password_arns
  bootstrap_execution_role_arn = module.iam.execution_role_arns["create-databases"]
  password_secret_arn          = local.master_password_arn
  log_group_name               = module.observability.log_group_name
  region                       = var.region
}

module "elasticache" {
  source = "../elasticache"

  name               = var.name
  subnet_ids         = module.network.private_subnet_ids
  security_group_id  = module.security_groups.redis_security_group_id
  node_type          = var.redis_node_type
  num_cache_clusters = var.redis_num_cache_clusters
  auth_token         = module.secrets.redis_auth_token
}

module "alb" {
  source = "../alb"

  name                = var.name
  vpc_id              = module.network.vpc_id
  subnet_ids          = module.network.public_subnet_ids
  security_group_id   = module.security_groups.alb_security_group_id
  certificate_arn     = var.certificate_arn
  idle_timeout        = 3600
  deletion_protection = var.alb_deletion_protection
  default_service     = "frontend"
  services = {
    for name, service in local.services : name => {
      port        = service.port
      path_prefix = service.path_prefix
      priority    = service.priority
      sticky      = service.sticky
      health_path = service.health_path
    }
  }
}

module "services" {
  source   = "../ecs-service"
  for_each = local.services

  name      = each.key
  image     = local.image_repository_urls["peerprep/${each.key}"]
  image_tag = var.image_tag
  cpu       = each.value.cpu
  memory    = each.value.memory

  container_port = each.value.port
  health_path    = each.value.health_path
  environment = merge(
    each.value.runtime == "java" ? tomap(local.java_environment) : tomap({}),
    each.value.database == null ? tomap({}) : tomap(merge(local.database_environment, { DB_NAME = each.value.database, DB_USER = local.database_roles[each.value.database] })),
    each.value.redis ? tomap(local.redis_environment) : tomap({}),
    try(local.service_environment[each.key], {})
  )
  secrets = { for secret, arn in local.service_secret_arns[each.key] : "SECRET_${secret}" => arn }

  desired_count     = var.min_tasks
  min_capacity      = var.min_tasks
  max_capacity      = var.max_tasks
  capacity_provider = var.capacity_provider

  cluster_arn               = module.cluster.arn
  cluster_name              = module.cluster.name
  subnet_ids                = module.network.private_subnet_ids
  security_group_ids        = [module.security_groups.service_security_group_ids[each.key]]
  target_group_arn          = module.alb.target_group_arns[each.key]
  target_group_arn_suffix   = module.alb.target_group_arn_suffixes[each.key]
  load_balancer_arn_suffix  = module.alb.arn_suffix
  service_registry_arn      = module.service_discovery.service_arns[each.key]
  execution_role_arn        = module.iam.execution_role_arns[each.key]
  task_role_arn             = each.key == "execution-service" ? null : module.iam.task_role_arn
  queue_scaling             = try(local.queue_scaling[each.key], null)
  read_only_root_filesystem = contains(keys(local.writable_paths), each.key)
  writable_paths            = try(local.writable_paths[each.key], [])
  log_group_name            = module.observability.log_group_name
  region                    = var.region

  # The target groups must be attached to the load balancer before a service can register in them,
  # and the release tasks (databases, roles, migrations) must have succeeded before a task starts.
  depends_on = [module.alb, terraform_data.this]
}
