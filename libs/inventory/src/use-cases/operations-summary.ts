import type {
  OperationsCounts,
  OperationsFailure,
  OperationsFailureGroup,
  OperationsResponse,
  OperationsWindow,
  ParseAttempt,
} from '@invoice/contracts';
import type { JobRecord } from '../job-record';
import { bucketOf, percentileOf, successRateOf, windowLayout, type WindowLayout } from '../operations/operations-window';
import type { InventoryPorts } from './deps';

/**
 * How many jobs one summary reads at most. The job store has no index by time of event, so a summary walks the
 * newest-first job list; this bounds the cost of one request (50 pages of 100) whatever the traffic, and the
 * answer says `truncated` when jobs of the window were left unread.
 */
export const MAX_OPERATIONS_JOBS = 5_000;
/** Jobs per read of the job list: the largest page GET /api/jobs serves. */
export const OPERATIONS_PAGE_SIZE = 100;
/** Failures listed per error code (the count covers them all): enough to open the recent ones. */
export const MAX_LISTED_FAILURES = 20;

const FAILING_OUTCOMES: ReadonlySet<ParseAttempt['outcome']> = new Set(['failed', 'abandoned', 'timed-out']);

/** What one parse request came to: parsed after `latencyMs`, or failed with a code. */
export type RequestEnd =
  | { kind: 'parsed'; endedAtMs: number; latencyMs: number }
  | {
      kind: 'failed';
      endedAtMs: number;
      failure: OperationsFailure;
      code: string;
    };

/**
 * Jobs created, parse requests that ended parsed or failed, success rate and upload-to-parsed latency per UTC
 * hour over the last 24 hours or per UTC day over the last 30 days, and the failures by code, from the durable
 * job store (so in both modes, and unchanged by a restart).
 *
 * Only jobs created inside the window are read (the list is ordered by creation): a re-parse that ends inside the
 * window of a job created before it is not counted, nor are jobs stored before attempts were recorded (they have
 * no history to read their ends from); they still count as created when created inside the window.
 */
export async function operationsSummary(
  deps: Pick<InventoryPorts, 'jobs' | 'clock'>,
  window: OperationsWindow,
  options: { maxJobs?: number } = {},
): Promise<OperationsResponse> {
  const maxJobs = options.maxJobs ?? MAX_OPERATIONS_JOBS;
  const layout = windowLayout(window, deps.clock.now());

  // Each job is reduced to its bucket counts as it is read, so a summary holds no more than one page of records.
  const created = new Array<number>(layout.count).fill(0);
  const ends: { bucket: number; end: RequestEnd }[] = [];
  const { jobsRead, truncated } = await walkWindow(deps, layout, maxJobs, (job) => {
    const bucket = bucketOf(layout, Date.parse(job.createdAt));
    if (bucket !== null) created[bucket] = (created[bucket] ?? 0) + 1;
    for (const end of requestEndsOf(job)) {
      const endBucket = bucketOf(layout, end.endedAtMs);
      if (endBucket !== null) ends.push({ bucket: endBucket, end });
    }
  });

  const buckets = created.map((count, index) => ({
    start: new Date(layout.fromMs + index * layout.sizeMs).toISOString(),
    counts: countsOf(
      count,
      ends.filter((entry) => entry.bucket === index).map((entry) => entry.end),
    ),
  }));
  return {
    window,
    bucketSize: layout.bucketSize,
    from: new Date(layout.fromMs).toISOString(),
    to: new Date(layout.toMs).toISOString(),
    jobsRead,
    maxJobs,
    truncated,
    totals: countsOf(
      created.reduce((sum, count) => sum + count, 0),
      ends.map((entry) => entry.end),
    ),
    buckets,
    failures: failuresByCode(ends.map((entry) => entry.end)),
  };
}

/** Visits the jobs created at or after the window's start, newest first, at most maxJobs; truncated when more remain. */
async function walkWindow(
  deps: Pick<InventoryPorts, 'jobs'>,
  layout: WindowLayout,
  maxJobs: number,
  visit: (job: JobRecord) => void,
): Promise<{ jobsRead: number; truncated: boolean }> {
  let jobsRead = 0;
  let cursor: string | undefined;
  for (;;) {
    // One more than the bound is asked for, so a window of exactly maxJobs jobs is not called truncated.
    const page = await deps.jobs.list({ limit: Math.min(OPERATIONS_PAGE_SIZE, maxJobs - jobsRead + 1), cursor });
    for (const job of page.items) {
      if (Date.parse(job.createdAt) < layout.fromMs) return { jobsRead, truncated: false };
      if (jobsRead === maxJobs) return { jobsRead, truncated: true };
      visit(job);
      jobsRead += 1;
    }
    if (page.nextCursor === null) return { jobsRead, truncated: false };
    cursor = page.nextCursor;
  }
}

