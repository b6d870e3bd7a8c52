import type { AuditAction, AuditEntry, JobReview, ListAuditResponse } from '@invoice/contracts';
import { MAX_AUDIT_CHANGE_BYTES } from '@invoice/inventory';
import { describe, expect, it } from 'vitest';
import { ApiClient, fakeInvoice, skusOf } from '../support/api-client';
import { serverPerSuite, type SuiteServer } from '../support/server-per-suite';
import { expectContract, expectError } from '../support/test-server';

/** The one entry of `action` the trail holds for the job (or for no job), read through GET /api/audit. */
async function entryOf(api: ApiClient, action: AuditAction, jobId?: string): Promise<AuditEntry> {
  const entries = await entriesOf(api, action, jobId);
  expect(entries, `${action} entries`).toHaveLength(1);
  return entries[0] as AuditEntry;
}

async function entriesOf(api: ApiClient, action: AuditAction, jobId?: string): Promise<AuditEntry[]> {
  const response = await api.http.get('/api/audit').query({ action, limit: '100', ...(jobId === undefined ? {} : { jobId }) });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return expectContract<ListAuditResponse>('api/list-audit-response', response.body).items;
}

/** The test server's administrator, whose API token ApiClient sends. */
const ADMIN = { user: 'admin', role: 'admin' };

async function parsedJob(suite: SuiteServer, lines: object[], extra: object = {}): Promise<string> {
  await suite.api.catalogue(...skusOf(lines));
  const job = await suite.api.parsed('invoice.pdf', 'application/pdf', fakeInvoice(lines, extra));
  expect(job.status).toBe('PARSED');
  return job.jobId;
}

