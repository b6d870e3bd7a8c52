import express, { type RequestHandler } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The built SPA: its files, and index.html for any other GET so that client-side routes survive a reload.
 * Returns null (after saying so) when the SPA has not been built, so the API still runs alone.
 */
export function staticSite(webDistDir: string, log: (line: string) => void): RequestHandler | null {
  const index = path.join(webDistDir, 'index.html');
  if (!existsSync(index)) {
    log(`web app not built (${index} missing); serving the API only. Run \`npx nx run web:build\` to add it.`);
    return null;
  }
  const files = express.static(webDistDir, { index: false, fallthrough: true });
  return (req, res, next) => {
    files(req, res, () => {
      if ((req.method === 'GET' || req.method === 'HEAD') && req.accepts('html')) res.sendFile(index);
      else next();
    });
  };
}
