import type { AuditActor } from '@invoice/contracts';
import type { JobRecord } from '../job-record';
import type { InventoryPorts } from './deps';
import { recordAudit, type AuditContext } from './record-audit';

/** Where the upload was first seen: the local upload route as it stored the file, or the first parse (S3). */
export type UploadSeenAt = 'upload' | 'parse';

/**
 * Records `job.upload` once per job. Locally the upload route calls it when the file is stored; in AWS mode S3
 * receives the file without the API, so the parse that first finds it calls it, and locally that call finds
 * the route's entry and writes nothing (it also makes up for an entry the route failed to write). The upload
 * comes through the signed URL handed to the job's creator, not a logged-in request, so the entry names the
 * creator as the job.create entry does; the request id is the one that saw the file. (DynamoDB's by-job index
 * is eventually consistent: a re-parse within a moment of the first parse could find no entry yet and write a
 * second one, which says the same thing; that is the only way to get two.)
 */
export async function recordUploadOnce(
  deps: Pick<InventoryPorts, 'audit' | 'clock' | 'newId'>,
  context: AuditContext,
  job: Pick<JobRecord, 'jobId' | 'fileName' | 'contentType' | 'sizeBytes'>,
  seenAt: UploadSeenAt,
): Promise<void> {
  const recorded = await deps.audit.query({ jobId: job.jobId, action: 'job.upload', limit: 1 });
  if (recorded.items.length > 0) return;
  const actor = (await creatorOf(deps, job.jobId)) ?? context.actor;
  await recordAudit(deps, { ...context, actor }, {
    action: 'job.upload',
    jobId: job.jobId,
    change: { fileName: job.fileName, contentType: job.contentType, sizeBytes: job.sizeBytes, seenAt },
  });
}

async function creatorOf(deps: Pick<InventoryPorts, 'audit'>, jobId: string): Promise<AuditActor | null> {
  const created = await deps.audit.query({ jobId, action: 'job.create', limit: 1 });
  return created.items[0]?.actor ?? null;
}
