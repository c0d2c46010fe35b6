# Scaling on a queue the service reports in its own structured log lines. The task has no IAM role (it
# runs users' code), so it cannot call PutMetricData: CloudWatch Logs turns the lines into a metric instead.
locals {
  queue_metric_namespace = "${var.cluster_name}/${var.name}"
  queue_metric_name      = "QueueDepth"
}

resource "aws_cloudwatch_log_metric_filter" "this" {
  count = var.queue_scaling == null ? 0 : 1

  name           = "${var.cluster_name}-${var.name}-queue"
  log_group_name = var.log_group_name
  pattern        = "{ ($.message = \"${var.queue_scaling.log_message}\") && ($.service = \"${var.name}\") }"

  metric_transformation {
    name      = local.queue_metric_name
    namespace = local.queue_metric_namespace
    value     = "$.${var.queue_scaling.value_field}"
    unit      = "Count"
  }
}

resource "aws_appautoscaling_policy" "queue" {
  count = var.queue_scaling == null ? 0 : 1

  name               = "${var.name}-queue"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this.service_namespace
  scalable_dimension = aws_appautoscaling_target.this.scalable_dimension
  resource_id        = aws_appautoscaling_target.this.resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = var.queue_scaling.target
    scale_in_cooldown  = 300
    scale_out_cooldown = 60

    # Every task reports every few seconds, so the average over the period is the depth per task.
    customized_metric_specification {
      metric_name = local.queue_metric_name
      namespace   = local.queue_metric_namespace
      statistic   = "Average"
      unit        = "Count"
    }
  }

  depends_on = [aws_cloudwatch_log_metric_filter.this]
}
