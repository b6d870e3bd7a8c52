import type { Request, Response } from 'express';

/** The login session's cookie; its value is the session id, stored server-side only as a digest. */
export const SESSION_COOKIE = 'invoice_session';
/** Sent back only to the API: the SPA's files need no session, and scripts use tokens. */
const COOKIE_PATH = '/api';

/**
 * The session id the request's Cookie header carries, or null. Parsed here rather than by a cookie library:
 * one name, one URL-safe value, and anything else in the header is ignored.
 */
export function readSessionCookie(req: Pick<Request, 'headers'>): string | null {
  const header = req.headers.cookie;
  if (typeof header !== 'string') return null;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(separator + 1).trim();
    return /^[A-Za-z0-9_-]{16,128}$/.test(value) ? value : null;
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
