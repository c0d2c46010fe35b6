# The release tasks: before any ECS service is created or updated, the apply runs
# deploy/03-run-migrations.sh, which starts each task below as a one-off Fargate task, waits for it
# to stop and requires exit code 0: first the database bootstrap (every database and its owning
# role), then each service's Flyway migrations with the release's image. A failure fails the apply
# before a single task of a service starts, so a first deploy never races its databases and a
# release never runs code against a schema it has not migrated.

locals {
  migrating = { for name, service in local.services : name => service if service.migrate }

  migration_environment = {
    for name, service in local.migrating : name => merge(local.database_environment, {
      DB_NAME = service.database
      DB_USER = local.database_roles[service.database]
    })
  }

  # "<task definition>,<container>,<security group>", in the order they run.
  release_tasks = concat(
    ["${module.rds.create_databases_task_definition_arn},create-databases,${module.security_groups.bootstrap_security_group_id}"],
    [for name in sort(keys(local.migrating)) : "${aws_ecs_task_definition.this[name].arn},${name},${module.security_groups.service_security_group_ids[name]}"]
  )

  release_command = join(" ", concat(
    ["bash", "${path.module}/../../../deploy/03-run-migrations.sh"],
    ["--env", trimprefix(var.name, "peerprep-"), "--region", var.region],
    ["--subnets", join(",", module.network.private_subnet_ids)],
    flatten([for task in local.release_tasks : ["--task", task]])
  ))
}

resource "aws_ecs_task_definition" "this" {
  for_each = local.migrating

  family                   = "${var.name}-${each.key}-migrate"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = each.value.cpu
  memory                   = each.value.memory
  execution_role_arn       = module.iam.execution_role_arns[each.key]
  task_role_arn            = module.iam.task_role_arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name        = each.key
      image       = "${local.image_repository_urls["peerprep/${each.key}"]}:${var.image_tag}"
      essential   = true
      command     = ["migrate"]
      environment = [for key in sort(keys(local.migration_environment[each.key])) : { name = key, value = local.migration_environment[each.key][key] }]
      secrets     = [{ name = "SECRET_DB_PASSWORD", valueFrom = local.service_secret_arns[each.key]["DB_PASSWORD"] }]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = module.observability.log_group_name
          awslogs-region        = var.region
          awslogs-stream-prefix = "${each.key}-migrate"
        }
      }
    }
  ])

  tags = { Service = each.key }
}

# Replaced (so its command runs again) whenever a release task changes: a new image tag gives new
# migration task definitions, a new database a new bootstrap task definition.
resource "terraform_data" "this" {
  triggers_replace = local.release_tasks

  provisioner "local-exec" {
    command = local.release_command
  }

  # The tasks need the cluster, the network with its NAT gateway and endpoints, the database, the
  # log group and the roles; every reference above brings those in except the routes.
  depends_on = [module.network, module.cluster, module.rds, module.observability, module.iam]
}
