variable "region" {
  description = "AWS region of the whole stack (CloudFront is global; everything else lives here)."
  type        = string
  default     = "eu-central-1"
}

variable "name" {
  description = "Prefix of every resource name; lower-case letters, digits and hyphens, so it is valid in bucket names."
  type        = string
  default     = "invoice-pipeline"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}[a-z0-9]$", var.name))
    error_message = "name must be 4-32 characters of a-z, 0-9 and '-', starting with a letter."
  }
}

variable "tags" {
  description = "Extra tags added to every resource (on top of Application and ManagedBy)."
  type        = map(string)
  default     = {}
}

variable "api_image_repository" {
  description = "Name of the ECR repository (created by ./registry) holding the API's Lambda container image."
  type        = string
  default     = "invoice-pipeline-api"
}

variable "parser_image_repository" {
  description = "Name of the ECR repository (created by ./registry) holding the parser's container image."
  type        = string
  default     = "invoice-pipeline-parser"
}

variable "api_image_digest" {
  description = "Digest of the pushed API image (sha256:<64 hex>). Tags are refused so that a deploy is deterministic."
  type        = string

  validation {
    condition     = can(regex("^sha256:[0-9a-f]{64}$", var.api_image_digest))
    error_message = "api_image_digest must be an image digest such as sha256:3f5a... (64 lower-case hex digits), never a tag."
  }
}

variable "parser_image_digest" {
  description = "Digest of the pushed parser image (sha256:<64 hex>). Tags are refused so that a deploy is deterministic."
  type        = string

  validation {
    condition     = can(regex("^sha256:[0-9a-f]{64}$", var.parser_image_digest))
    error_message = "parser_image_digest must be an image digest such as sha256:3f5a... (64 lower-case hex digits), never a tag."
  }
}

variable "cpu_architecture" {
  description = "CPU architecture both images were built for; Lambda and Fargate run them on the same one."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.cpu_architecture)
    error_message = "cpu_architecture must be x86_64 or arm64."
  }
}

variable "lambda_memory_mb" {
  description = "Memory of the API Lambda function in MB (CPU scales with it)."
  type        = number
  default     = 1024

  validation {
    condition     = var.lambda_memory_mb >= 128 && var.lambda_memory_mb <= 10240
    error_message = "lambda_memory_mb must be between 128 and 10240."
  }
}

variable "lambda_timeout_seconds" {
  description = "Timeout of the API Lambda function; API Gateway HTTP APIs give up after 30 s, so more is useless."
  type        = number
  default     = 29

  validation {
    condition     = var.lambda_timeout_seconds >= 3 && var.lambda_timeout_seconds <= 30
    error_message = "lambda_timeout_seconds must be between 3 and 30."
  }
}

variable "lambda_reserved_concurrency" {
  description = "Concurrent executions reserved for (and capping) the API function: bounds cost and DynamoDB load."
  type        = number
  default     = 20

  validation {
    condition     = var.lambda_reserved_concurrency >= 1
    error_message = "lambda_reserved_concurrency must be at least 1."
  }
}

variable "api_throttling_rate_limit" {
  description = "Steady-state requests per second the HTTP API accepts before answering 429."
  type        = number
  default     = 50
}

variable "api_throttling_burst_limit" {
  description = "Burst of requests the HTTP API accepts above the steady rate."
  type        = number
  default     = 100
}

variable "parser_cpu" {
  description = "CPU units of one parser Fargate task (1024 = 1 vCPU)."
  type        = number
  default     = 1024

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.parser_cpu)
    error_message = "parser_cpu must be a Fargate CPU size: 256, 512, 1024, 2048, 4096, 8192 or 16384."
  }
}

variable "parser_memory_mib" {
  description = "Memory of one parser Fargate task in MiB; must be a size Fargate allows for parser_cpu."
  type        = number
  default     = 2048

  validation {
    condition     = var.parser_memory_mib >= 512 && var.parser_memory_mib <= 122880 && var.parser_memory_mib % 512 == 0
    error_message = "parser_memory_mib must be a multiple of 512 between 512 and 122880."
  }
}

variable "raw_expiration_days" {
  description = "Days after which uploaded invoices (raw/) are deleted."
  type        = number
  default     = 180
}

