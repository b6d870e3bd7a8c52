import { DescribeTasksCommand, RunTaskCommand, StopTaskCommand, type ECSClient, type Task } from '@aws-sdk/client-ecs';
import { DomainError, isDomainError, type ParserRunner, type ParserRunRequest, type ParserRunStatus } from '@invoice/inventory';
import type { EcsSettings } from './aws-settings';
import { isTransientStartFailure, stoppedForInfrastructure } from './ecs-failure-kinds';

/** Tag carrying when the API asked for the task, for the timeout when ECS reports no createdAt. */
export const STARTED_AT_TAG = 'invoice-parser:requested-at';
/**
 * ECS's API is eventually consistent: DescribeTasks right after RunTask may answer MISSING for a task that
 * exists. A task missing this soon after it was requested is taken as pending; later, as gone (ECS keeps a
 * stopped task for about an hour, so a run that really ended is never missing this early).
 */
export const MISSING_GRACE_MS = 60_000;
/** Between the task ARN and the request time in a run id (ARNs never contain it). */
const RUN_ID_SEPARATOR = '#';
/** ECS lastStatus values before the container runs; everything up to STOPPED counts as still running. */
const PENDING_STATUSES = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);

/**
 * Runs the parser as a Fargate task. The container's entrypoint is the parser CLI; the overrides give it
 * the `run` command with the attempt's S3 URIs, so the task needs S3 access only, never DynamoDB.
 */
