import { SESSION_COOKIE } from '@invoice/inventory';
import type { Request, Response } from 'express';

/** Sent back only to the API: the SPA's files need no session, and scripts use tokens. */
const COOKIE_PATH = '/api';

/**
 * The session id the request's Cookie header carries; null when absent or empty (what a logout leaves
 * behind). Parsed here rather than by a cookie library: one name, one base64url value, the rest ignored. A
 * value that is no session id is still returned, so that it is looked up and refused (401), not taken as none.
 */
export function readSessionCookie(req: Pick<Request, 'headers'>): string | null {
  const header = req.headers.cookie;
  if (typeof header !== 'string') return null;
  for (const pair of header.split(';')) {
    const equals = pair.indexOf('=');
    if (equals < 0 || pair.slice(0, equals).trim() !== SESSION_COOKIE) continue;
    let value = pair.slice(equals + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    return value === '' ? null : value;
  }
  return null;
}

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure when the server is
 * reached over https (PUBLIC_BASE_URL), and expiring with the session.
 */
export function setSessionCookie(res: Response, sessionId: string, expiresAt: string, secure: boolean): void {
  res.cookie(SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: COOKIE_PATH,
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: COOKIE_PATH });
}
