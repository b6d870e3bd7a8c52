import { validate, type SchemaName } from '@invoice/contracts';
import { DomainError } from '@invoice/inventory';
import type { Request, RequestHandler, Response } from 'express';
import express from 'express';

/** Bodies are small JSON documents; uploads never pass through this parser (they have their own route). */
const JSON_BODY_LIMIT = '64kb';

export const jsonBody: RequestHandler = express.json({ limit: JSON_BODY_LIMIT, type: 'application/json', strict: false });

/**
 * Bodies with one entry per invoice line (a review's corrections, the stock changes an apply confirms): 20 000
 * lines (the contract's maximum) of about 80 bytes each fit, where 64 kB would refuse those of a long invoice.
 */
const REVIEW_BODY_LIMIT = '2mb';

export const reviewSizedJsonBody: RequestHandler = express.json({ limit: REVIEW_BODY_LIMIT, type: 'application/json', strict: false });

/** A request that carries a body which is not JSON gets 415 rather than a misleading validation error. */
export const requireJsonIfBody: RequestHandler = (req, _res, next) => {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && !req.is('application/json')) {
    next(new DomainError('UNSUPPORTED_MEDIA_TYPE', 'The request body must be application/json.'));
    return;
  }
  next();
};

/** The validated body, or VALIDATION_FAILED listing every issue. An absent body counts as `emptyAs` when given. */
export function bodyOf<T>(req: Request, schema: SchemaName, emptyAs?: T): T {
  const body: unknown = req.body === undefined ? emptyAs : req.body;
  return validated<T>(schema, body, 'The request body does not match its schema.');
}

export function queryOf<T>(req: Request, schema: SchemaName): T {
  return validated<T>(schema, { ...(req.query as Record<string, unknown>) }, 'The query string does not match its schema.');
}

function validated<T>(schema: SchemaName, data: unknown, message: string): T {
  const outcome = validate<T>(schema, data);
  if (!outcome.ok) throw new DomainError('VALIDATION_FAILED', message, { issues: outcome.issues });
  return outcome.value;
}

/**
 * Sends a response body, first checking it against its contract when enabled (always in tests): a service
 * that breaks its own contract should fail loudly there rather than confuse a client.
 */
export function responder(validateResponses: boolean) {
  return function send(res: Response, status: number, schema: SchemaName, body: unknown): void {
    if (validateResponses) {
      const outcome = validate(schema, body);
      if (!outcome.ok) {
        throw new Error(`Response does not match ${schema}: ${JSON.stringify(outcome.issues)}`);
      }
    }
    res.status(status).json(body);
  };
}

export type Send = ReturnType<typeof responder>;