export class EcsParserRunner implements ParserRunner {
  constructor(
    private readonly client: ECSClient,
    private readonly settings: EcsSettings,
    /** PARSE_TIMEOUT_SECONDS: a task not stopped this long after it was created is stopped on the next poll. */
    private readonly timeoutSeconds: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async start(request: ParserRunRequest): Promise<{ runId: string }> {
    const { jobId, attempt } = request;
    const requestedAt = this.now().toISOString();
    const runTask = this.client.send(
      new RunTaskCommand({
        cluster: this.settings.cluster,
        taskDefinition: this.settings.taskDefinition,
        launchType: 'FARGATE',
        count: 1,
        // Idempotent per attempt: a retried call cannot start a second task for the same attempt.
        clientToken: `${jobId}-${attempt}`,
        startedBy: `invoice-api/${jobId}`.slice(0, 128),
        tags: [{ key: STARTED_AT_TAG, value: requestedAt }],
        networkConfiguration: {
          awsvpcConfiguration: {
            subnets: this.settings.subnets,
            securityGroups: this.settings.securityGroups,
            assignPublicIp: this.settings.assignPublicIp ? 'ENABLED' : 'DISABLED',
          },
        },
        overrides: {
          containerOverrides: [
            {
              name: this.settings.containerName,
              command: parserCommand(request),
              environment: [
                { name: 'INVOICE_JOB_ID', value: jobId },
                { name: 'INVOICE_ATTEMPT', value: String(attempt) },
              ],
            },
          ],
        },
      }),
    );
    const response = await runTask.catch((error: unknown) => {
      // Invalid parameters, a missing cluster or task definition, throttling: the start failed; say why. The
      // client's outermost middleware (aws-unavailable.ts) has already turned throttling, 5xx and an ECS out of
      // reach into STORAGE_UNAVAILABLE: a start refused for a passing reason, like a throttled RunTask.
      const errorName = error instanceof Error ? error.name : undefined;
      const passing = isDomainError(error, 'STORAGE_UNAVAILABLE') || isTransientStartFailure({ errorName });
      throw notStarted(error instanceof Error ? `${error.name}: ${error.message}` : String(error), passing, error);
    });
    const taskArn = response.tasks?.[0]?.taskArn;
    if (!taskArn) {
      // RunTask answers 200 with `failures` when Fargate has no capacity or a network interface cannot be made.
      const failure = response.failures?.[0];
      const reason = failure?.reason ?? 'no task returned';
      throw notStarted(`${reason}${failure?.detail ? ` (${failure.detail})` : ''}`, isTransientStartFailure({ reason }));
    }
    // The run id carries the request time, so that a poll can tell "not visible yet" from "gone".
    return { runId: `${taskArn}${RUN_ID_SEPARATOR}${requestedAt}` };
  }

  async describe(runId: string): Promise<ParserRunStatus> {
    const { taskArn, requestedAt } = parseRunId(runId);
    const response = await this.client.send(new DescribeTasksCommand({ cluster: this.settings.cluster, tasks: [taskArn], include: ['TAGS'] }));
    const task = response.tasks?.find((candidate) => candidate.taskArn === taskArn);
    if (!task) {
      const failure = response.failures?.[0]?.reason ?? 'MISSING';
      if (requestedAt !== null && this.now().getTime() - requestedAt < MISSING_GRACE_MS) return { state: 'PENDING' };
      // ECS forgets stopped tasks after about an hour; by then the outputs, if any, were already read.
      return { state: 'STOPPED', stopReason: `ECS has no record of task ${taskArn} (${failure})` };
    }
    const status = task.lastStatus ?? 'PROVISIONING';
    if (status === 'STOPPED') {
      return stoppedForInfrastructure(task)
        ? { state: 'STOPPED', stopReason: stopReasonOf(task), retryable: true }
        : { state: 'STOPPED', stopReason: stopReasonOf(task) };
    }
    if (this.overdue(task)) return this.stopOverdue(taskArn);
    return { state: PENDING_STATUSES.has(status) ? 'PENDING' : 'RUNNING' };
  }

  /**
   * ECS has no run-time limit of its own, and the parser's internal limit cannot fire if the process hangs
   * outside it; the poll that notices an overdue task stops it, as the local runner kills its subprocess.
   */
  private overdue(task: Task): boolean {
    const tagged = task.tags?.find((tag) => tag.key === STARTED_AT_TAG)?.value;
    const created = task.createdAt?.getTime() ?? (tagged ? Date.parse(tagged) : Number.NaN);
    return Number.isFinite(created) && this.now().getTime() - created > this.timeoutSeconds * 1000;
  }

  private async stopOverdue(taskArn: string): Promise<ParserRunStatus> {
    const stopReason = `Stopped by the API: still running after PARSE_TIMEOUT_SECONDS (${this.timeoutSeconds} s)`;
    // The attempt is over either way; a StopTask refusal (the task stopped meanwhile) must not fail the poll.
    const refused = await this.client
      .send(new StopTaskCommand({ cluster: this.settings.cluster, task: taskArn, reason: stopReason }))
      .then(() => null, (error: unknown) => (error instanceof Error ? error.message : String(error)));
    return { state: 'STOPPED', stopReason: refused ? `${stopReason} (StopTask: ${refused})` : stopReason, stopCode: 'TIMEOUT' };
  }
}

/** A run id made by start(); a bare task ARN (no request time) is accepted too and gets no grace. */
export function parseRunId(runId: string): { taskArn: string; requestedAt: number | null } {
  const at = runId.lastIndexOf(RUN_ID_SEPARATOR);
  if (at < 0) return { taskArn: runId, requestedAt: null };
  const requestedAt = Date.parse(runId.slice(at + 1));
  return { taskArn: runId.slice(0, at), requestedAt: Number.isFinite(requestedAt) ? requestedAt : null };
}

/**
 * A stable code for a parse that could not begin: PARSER_START_REFUSED when ECS lacked capacity or was
 * throttling (the domain retries it with backoff), PARSER_INTERNAL otherwise (the job fails; a re-parse is
 * allowed). The SDK's error stays as the cause, for the log.
 */
function notStarted(reason: string, transient: boolean, cause?: unknown): DomainError {
  return new DomainError(transient ? 'PARSER_START_REFUSED' : 'PARSER_INTERNAL', `ECS did not start the parser task: ${reason}`, undefined, { cause });
}

/** The parser CLI's arguments; the image's entrypoint supplies `python -m invoice_parser`. */
export function parserCommand(request: ParserRunRequest): string[] {
  return [
    'run',
    '--input',
    request.inputUri,
    '--output',
    request.outputUri,
    '--error-output',
    request.errorOutputUri,
    '--job-id',
    request.jobId,
    '--attempt',
    String(request.attempt),
  ];
}

/** ECS's task-level reason plus what the container says (exit code, OOM kill), which is the useful part. */
function stopReasonOf(task: Task): string {
  const parts = [task.stoppedReason ?? 'stopped'];
  for (const container of task.containers ?? []) {
    const detail = [container.exitCode !== undefined ? `exit code ${container.exitCode}` : null, container.reason ?? null]
      .filter((part): part is string => part !== null)
      .join(', ');
    if (detail) parts.push(`${container.name ?? 'container'}: ${detail}`);
  }
  return parts.join('; ');
}
