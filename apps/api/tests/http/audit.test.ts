import type { ListAuditResponse } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import { fakeInvoice, skusOf } from '../support/api-client';
import { serverPerSuite } from '../support/server-per-suite';
import { expectContract, expectError } from '../support/test-server';

/** Issue 15, first slice: applies and reversals are recorded in the audit trail, read by GET /api/audit. */
describe('the audit trail of applies and reversals', () => {
  const suite = serverPerSuite('audit');

  const post = (path: string, body: object = {}) => suite.api.http.post(path).send(body);

  async function parsedJob(lines: object[], extra: object = {}) {
    await suite.api.catalogue(...skusOf(lines));
    const job = await suite.api.parsed('invoice.pdf', 'application/pdf', fakeInvoice(lines, extra));
    expect(job.status).toBe('PARSED');
    return job;
  }

  /** The job's stock actions: the job's create, upload, parse and review entries are audit-actions.test.ts's. */
  const STOCK_ACTIONS = new Set(['apply', 'apply.refused', 'reverse', 'override.duplicate', 'override.negative-stock']);
  const stockEntries = (page: ListAuditResponse) => page.items.filter((entry) => STOCK_ACTIONS.has(entry.action));

  async function audit(query: Record<string, string> = {}): Promise<ListAuditResponse> {
    const response = await suite.api.http.get('/api/audit').query(query);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return expectContract<ListAuditResponse>('api/list-audit-response', response.body);
  }

  it('records an apply with its stock changes, a repeat not at all, and a reversal with its compensation, newest first', async () => {
    // Arrange
    const job = await parsedJob([{ sku: 'AUD-1', quantity: '2.5' }], { supplier: 'Audit One', number: 'AUD-INV-1' });

    // Act
    expect((await post(`/api/jobs/${job.jobId}/apply`)).status).toBe(200);
    expect((await post(`/api/jobs/${job.jobId}/apply`)).status).toBe(200);
    expect((await post(`/api/jobs/${job.jobId}/reverse`)).status).toBe(200);
    const trail = await audit({ jobId: job.jobId });

    // Assert
    expect(trail.nextCursor).toBeNull();
    expect(stockEntries(trail).map((entry) => entry.action)).toEqual(['reverse', 'apply']);
    const [reversed, applied] = stockEntries(trail);
    expect(applied).toMatchObject({
      jobId: job.jobId,
      actor: { user: 'admin', role: 'admin' },
      change: { applySequence: 1, allowDuplicate: false, deltas: [{ sku: 'AUD-1', quantity: '2.5' }] },
    });
    expect(reversed).toMatchObject({ change: { applySequence: 1, allowNegativeStock: false, deltas: [{ sku: 'AUD-1', quantity: '-2.5' }] } });
    expect(applied?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(reversed?.requestId).not.toBe(applied?.requestId);
  });

  it('records a refused apply with its code, and the override of an apply allowed as a duplicate', async () => {
    // Arrange: the same invoice as two jobs
    const invoice = { supplier: 'Audit Two', number: 'AUD-INV-2' };
    const first = await parsedJob([{ sku: 'AUD-2', quantity: '1' }], invoice);
    const second = await parsedJob([{ sku: 'AUD-2', quantity: '1' }], invoice);
    expect((await post(`/api/jobs/${first.jobId}/apply`)).status).toBe(200);

    // Act
    expectError(await post(`/api/jobs/${second.jobId}/apply`), 409, 'DUPLICATE_INVOICE');
    expect((await post(`/api/jobs/${second.jobId}/apply`, { allowDuplicate: true })).status).toBe(200);
    const trail = await audit({ jobId: second.jobId });

    // Assert
    expect(stockEntries(trail).map((entry) => entry.action).sort()).toEqual(['apply', 'apply.refused', 'override.duplicate']);
    expect(trail.items.find((entry) => entry.action === 'apply.refused')?.change).toMatchObject({
      code: 'DUPLICATE_INVOICE',
      details: { jobId: first.jobId },
      allowDuplicate: false,
    });
    expect((await audit({ action: 'override.duplicate' })).items.map((entry) => entry.jobId)).toContain(second.jobId);
  });

  it('records a reversal allowed below zero as an override of negative stock', async () => {
    const job = await parsedJob([{ sku: 'AUD-3', quantity: '5' }], { supplier: 'Audit Three', number: 'AUD-INV-3' });
    const credit = await parsedJob([{ sku: 'AUD-3', quantity: '4' }], { supplier: 'Audit Three', number: 'AUD-CN-3', documentType: 'credit-note' });
    expect((await post(`/api/jobs/${job.jobId}/apply`)).status).toBe(200);
    expect((await post(`/api/jobs/${credit.jobId}/apply`)).status).toBe(200);

    expectError(await post(`/api/jobs/${job.jobId}/reverse`), 409, 'INSUFFICIENT_STOCK');
    expect((await post(`/api/jobs/${job.jobId}/reverse`, { allowNegativeStock: true })).status).toBe(200);

    const actions = stockEntries(await audit({ jobId: job.jobId })).map((entry) => entry.action);
    expect(actions.sort()).toEqual(['apply', 'override.negative-stock', 'reverse']);
  });

  it('pages with limit and cursor, and filters by action and time', async () => {
    // Arrange: at least the entries of the tests above
    const all = await audit({ limit: '100' });
    expect(all.items.length).toBeGreaterThanOrEqual(4);

    // Act
    const first = await audit({ limit: '2' });
    const second = await audit({ limit: '2', cursor: first.nextCursor ?? '' });
    const applies = await audit({ action: 'apply', limit: '100' });
    const future = await audit({ from: '2999-01-01T00:00:00Z' });
    const past = await audit({ to: '2000-01-01T00:00:00+01:00' });

    // Assert
    expect([...first.items, ...second.items]).toEqual(all.items.slice(0, 4));
    expect(applies.items.length).toBeGreaterThan(0);
    expect(applies.items.every((entry) => entry.action === 'apply')).toBe(true);
    expect(future.items).toEqual([]);
    expect(past.items).toEqual([]);
  });

  it.each([
    ['an unknown action', { action: 'job.delete' }, '/action'],
    ['a job id that is not one', { jobId: 'job-1' }, '/jobId'],
    ['a time that is not ISO', { from: 'yesterday' }, '/from'],
    ['a limit above 100', { limit: '101' }, '/limit'],
    ['an unknown filter', { who: 'ana' }, ''],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_, query, path) => {
    const response = await suite.api.http.get('/api/audit').query(query);

    expectError(response, 400, 'VALIDATION_FAILED');
    expect(response.body.error.details.issues.map((issue: { path: string }) => issue.path)).toContain(path);
  });

  it('refuses a cursor issued for another filter with 400 VALIDATION_FAILED', async () => {
    const { nextCursor } = await audit({ limit: '1' });

    expectError(await suite.api.http.get('/api/audit').query({ limit: '1', action: 'apply', cursor: nextCursor ?? 'x' }), 400, 'VALIDATION_FAILED');
  });
});
