locals {
  family = "postgres${split(".", var.engine_version)[0]}"

  # Creates every missing database; run once per deploy before the migrations.
  create_databases_script = <<-EOT
    set -eu
    for db in $DATABASES; do
      if [ "$(psql -v ON_ERROR_STOP=1 -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" = "1" ]; then
        echo "database $db exists"
      else
        psql -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$db\""
        echo "database $db created"
      fi
    done
  EOT
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids

  tags = var.tags
}

resource "aws_db_parameter_group" "this" {
  name_prefix = "${var.name}-${local.family}-"
  family      = local.family

  parameter {
    name  = "rds.force_ssl"
    value = var.require_tls ? "1" : "0"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_db_instance" "this" {
  identifier     = var.name
  engine         = "postgres"
  engine_version = var.engine_version
  instance_class = var.instance_class
  port           = 5432

  allocated_storage     = var.allocated_storage
  max_allocated_storage = var.max_allocated_storage
  storage_type          = "gp3"
  storage_encrypted     = true

  username = var.master_username
  password = var.master_password

  multi_az               = var.multi_az
  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [var.security_group_id]
  parameter_group_name   = aws_db_parameter_group.this.name
  publicly_accessible    = false

  backup_retention_period   = var.backup_retention_days
  backup_window             = "03:00-04:00"
  maintenance_window        = "sun:04:30-sun:05:30"
  copy_tags_to_snapshot     = true
  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = var.skip_final_snapshot
  final_snapshot_identifier = "${var.name}-final"

  auto_minor_version_upgrade      = true
  allow_major_version_upgrade     = false
  apply_immediately               = false
  performance_insights_enabled    = var.performance_insights
  enabled_cloudwatch_logs_exports = ["postgresql"]

  tags = var.tags
}

# The one-off task that creates the services' databases; the deploy scripts run it before the
# migrations, in the network of the services.
resource "aws_ecs_task_definition" "this" {
  family                   = "${var.name}-create-databases"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = var.bootstrap_execution_role_arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name      = "create-databases"
      image     = var.bootstrap_image
      essential = true
      command   = ["sh", "-c", local.create_databases_script]
      environment = [
        { name = "PGHOST", value = aws_db_instance.this.address },
        { name = "PGPORT", value = tostring(aws_db_instance.this.port) },
        { name = "PGUSER", value = var.master_username },
        { name = "PGDATABASE", value = "postgres" },
        { name = "PGSSLMODE", value = "require" },
        { name = "DATABASES", value = join(" ", var.databases) }
      ]
      secrets = [
        { name = "PGPASSWORD", valueFrom = var.password_secret_arn }
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = var.log_group_name
          awslogs-region        = var.region
          awslogs-stream-prefix = "create-databases"
        }
      }
    }
  ])

  tags = var.tags
}
