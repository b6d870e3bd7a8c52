import type { ErrorCode, ErrorResponse } from '@invoice/contracts';
import { httpStatusOf } from '@invoice/contracts';
import { DomainError } from '@invoice/inventory';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { noteServerError } from './request-log';

export type ErrorLogger = (error: unknown, context: string) => void;

export const logToStderr: ErrorLogger = (error, context) => {
  process.stderr.write(`[api] ${context}: ${describe(error)}\n`);
};

/** The error's stack, then each cause's, so a coded failure still shows what the store or library said. */
function describe(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return error instanceof Error && error.cause !== undefined ? `${text}\n  caused by: ${describe(error.cause)}` : text;
}

/** Unknown routes answer like every other error, not with Express's HTML page. */
export const routeNotFound: RequestHandler = (req, _res, next) => {
  next(new DomainError('ROUTE_NOT_FOUND', `No route answers ${req.method} ${req.path}.`, { method: req.method, path: req.path }));
};

/**
 * The one place errors become responses: {error: {code, message, details?}} with the catalogue's status.
 * Bad input is always a 4xx; anything unrecognised is a 500 INTERNAL_ERROR. Every 5xx, coded or not, goes
 * to the log with its cause, never to the client: to `log`, and to the request's line (request-log.ts).
 */
export function errorMiddleware(log: ErrorLogger = logToStderr): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      // Too late to answer with a code: Express ends the connection. The request's line carries the error.
      noteServerError(req, error);
      next(error);
      return;
    }
    const known = toDomainError(error);
    const code: ErrorCode = known?.code ?? 'INTERNAL_ERROR';
    // A 5xx is the service's fault, coded or not (a store that did not answer, a parser's invalid output):
    // someone has to see it and its cause. A 4xx is the client's, and answering it says everything.
    if (httpStatusOf(code) >= 500) {
      noteServerError(req, error);
      log(error, `${req.method} ${req.originalUrl}`);
    }
    const body: ErrorResponse = {
      error: {
        code,
        message: known?.message ?? 'An unexpected failure occurred; nothing was changed by the failed step.',
        ...(known?.details ? { details: known.details } : {}),
      },
    };
    res.status(httpStatusOf(code)).json(body);
  };
}

/** Errors from body-parser carry a `type`; map the ones a client can cause. */
const BODY_PARSER_ERRORS: Record<string, ErrorCode> = {
  'entity.parse.failed': 'MALFORMED_JSON',
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
  'encoding.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'charset.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'entity.verify.failed': 'VALIDATION_FAILED',
  'request.size.invalid': 'VALIDATION_FAILED',
  'request.aborted': 'VALIDATION_FAILED',
};

function toDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  if (typeof error === 'object' && error !== null) {
    const { type, status } = error as { type?: unknown; status?: unknown };
    const code = typeof type === 'string' ? BODY_PARSER_ERRORS[type] : undefined;
    if (code) return new DomainError(code, describeBodyError(code));
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return new DomainError('VALIDATION_FAILED', 'The request could not be read.');
    }
  }
  return null;
}

function describeBodyError(code: ErrorCode): string {
  switch (code) {
    case 'MALFORMED_JSON':
      return 'The request body is not valid JSON.';
    case 'PAYLOAD_TOO_LARGE':
      return 'The request body is larger than the API accepts.';
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 'The request body encoding is not supported; send UTF-8 JSON.';
    default:
      return 'The request body could not be read.';
  }
}