/**
 * The parse requests of a job that ended, read from its attempts (oldest first): a request is the attempts from
 * one queued by a parse request up to the first that did not end `retried`.
 *
 * Upload-to-parsed latency runs from the request's first attempt being queued to its parsed attempt's end. The
 * job record holds no upload time (the file goes to the BlobStore through a presigned URL; only the audit trail
 * notes it), and the parse request is what follows the upload (the SPA asks for it as soon as the PUT ends), so
 * that queuedAt is the first stamp after the upload the job carries. The latency includes retries and their
 * backoff, which the operator waits through too. Not createdAt: a job uploaded today and parsed next week, or
 * re-parsed, would count the operator's wait rather than the pipeline's.
 */
export function requestEndsOf(job: Pick<JobRecord, 'jobId' | 'fileName' | 'attempts'>): RequestEnd[] {
  const ends: RequestEnd[] = [];
  let request: ParseAttempt[] = [];
  for (const attempt of job.attempts ?? []) {
    request.push(attempt);
    if (attempt.endedAt === null || attempt.outcome === 'retried') continue;
    const endedAtMs = Date.parse(attempt.endedAt);
    if (attempt.outcome === 'parsed') {
      const requestedAtMs = Date.parse(request[0]?.queuedAt ?? attempt.queuedAt);
      ends.push({ kind: 'parsed', endedAtMs, latencyMs: Math.max(0, endedAtMs - requestedAtMs) });
    } else if (FAILING_OUTCOMES.has(attempt.outcome)) {
      const outcome = attempt.outcome as OperationsFailure['outcome'];
      const failure = { jobId: job.jobId, fileName: job.fileName, attempt: attempt.attempt, outcome, endedAt: attempt.endedAt, attempts: request };
      ends.push({ kind: 'failed', endedAtMs, failure, code: requestCodeOf(attempt) });
    }
    request = [];
  }
  return ends;
}

/** Stands for a failing attempt recorded without a code, which the parse use cases never write. */
const UNKNOWN_CODE = 'UNKNOWN';

/**
 * The code the request failed with, as the job's error and the metrics name it (parse-telemetry.ts): a request
 * whose retries ran out is PARSE_ABANDONED, however its last attempt ended (that cause stays in the attempts
 * listed with it); otherwise the ending attempt's own code.
 */
function requestCodeOf(attempt: ParseAttempt): string {
  if (attempt.outcome === 'abandoned') return 'PARSE_ABANDONED';
  return attempt.code ?? UNKNOWN_CODE;
}

function countsOf(created: number, ends: readonly RequestEnd[]): OperationsCounts {
  const latencies = ends.flatMap((end) => (end.kind === 'parsed' ? [end.latencyMs] : [])).sort((a, b) => a - b);
  const failed = ends.length - latencies.length;
  return {
    created,
    parsed: latencies.length,
    failed,
    successRate: successRateOf(latencies.length, ends.length),
    latencyP50Ms: percentileOf(latencies, 50),
    latencyP95Ms: percentileOf(latencies, 95),
  };
}

/** The most frequent code first (then by name); each group's newest failures first (then by job id). */
function failuresByCode(ends: readonly RequestEnd[]): OperationsFailureGroup[] {
  const groups = new Map<string, OperationsFailure[]>();
  for (const end of ends) {
    if (end.kind !== 'failed') continue;
    const group = groups.get(end.code);
    if (group) group.push(end.failure);
    else groups.set(end.code, [end.failure]);
  }
  return [...groups.entries()]
    .map(([code, failures]) => ({
      code,
      count: failures.length,
      failures: failures
        .sort((a, b) => Date.parse(b.endedAt) - Date.parse(a.endedAt) || a.jobId.localeCompare(b.jobId) || b.attempt - a.attempt)
        .slice(0, MAX_LISTED_FAILURES),
    }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}
