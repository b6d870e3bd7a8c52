import { NO_ACTOR, type AuditContext } from '@invoice/inventory';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';

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
 * Who the trail says acted in this request. No one yet: accounts (the rest of issue 15) will fill in the
 * session's or token's user and role here, the one place every recorded action takes its actor from.
 */
export function auditContextOf(req: Request): AuditContext {
  return { actor: NO_ACTOR, requestId: requestIdOf(req) };
}
