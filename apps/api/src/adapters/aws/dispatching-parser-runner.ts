import type { ParserRunner, ParserRunRequest, ParserRunStatus } from '@invoice/inventory';
import { describeQueueRun, isQueueRunId } from './sqs-parser-runner';

/**
 * PARSER_DISPATCH chooses how a parse starts (`starter`: the queue or the task runner); a run already started
 * is asked about by its run id, whichever setting started it. So a job started as an ECS task before the
 * setting became `queue`, or sent as a message before it became `task`, is still reconciled right: its
 * outputs first, then what its own kind of run can tell.
 */
export class DispatchingParserRunner implements ParserRunner {
  constructor(
    private readonly starter: ParserRunner,
    /** The ECS runner: every run id that is not a queue message's is a task's. */
    private readonly tasks: ParserRunner,
  ) {}

  start(request: ParserRunRequest): Promise<{ runId: string }> {
    return this.starter.start(request);
  }

  async describe(runId: string): Promise<ParserRunStatus> {
    return isQueueRunId(runId) ? describeQueueRun(runId) : this.tasks.describe(runId);
  }
}