variable "parsed_expiration_days" {
  description = "Days after which parse results (parsed/) are deleted; an older job's result then answers RESULT_NOT_AVAILABLE."
  type        = number
  default     = 180
}

variable "errors_expiration_days" {
  description = "Days after which parse error reports (errors/) are deleted."
  type        = number
  default     = 30
}

variable "log_retention_days" {
  description = "Retention of the Lambda, API access and ECS log groups, in days (a value CloudWatch Logs accepts)."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of the retention periods CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

variable "allow_destroying_data" {
  description = "true lets `terraform destroy` delete the DynamoDB tables (deletion protection off) and buckets that still hold objects. The rehearsal sets it; for a real account set it only to tear the stack down on purpose."
  type        = bool
  default     = false
}

variable "vpc_cidr" {
  description = "CIDR of the small VPC the parser tasks run in."
  type        = string
  default     = "10.42.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0))
    error_message = "vpc_cidr must be a valid IPv4 CIDR block."
  }
}

variable "availability_zone_count" {
  description = "How many availability zones get a public subnet for parser tasks."
  type        = number
  default     = 2

  validation {
    condition     = var.availability_zone_count >= 1 && var.availability_zone_count <= 4
    error_message = "availability_zone_count must be between 1 and 4."
  }
}

variable "custom_domain" {
  description = "Optional domain for the app (e.g. invoices.example.com) with an ACM certificate in us-east-1; null serves it on the distribution's cloudfront.net name."
  type = object({
    name                = string
    acm_certificate_arn = string
  })
  default = null
}

variable "allowed_viewer_countries" {
  description = "ISO 3166-1 alpha-2 codes of the countries allowed to reach the app; empty allows every country."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for code in var.allowed_viewer_countries : can(regex("^[A-Z]{2}$", code))])
    error_message = "allowed_viewer_countries must hold two-letter upper-case country codes such as DE or US."
  }
}

variable "content_security_policy" {
  description = "Content-Security-Policy the CloudFront response headers policy sends with every page."
  type        = string
  # pdf.js renders the invoice from a blob: worker; uploads go straight to the S3 bucket (connect-src https:).
  default = "default-src 'self'; script-src 'self'; worker-src 'self' blob:; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self' https:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
}

variable "rehearsal_mode" {
  description = "true only in `npm run deploy:rehearse` against moto: leaves out what moto cannot emulate (a custom CloudFront response headers policy, publishing the CloudFront function, S3 lifecycle rules that abort incomplete multipart uploads, the uploads bucket's TLS-only policy, the parse DLQ's redrive allow policy, the parser service's capacity provider strategy and managed tags). Never set it for a real account."
  type        = bool
  default     = false
}

