# Every credential of the platform is generated here and stored only in Secrets Manager (and the
# encrypted Terraform state); task definitions reference the secrets by ARN.

locals {
  generated = {
    db-password = {
      length  = 32
      special = true
    }
    redis-auth-token = {
      length  = 64
      special = false
    }
    internal-token = {
      length  = 48
      special = false
    }
    admin-password = {
      length  = 24
      special = true
    }
  }

  names = concat(keys(local.generated), ["jwt-private-key"])

  values = merge(
    { for name, password in random_password.this : name => password.result },
    { jwt-private-key = tls_private_key.this.private_key_pem_pkcs8 }
  )
}

resource "random_password" "this" {
  for_each = local.generated

  length  = each.value.length
  special = each.value.special
  # Characters RDS, Redis AUTH and URLs all accept.
  override_special = "-_.~!#%^*+="
}

resource "tls_private_key" "this" {
  algorithm   = "ECDSA"
  ecdsa_curve = "P256"
}

resource "aws_secretsmanager_secret" "this" {
  for_each = toset(local.names)

  name                    = "${var.name}/${each.key}"
  recovery_window_in_days = var.recovery_window_days

  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "this" {
  for_each = toset(local.names)

  secret_id     = aws_secretsmanager_secret.this[each.key].id
  secret_string = local.values[each.key]
}

# One login role per service that owns a database, each with its own password: a service's task can
# read only its own (see modules/iam), and its role owns only its own database (see modules/rds).
resource "random_password" "database" {
  for_each = var.database_roles

  length           = 32
  special          = true
  override_special = "-_.~!#%^*+="
}

resource "aws_secretsmanager_secret" "database" {
  for_each = var.database_roles

  name                    = "${var.name}/db-password/${each.key}"
  recovery_window_in_days = var.recovery_window_days

  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "database" {
  for_each = var.database_roles

  secret_id     = aws_secretsmanager_secret.database[each.key].id
  secret_string = random_password.database[each.key].result
}
