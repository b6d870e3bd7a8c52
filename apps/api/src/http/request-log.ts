import { isDomainError } from '@invoice/inventory';
import type { Request, RequestHandler } from 'express';
import { requestIdOf } from './audit-context';
import { principalOf } from './principal-of-request';

export type LogLevel = 'info' | 'error';

/** Where a request's line goes: JSON lines on stdout locally (json-line-log.ts), Powertools Logger on Lambda. */
export interface RequestLogger {
  log(level: LogLevel, message: string, fields: Record<string, unknown>): void;
}

/** Causes followed at most this deep, so a cause chain that loops cannot hang the log. */
const MAX_CAUSES = 8;
/** The job a path names: /api/jobs/{id}/..., or the local upload target /api/uploads/{id}. */
const JOB_PATH = /^\/api\/(?:jobs|uploads)\/([^/]+)/;

const serverErrors = new WeakMap<Request, unknown>();

/** Called by the error middleware for every 5xx it answers: the request's one line then carries the error. */
export function noteServerError(req: Request, error: unknown): void {
  serverErrors.set(req, error);
}

/**
 * One JSON line per request when its response is done: requestId (API Gateway's on Lambda, as in the audit
 * trail), method, path (no query: cursors and searches stay out of the log), status, durationMs, user, and the
 * jobId and attempt the path or the answer names. A 5xx is an `error` line with the error's stack and its causes,
 * the one place it is logged.
 */
export function requestLog(logger: RequestLogger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const path = req.path;
    let answered: JobFacts = {};
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      answered = jobFactsOf(body);
      return json(body);
    };
    res.once('close', () => {
      const error = serverErrors.get(req);
      const status = res.statusCode;
      const user = principalOf(req)?.username;
      const jobId = answered.jobId ?? JOB_PATH.exec(path)?.[1];
      // A field the request has no value for is left out, as Powertools Logger leaves out empty ones.
      logger.log(error !== undefined || status >= 500 ? 'error' : 'info', 'request', {
        requestId: requestIdOf(req),
        method: req.method,
        path,
        status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        ...(user === undefined ? {} : { user }),
        ...(jobId === undefined ? {} : { jobId }),
        ...(answered.attempt === undefined ? {} : { attempt: answered.attempt }),
        ...(error === undefined ? {} : { error: errorFields(error) }),
      });
    });
    next();
  };
}

interface JobFacts {
  jobId?: string;
  attempt?: number;
}

/** A Job, or an answer holding one as `job` (created, applied, reversed); review answers name jobId and attempt too. */
function jobFactsOf(body: unknown): JobFacts {
  const outer = recordOf(body);
  const job = recordOf(outer?.job) ?? outer;
  if (!job) return {};
  return {
    ...(typeof job.jobId === 'string' ? { jobId: job.jobId } : {}),
    ...(typeof job.attempt === 'number' ? { attempt: job.attempt } : {}),
  };
}

function recordOf(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The error as log fields: name, message, its code (a domain code, or a library's such as SQLITE_* or EACCES), stack, then each cause. */
export function errorFields(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = isDomainError(error) ? error.code : (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    stack: error.stack,
    ...(error.cause !== undefined && depth < MAX_CAUSES ? { cause: errorFields(error.cause, depth + 1) } : {}),
  };
}
