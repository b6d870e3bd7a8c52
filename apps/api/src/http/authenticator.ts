import type { Principal } from '@invoice/contracts';
import type { Request } from 'express';

/**
 * Who a request acts as, the one seam between the modes' ways of proving it: local mode reads the session
 * cookie or an API token from its AccountStore, AWS mode verifies a Cognito JWT (issuer, audience, expiry,
 * signature against the pool's JWKS) and maps its groups to a role. composition-root.ts picks one.
 */
export interface Authenticator {
  /**
   * The request's principal; null when it carries no credentials at all. A credential that is present but
   * not valid (unknown, expired, revoked, malformed, a disabled user) throws DomainError UNAUTHENTICATED, so
   * a script with a stale token learns why instead of being treated as anonymous.
   */
  identify(req: Request): Promise<Principal | null>;
}
