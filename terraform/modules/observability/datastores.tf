# Alarms of the data stores: RDS PostgreSQL (CPU, memory, connections, storage) and each ElastiCache
# Redis node (engine CPU, memory, connections, replication lag of the replicas, evictions). Each one
# notifies the alarm topic when it fires and when it clears.

locals {
  # ElastiCache names the nodes of a replication group <group>-001, <group>-002, ...
  cache_nodes = toset([for index in range(var.cache_node_count) : format("%s-%03d", var.cache_replication_group_id, index + 1)])

  database_alarms = {
    cpu         = { metric = "CPUUtilization", statistic = "Average", operator = "GreaterThanThreshold", threshold = var.database_cpu_threshold, text = "CPU of the database above ${var.database_cpu_threshold}%" }
    memory      = { metric = "FreeableMemory", statistic = "Average", operator = "LessThanThreshold", threshold = var.database_free_memory_bytes, text = "Freeable memory of the database below ${var.database_free_memory_bytes} bytes" }
    connections = { metric = "DatabaseConnections", statistic = "Maximum", operator = "GreaterThanThreshold", threshold = var.database_connections_threshold, text = "More than ${var.database_connections_threshold} connections to the database (the services' pools leak or too many tasks)" }
    storage     = { metric = "FreeStorageSpace", statistic = "Minimum", operator = "LessThanThreshold", threshold = var.database_free_storage_bytes, text = "Free storage of the database below ${var.database_free_storage_bytes} bytes" }
  }

  cache_alarms = {
    cpu         = { metric = "EngineCPUUtilization", statistic = "Average", operator = "GreaterThanThreshold", threshold = var.cache_cpu_threshold, text = "Redis engine CPU above ${var.cache_cpu_threshold}%" }
    memory      = { metric = "DatabaseMemoryUsagePercentage", statistic = "Average", operator = "GreaterThanThreshold", threshold = var.cache_memory_threshold, text = "Redis memory above ${var.cache_memory_threshold}% of maxmemory" }
    connections = { metric = "CurrConnections", statistic = "Maximum", operator = "GreaterThanThreshold", threshold = var.cache_connections_threshold, text = "More than ${var.cache_connections_threshold} Redis connections" }
    lag         = { metric = "ReplicationLag", statistic = "Maximum", operator = "GreaterThanThreshold", threshold = var.cache_replication_lag_seconds, text = "A Redis replica lags more than ${var.cache_replication_lag_seconds} s behind the primary" }
    evictions   = { metric = "Evictions", statistic = "Sum", operator = "GreaterThanThreshold", threshold = 0, text = "Redis evicted keys: session state may be lost" }
  }

  cache_node_alarms = merge([
    for node in local.cache_nodes : { for key, alarm in local.cache_alarms : "${node}-${key}" => merge(alarm, { node = node }) }
  ]...)
}

resource "aws_cloudwatch_metric_alarm" "database" {
  for_each = local.database_alarms

  alarm_name          = "${var.name}-database-${each.key}"
  alarm_description   = each.value.text
  namespace           = "AWS/RDS"
  metric_name         = each.value.metric
  dimensions          = { DBInstanceIdentifier = var.database_instance_id }
  statistic           = each.value.statistic
  period              = 300
  evaluation_periods  = 3
  threshold           = each.value.threshold
  comparison_operator = each.value.operator
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "cache" {
  for_each = local.cache_node_alarms

  alarm_name          = "${var.name}-redis-${each.key}"
  alarm_description   = "${each.value.text} (${each.value.node})"
  namespace           = "AWS/ElastiCache"
  metric_name         = each.value.metric
  dimensions          = { CacheClusterId = each.value.node }
  statistic           = each.value.statistic
  period              = 300
  evaluation_periods  = each.value.metric == "Evictions" ? 1 : 3
  threshold           = each.value.threshold
  comparison_operator = each.value.operator
  # The primary reports no replication lag, and a quiet node no evictions.
  treat_missing_data = "notBreaching"
  alarm_actions      = local.alarm_actions
  ok_actions         = local.alarm_actions

  tags = var.tags
}
