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
/** Requests whose client left before the answer: their line is written, so a 5xx that comes later needs its own. */
const afterClientClosed = new WeakMap<Request, (error: unknown) => void>();

/** Called by the error middleware for every 5xx it answers: the request's one line then carries the error. */
export function noteServerError(req: Request, error: unknown): void {
  const lateLine = afterClientClosed.get(req);
  if (lateLine) lateLine(error);
  else serverErrors.set(req, error);
}

/**
 * One JSON line per request when its response is done: requestId (API Gateway's on Lambda, as in the audit
 * trail), method, path (no query: cursors and searches stay out of the log), status, durationMs, user, and the
 * jobId and attempt the path or the answer names. A 5xx is an `error` line with the error's stack and its causes,
 * the one place it is logged.
 *
 * A client that closes the connection before the response is finished gets `clientClosed: true` and no `status`,
 * which would claim an answer the client never had (the response's status code is Express's default 200 until
 * one is set). When the server had begun its answer by then (headers written, maybe to a socket already gone, as
 * the JSON parser's 400 for an aborted body is), its code is `unfinishedStatus`. A 5xx the server meets after the
 * client left is an `error` line of its own, with `clientClosed: true`, so that no server error goes unlogged.
 * A response the server cut itself (an error after its headers were sent, which makes Express destroy the socket,
 * or a stored file failing mid-download) is not the client's doing: its line says `unfinished: true` with the
 * error, never `clientClosed`.
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
    // 'finish', not res.writableFinished: serverless-http's response sits on a stand-in socket that leaves
    // writableFinished false for good, though it emits 'finish' when the Lambda's answer is complete.
    let finished = false;
    res.once('finish', () => {
      finished = true;
    });
    res.once('close', () => {
      const error = serverErrors.get(req);
      const unfinished = !finished;
      // Cut short with a server error noted: the server's doing. Cut short without one: the client left.
      const clientClosed = unfinished && error === undefined;
      const status = res.headersSent ? res.statusCode : undefined;
      const user = principalOf(req)?.username;
      const jobId = answered.jobId ?? JOB_PATH.exec(path)?.[1];
      // A field the request has no value for is left out, as Powertools Logger leaves out empty ones.
      const named = { requestId: requestIdOf(req), method: req.method, path };
      const who = { ...(user === undefined ? {} : { user }), ...(jobId === undefined ? {} : { jobId }) };
      logger.log(error !== undefined || (status ?? 0) >= 500 ? 'error' : 'info', 'request', {
        ...named,
        ...(unfinished
          ? { ...(clientClosed ? { clientClosed } : { unfinished }), ...(status === undefined ? {} : { unfinishedStatus: status }) }
          : { status }),
        durationMs: elapsedMs(started),
        ...who,
        ...(answered.attempt === undefined ? {} : { attempt: answered.attempt }),
        ...(error === undefined ? {} : { error: errorFields(error) }),
      });
      if (clientClosed) {
        afterClientClosed.set(req, (late) => logger.log('error', 'request', { ...named, clientClosed, durationMs: elapsedMs(started), ...who, error: errorFields(late) }));
      }
    });
    next();
  };
}

function elapsedMs(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
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
