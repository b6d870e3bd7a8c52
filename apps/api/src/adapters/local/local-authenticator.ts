import type { Principal } from '@invoice/contracts';
import { DomainError, principalOfSession, principalOfToken, type AccountPorts } from '@invoice/inventory';
import type { Request } from 'express';
import type { Authenticator } from '../../http/authenticator';
import { readSessionCookie } from '../../http/session-cookie';

/** RFC 6750's b64token: what may follow "Bearer ". */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * Local mode's Authenticator: an API token in `Authorization: Bearer …` (scripts), or else the session cookie
 * (the browser). An Authorization header wins over a cookie, so a script run in a logged-in browser's context
 * still acts as its token; a malformed one is refused rather than ignored.
 */
export class LocalAuthenticator implements Authenticator {
  constructor(private readonly deps: Pick<AccountPorts, 'accounts' | 'secrets' | 'clock'>) {}

  async identify(req: Request): Promise<Principal | null> {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const match = BEARER.exec(authorization.trim());
      if (match === null) throw new DomainError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>".');
      return principalOfToken(this.deps, match[1]!);
    }
    const sessionId = readSessionCookie(req);
    return sessionId === null ? null : principalOfSession(this.deps, sessionId);
  }
}
