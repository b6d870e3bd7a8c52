import { DomainError, type ParserRunner, type ParserRunRequest, type ParserRunStatus } from '@invoice/inventory';

/** What the next start does: accept, refuse for a passing reason (ECS capacity), or fail for good. */
export type StartScript = 'accept' | 'refuse' | 'fail';

/**
 * A ParserRunner whose runs the test moves by hand: it stands in for ECS tasks and worker processes, whose
 * failures (a host lost, capacity refused) cannot be caused on demand here. Runs start PENDING.
 */
export class ScriptedParserRunner implements ParserRunner {
  readonly starts: ParserRunRequest[] = [];
  private readonly runs = new Map<string, ParserRunStatus>();
  private readonly script: StartScript[] = [];

  /** The next starts behave like this, in order; once the script is used up, starts are accepted. */
  scriptStarts(...steps: StartScript[]): this {
    this.script.push(...steps);
    return this;
  }

  async start(request: ParserRunRequest): Promise<{ runId: string }> {
    this.starts.push(request);
    const step = this.script.shift() ?? 'accept';
    if (step === 'refuse') throw new DomainError('PARSER_START_REFUSED', 'RunTask: RESOURCE:MEMORY (no capacity)');
    if (step === 'fail') throw new Error('AccessDeniedException: not allowed to run the task');
    const runId = `run-${request.jobId.slice(0, 8)}-${request.attempt}-${this.starts.length}`;
    this.runs.set(runId, { state: 'PENDING' });
    return { runId };
  }

  async describe(runId: string): Promise<ParserRunStatus> {
    return this.runs.get(runId) ?? { state: 'STOPPED', stopReason: `unknown run ${runId}` };
  }

  /** Moves a run, e.g. to RUNNING, or STOPPED with a reason and whether it is retryable. */
  set(runId: string, status: ParserRunStatus): void {
    if (!this.runs.has(runId)) throw new Error(`no run ${runId}`);
    this.runs.set(runId, status);
  }
}
