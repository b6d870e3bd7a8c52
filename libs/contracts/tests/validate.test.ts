import { describe, expect, it } from 'vitest';
import { validate } from '../src/validate';
import type { Job } from '../src/generated/contracts';

function aJob(overrides: Partial<Job> = {}): Job {
  return {
    jobId: '0b7e6f43-9c1a-4d7e-8a65-2f1c0d9e8b71',
    status: 'CREATED',
    fileName: 'invoice.pdf',
    contentType: 'application/pdf',
    sizeBytes: 1024,
    attempt: 0,
    version: 1,
    createdAt: '2026-11-25T10:00:00.000Z',
    updatedAt: '2026-11-25T10:00:00.000Z',
    error: null,
    summary: null,
    appliedAt: null,
    reviewRevision: 0,
    attempts: [],
    ...overrides,
  };
}

describe('validate', () => {
  it('accepts a well-formed job', () => {
    // Act
    const outcome = validate('job', aJob());

    // Assert
    expect(outcome).toEqual({ ok: true, value: aJob() });
  });

  it('accepts a job with its attempt history, and refuses an outcome it does not know', () => {
    // Arrange
    const retried = { attempt: 1, queuedAt: '2026-11-25T10:00:00.000Z', startedAt: '2026-11-25T10:00:01.000Z', endedAt: '2026-11-25T10:00:09.000Z', outcome: 'retried', code: 'PARSER_CRASHED', retryAt: null } as const;
    const waiting = { attempt: 2, queuedAt: '2026-11-25T10:00:09.000Z', startedAt: null, endedAt: null, outcome: 'queued', code: null, retryAt: '2026-11-25T10:00:11.000Z' } as const;

    // Act
    const accepted = validate('job', aJob({ status: 'QUEUED', attempt: 2, attempts: [retried, waiting] }));
    const refused = validate('job', { ...aJob(), attempts: [{ ...retried, outcome: 'lost' }] });

    // Assert
    expect(accepted.ok).toBe(true);
    expect(refused.ok).toBe(false);
  });

  it('names the path and the rule when a field is wrong', () => {
    const outcome = validate('api/create-job-request', { fileName: 'a.pdf', contentType: 'application/pdf', sizeBytes: -5 });

    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.issues).toEqual([{ path: '/sizeBytes', message: 'must be >= 1' }]);
  });

  it('names an unexpected property', () => {
    const outcome = validate('api/create-job-request', {
      fileName: 'a.pdf',
      contentType: 'application/pdf',
      sizeBytes: 5,
      path: '../../etc/passwd',
    });

    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.issues[0]?.message).toBe('must NOT have additional properties: path');
  });

  it.each(['12.50', '-3', '0', '2.5', '1000000.0001'])('accepts the decimal string %s as a quantity', (quantity) => {
    const outcome = validate('inventory-item', { sku: 'A-1', quantity, updatedAt: '2026-11-25T10:00:00.000Z' });

    expect(outcome.ok).toBe(true);
  });

  it.each([2.5, '2,5', '1e3', '01.5', '.5', '1,234.00', ''])('refuses %j as a quantity', (quantity) => {
    const outcome = validate('inventory-item', { sku: 'A-1', quantity, updatedAt: '2026-11-25T10:00:00.000Z' });

    expect(outcome.ok).toBe(false);
  });

  it('accepts a line without a quantity, since many invoices bill goods and services by amount alone', () => {
    const line = {
      index: 0,
      sku: null,
      description: 'Commission',
      quantity: null,
      unit: null,
      unitPrice: null,
      lineTotal: '12.00',
      page: 1,
      bbox: [10, 20, 300, 32],
    };

    expect(validate('parse-result', aResultWith({ ...line, kind: 'charge' })).ok).toBe(true);
    expect(validate('parse-result', aResultWith({ ...line, kind: 'item' })).ok).toBe(true);
    expect(validate('parse-result', aResultWith({ ...line, kind: 'item', quantity: 2.5 })).ok).toBe(false);
  });

  it('accepts a group line, the printed subtotal of the detail lines below it, and refuses an unknown kind', () => {
    const group = {
      index: 0,
      kind: 'group',
      sku: '345678912',
      description: 'Subtotal hardware',
      quantity: '1',
      unit: 'H87',
      unitPrice: '1050',
      lineTotal: '1050',
      page: 1,
      bbox: [0, 0, 0, 0],
    };

    expect(validate('parse-result', aResultWith(group)).ok).toBe(true);
    expect(validate('parse-result', aResultWith({ ...group, quantity: null })).ok).toBe(true);
    expect(validate('parse-result', aResultWith({ ...group, kind: 'subtotal' })).ok).toBe(false);
  });
});

function aResultWith(line: Record<string, unknown>) {
  return {
    schemaVersion: '1',
    source: { sha256: 'a'.repeat(64), pages: 1, mediaType: 'application/pdf' },
    parser: { name: 'invoice-parser', version: '0.1.0' },
    extraction: { method: 'printed-page' },
    invoice: {
      documentType: 'invoice',
      number: 'INV-1',
      date: '2026-06-14',
      currency: 'EUR',
      supplier: { name: 'ACME GmbH' },
      totals: { subtotal: null, tax: null, total: '12.00' },
    },
    lines: [line],
    warnings: [],
  };
}
