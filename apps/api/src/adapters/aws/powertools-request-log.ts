import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel, RequestLogger } from '../../http/request-log';
import { POWERTOOLS_SERVICE_NAME } from './powertools-telemetry';

/**
 * The Lambda's request log: Powertools Logger writes each request's line as JSON (level, message, timestamp,
 * service, the Lambda context once addContext is called: function_request_id, cold_start, ...) with the request's
 * fields beside them, the same fields the local server writes (json-line-log.ts), `clientClosed` and
 * `unfinishedStatus` included (request-log.ts; behind API Gateway a client that leaves does not end the invocation,
 * so serverless-http's response always finishes and these stay out).
 */
export class PowertoolsRequestLog implements RequestLogger {
  constructor(readonly logger: Logger = new Logger({ serviceName: POWERTOOLS_SERVICE_NAME })) {}

  log(level: LogLevel, message: string, fields: Record<string, unknown>): void {
    if (level === 'error') this.logger.error(message, fields);
    else this.logger.info(message, fields);
  }
}
