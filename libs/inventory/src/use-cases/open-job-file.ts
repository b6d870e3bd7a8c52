import { DomainError } from '../errors';
import type { JobRecord } from '../job-record';
import type { BlobDownload } from '../ports/blob-store.port';
import type { InventoryPorts } from './deps';
import { getJobOrThrow } from './get-job';
import { safeName } from '../object-keys';

/** How long a redirect to the stored file stays valid: long enough for pdf.js's range requests. */
export const FILE_DOWNLOAD_TTL_SECONDS = 300;

/** The uploaded document of a job, for the review screen to render beside the lines. */
export async function openJobFile(
  deps: Pick<InventoryPorts, 'jobs' | 'blobs' | 'clock'>,
  jobId: string,
): Promise<{ job: JobRecord; download: BlobDownload }> {
  const job = await getJobOrThrow(deps.jobs, jobId);
  const expiresAt = new Date(deps.clock.now().getTime() + FILE_DOWNLOAD_TTL_SECONDS * 1000);
  // The type was declared by whoever created the job: only a PDF is served as one (inline); anything else is
  // opaque bytes to save, so a job declared text/html can never render as a page on the store's origin.
  const isPdf = job.contentType.toLowerCase() === 'application/pdf';
  const serveAs = {
    contentType: isPdf ? 'application/pdf' : 'application/octet-stream',
    contentDisposition: `${isPdf ? 'inline' : 'attachment'}; filename="${safeName(job.fileName)}"`,
  };
  const download = await deps.blobs.openDownload(job.objectKey, { expiresAt, serveAs });
  if (!download) throw new DomainError('UPLOAD_NOT_FOUND', `Nothing has been uploaded for job ${jobId} yet.`, { jobId });
  return { job, download };
}
