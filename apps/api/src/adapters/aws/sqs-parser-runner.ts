import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { DomainError, type ParserRunner, type ParserRunRequest, type ParserRunStatus } from '@invoice/inventory';
import { parseQueueMessageBody } from './parse-queue-message';
import { isPassingSendFailure } from './sqs-failure-kinds';

/** Run ids of this runner are `sqs:<MessageId>`; an ECS task ARN never starts so. */
export const QUEUE_RUN_ID_PREFIX = 'sqs:';

export function isQueueRunId(runId: string): boolean {
  return runId.startsWith(QUEUE_RUN_ID_PREFIX);
}

/**
 * Starts a parse by putting one message per attempt on the parse queue, which the parser's ECS service
 * long-polls (`python -m invoice_parser queue-worker`). The worker writes the attempt's outputs and never
 * touches the tables; the API reconciles from the outputs as it does for a task.
 */
export class SqsParserRunner implements ParserRunner {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async start(request: ParserRunRequest): Promise<{ runId: string }> {
    const response = await this.client
      .send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: parseQueueMessageBody(request) }))
      .catch((error: unknown) => {
        throw notSent(error instanceof Error ? `${error.name}: ${error.message}` : String(error), isPassingSendFailure(error), error);
      });
    if (!response.MessageId) throw notSent('SendMessage answered without a MessageId', false);
    return { runId: `${QUEUE_RUN_ID_PREFIX}${response.MessageId}` };
  }

  async describe(runId: string): Promise<ParserRunStatus> {
    return describeQueueRun(runId);
  }
}

/**
 * SQS tells nothing about one message, so a sent parse stays PENDING: the attempt's outputs decide (reconcile
 * reads them first), a message the workers gave up on reaches the dead-letter queue, whose consumer abandons
 * the attempt (lambda.ts `abandon`), and the parse deadline ends a run nobody finishes. Needs no queue, so a
 * message sent before PARSER_DISPATCH became `task` is answered too (dispatching-parser-runner.ts).
 */
export function describeQueueRun(runId: string): ParserRunStatus {
  if (isQueueRunId(runId)) return { state: 'PENDING' };
  return { state: 'STOPPED', stopReason: `${runId} is not a message sent to the parse queue` };
}

/**
 * PARSER_START_REFUSED when SQS was throttling, unavailable or unreachable (the domain retries the start with
 * backoff as a new attempt), PARSER_INTERNAL otherwise (the job fails; a re-parse is allowed). The SDK's
 * error stays as the cause, for the log.
 */
function notSent(reason: string, passing: boolean, cause?: unknown): DomainError {
  return new DomainError(passing ? 'PARSER_START_REFUSED' : 'PARSER_INTERNAL', `SQS did not take the parse message: ${reason}`, undefined, { cause });
}
