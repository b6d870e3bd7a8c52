import { DomainError } from '@invoice/inventory';
import type { RequestHandler } from 'express';
import type { AllowedHosts } from './allowed-hosts';

/**
 * No page of another site may frame the SPA or the API (clickjacking): the CSP directive for current
 * browsers, X-Frame-Options for older ones. CloudFront's response headers policy sends the same in AWS mode.
 */
export const forbidFraming: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
  res.setHeader('X-Frame-Options', 'DENY');
  next();
};

/**
 * 421 for a Host this server was not configured to answer (DNS rebinding: a page whose name now resolves to
 * 127.0.0.1 would otherwise read and change everything as a same-origin page). Local server only: in AWS
 * mode API Gateway answers only for its own domains, and behind CloudFront the Lambda sees the API's own
 * domain as Host, never the name the browser used, so the same list would refuse every request there.
 */
export function requireAllowedHost(allowed: AllowedHosts): RequestHandler {
  return (req, _res, next) => {
    if (allowed.allowsHost(req.headers.host)) {
      next();
      return;
    }
    next(new DomainError('HOST_NOT_ALLOWED', 'This server does not answer for this host name; add it to ALLOWED_HOSTS if it is yours.', {
      host: req.headers.host ?? null,
    }));
  };
}

/** What main.ts puts in front of every route of the local server, the SPA included. */
export function localServerGuards(allowed: AllowedHosts): RequestHandler[] {
  return [forbidFraming, requireAllowedHost(allowed)];
}
