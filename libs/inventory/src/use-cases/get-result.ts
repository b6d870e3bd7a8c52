import type { ParseResult } from '@invoice/contracts';
import { DomainError } from '../errors';
import type { InventoryPorts } from './deps';
import { readParseResult } from './read-outputs';
import { reconcileJob } from './reconcile-job';

/**
 * The ParseResult of the job's latest attempt, when that attempt succeeded. While a re-parse runs, or after
 * it failed, there is no result: showing an older attempt's lines next to a newer status would mislead review.
 */
export async function getResult(deps: Pick<InventoryPorts, 'jobs' | 'blobs' | 'runner' | 'clock' | 'parseRetry'>, jobId: string): Promise<ParseResult> {
  const job = await reconcileJob(deps, jobId);
  if (job.status !== 'PARSED' && job.status !== 'APPLIED' && job.status !== 'REVERSED') {
    throw new DomainError('RESULT_NOT_AVAILABLE', `Job ${jobId} is ${job.status} and has no parse result.`, {
      jobId,
      status: job.status,
      attempt: job.attempt,
    });
  }
  const result = await readParseResult(deps.blobs, jobId, job.attempt);
  if (!result) throw new Error(`Job ${jobId} is ${job.status} but parsed output of attempt ${job.attempt} is missing`);
  return result;
}