/** Issue 15: every state-changing action is recorded in the audit trail with who did it and what changed. */
describe('the audit trail of every action', () => {
  const suite = serverPerSuite('audit-actions', { env: { PARSER_CONCURRENCY: '4' } });
  const api = () => suite.api;

  it('records job.create with the file the job expects', async () => {
    const created = await api().create('invoice one.pdf', 'application/pdf', 1234);

    const entry = await entryOf(api(), 'job.create', created.job.jobId);

    expect(entry).toMatchObject({ jobId: created.job.jobId, actor: ADMIN, change: { fileName: 'invoice one.pdf', contentType: 'application/pdf', sizeBytes: 1234 } });
    expect(entry.at).toBe(created.job.createdAt);
  });

  it('records job.upload once, when the local upload route has stored the file, naming the job creator', async () => {
    // Arrange
    const body = fakeInvoice([{ sku: 'AA-UP-1', quantity: '1' }]);
    const created = await api().create('upload.pdf', 'application/pdf', body.length);
    expect(await entriesOf(api(), 'job.upload', created.job.jobId)).toEqual([]);

    // Act
    const uploaded = await api().put(created.upload.url, body, created.upload.headers as Record<string, string>);
    const afterUpload = await entryOf(api(), 'job.upload', created.job.jobId);
    await api().startParse(created.job.jobId);
    await api().settled(created.job.jobId);

    // Assert: the upload's entry names the creator (the signed PUT carries no login); the parse adds none
    expect(uploaded.status).toBe(200);
    expect(afterUpload).toMatchObject({
      actor: ADMIN,
      change: { fileName: 'upload.pdf', contentType: 'application/pdf', sizeBytes: body.length, seenAt: 'upload' },
    });
    expect(await entriesOf(api(), 'job.upload', created.job.jobId)).toEqual([afterUpload]);
  });

  it('records job.parse for the first attempt and job.reparse with its attempt number', async () => {
    const jobId = await parsedJob(suite, [{ sku: 'AA-PARSE-1', quantity: '1' }]);

    await api().startParse(jobId);
    await api().settled(jobId);

    expect(await entryOf(api(), 'job.parse', jobId)).toMatchObject({ actor: ADMIN, change: { attempt: 1 } });
    expect(await entryOf(api(), 'job.reparse', jobId)).toMatchObject({ actor: ADMIN, change: { attempt: 2 } });
  });

  it('records review.save with the revision, its base and the changes as sent, and the review names its reviewer', async () => {
    // Arrange
    const jobId = await parsedJob(suite, [
      { sku: 'AA-REV-1', quantity: '2', description: 'Bolt' },
      { sku: 'AA-REV-2', quantity: '1', description: 'Nut' },
    ], { supplier: 'Audit Review Co', number: 'AR-1' });
    const changes = {
      corrections: [{ lineIndex: 0, quantity: '2.5' }, { lineIndex: 1, deleted: true }],
      addedLines: [{ sku: 'AA-REV-1', description: 'Missed bolt', quantity: '1' }],
      header: { invoiceNumber: 'AR-1b', total: '12.50' },
      skuMappings: [{ supplierSku: 'AA-REV-1', inventorySku: 'AA-REV-1' }],
    };

    // Act
    const saved = await api().http.put(`/api/jobs/${jobId}/review`).send({ baseRevision: 0, ...changes });

    // Assert
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const review = expectContract<JobReview>('job-review', saved.body);
    expect(review.reviewedBy).toBe('admin');
    const entry = await entryOf(api(), 'review.save', jobId);
    expect(entry).toMatchObject({ actor: ADMIN });
    expect(entry.change).toEqual({ revision: 1, baseRevision: 0, ...changes });
    expect(entry.at).toBe(review.updatedAt);
  });

  it('records a review too large for one entry by its counts', async () => {
    // Arrange: 20 lines each given a 4,000-character description is more than MAX_AUDIT_CHANGE_BYTES
    const lines = Array.from({ length: 20 }, (_, index) => ({ sku: `AA-BIG-${index}`, quantity: '1' }));
    const jobId = await parsedJob(suite, lines);
    const corrections = lines.map((_, lineIndex) => ({ lineIndex, description: 'x'.repeat(4000) }));
    expect(JSON.stringify(corrections).length).toBeGreaterThan(MAX_AUDIT_CHANGE_BYTES);

    // Act
    const saved = await api().http.put(`/api/jobs/${jobId}/review`).send({ baseRevision: 0, corrections, header: { total: '1.00' } });

    // Assert
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await entryOf(api(), 'review.save', jobId)).change).toEqual({
      revision: 1,
      baseRevision: 0,
      changesTruncated: true,
      correctionCount: 20,
      addedLineCount: 0,
      headerFields: ['total'],
      skuMappingCount: 0,
    });
  });

  it('records item.create with the item, and item.update with each field changed, old and new', async () => {
    // Act
    const created = await api().http.post('/api/items').send({ sku: 'AA-ITEM-1', name: 'Bolt', unit: 'pcs' });
    const updated = await api().http.put('/api/items/AA-ITEM-1').send({ name: 'Bolt M6', unit: 'pcs', gtin: '4006381333931', expectedVersion: 1 });

    // Assert
    expect([created.status, updated.status]).toEqual([201, 200]);
    const [update, create] = await Promise.all([entryOf(api(), 'item.update'), entryOf(api(), 'item.create')]);
    expect(create).toMatchObject({ jobId: null, actor: ADMIN, change: { sku: 'AA-ITEM-1', name: 'Bolt', unit: 'pcs', gtin: null, version: 1 } });
    expect(update).toMatchObject({ jobId: null, actor: ADMIN });
    expect(update.change).toEqual({
      sku: 'AA-ITEM-1',
      version: 2,
      fields: { name: { from: 'Bolt', to: 'Bolt M6' }, gtin: { from: null, to: '4006381333931' } },
    });
  });

  it('records item.import with its counts and the SKUs of the CSV, and an import that changes nothing not at all', async () => {
    // Arrange
    const csv = ['sku,name,unit', 'AA-IMP-1,Washer,pcs', 'AA-IMP-2,Screw,pcs', 'AA-ITEM-IMPORTED,Nail,pcs'].join('\r\n');
    const before = (await entriesOf(api(), 'item.import')).length;

    // Act
    const first = await api().http.post('/api/items/import').send({ csv });
    const repeat = await api().http.post('/api/items/import').send({ csv });

    // Assert
    expect([first.status, repeat.status]).toEqual([200, 200]);
    const entries = await entriesOf(api(), 'item.import');
    expect(entries).toHaveLength(before + 1);
    expect(entries[0]).toMatchObject({
      jobId: null,
      actor: ADMIN,
      change: { created: 3, updated: 0, rowCount: 3, skus: ['AA-IMP-1', 'AA-IMP-2', 'AA-ITEM-IMPORTED'] },
    });
  });

  it('records mapping.put with the mapping and the one it replaced, and mapping.delete with what it mapped to', async () => {
    // Act
    const path = '/api/sku-mappings/audit%20mapping%20co/SUP-1';
    const created = await api().http.put(path).send({ inventorySku: 'AA-MAP-1' });
    const replaced = await api().http.put(path).send({ inventorySku: 'AA-MAP-2', packSize: '12' });
    const deleted = await api().http.delete(path);

    // Assert
    expect([created.status, replaced.status, deleted.status]).toEqual([200, 200, 204]);
    const puts = await entriesOf(api(), 'mapping.put');
    const mine = puts.filter((entry) => entry.change.supplierKey === 'audit mapping co');
    expect(mine.map((entry) => entry.change)).toEqual([
      { supplierKey: 'audit mapping co', supplierSku: 'SUP-1', inventorySku: 'AA-MAP-2', packSize: '12', previous: { inventorySku: 'AA-MAP-1', packSize: '1' } },
      { supplierKey: 'audit mapping co', supplierSku: 'SUP-1', inventorySku: 'AA-MAP-1', packSize: '1', previous: null },
    ]);
    expect(mine[0]).toMatchObject({ jobId: null, actor: ADMIN });
    expect(await entryOf(api(), 'mapping.delete')).toMatchObject({
      actor: ADMIN,
      change: { supplierKey: 'audit mapping co', supplierSku: 'SUP-1', previous: { inventorySku: 'AA-MAP-2', packSize: '12' } },
    });
    expectError(await api().http.delete(path), 404, 'MAPPING_NOT_FOUND');
    expect(await entriesOf(api(), 'mapping.delete')).toHaveLength(1);
  });

  it('records supplier.merge with the two suppliers and what moved, and a repeated merge not at all', async () => {
    // Arrange: two suppliers known by a mapping each
    for (const [supplier, supplierSku] of [['audit merge from', 'M-FROM'], ['audit merge into', 'M-INTO']] as const) {
      const put = await api().http.put(`/api/sku-mappings/${encodeURIComponent(supplier)}/${supplierSku}`).send({ inventorySku: 'AA-MERGE' });
      expect(put.status).toBe(200);
    }

    // Act
    const merged = await api().http.post('/api/suppliers/merge').send({ from: 'audit merge from', into: 'audit merge into' });
    const repeated = await api().http.post('/api/suppliers/merge').send({ from: 'audit merge from', into: 'audit merge into' });

    // Assert
    expect([merged.status, repeated.status]).toEqual([200, 200]);
    expect(await entryOf(api(), 'supplier.merge')).toMatchObject({
      jobId: null,
      actor: ADMIN,
      // The identity moved is from's own name, which now leads to into.
      change: { from: 'audit merge from', into: 'audit merge into', moved: { identities: 1, mappings: 1 } },
    });
  });
});

