import { abandonParseRun, isJobId, type InventoryPorts } from '@invoice/inventory';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { readParseQueueMessage } from './adapters/aws/parse-queue-message';

/** One JSON line per record settled or not, for the function's log (CloudWatch keeps stdout). */
export type DeadLetterLog = (entry: Record<string, unknown>) => void;

const jsonLine: DeadLetterLog = (entry) => {
  process.stdout.write(`${JSON.stringify(entry)}\n`);
};

/**
 * The parse queue's dead-letter queue, as its Lambda event source mapping delivers it (ReportBatchItemFailures):
 * each message is a parse request no parser finished in maxReceiveCount deliveries, and its attempt is
 * abandoned (abandonParseRun: FAILED PARSE_ABANDONED unless the job moved on or an output exists). A body that
 * is not a parse request, or names no stored job, is logged and acknowledged, since trying it again could
 * never succeed; a store that failed leaves the record in batchItemFailures, so that SQS delivers it again.
 */
export async function consumeDeadLetters(
  deps: Pick<InventoryPorts, 'jobs' | 'blobs' | 'clock'>,
  event: SQSEvent,
  log: DeadLetterLog = jsonLine,
): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const settled = await settle(deps, record, log);
    if (!settled) batchItemFailures.push({ itemIdentifier: record.messageId });
  }
  return { batchItemFailures };
}

async function settle(deps: Pick<InventoryPorts, 'jobs' | 'blobs' | 'clock'>, record: SQSRecord, log: DeadLetterLog): Promise<boolean> {
  const { messageId } = record;
  let message;
  try {
    message = readParseQueueMessage(record.body);
    if (!isJobId(message.jobId)) throw new Error(`jobId is not a job id: ${JSON.stringify(message.jobId)}`);
  } catch (error) {
    log({ level: 'warn', event: 'dead-letter.invalid', messageId, problem: (error as Error).message });
    return true;
  }
  const receiveCount = receiveCountOf(record);
  try {
    const { jobId, attempt } = message;
    const reason = "its message reached the parse queue's dead-letter queue: no parser finished it";
    const result = await abandonParseRun(deps, { jobId, attempt, reason, ...(receiveCount === undefined ? {} : { receiveCount }) });
    log({
      level: result.outcome === 'abandoned' ? 'warn' : 'info',
      event: `dead-letter.${result.outcome}`,
      messageId,
      jobId,
      attempt,
      ...(result.outcome === 'unchanged' ? { why: result.why, status: result.job?.status ?? null, currentAttempt: result.job?.attempt ?? null } : {}),
    });
    return true;
  } catch (error) {
    log({ level: 'error', event: 'dead-letter.failed', messageId, jobId: message.jobId, attempt: message.attempt, error: describe(error) });
    return false;
  }
}

/** SQS's ApproximateReceiveCount as this dead-letter record carries it (for the job's details), when it is a count. */
function receiveCountOf(record: SQSRecord): number | undefined {
  const count = Number(record.attributes?.ApproximateReceiveCount);
  return Number.isSafeInteger(count) && count > 0 ? count : undefined;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return `${typeof code === 'string' ? `${code}: ` : ''}${error.name}: ${error.message}`;
}
