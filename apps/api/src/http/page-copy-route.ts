import { openPageCopy } from '@invoice/inventory';
import { Router } from 'express';
import type { AppContext } from './app-context';
import { jobIdParam } from './job-id';
import { streamDownload } from './stream-download';

/**
 * GET /api/jobs/{jobId}/pages.pdf: the pages of the job's document as its current result reads them, for the
 * review screen's pdf.js to draw the boxes of lines and words on: the parser's page copy when OCR read a page
 * (a scan or an image upload, each page the levelled image its words were read from), else the uploaded PDF.
 * Always a PDF the server made or the parser found to be one, so it is served inline as a PDF.
 */
export function pageCopyRoute(context: AppContext): Router {
  const router = Router();
  router.get('/api/jobs/:jobId/pages.pdf', async (req, res) => {
    const { download, fileName } = await openPageCopy(context.ports, jobIdParam(req.params.jobId));
    res.set('Cache-Control', 'private, no-store');
    res.set('X-Content-Type-Options', 'nosniff');
    if (download.kind === 'redirect') {
      res.redirect(302, download.url);
      return;
    }

    res.status(200);
    res.set('Content-Type', 'application/pdf');
    res.set('Content-Length', String(download.sizeBytes));
    res.set('Content-Disposition', `inline; filename="${fileName}"`);
    await streamDownload(res, download.body);
  });
  return router;
}
