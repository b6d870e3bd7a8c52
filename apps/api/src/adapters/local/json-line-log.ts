import type { LogLevel, RequestLogger } from '../../http/request-log';

/** The service's name in every line, the same as Powertools Logger's on Lambda (powertools-request-log.ts). */
export const LOG_SERVICE_NAME = 'invoice-api';

interface Writable {
  write(text: string): unknown;
}

/**
 * The local server's log: one JSON object per line, with the fields Powertools Logger writes on Lambda (level,
 * message, timestamp, service) before the request's own, so one query reads both. Errors go to stderr.
 */
export class JsonLineLog implements RequestLogger {
  constructor(
    private readonly out: Writable = process.stdout,
    private readonly errors: Writable = process.stderr,
  ) {}

  log(level: LogLevel, message: string, fields: Record<string, unknown>): void {
    const line = JSON.stringify({ level: level.toUpperCase(), message, timestamp: new Date().toISOString(), service: LOG_SERVICE_NAME, ...fields });
    (level === 'error' ? this.errors : this.out).write(`${line}\n`);
  }
}
