import type { JobRecord } from '@invoice/inventory';
import { randomUUID } from 'node:crypto';

/** A job record as createJob would write it, with overrides. */
export function sampleJob(overrides: Partial<JobRecord> = {}): JobRecord {
  const jobId = overrides.jobId ?? randomUUID();
  const at = overrides.createdAt ?? new Date().toISOString();
  return {
    jobId,
    status: 'CREATED',
    fileName: 'invoice.pdf',
    contentType: 'application/pdf',
    sizeBytes: 1234,
    attempt: 0,
    version: 1,
    createdAt: at,
    updatedAt: at,
    error: null,
    summary: null,
    appliedAt: null,
    objectKey: `raw/${jobId}/invoice.pdf`,
    runId: null,
    reviewRevision: 0,
    review: null,
    ...overrides,
  };
}

export function parsedJob(overrides: Partial<JobRecord> = {}): JobRecord {
  return sampleJob({
    status: 'PARSED',
    attempt: 1,
    version: 4,
    runId: 'run-1',
    summary: {
      supplierName: 'ACME',
      invoiceNumber: 'INV-1',
      invoiceDate: '2026-01-31',
      currency: 'EUR',
      total: '12.50',
      lineCount: 2,
      itemCount: 2,
      warningCount: 0,
    },
    ...overrides,
  });
}
