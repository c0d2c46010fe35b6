data "aws_caller_identity" "this" {}

data "aws_partition" "this" {}

locals {
  github_enabled  = var.github_repository != null
  github_provider = "token.actions.githubusercontent.com"
  github_provider_arn = (
    var.create_github_oidc_provider && local.github_enabled
    ? aws_iam_openid_connect_provider.this[0].arn
    : "arn:${data.aws_partition.this.partition}:iam::${data.aws_caller_identity.this.account_id}:oidc-provider/${local.github_provider}"
  )
  secret_readers   = { for name, arns in var.execution_secret_arns : name => arns if length(arns) > 0 }
  account_id       = data.aws_caller_identity.this.account_id
  state_bucket_arn = "arn:${data.aws_partition.this.partition}:s3:::${coalesce(var.state_bucket_name, "${var.name}-terraform-state")}"
}

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.this.account_id]
    }
  }
}

# ECS execution roles: pull images, write logs, read only the secrets of their own task.
resource "aws_iam_role" "execution" {
  for_each = var.execution_secret_arns

  name               = "${var.name}-${each.key}-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "execution" {
  for_each = var.execution_secret_arns

  role       = aws_iam_role.execution[each.key].name
  policy_arn = "arn:${data.aws_partition.this.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "read_secrets" {
  for_each = local.secret_readers

  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = each.value
  }
}

resource "aws_iam_role_policy" "read_secrets" {
  for_each = local.secret_readers

  name   = "read-secrets"
  role   = aws_iam_role.execution[each.key].id
  policy = data.aws_iam_policy_document.read_secrets[each.key].json
}

# The application role: the services call no AWS API, so it holds no permissions.
resource "aws_iam_role" "task" {
  name               = "${var.name}-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json

  tags = var.tags
}

resource "aws_iam_openid_connect_provider" "this" {
  count = var.create_github_oidc_provider && local.github_enabled ? 1 : 0

  url             = "https://${local.github_provider}"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"]

  tags = var.tags
}

data "aws_iam_policy_document" "github_assume" {
  for_each = local.github_enabled ? tomap({
    ci     = "repo:${var.github_repository}:ref:refs/heads/main"
    plan   = "repo:${var.github_repository}:ref:refs/heads/main"
    deploy = "repo:${var.github_repository}:environment:${var.github_deploy_environment}"
  }) : tomap({})

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.github_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.github_provider}:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.github_provider}:sub"
      values   = [each.value]
    }
  }
}

# CI on main: push images to the PeerPrep repositories, nothing else.
resource "aws_iam_role" "github_ci" {
  count = local.github_enabled ? 1 : 0

  name               = "${var.name}-github-ci"
  assume_role_policy = data.aws_iam_policy_document.github_assume["ci"].json

  tags = var.tags
}

data "aws_iam_policy_document" "ecr_push" {
  statement {
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:CompleteLayerUpload",
      "ecr:DescribeImages",
      "ecr:DescribeRepositories",
      "ecr:GetDownloadUrlForLayer",
      "ecr:InitiateLayerUpload",
      "ecr:PutImage",
      "ecr:UploadLayerPart",
    ]
    resources = length(var.ecr_repository_arns) > 0 ? var.ecr_repository_arns : ["arn:${data.aws_partition.this.partition}:ecr:*:${data.aws_caller_identity.this.account_id}:repository/peerprep/*"]
  }
}

resource "aws_iam_role_policy" "github_ci" {
  count = local.github_enabled ? 1 : 0

  name   = "ecr-push"
  role   = aws_iam_role.github_ci[0].id
  policy = data.aws_iam_policy_document.ecr_push.json
}

