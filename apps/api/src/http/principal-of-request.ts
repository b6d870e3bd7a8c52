import type { Principal } from '@invoice/contracts';
import type { Request } from 'express';

const principals = new WeakMap<Request, Principal>();

/** Set once by authorize.ts when the request's credentials are proved. */
export function setPrincipal(req: Request, principal: Principal): void {
  principals.set(req, principal);
}

/** Who the request acts as; null only on public routes (health, setup, login, the signed upload target). */
export function principalOf(req: Request): Principal | null {
  return principals.get(req) ?? null;
}
