import { DomainError, roleAllows } from '@invoice/inventory';
import type { RequestHandler } from 'express';
import type { Authenticator } from './authenticator';
import { setPrincipal } from './principal-of-request';
import { ruleFor, ROUTE_RULES, type RouteRule } from './route-roles';

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/**
 * Access control for every /api request, before any route runs: public routes pass; any other request needs a
 * principal (401 UNAUTHENTICATED without one, also on paths no route answers, so the API's shape is not shown
 * to strangers) and the role its rule names (403 FORBIDDEN, naming the role needed). The SPA's files are public.
 */
export function authorize(authenticator: Authenticator, rules: readonly RouteRule[] = ROUTE_RULES): RequestHandler {
  return (req, _res, next) => {
    if (!isApiPath(req.path)) {
      next();
      return;
    }
    const rule = ruleFor(req.method, req.path, rules);
    const needed = rule?.access;
    if (needed === 'public') {
      next();
      return;
    }
    authenticator
      .identify(req)
      .then((principal) => {
        if (principal === null) {
          throw new DomainError('UNAUTHENTICATED', 'Log in first (POST /api/session), or send Authorization: Bearer <token>.');
        }
        if (needed !== undefined && !roleAllows(principal.role, needed)) {
          throw new DomainError('FORBIDDEN', `This needs the ${needed} role; ${principal.username} is ${principal.role}.`, {
            required: needed,
            role: principal.role,
          });
        }
        setPrincipal(req, principal);
        next();
      })
      .catch(next);
  };
}