# Plan: only workflows of main (no environment, so the token's subject carries the branch). Reads
# the resources and the state, writes only the state's lock file. It reads no secret value: the plan
# job plans without refreshing the secret versions (see deploy/02-deploy-infrastructure.sh --no-refresh).
resource "aws_iam_role" "github_plan" {
  count = local.github_enabled ? 1 : 0

  name               = "${var.name}-github-plan"
  assume_role_policy = data.aws_iam_policy_document.github_assume["plan"].json

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "github_plan" {
  count = local.github_enabled ? 1 : 0

  role       = aws_iam_role.github_plan[0].name
  policy_arn = "arn:${data.aws_partition.this.partition}:iam::aws:policy/ReadOnlyAccess"
}

data "aws_iam_policy_document" "plan_state" {
  statement {
    sid       = "ListState"
    actions   = ["s3:ListBucket"]
    resources = [local.state_bucket_arn]
  }

  statement {
    sid       = "ReadState"
    actions   = ["s3:GetObject"]
    resources = ["${local.state_bucket_arn}/${var.state_key}"]
  }

  statement {
    sid       = "LockState"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${local.state_bucket_arn}/${var.state_key}.tflock"]
  }

  statement {
    sid       = "NoSecretValues"
    effect    = "Deny"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "github_plan" {
  count = local.github_enabled ? 1 : 0

  name   = "terraform-state"
  role   = aws_iam_role.github_plan[0].id
  policy = data.aws_iam_policy_document.plan_state.json
}

# Deploy: only jobs of the protected environment, after a reviewer approved them.
resource "aws_iam_role" "github_deploy" {
  count = local.github_enabled ? 1 : 0

  name                 = "${var.name}-github-deploy"
  assume_role_policy   = data.aws_iam_policy_document.github_assume["deploy"].json
  max_session_duration = var.deploy_max_session_seconds

  tags = var.tags
}

# What the deploy workflow does, and no more: apply this configuration (the services it creates),
# run the one-off release tasks and read what the verification reads. IAM writes are limited to this
# environment's roles, and never reach the GitHub roles or the OIDC provider: changing who may deploy
# takes an operator's own credentials.
data "aws_iam_policy_document" "deploy" {
  statement {
    sid = "ManageTheStack"
    actions = [
      "application-autoscaling:*",
      "cloudwatch:*",
      "ec2:*",
      "ecr:*",
      "ecs:*",
      "elasticache:*",
      "elasticloadbalancing:*",
      "logs:*",
      "rds:*",
      "servicediscovery:*",
      "sns:*",
      "route53:*",
      "kms:DescribeKey",
      "kms:CreateGrant",
      "kms:ListAliases",
      "sts:GetCallerIdentity",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "Secrets"
    actions   = ["secretsmanager:*"]
    resources = ["arn:${data.aws_partition.this.partition}:secretsmanager:*:${local.account_id}:secret:${var.name}/*"]
  }

  statement {
    sid       = "ListSecrets"
    actions   = ["secretsmanager:ListSecrets", "secretsmanager:GetRandomPassword"]
    resources = ["*"]
  }

  statement {
    sid       = "State"
    actions   = ["s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = [local.state_bucket_arn, "${local.state_bucket_arn}/${var.state_key}", "${local.state_bucket_arn}/${var.state_key}.tflock"]
  }

  statement {
    sid       = "AccessLogBucket"
    actions   = ["s3:*"]
    resources = [var.alb_logs_bucket_arn, "${var.alb_logs_bucket_arn}/*"]
  }

  statement {
    sid = "EnvironmentRoles"
    actions = [
      "iam:AttachRolePolicy",
      "iam:CreateRole",
      "iam:DeleteRole",
      "iam:DeleteRolePolicy",
      "iam:DetachRolePolicy",
      "iam:GetRole",
      "iam:GetRolePolicy",
      "iam:ListAttachedRolePolicies",
      "iam:ListInstanceProfilesForRole",
      "iam:ListRolePolicies",
      "iam:PutRolePolicy",
      "iam:TagRole",
      "iam:UntagRole",
      "iam:UpdateAssumeRolePolicy",
      "iam:UpdateRole",
    ]
    resources = ["arn:${data.aws_partition.this.partition}:iam::${local.account_id}:role/${var.name}-*"]
  }

  statement {
    sid       = "PassRolesToEcsTasks"
    actions   = ["iam:PassRole"]
    resources = ["arn:${data.aws_partition.this.partition}:iam::${local.account_id}:role/${var.name}-*"]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }

  statement {
    sid       = "ReadIdentityProviders"
    actions   = ["iam:GetOpenIDConnectProvider", "iam:ListOpenIDConnectProviders", "iam:GetPolicy", "iam:GetPolicyVersion"]
    resources = ["*"]
  }

  statement {
    sid       = "ServiceLinkedRoles"
    actions   = ["iam:CreateServiceLinkedRole"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "iam:AWSServiceName"
      values = [
        "ecs.amazonaws.com",
        "ecs.application-autoscaling.amazonaws.com",
        "elasticache.amazonaws.com",
        "elasticloadbalancing.amazonaws.com",
        "rds.amazonaws.com",
      ]
    }
  }

  statement {
    sid    = "NeverTheGithubRoles"
    effect = "Deny"
    not_actions = [
      "iam:GetRole",
      "iam:GetRolePolicy",
      "iam:ListAttachedRolePolicies",
      "iam:ListRolePolicies",
      "iam:ListInstanceProfilesForRole",
      "iam:GetOpenIDConnectProvider",
    ]
    resources = [
      "arn:${data.aws_partition.this.partition}:iam::${local.account_id}:role/${var.name}-github-*",
      local.github_provider_arn,
    ]
  }
}

resource "aws_iam_role_policy" "github_deploy" {
  count = local.github_enabled ? 1 : 0

  name   = "deploy"
  role   = aws_iam_role.github_deploy[0].id
  policy = data.aws_iam_policy_document.deploy.json
}
