import { validate, type PageLayout, type PageRegion, type RegionBox } from '@invoice/contracts';
import { DomainError } from '../errors';
import { layoutKey } from '../object-keys';
import { regionOf } from '../review/region-line';
import type { InventoryPorts } from './deps';
import { readParseResult } from './read-outputs';
import { reconcileJob } from './reconcile-job';

const MAX_REPORTED_ISSUES = 20;

/**
 * The words inside a box the operator drew on a page of the job's document, and the line they make as the
 * parser reads rows (a line the parser missed, to be confirmed and added in review). Read from the PageLayout
 * the parser wrote beside the result of the job's latest attempt, through the BlobStore: the page is never
 * sent anywhere, and it works alike with files and S3.
 */
export async function readPageRegion(
  deps: Pick<InventoryPorts, 'jobs' | 'blobs' | 'runner' | 'clock' | 'parseRetry'>,
  jobId: string,
  page: number,
  box: RegionBox,
): Promise<PageRegion> {
  const job = await reconcileJob(deps, jobId);
  if (job.status !== 'PARSED' && job.status !== 'APPLIED' && job.status !== 'REVERSED') {
    throw new DomainError('RESULT_NOT_AVAILABLE', `Job ${jobId} is ${job.status} and has no parse result to read a region of.`, {
      jobId,
      status: job.status,
      attempt: job.attempt,
    });
  }
  const result = await readParseResult(deps.blobs, jobId, job.attempt);
  if (!result) throw new Error(`Job ${jobId} is ${job.status} but parsed output of attempt ${job.attempt} is missing`);
  if (page > result.source.pages) {
    throw new DomainError('VALIDATION_FAILED', `The document has ${result.source.pages} page(s); there is no page ${page}.`, {
      issues: [{ path: '/page', message: `must be at most ${result.source.pages}` }],
    });
  }
  const layout = await readLayout(deps, jobId, job.attempt);
  const layoutPage = layout?.pages.find((candidate) => candidate.page === page);
  if (!layout || !layoutPage) {
    throw new DomainError('LAYOUT_UNAVAILABLE', `Job ${jobId} has no page layout to read a region from (an e-invoice, or parsed before layouts were written).`, {
      jobId,
      attempt: job.attempt,
    });
  }
  return regionOf(layoutPage, box);
}

async function readLayout(deps: Pick<InventoryPorts, 'blobs'>, jobId: string, attempt: number): Promise<PageLayout | null> {
  const data = await deps.blobs.read(layoutKey(jobId, attempt));
  if (data === null) return null;
  let parsed: unknown;
  let parseError: unknown;
  try {
    parsed = JSON.parse(data.toString('utf8'));
  } catch (error) {
    parsed = undefined; // reported by the schema check below, with the parse error kept as its cause
    parseError = error;
  }
  // The parser is another program and is not trusted blindly.
  const outcome = validate<PageLayout>('page-layout', parsed);
  if (!outcome.ok) {
    throw new DomainError(
      'PARSER_OUTPUT_INVALID',
      'The parser wrote a page layout that does not match the PageLayout schema.',
      { issues: outcome.issues.slice(0, MAX_REPORTED_ISSUES) },
      parseError === undefined ? undefined : { cause: parseError },
    );
  }
  return outcome.value;
}
