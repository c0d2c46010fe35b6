locals {
  family = "postgres${split(".", var.engine_version)[0]}"

  # Creates every missing login role and database, makes each role the owner of its database and
  # the only one (besides the master user) allowed to connect to it, and sets each role's password
  # from its secret. Idempotent: run on every release before the migrations and the services.
  bootstrap_script = <<-EOT
    set -eu
    for pair in $DATABASES; do
      db="$${pair%%:*}"
      role="$${pair#*:}"
      password="$(printenv "ROLE_PASSWORD_$role")"
      psql -v ON_ERROR_STOP=1 -q -v db="$db" -v role="$role" -v password="$password" <<'SQL'
    SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
    ALTER ROLE :"role" WITH LOGIN NOCREATEDB NOCREATEROLE PASSWORD :'password';
    GRANT :"role" TO CURRENT_USER;
    SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
    ALTER DATABASE :"db" OWNER TO :"role";
    REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
    GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"role";
    SQL
      echo "database $db owned by role $role"
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

# The one-off task that creates the services' databases and login roles; the release tasks run it
# (deploy/03-run-migrations.sh, during terraform apply) before the migrations and the services.
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
      command   = ["sh", "-c", local.bootstrap_script]
      environment = [
        { name = "PGHOST", value = aws_db_instance.this.address },
        { name = "PGPORT", value = tostring(aws_db_instance.this.port) },
        { name = "PGUSER", value = var.master_username },
        { name = "PGDATABASE", value = "postgres" },
        { name = "PGSSLMODE", value = "require" },
        { name = "DATABASES", value = join(" ", [for db in sort(keys(var.databases)) : "${db}:${var.databases[db]}"]) }
      ]
      secrets = concat(
        [{ name = "PGPASSWORD", valueFrom = var.password_secret_arn }],
        [for role in sort(keys(var.role_password_secret_arns)) : { name = "ROLE_PASSWORD_${role}", valueFrom = var.role_password_secret_arns[role] }]
      )
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
