import { DomainError } from '../errors';
import type { JobRecord } from '../job-record';
import type { BlobDownload, DownloadHeaders } from '../ports/blob-store.port';
import { pagesKey, safeName } from '../object-keys';
import type { InventoryPorts } from './deps';
import { FILE_DOWNLOAD_TTL_SECONDS } from './open-job-file';
import { readParseResult } from './read-outputs';
import { reconcileJob } from './reconcile-job';

const PDF = 'application/pdf';

export interface PageCopy {
  download: BlobDownload;
  /** The name the PDF is served under (Content-Disposition). */
  fileName: string;
}

/**
 * The pages of the job's document as the current result reads them, as one PDF for the review screen to show
 * under the boxes of the lines and words: the parser's page copy when OCR read a page (each scanned page or
 * image the very image its words were read from, levelled and turned upright), else the upload when it is a
 * PDF. An image parsed before page copies were written, or an e-invoice XML, has no pages to show.
 */
export async function openPageCopy(deps: Pick<InventoryPorts, 'jobs' | 'blobs' | 'runner' | 'clock' | 'parseRetry'>, jobId: string): Promise<PageCopy> {
  const job = await reconcileJob(deps, jobId);
  if (job.status !== 'PARSED' && job.status !== 'APPLIED' && job.status !== 'REVERSED') {
    throw new DomainError('RESULT_NOT_AVAILABLE', `Job ${jobId} is ${job.status} and has no parse result to show the pages of.`, {
      jobId,
      status: job.status,
      attempt: job.attempt,
    });
  }
  const expiresAt = new Date(deps.clock.now().getTime() + FILE_DOWNLOAD_TTL_SECONDS * 1000);
  const copyName = `${safeName(job.fileName).replace(/\.[A-Za-z0-9]{1,5}$/, '')}.pdf`;
  const copy = await deps.blobs.openDownload(pagesKey(jobId, job.attempt), {
    expiresAt,
    serveAs: inlinePdf(copyName),
  });
  if (copy) return { download: copy, fileName: copyName };

  // The parser sniffed the upload's type from its bytes; the type the job was created with is the client's claim.
  const result = await readParseResult(deps.blobs, jobId, job.attempt);
  if (!result) throw new Error(`Job ${jobId} is ${job.status} but parsed output of attempt ${job.attempt} is missing`);
  if (result.source.mediaType !== PDF) throw pagesUnavailable(job, result.source.mediaType);
  const uploadName = safeName(job.fileName);
  const upload = await deps.blobs.openDownload(job.objectKey, {
    expiresAt,
    serveAs: inlinePdf(uploadName),
  });
  if (!upload) throw new DomainError('UPLOAD_NOT_FOUND', `The upload of job ${jobId} is no longer stored.`, { jobId });
  return { download: upload, fileName: uploadName };
}

function inlinePdf(fileName: string): DownloadHeaders {
  return {
    contentType: PDF,
    contentDisposition: `inline; filename="${fileName}"`,
  };
}

function pagesUnavailable(job: JobRecord, mediaType: string): DomainError {
  return new DomainError(
    'PAGES_UNAVAILABLE',
    `Job ${job.jobId} has no pages to show: its upload is ${mediaType} and the parse kept no page copy (an e-invoice XML, or an image parsed before page copies were written).`,
    { jobId: job.jobId, attempt: job.attempt, mediaType },
  );
}
