import type { ParserRunRequest } from '@invoice/inventory';

/**
 * One message on the parse queue, one per attempt: exactly the request line of the parser's warm worker
 * (apps/parser-py/src/invoice_parser/worker.py), which the queue worker hands on to its children as it is.
 */
export interface ParseQueueMessage {
  jobId: string;
  attempt: number;
  input: string;
  output: string;
  errorOutput: string;
}

/** The message body SendMessage carries (UTF-8 JSON). */
export function parseQueueMessageBody(request: ParserRunRequest): string {
  const message: ParseQueueMessage = {
    jobId: request.jobId,
    attempt: request.attempt,
    input: request.inputUri,
    output: request.outputUri,
    errorOutput: request.errorOutputUri,
  };
  return JSON.stringify(message);
}

/**
 * A body read back (the dead-letter queue's consumer): the same checks as worker.py's read_request, so that
 * both sides agree on what a valid message is. Throws an Error saying what is wrong.
 */
export function readParseQueueMessage(body: string): ParseQueueMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new Error(`the message body is not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('the message body is not a JSON object');
  const fields = parsed as Record<string, unknown>;
  const missing = ['jobId', 'attempt', 'input', 'output', 'errorOutput'].filter((name) => !(name in fields));
  if (missing.length > 0) throw new Error(`the message lacks ${missing.join(', ')}`);
  const { jobId, attempt, input, output, errorOutput } = fields;
  if (typeof attempt !== 'number' || !Number.isSafeInteger(attempt) || attempt < 1) {
    throw new Error(`attempt must be a positive whole number, got ${JSON.stringify(attempt)}`);
  }
  if (![jobId, input, output, errorOutput].every((value) => typeof value === 'string' && value !== '')) {
    throw new Error('jobId, input, output and errorOutput must be non-empty strings');
  }
  return { jobId: jobId as string, attempt, input: input as string, output: output as string, errorOutput: errorOutput as string };
}
