import type { Job } from '@invoice/contracts';

/**
 * Folds a supplier name or an invoice number the way the API compares them for DUPLICATE_INVOICE (case,
 * accents, spaces and punctuation away), so "ACME GmbH" / "INV-2024/001" and "Acme GmbH." / "inv 2024 001" meet.
 */
function fold(text: string | null | undefined): string {
  return (text ?? '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * For each job not applied whose supplier and invoice number an APPLIED job of the list shares: that job's id.
 * A hint from the jobs on screen only, drawn without a request; the review (duplicateOf) and apply itself check
 * every applied job, and the document's sha256 as well.
 */
export function duplicateMarks(jobs: readonly Job[]): Map<string, string> {
  const keyOf = (job: Job): string | null => {
    const supplier = fold(job.summary?.supplierName);
    const number = fold(job.summary?.invoiceNumber);
    return supplier === '' || number === '' ? null : `${supplier}#${number}`;
  };
  const applied = new Map<string, string>();
  for (const job of jobs) {
    const key = keyOf(job);
    if (job.status === 'APPLIED' && key !== null && !applied.has(key)) applied.set(key, job.jobId);
  }
  const marks = new Map<string, string>();
  for (const job of jobs) {
    const key = keyOf(job);
    const earlier = key === null ? undefined : applied.get(key);
    if (job.status !== 'APPLIED' && earlier !== undefined && earlier !== job.jobId) marks.set(job.jobId, earlier);
  }
  return marks;
}
