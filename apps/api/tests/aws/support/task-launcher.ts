import { DescribeTasksCommand, ListTasksCommand, StopTaskCommand, type ECSClient, type Task } from '@aws-sdk/client-ecs';
import { spawn } from 'node:child_process';
import { REPO_ROOT, VENV_PYTHON } from '../../support/paths';
import type { AwsSettings } from '../../../src/adapters/aws/aws-settings';

const POLL_MS = 50;
/** What the parser image's ENTRYPOINT is (apps/parser-py/Dockerfile); the task's command override follows it. */
const ENTRYPOINT = [VENV_PYTHON, '-m', 'invoice_parser'];

export type LaunchBehaviour =
  /** Run the parser entrypoint with the task's overrides, then stop the task as ECS does when it exits. */
  | { kind: 'run' }
  /** Stop the task without running anything, as when a container is killed before it writes a byte. */
  | { kind: 'crash'; reason: string }
  /** Leave the task RUNNING and run nothing, as a container that hangs. */
  | { kind: 'hang' };

/**
 * Stands in for Fargate next to moto, whose ECS records tasks but runs nothing: it watches the cluster for
 * tasks started by RunTask, runs the parser container's entrypoint here with that task's command and
 * environment overrides (S3 URIs pointing at moto), and stops the task when the process exits.
 */
export class TaskLauncher {
  behaviour: LaunchBehaviour = { kind: 'run' };
  readonly launched: Task[] = [];
  private readonly seen = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private polling = false;

  constructor(
    private readonly ecs: ECSClient,
    private readonly settings: AwsSettings,
    private readonly motoEndpoint: string,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.poll(), POLL_MS);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.polling) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    await Promise.all(this.running);
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const { taskArns = [] } = await this.ecs.send(new ListTasksCommand({ cluster: this.settings.ecs.cluster, desiredStatus: 'RUNNING' }));
      const fresh = taskArns.filter((arn) => !this.seen.has(arn));
      if (fresh.length === 0) return;
      fresh.forEach((arn) => this.seen.add(arn));
      const { tasks = [] } = await this.ecs.send(new DescribeTasksCommand({ cluster: this.settings.ecs.cluster, tasks: fresh }));
      for (const task of tasks) {
        this.launched.push(task);
        const work = this.launch(task).finally(() => this.running.delete(work));
        this.running.add(work);
      }
    } catch {
      // The emulator may be shutting down at the end of a test; the next poll tries again.
    } finally {
      this.polling = false;
    }
  }

  private async launch(task: Task): Promise<void> {
    const behaviour = this.behaviour;
    if (behaviour.kind === 'hang') return;
    if (behaviour.kind === 'crash') {
      await this.stopTask(task, behaviour.reason);
      return;
    }
    const override = task.overrides?.containerOverrides?.find((candidate) => candidate.name === this.settings.ecs.containerName);
    const command = override?.command ?? [];
    const environment = Object.fromEntries((override?.environment ?? []).map((pair) => [pair.name ?? '', pair.value ?? '']));
    const exitCode = await this.runEntrypoint(command, environment);
    await this.stopTask(task, `Essential container in task exited (exit code ${exitCode})`);
  }

  private runEntrypoint(command: string[], environment: Record<string, string>): Promise<number> {
    const [program, ...args] = ENTRYPOINT;
    return new Promise((resolve) => {
      const child = spawn(program as string, [...args, ...command], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'ignore', process.env.TASK_LAUNCHER_DEBUG ? 'inherit' : 'ignore'],
        env: {
          ...process.env,
          ...environment,
          // What the task role and the VPC give the container in AWS; here, moto on loopback.
          AWS_ENDPOINT_URL_S3: this.motoEndpoint,
          AWS_S3_FORCE_PATH_STYLE: 'true',
          AWS_REGION: this.settings.region,
        },
      });
      child.once('error', () => resolve(127));
      child.once('exit', (code) => resolve(code ?? 1));
    });
  }

  private async stopTask(task: Task, reason: string): Promise<void> {
    await this.ecs.send(new StopTaskCommand({ cluster: this.settings.ecs.cluster, task: task.taskArn, reason }));
  }
}
