output "arns" {
  description = "ARN of each secret, keyed by db-password, redis-auth-token, internal-token, admin-password and jwt-private-key."
  value       = { for name, secret in aws_secretsmanager_secret.this : name => secret.arn }
}

output "db_password" {
  description = "Master password of the RDS instance."
  value       = random_password.this["db-password"].result
  sensitive   = true
}

output "redis_auth_token" {
  description = "AUTH token of the Redis replication group."
  value       = random_password.this["redis-auth-token"].result
  sensitive   = true
}

output "jwt_key_id" {
  description = "Key ID (kid) of the JWT signing key, derived from its public key."
  value       = substr(sha256(tls_private_key.this.public_key_pem), 0, 16)
}

output "database_password_arns" {
  description = "ARN of each database role's password secret, keyed by role."
  value       = { for role, secret in aws_secretsmanager_secret.database : role => secret.arn }
}
