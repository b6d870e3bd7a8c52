import type { Request } from 'express';

/**
 * Local upload URLs are paths (unless PUBLIC_BASE_URL names another origin): they are answered on the origin
 * the create request came to, so the browser's PUT is same-origin whether the SPA was opened as localhost,
 * 127.0.0.1 or a LAN name. The local server has already refused any Host it was not configured for
 * (local-server-guards.ts). S3's presigned URLs are absolute and pass through untouched.
 */
export function uploadUrlFor(req: Request, url: string): string {
  if (!url.startsWith('/')) return url;
  return new URL(url, `${req.protocol}://${req.get('host') ?? 'localhost'}`).toString();
}
