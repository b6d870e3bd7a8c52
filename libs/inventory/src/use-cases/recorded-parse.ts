import type { JobRecord } from '../job-record';
import type { InventoryPorts } from './deps';
import { recordAudit, type AuditContext } from './record-audit';
import { recordUploadOnce } from './recorded-upload';
import { startParse } from './start-parse';

/**
 * startParse, recorded once the attempt is claimed and its run started: `job.parse` for the first attempt,
 * `job.reparse` for a later one, with the attempt number. A parse found the upload, so `job.upload` is
 * recorded first if nothing recorded it yet (AWS mode, where S3 took the file without the API).
 */
export async function startParseAndRecord(
  deps: Parameters<typeof startParse>[0] & Pick<InventoryPorts, 'audit' | 'newId'>,
  jobId: string,
  context: AuditContext,
): Promise<JobRecord> {
  const job = await startParse(deps, jobId);
  await recordUploadOnce(deps, context, job, 'parse');
  // The attempt this request claimed: a start refused for a passing reason has already moved the job to a retry.
  const attempt = job.parseRequest?.firstAttempt ?? job.attempt;
  await recordAudit(deps, context, { action: attempt === 1 ? 'job.parse' : 'job.reparse', jobId, change: { attempt } });
  return job;
}
