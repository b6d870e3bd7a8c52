import type { Job, ListJobsResponse } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import { fakeInvoice, fakeScript } from '../support/api-client';
import { serverPerSuite } from '../support/server-per-suite';
import { expectContract, expectError } from '../support/test-server';

describe('API requests', () => {
  const suite = serverPerSuite('requests', { env: { UPLOAD_MAX_BYTES: '1000' } });

  describe('GET /api/health', () => {
    it('answers ok with the storage mode', async () => {
      const response = await suite.api.http.get('/api/health');
      expect(response.status).toBe(200);
      expect(expectContract('api/health-response', response.body)).toMatchObject({ status: 'ok', storage: 'local' });
    });
  });

  describe('POST /api/jobs', () => {
    it('creates a CREATED job with a presigned PUT bound to the content type', async () => {
      // Act
      const created = await suite.api.create('invoice.pdf', 'application/pdf', 100);

      // Assert
      expect(created.job).toMatchObject({ status: 'CREATED', attempt: 0, version: 1, fileName: 'invoice.pdf', sizeBytes: 100 });
      expect(created.upload.method).toBe('PUT');
      expect(created.upload.headers).toEqual({ 'Content-Type': 'application/pdf' });
      expect(created.upload.url).toMatch(new RegExp(`^${suite.server.url}/api/uploads/${created.job.jobId}\\?expires=\\d+&sig=`));
      expect(Date.parse(created.upload.expiresAt) - Date.parse(created.job.createdAt)).toBe(900_000);
    });

    it.each([
      ['a negative size', { fileName: 'a.pdf', contentType: 'application/pdf', sizeBytes: -1 }],
      ['a zero size', { fileName: 'a.pdf', contentType: 'application/pdf', sizeBytes: 0 }],
      ['a fractional size', { fileName: 'a.pdf', contentType: 'application/pdf', sizeBytes: 1.5 }],
      ['a missing file name', { contentType: 'application/pdf', sizeBytes: 10 }],
      ['an unknown field', { fileName: 'a.pdf', contentType: 'application/pdf', sizeBytes: 10, path: '/etc' }],
      ['a malformed content type', { fileName: 'a.pdf', contentType: 'pdf', sizeBytes: 10 }],
      ['an array body', [1, 2]],
    ])('answers 400 VALIDATION_FAILED for %s', async (_label, body) => {
      const response = await suite.api.http.post('/api/jobs').send(body as object);
      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.body.error.details.issues.length).toBeGreaterThan(0);
    });

    it('answers 400 VALIDATION_FAILED for an empty body', async () => {
      expectError(await suite.api.http.post('/api/jobs'), 400, 'VALIDATION_FAILED');
    });

    it('answers 400 MALFORMED_JSON for a body that is not JSON', async () => {
      const response = await suite.api.http.post('/api/jobs').set('Content-Type', 'application/json').send('{"fileName": ');
      expectError(response, 400, 'MALFORMED_JSON');
    });

    it('answers 413 PAYLOAD_TOO_LARGE for a JSON body past the body limit', async () => {
      const body = JSON.stringify({ fileName: 'a'.repeat(200_000), contentType: 'application/pdf', sizeBytes: 1 });
      expectError(await suite.api.http.post('/api/jobs').set('Content-Type', 'application/json').send(body), 413, 'PAYLOAD_TOO_LARGE');
    });

    it('answers 415 UNSUPPORTED_MEDIA_TYPE for a form body', async () => {
      const response = await suite.api.http.post('/api/jobs').type('form').send('fileName=a.pdf');
      expectError(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('answers 413 UPLOAD_TOO_LARGE for a declared size above UPLOAD_MAX_BYTES', async () => {
      const response = await suite.api.http.post('/api/jobs').send({ fileName: 'a.pdf', contentType: 'application/pdf', sizeBytes: 1001 });
      expectError(response, 413, 'UPLOAD_TOO_LARGE');
      expect(response.body.error.details).toEqual({ sizeBytes: 1001, maxBytes: 1000 });
    });

    it('keeps a path-like file name as display name only', async () => {
      // Act
      const job = await suite.api.createAndUpload('../../../etc/passwd', 'application/pdf', fakeInvoice([]));

      // Assert
      expect(job.fileName).toBe('../../../etc/passwd');
      const stored = await suite.server.composition.context.ports.blobs.head(`raw/${job.jobId}/passwd`);
      expect(stored).not.toBeNull();
    });
  });

  describe('unknown jobs and routes', () => {
    const unknown = '00000000-0000-4000-8000-000000000000';

    it.each([
      ['get', `/api/jobs/${unknown}`],
      ['get', `/api/jobs/${unknown}/result`],
      ['post', `/api/jobs/${unknown}/parse`],
      ['post', `/api/jobs/${unknown}/apply`],
      ['get', '/api/jobs/not-a-job-id'],
      ['post', '/api/jobs/..%2F..%2Fetc/apply'],
    ] as const)('answers 404 JOB_NOT_FOUND for %s %s', async (method, path) => {
      expectError(await suite.api.http[method](path), 404, 'JOB_NOT_FOUND');
    });

    it.each([
      ['get', '/api/nothing-here'],
      ['delete', '/api/jobs'],
      ['get', '/not-the-api'],
    ] as const)('answers 404 ROUTE_NOT_FOUND for %s %s', async (method, path) => {
      expectError(await suite.api.http[method](path), 404, 'ROUTE_NOT_FOUND');
    });
  });

  describe('state checks', () => {
    it('answers 409 UPLOAD_NOT_FOUND when parsing before the upload', async () => {
      const created = await suite.api.create('a.pdf', 'application/pdf', 10);
      expectError(await suite.api.http.post(`/api/jobs/${created.job.jobId}/parse`), 409, 'UPLOAD_NOT_FOUND');
    });

    it('answers 409 RESULT_NOT_AVAILABLE before a parse', async () => {
      const created = await suite.api.create('a.pdf', 'application/pdf', 10);
      expectError(await suite.api.http.get(`/api/jobs/${created.job.jobId}/result`), 409, 'RESULT_NOT_AVAILABLE');
    });

    it('answers 409 JOB_INVALID_STATE when applying a job that is not parsed', async () => {
      const created = await suite.api.create('a.pdf', 'application/pdf', 10);
      const response = await suite.api.http.post(`/api/jobs/${created.job.jobId}/apply`);
      expectError(response, 409, 'JOB_INVALID_STATE');
      expect(response.body.error.details).toMatchObject({ status: 'CREATED' });
    });

    it('answers 409 JOB_INVALID_STATE when parsing a job that is already being parsed', async () => {
      // Arrange
      const job = await suite.api.createAndUpload('slow.pdf', 'application/pdf', fakeScript({ fake: 'sleep', seconds: 1 }));
      await suite.api.startParse(job.jobId);

      // Act
      const again = await suite.api.http.post(`/api/jobs/${job.jobId}/parse`);

      // Assert
      expectError(again, 409, 'JOB_INVALID_STATE');
      expect((await suite.api.settled(job.jobId)).status).toBe('PARSED');
    });

    it('answers 400 VALIDATION_FAILED for an apply body with fields', async () => {
      const job = await suite.api.parsed('a.pdf', 'application/pdf', fakeInvoice([{ sku: 'Q', quantity: '1' }]));
      expectError(await suite.api.http.post(`/api/jobs/${job.jobId}/apply`).send({ force: true }), 400, 'VALIDATION_FAILED');
    });
  });

  describe('GET /api/jobs', () => {
    it('pages through jobs newest first with an opaque cursor', async () => {
      // Arrange
      const ids: string[] = [];
      for (let n = 0; n < 5; n += 1) ids.push((await suite.api.create(`p${n}.pdf`, 'application/pdf', 10)).job.jobId);

      // Act
      const seen: Job[] = [];
      let cursor: string | null = null;
      do {
        const query: Record<string, string> = cursor ? { limit: '2', cursor } : { limit: '2' };
        const response = await suite.api.http.get('/api/jobs').query(query);
        expect(response.status).toBe(200);
        const page: ListJobsResponse = expectContract<ListJobsResponse>('api/list-jobs-response', response.body);
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);

      // Assert
      const order = seen.map((job) => job.jobId).filter((id) => ids.includes(id));
      expect(order).toEqual([...ids].reverse());
      expect(new Set(seen.map((job) => job.jobId)).size).toBe(seen.length);
    });

    it.each([{ limit: '0' }, { limit: '101' }, { limit: '1000' }, { limit: 'ten' }, { cursor: 'bogus' }, { cursor: '%%%' }, { other: '1' }])(
      'answers 400 VALIDATION_FAILED for the query %j',
      async (query) => {
        expectError(await suite.api.http.get('/api/jobs').query(query), 400, 'VALIDATION_FAILED');
      },
    );
  });
});