/** REQUIRE_SECOND_APPROVER=true: the user who saved a review revision may not apply it; another approver may. */
describe('four eyes', () => {
  const suite = serverPerSuite('four-eyes', { env: { REQUIRE_SECOND_APPROVER: 'true' } });

  async function as(role: 'clerk' | 'approver', username: string): Promise<ApiClient> {
    return new ApiClient(suite.server.url, await suite.server.tokenFor(role, username));
  }

  it('refuses the reviewer\'s own apply with 403 SECOND_APPROVER_REQUIRED, recorded as apply.refused, and lets another approver apply', async () => {
    // Arrange: anna (an approver) saves the review
    const jobId = await parsedJob(suite, [{ sku: 'FE-1', quantity: '3' }], { supplier: 'Four Eyes Co', number: 'FE-1' });
    const [anna, bert] = [await as('approver', 'anna'), await as('approver', 'bert')];
    const saved = await anna.http.put(`/api/jobs/${jobId}/review`).send({ baseRevision: 0, corrections: [{ lineIndex: 0, quantity: '4' }] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const stockBefore = await suite.api.inventory();

    // Act
    const refused = await anna.http.post(`/api/jobs/${jobId}/apply`).send({ reviewRevision: 1 });
    const stockAfterRefusal = await suite.api.inventory();
    const review = expectContract<JobReview>('job-review', (await bert.http.get(`/api/jobs/${jobId}/review`)).body);
    const applied = await bert.http.post(`/api/jobs/${jobId}/apply`).send({ reviewRevision: 1 });

    // Assert
    expectError(refused, 403, 'SECOND_APPROVER_REQUIRED');
    expect(refused.body.error.details).toMatchObject({ jobId, reviewRevision: 1, savedBy: 'anna' });
    expect(stockAfterRefusal).toEqual(stockBefore);
    expect(review.reviewedBy).toBe('anna');
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toMatchObject({ outcome: 'APPLIED', ledger: { deltas: [{ sku: 'FE-1', quantity: '4' }] } });
    expect(await entryOf(suite.api, 'apply.refused', jobId)).toMatchObject({
      actor: { user: 'anna', role: 'approver' },
      change: { code: 'SECOND_APPROVER_REQUIRED', details: { savedBy: 'anna' }, reviewRevision: 1 },
    });
    expect(await entryOf(suite.api, 'apply', jobId)).toMatchObject({ actor: { user: 'bert', role: 'approver' } });
    expect(await entryOf(suite.api, 'review.save', jobId)).toMatchObject({ actor: { user: 'anna', role: 'approver' } });
  });

  it('lets a clerk\'s review be applied by any approver, and an unreviewed job by anyone who may apply', async () => {
    const reviewed = await parsedJob(suite, [{ sku: 'FE-2', quantity: '1' }], { supplier: 'Four Eyes Co', number: 'FE-2' });
    const unreviewed = await parsedJob(suite, [{ sku: 'FE-3', quantity: '1' }], { supplier: 'Four Eyes Co', number: 'FE-3' });
    const carla = await as('clerk', 'carla');
    expect((await carla.http.put(`/api/jobs/${reviewed}/review`).send({ baseRevision: 0, corrections: [{ lineIndex: 0, quantity: '2' }] })).status).toBe(200);

    const applies = [await suite.api.http.post(`/api/jobs/${reviewed}/apply`).send({}), await suite.api.http.post(`/api/jobs/${unreviewed}/apply`).send({})];

    expect(applies.map((answer) => [answer.status, answer.body.outcome])).toEqual([
      [200, 'APPLIED'],
      [200, 'APPLIED'],
    ]);
  });
});
