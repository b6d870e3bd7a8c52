import type { AddedLine, HeaderCorrection, Job, JobSummary, LineCorrection, ParseAttempt, ParseResult } from '@invoice/contracts';
import { movesStock } from './line-kind';
import { corrected } from './review/reviewed-header';

/**
 * The stored job: the public Job plus what only the service needs (where the upload lives, which parser
 * run serves the current attempt). The public shape is derived with toPublicJob, so internal fields
 * never leak into responses.
 */
export interface JobRecord extends Omit<Job, 'attempts'> {
  /** The parse attempts, oldest first (parse-attempts.ts); absent on jobs stored before they were recorded. */
  attempts?: ParseAttempt[];
  /**
   * The parse request in progress or last made: when it was made and its first attempt. The deadline and the
   * attempt budget (parse-retry-policy.ts) count from here, so retries do not extend either. Absent on jobs
   * stored before; null before the first parse.
   */
  parseRequest?: ParseRequest | null;
  /** While a retry waits out its backoff: the earliest time its run is started; null otherwise. */
  retryAt?: string | null;
  /** BlobStore key of the uploaded document, raw/{jobId}/{safeName}. */
  objectKey: string;
  /** Run id the ParserRunner returned for the current attempt; null until the run is started. */
  runId: string | null;
  /**
   * The operator's corrections of revision `reviewRevision` of the current attempt; null when that
   * revision holds none (never reviewed, or reset by a re-parse). Kept on the job so that saving a review
   * is guarded by the same optimistic version as every other change of the job.
   */
  review: StoredReview | null;
}

export interface ParseRequest {
  requestedAt: string;
  firstAttempt: number;
}

export interface StoredReview {
  /** The full set of corrections of this revision, in the order the operator sent them. */
  corrections: LineCorrection[];
  /** The lines the operator added in this revision, after the parsed ones; absent when none. */
  addedLines?: AddedLine[];
  /** The operator's header corrections of this revision; absent when none. */
  header?: HeaderCorrection;
  /** When this revision was saved; null for revision 0 (never reviewed) frozen at apply. */
  updatedAt: string | null;
  /**
   * Who saved this revision (the principal's username), which the four-eyes rule compares with who applies
   * it; null for revision 0 frozen at apply. Absent on revisions saved before accounts existed (read as null).
   */
  savedBy?: string | null;
  /**
   * The supplier SKU mappings apply used, written with the APPLIED status: an applied job's review shows
   * these rather than today's mappings, so its lines keep agreeing with its ledger record. Absent before apply.
   */
  appliedMappings?: SkuPair[];
}

export interface SkuPair {
  supplierSku: string;
  inventorySku: string;
  /** The mapping's pack size when applied; absent on jobs applied before pack sizes existed (read as 1). */
  packSize?: string;
}

export function toPublicJob(record: JobRecord): Job {
  return {
    jobId: record.jobId,
    status: record.status,
    fileName: record.fileName,
    contentType: record.contentType,
    sizeBytes: record.sizeBytes,
    attempt: record.attempt,
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    error: record.error,
    summary: reviewedSummary(record),
    appliedAt: record.appliedAt,
    reviewRevision: record.reviewRevision,
    attempts: record.attempts ?? [],
  };
}

/** The next version of a record: every change bumps the version and the update time. */
export function nextVersion(record: JobRecord, changes: Partial<JobRecord>, now: Date): JobRecord {
  return { ...record, ...changes, version: record.version + 1, updatedAt: now.toISOString() };
}

/**
 * The headline as the operator reviewed it: a header field the current review corrects replaces what the
 * parser read, so that lists, duplicate marks and stock history name the invoice the way it was filed.
 */
export function reviewedSummary(record: Pick<JobRecord, 'summary' | 'review'>): JobSummary | null {
  const { summary } = record;
  const header = record.review?.header;
  if (!summary || !header) return summary;
  return {
    ...summary,
    supplierName: corrected(header.supplierName, summary.supplierName),
    invoiceNumber: corrected(header.invoiceNumber, summary.invoiceNumber),
    invoiceDate: corrected(header.date, summary.invoiceDate),
    currency: corrected(header.currency, summary.currency),
    total: corrected(header.total, summary.total),
  };
}

export function summarize(result: ParseResult): JobSummary {
  return {
    supplierName: result.invoice.supplier.name,
    invoiceNumber: result.invoice.number,
    invoiceDate: result.invoice.date,
    currency: result.invoice.currency,
    total: result.invoice.totals.total,
    lineCount: result.lines.length,
    itemCount: result.lines.filter(movesStock).length,
    warningCount: result.warnings.length,
  };
}