variable "cognito_domain_prefix" {
  description = "Prefix of the Cognito hosted UI's domain (https://<prefix>.auth.<region>.amazoncognito.com); unique in the region. null derives one from name and the account."
  type        = string
  default     = null

  validation {
    condition     = var.cognito_domain_prefix == null || (can(regex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", coalesce(var.cognito_domain_prefix, "x"))) && !can(regex("aws|amazon|cognito", coalesce(var.cognito_domain_prefix, "x"))))
    error_message = "cognito_domain_prefix must be 1-63 characters of a-z, 0-9 and '-', not starting or ending with '-', and must not contain aws, amazon or cognito."
  }
}

variable "cognito_threat_protection" {
  description = "true turns on Cognito threat protection (advanced security: compromised credentials, adaptive authentication), which needs the Plus tier, billed per monthly active user. Off by default."
  type        = bool
  default     = false
}

variable "cognito_password_auth_for_scripts" {
  description = "true lets the SPA's app client also sign in with USER_PASSWORD_AUTH, so a script or a smoke test against the deployed stack can obtain a token without a browser. Browsers use the hosted UI either way."
  type        = bool
  default     = false
}

variable "require_second_approver" {
  description = "Four eyes: true refuses an apply by the user who saved the review revision being applied (403 SECOND_APPROVER_REQUIRED); another approver must apply it. Passed to the Lambda as REQUIRE_SECOND_APPROVER."
  type        = bool
  default     = false
}

variable "parse_max_attempts" {
  description = "Attempts one parse request may use when runs fail for causes outside the document (ECS capacity or throttling, a task stopped by the infrastructure); then the job is FAILED PARSE_ABANDONED. Passed to the API and the sweeper as PARSE_MAX_ATTEMPTS."
  type        = number
  default     = 3

  validation {
    condition     = var.parse_max_attempts >= 1 && var.parse_max_attempts <= 20
    error_message = "parse_max_attempts must be between 1 and 20."
  }
}

variable "parse_deadline_seconds" {
  description = "A parse still queued or running this long after it was requested (retries included) fails with PARSE_TIMEOUT. Passed as PARSE_DEADLINE_SECONDS; must exceed the parser's own limit, PARSE_TIMEOUT_SECONDS (120 s)."
  type        = number
  default     = 900

  validation {
    condition     = var.parse_deadline_seconds > 120
    error_message = "parse_deadline_seconds must be longer than the parser's own limit of 120 s."
  }
}

variable "parse_sweep_minutes" {
  description = "How often the EventBridge schedule runs the parse sweeper (due retries, deadlines of jobs nobody polls), in minutes."
  type        = number
  default     = 1

  validation {
    condition     = var.parse_sweep_minutes >= 1 && var.parse_sweep_minutes <= 60
    error_message = "parse_sweep_minutes must be between 1 and 60."
  }
}

variable "parser_dispatch" {
  description = "How the API starts a parse: queue (a message on the parse queue, taken by the parser ECS service that scales on its backlog) or task (one RunTask per attempt, no service; for the lowest volumes). Passed to the API, the sweeper and the DLQ consumer as PARSER_DISPATCH."
  type        = string
  default     = "queue"

  validation {
    condition     = contains(["queue", "task"], var.parser_dispatch)
    error_message = "parser_dispatch must be queue or task."
  }
}

variable "parse_max_receive_count" {
  description = "Receives of one parse message before SQS moves it to the dead-letter queue (each receive whose worker died or was stopped mid-job counts); the DLQ consumer then fails its job with PARSE_ABANDONED."
  type        = number
  default     = 3

  validation {
    condition     = var.parse_max_receive_count >= 1 && var.parse_max_receive_count <= 1000
    error_message = "parse_max_receive_count must be between 1 and 1000 (SQS's bounds)."
  }
}

variable "parser_max_tasks" {
  description = "The cost guardrail: the parser service never runs more Fargate tasks than this, however long the queue (a burst of 1,000 uploads waits its turn)."
  type        = number
  default     = 10

  validation {
    condition     = var.parser_max_tasks >= 1 && var.parser_max_tasks == floor(var.parser_max_tasks)
    error_message = "parser_max_tasks must be a whole number of at least 1."
  }
}

variable "parser_task_concurrency" {
  description = "Jobs one parser service task works on at a time (its warm worker processes); passed as PARSER_TASK_CONCURRENCY. About one per vCPU of parser_cpu: each worker may use up to the parser's memory limit (1 GiB, tesseract included), and its time limit is wall-clock, so two CPU-bound parses on one vCPU each take twice as long."
  type        = number
  default     = 1

  validation {
    condition     = var.parser_task_concurrency >= 1 && var.parser_task_concurrency <= 64 && var.parser_task_concurrency == floor(var.parser_task_concurrency)
    error_message = "parser_task_concurrency must be a whole number from 1 to 64."
  }
}

variable "parser_spot_weight" {
  description = "Weight of FARGATE_SPOT against FARGATE (weight 1) in the parser service's capacity provider strategy; 0 runs on FARGATE only. Spot is about 70% cheaper; an interrupted task releases its messages, which costs each a receive (see parse_max_receive_count)."
  type        = number
  default     = 0

  validation {
    condition     = var.parser_spot_weight >= 0 && var.parser_spot_weight <= 1000 && var.parser_spot_weight == floor(var.parser_spot_weight)
    error_message = "parser_spot_weight must be a whole number from 0 to 1000."
  }
}

variable "parser_idle_minutes" {
  description = "The parser service scales in to 0 tasks once the parse queue has held no message (waiting or in flight) for this many minutes."
  type        = number
  default     = 10

  validation {
    condition     = var.parser_idle_minutes >= 1 && var.parser_idle_minutes <= 60 && var.parser_idle_minutes == floor(var.parser_idle_minutes)
    error_message = "parser_idle_minutes must be a whole number from 1 to 60."
  }
}

variable "alarm_email" {
  description = "Optional address subscribed by email to the stack's alarm topic (parse messages dead-lettered, ...); it must confirm the subscription. null subscribes nobody."
  type        = string
  default     = null

  validation {
    condition     = var.alarm_email == null || can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", coalesce(var.alarm_email, "x")))
    error_message = "alarm_email must be an email address (or null)."
  }
}

variable "parser_min_tasks" {
  description = "Parser service tasks kept running when the parse queue is empty (Application Auto Scaling's minimum). 0 (the default) costs nothing when idle, and the first parse after a quiet spell waits about a minute for a task to start; 1 keeps a task warm (about $36 a month for 1 vCPU / 2 GB)."
  type        = number
  default     = 0

  validation {
    condition     = var.parser_min_tasks >= 0 && var.parser_min_tasks == floor(var.parser_min_tasks)
    error_message = "parser_min_tasks must be a whole number of at least 0."
  }
  # <= parser_max_tasks is a precondition of the scalable target (parser-scaling.tf): a validation naming another
  # variable needs Terraform 1.9, and versions.tf allows 1.6.
}

variable "parse_failure_rate_percent" {
  description = "The parse failure rate alarm (pipeline-alarms.tf) fires when more than this percentage of the parse requests that ended in parse_failure_rate_minutes ended FAILED (any code)."
  type        = number
  default     = 20

  validation {
    condition     = var.parse_failure_rate_percent > 0 && var.parse_failure_rate_percent < 100
    error_message = "parse_failure_rate_percent must be greater than 0 and less than 100."
  }
}

variable "parse_failure_rate_minutes" {
  description = "The window, in minutes, over which the parse failure rate alarm adds up parses succeeded and failed."
  type        = number
  default     = 15

  validation {
    condition     = var.parse_failure_rate_minutes >= 1 && var.parse_failure_rate_minutes <= 120 && var.parse_failure_rate_minutes == floor(var.parse_failure_rate_minutes)
    error_message = "parse_failure_rate_minutes must be a whole number from 1 to 120 (an alarm on a Metrics Insights query sees the last 3 hours only)."
  }
}

variable "parse_failure_rate_min_parses" {
  description = "The parse failure rate alarm judges a window only when at least this many parse requests ended in it; below that it stays OK (one bad upload out of two is not an outage)."
  type        = number
  default     = 5

  validation {
    condition     = var.parse_failure_rate_min_parses >= 1 && var.parse_failure_rate_min_parses == floor(var.parse_failure_rate_min_parses)
    error_message = "parse_failure_rate_min_parses must be a whole number of at least 1."
  }
}

variable "lambda_errors_threshold" {
  description = "Each Lambda function's error alarm (API, parse sweeper, parse DLQ consumer) fires when its invocations failed more than this many times in 5 minutes; 0 alarms on the first one."
  type        = number
  default     = 0

  validation {
    condition     = var.lambda_errors_threshold >= 0 && var.lambda_errors_threshold == floor(var.lambda_errors_threshold)
    error_message = "lambda_errors_threshold must be a whole number of at least 0."
  }
}

variable "api_server_errors_threshold" {
  description = "The API server error alarm (api-alarms.tf) fires when the HTTP API answered at least this many 5xx in api_server_errors_minutes (API Gateway's count: the app's own 500s included, which the Lambda error alarm never sees)."
  type        = number
  default     = 3

  validation {
    condition     = var.api_server_errors_threshold >= 1 && var.api_server_errors_threshold == floor(var.api_server_errors_threshold)
    error_message = "api_server_errors_threshold must be a whole number of at least 1."
  }
}

variable "api_server_errors_minutes" {
  description = "The window, in minutes, over which the API server error alarm adds up the HTTP API's 5xx."
  type        = number
  default     = 5

  validation {
    condition     = var.api_server_errors_minutes >= 1 && var.api_server_errors_minutes <= 60 && var.api_server_errors_minutes == floor(var.api_server_errors_minutes)
    error_message = "api_server_errors_minutes must be a whole number from 1 to 60 (a longer window pages too late to help)."
  }
}
