import { openJobFile, safeName } from '@invoice/inventory';
import { Router } from 'express';
import type { AppContext } from './app-context';
import { jobIdParam } from './job-id';
import { streamDownload } from './stream-download';

/**
 * GET /api/jobs/{jobId}/file: the uploaded document, for the review screen's pdf.js. The content type and
 * name come from the client that created the job, so only a PDF is served inline as a PDF; anything else
 * is an opaque, sandboxed attachment and can never run as a page of this origin.
 */
export function jobFileRoute(context: AppContext): Router {
  const router = Router();
  router.get('/api/jobs/:jobId/file', async (req, res) => {
    const { job, download } = await openJobFile(context.ports, jobIdParam(req.params.jobId));
    res.set('Cache-Control', 'private, no-store');
    res.set('X-Content-Type-Options', 'nosniff');
    if (download.kind === 'redirect') {
      res.redirect(302, download.url);
      return;
    }

    const isPdf = job.contentType.toLowerCase() === 'application/pdf';
    res.status(200);
    res.set('Content-Type', isPdf ? 'application/pdf' : 'application/octet-stream');
    res.set('Content-Length', String(download.sizeBytes));
    res.set('Content-Disposition', `${isPdf ? 'inline' : 'attachment'}; filename="${safeName(job.fileName)}"`);
    if (!isPdf) res.set('Content-Security-Policy', "sandbox; default-src 'none'");
    await streamDownload(res, download.body);
  });
  return router;
}
