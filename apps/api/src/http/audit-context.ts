import { NO_ACTOR, actorOf, type AuditContext } from '@invoice/inventory';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { principalOf } from './principal-of-request';

/** Set by serverless-http on requests from API Gateway: the id its access log and the Lambda log carry too. */
interface ApiGatewayRequest {
  requestContext?: { requestId?: unknown };
}

const requestIds = new WeakMap<Request, string>();

/**
 * The request's id for the audit trail: API Gateway's own in AWS mode, so an entry leads to the access-log
 * line; locally a fresh UUID per request, the same for every entry the request writes.
 */
export function requestIdOf(req: Request): string {
  const known = requestIds.get(req);
  if (known) return known;
  const fromGateway = (req as Request & ApiGatewayRequest).requestContext?.requestId;
  const id = typeof fromGateway === 'string' && fromGateway.length > 0 && fromGateway.length <= 128 ? fromGateway : randomUUID();
  requestIds.set(req, id);
  return id;
}

/**
 * Who the trail says acted in this request: the principal authorize.ts proved (session, API token or JWT),
 * the one place every recorded action takes its actor from. Public routes have none (NO_ACTOR); a login
 * names its user itself.
 */
export function auditContextOf(req: Request): AuditContext {
  const principal = principalOf(req);
  return { actor: principal ? actorOf(principal) : NO_ACTOR, requestId: requestIdOf(req) };
}
