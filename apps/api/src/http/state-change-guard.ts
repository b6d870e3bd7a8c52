import { DomainError } from '@invoice/inventory';
import type { Request, RequestHandler } from 'express';
import type { AllowedHosts } from './allowed-hosts';

const STATE_CHANGING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The presigned-upload target (local stand-in for S3) is authorised by its signature and carries the file
 * with the content type that was signed, so it is the one state-changing route that is not JSON.
 */
function isUploadTarget(req: Request): boolean {
  return req.method === 'PUT' && req.path.startsWith('/api/uploads/');
}

/**
 * Cross-site request forgery: the API has no login, so a page of any site could otherwise make the browser
 * apply or re-parse a job with a form post or a "simple" fetch. Every state-changing /api request must say
 * Content-Type: application/json (with {} where there is nothing to send), which no form can and which
 * makes a cross-origin fetch ask a preflight this API never grants; and a request the browser marks as
 * cross-site (Sec-Fetch-Site) or whose Origin names a host this server does not answer for is refused.
 * `allowed` is null in AWS mode: behind CloudFront the Origin is the distribution's name, which the Lambda
 * does not know, so there Sec-Fetch-Site and the JSON rule do the job.
 */
export function stateChangeGuard(allowed: AllowedHosts | null): RequestHandler {
  return (req, _res, next) => {
    if (!STATE_CHANGING_METHODS.has(req.method) || !(req.path === '/api' || req.path.startsWith('/api/')) || isUploadTarget(req)) {
      next();
      return;
    }
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    if (site === 'cross-site' || (allowed !== null && origin !== undefined && !allowed.allowsOrigin(origin))) {
      next(new DomainError('CROSS_SITE_REQUEST', 'Requests that change state are only accepted from the pages of this application.', {
        origin: origin ?? null,
        secFetchSite: site ?? null,
      }));
      return;
    }
    if (mediaType(req.headers['content-type']) !== 'application/json') {
      next(new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Requests that change state must be sent as Content-Type: application/json (send {} when there is nothing else to send).', {
        contentType: req.headers['content-type'] ?? null,
      }));
      return;
    }
    next();
  };
}

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
