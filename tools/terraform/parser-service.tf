# The parser as an ECS Fargate service (issue 16, parser_dispatch = "queue"): each task runs
# `python -m invoice_parser queue-worker`, long-polls the parse queue and parses job after job with
# parser_task_concurrency warm workers. The service holds 0 tasks when the queue is idle; Application Auto
# Scaling (parser-scaling.tf) sets its desired count from the queue's backlog, up to parser_max_tasks.
# Same image, roles, log group, subnets and security group as the RunTask path (ecs.tf, network.tf); the task
# definition differs only by its command and the worker's settings, so RunTask keeps its own definition.

locals {
  parser_service_name = "${var.name}-parser"

  # The queue worker's settings (apps/parser-py/src/invoice_parser/queue_settings.py reads these names).
  parser_worker_environment = {
    PARSE_QUEUE_URL          = aws_sqs_queue.parse.url
    PARSER_TASK_CONCURRENCY  = tostring(var.parser_task_concurrency)
    PARSE_VISIBILITY_SECONDS = tostring(local.parse_visibility_seconds)
    PARSE_DRAIN_SECONDS      = tostring(local.parse_drain_seconds)
  }
}

resource "aws_ecs_task_definition" "parser_worker" {
  family                   = "${var.name}-parser-worker"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.parser_cpu
  memory                   = var.parser_memory_mib
  execution_role_arn       = aws_iam_role.parser_execution.arn
  task_role_arn            = aws_iam_role.parser_task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture == "arm64" ? "ARM64" : "X86_64"
  }

  volume {
    name = "scratch"
  }

  container_definitions = jsonencode([
    merge(local.parser_container, {
      command = ["queue-worker"]
      # SIGTERM (scale-in, a deployment, a Spot interruption) gives jobs in hand PARSE_DRAIN_SECONDS to finish;
      # then the worker releases the rest and stops its children, before ECS's SIGKILL.
      stopTimeout = local.parse_drain_seconds + 5
      environment = concat(
        local.parser_base_environment,
        [for name, value in local.parser_worker_environment : { name = name, value = value }],
      )
      logConfiguration = local.parser_log_configuration["parser-worker"]
    })
  ])
}

# Fargate Spot beside Fargate, so the service's strategy may weight them (parser_spot_weight).
resource "aws_ecs_cluster_capacity_providers" "parser" {
  cluster_name       = aws_ecs_cluster.parser.name
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]
}

resource "aws_ecs_service" "parser" {
  #checkov:skip=CKV_AWS_333:Public IP on purpose (network.tf): no NAT gateway or interface endpoints; the security group allows no inbound traffic.
  name            = local.parser_service_name
  cluster         = aws_ecs_cluster.parser.id
  task_definition = aws_ecs_task_definition.parser_worker.arn
  # Idle until there is work: Application Auto Scaling owns the count from here on (ignore_changes below), so
  # an apply never resets a service that is scaled out in the middle of a burst.
  desired_count    = 0
  platform_version = "LATEST"

  # moto stores neither a service's capacity provider strategy nor its managed tags, so a rehearsal would
  # replace the service on every plan: rehearsal_mode launches it as plain FARGATE instead.
  launch_type = var.rehearsal_mode ? "FARGATE" : null

  dynamic "capacity_provider_strategy" {
    for_each = var.rehearsal_mode ? {} : merge({ FARGATE = 1 }, var.parser_spot_weight > 0 ? { FARGATE_SPOT = var.parser_spot_weight } : {})

    content {
      capacity_provider = capacity_provider_strategy.key
      weight            = capacity_provider_strategy.value
    }
  }

  network_configuration {
    subnets          = aws_subnet.public[*].id
    security_groups  = [aws_security_group.parser.id]
    assign_public_ip = true
  }

  # A new revision starts its tasks before the old ones drain; a revision whose tasks keep failing to start
  # is rolled back instead of replacing workers forever.
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  # Rebalancing across zones stops running tasks, each releasing the messages in hand (a receive spent).
  availability_zone_rebalancing = "DISABLED"

  enable_ecs_managed_tags = !var.rehearsal_mode
  propagate_tags          = "SERVICE"

  lifecycle {
    ignore_changes = [desired_count]
  }

  depends_on = [aws_ecs_cluster_capacity_providers.parser, aws_iam_role_policy.parser_task]
}
