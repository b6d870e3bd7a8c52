import { DescribeTasksCommand, RunTaskCommand, type ECSClient, type Task } from '@aws-sdk/client-ecs';
import type { ParserRunner, ParserRunRequest, ParserRunStatus } from '@invoice/inventory';
import type { EcsSettings } from './aws-settings';

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
  ) {}

  async start(request: ParserRunRequest): Promise<{ runId: string }> {
    const { jobId, attempt } = request;
    const response = await this.client.send(
      new RunTaskCommand({
        cluster: this.settings.cluster,
        taskDefinition: this.settings.taskDefinition,
        launchType: 'FARGATE',
        count: 1,
        // Idempotent per attempt: a retried call cannot start a second task for the same attempt.
        clientToken: `${jobId}-${attempt}`,
        startedBy: `invoice-api/${jobId}`.slice(0, 128),
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
    const taskArn = response.tasks?.[0]?.taskArn;
    if (!taskArn) {
      const failure = response.failures?.[0];
      throw new Error(`ECS did not start the parser task: ${failure?.reason ?? 'no task returned'}${failure?.detail ? ` (${failure.detail})` : ''}`);
    }
    return { runId: taskArn };
  }

  async describe(runId: string): Promise<ParserRunStatus> {
    const response = await this.client.send(new DescribeTasksCommand({ cluster: this.settings.cluster, tasks: [runId] }));
    const task = response.tasks?.find((candidate) => candidate.taskArn === runId);
    if (!task) {
      // ECS forgets stopped tasks after about an hour; by then the outputs, if any, were already read.
      const failure = response.failures?.[0]?.reason ?? 'MISSING';
      return { state: 'STOPPED', stopReason: `ECS has no record of task ${runId} (${failure})` };
    }
    const status = task.lastStatus ?? 'PROVISIONING';
    if (status === 'STOPPED') return { state: 'STOPPED', stopReason: stopReasonOf(task) };
    return { state: PENDING_STATUSES.has(status) ? 'PENDING' : 'RUNNING' };
  }
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
