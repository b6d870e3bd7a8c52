import { sweepInFlightJobs, type SweepOutcome } from '@invoice/inventory';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import serverless from 'serverless-http';
import { createApp } from './app';
import { compose } from './composition-root';
import { loadConfig } from './config';
import { invocationScope } from './adapters/aws/powertools-invocation';
import { PowertoolsRequestLog } from './adapters/aws/powertools-request-log';
import { consumeDeadLetters } from './dead-letter-consumer';

// Composed once per Lambda container, at init, so warm invocations reuse the SDK clients; a bad setting
// fails the init with a message naming the variable.
const composition = compose(loadConfig());
/** Each request's JSON line (Powertools Logger), with API Gateway's request id, the user and the job. */
const requestLog = new PowertoolsRequestLog();
/** Every entry point: the Lambda context in its log lines, its metrics written (EMF) when it ends. */
const observed = invocationScope(requestLog.logger, composition);

/** API Gateway HTTP API (payload 2.0) events in, the same Express app as the local server behind. */
export const handler = observed(
  serverless(createApp(composition.context, { requestLog }), {
    request(request: { body?: unknown }) {
      // serverless-http pre-sets req.body to the raw Buffer. Express's JSON parser replaces it when a JSON
      // body arrives, but leaves it for a bodiless POST (apply, parse), where the routes, as behind a plain
      // HTTP server, must see no body at all rather than a Buffer to validate.
      delete request.body;
    },
  }),
);

/**
 * The parse sweeper (issue 16), the same image with another entry point: an EventBridge schedule invokes it
 * (tools/terraform/sweeper.tf), and it reconciles every job in flight, so that due retries start and a parse
 * past PARSE_DEADLINE_SECONDS fails with PARSE_TIMEOUT even when no browser polls. Returns what it did, which
 * the function's log keeps.
 */
export const sweep = observed(async (): Promise<SweepOutcome> => sweepInFlightJobs(composition.context.ports));

/**
 * The parse queue's dead-letter consumer (issue 16), the same image with a third entry point (`index.abandon`):
 * an SQS event source mapping with ReportBatchItemFailures delivers the dead-letter queue's messages, and each
 * one's attempt, still current and without an output, ends FAILED PARSE_ABANDONED. A record it could not settle
 * (a store failed) is answered in batchItemFailures and delivered again.
 */
export const abandon = observed(async (event: SQSEvent): Promise<SQSBatchResponse> => consumeDeadLetters(composition.context.ports, event));
