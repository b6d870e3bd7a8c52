import type { Principal } from '@invoice/contracts';
import { DomainError, principalOfSession, principalOfToken, SESSION_COOKIE, type AccountPorts } from '@invoice/inventory';
import type { Request } from 'express';
import type { Authenticator } from '../../http/authenticator';

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
    const sessionId = cookieValue(req.headers.cookie, SESSION_COOKIE);
    return sessionId === null ? null : principalOfSession(this.deps, sessionId);
  }
}

/**
 * The value of the named cookie in a Cookie header; null when absent or empty (what a logout leaves behind).
 * Session ids are base64url, so no decoding is needed; a value that is not is still looked up, and not found.
 */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (header === undefined) return null;
  for (const pair of header.split(';')) {
    const equals = pair.indexOf('=');
    if (equals < 0 || pair.slice(0, equals).trim() !== name) continue;
    let value = pair.slice(equals + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    return value === '' ? null : value;
  }
  return null;
}
