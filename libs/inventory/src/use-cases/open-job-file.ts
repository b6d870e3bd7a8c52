import { DomainError } from '../errors';
import type { JobRecord } from '../job-record';
import type { BlobDownload } from '../ports/blob-store.port';
import type { InventoryPorts } from './deps';
import { getJobOrThrow } from './get-job';

/** How long a redirect to the stored file stays valid: long enough for pdf.js's range requests. */
export const FILE_DOWNLOAD_TTL_SECONDS = 300;

/** The uploaded document of a job, for the review screen to render beside the lines. */
export async function openJobFile(
  deps: Pick<InventoryPorts, 'jobs' | 'blobs' | 'clock'>,
  jobId: string,
): Promise<{ job: JobRecord; download: BlobDownload }> {
  const job = await getJobOrThrow(deps.jobs, jobId);
  const expiresAt = new Date(deps.clock.now().getTime() + FILE_DOWNLOAD_TTL_SECONDS * 1000);
  const download = await deps.blobs.openDownload(job.objectKey, { expiresAt });
  if (!download) throw new DomainError('UPLOAD_NOT_FOUND', `Nothing has been uploaded for job ${jobId} yet.`, { jobId });
  return { job, download };
}
