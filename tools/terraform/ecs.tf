# The parser as a standalone Fargate task definition (no service): the API starts one task per parse attempt
# with RunTask and reconciles its outcome with DescribeTasks.

resource "aws_ecs_cluster" "parser" {
  name = "${var.name}-parser"

  # Container Insights is billed per task metric; the API already records each task's stop reason on the job.
  #checkov:skip=CKV_AWS_65:Container Insights off by cost choice: tasks live about a minute and their outcome is recorded on the job; enable when fleet metrics are wanted.
  setting {
    name  = "containerInsights"
    value = "disabled"
  }
}

resource "aws_ecs_task_definition" "parser" {
  family                   = "${var.name}-parser"
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

  # The root filesystem is read-only; the parser's scratch space is this task-local volume at /tmp.
  volume {
    name = "scratch"
  }

  container_definitions = jsonencode([
    merge(local.parser_container, {
      environment      = local.parser_base_environment
      logConfiguration = local.parser_log_configuration["parser"]
    })
  ])
}

locals {
  # The parser container as both task definitions run it: RunTask's (above) and the queue service's
  # (parser-service.tf), which adds its command, stop timeout and the worker's settings.
  parser_container = {
    name      = local.parser_container_name
    image     = local.parser_image_uri
    essential = true
    # The only container gets the whole task (moto's RunTask also needs these container-level figures).
    cpu                    = var.parser_cpu
    memory                 = var.parser_memory_mib
    readonlyRootFilesystem = true
    # Non-root even if an image without a USER line is ever pushed: the uid the parser Dockerfile creates.
    user        = "10001:10001"
    mountPoints = [{ sourceVolume = "scratch", containerPath = "/tmp", readOnly = false }]
    # An init process as PID 1 reaps what the parser's killed children leave (tesseract, when a worker child's
    # process group is killed); Python as PID 1 would leave them as zombies.
    linuxParameters = { initProcessEnabled = true }
  }
  parser_base_environment = [
    { name = "TMPDIR", value = "/tmp" },
  ]
  parser_log_configuration = { for prefix in ["parser", "parser-worker"] : prefix => {
    logDriver = "awslogs"
    options = {
      awslogs-group         = aws_cloudwatch_log_group.parser.name
      awslogs-region        = local.region
      awslogs-stream-prefix = prefix
    }
  } }
}
