import type { ApplyResult, JobReview, ParseResult } from '@invoice/contracts';
import { ExactDecimal, formatDecimal } from '@invoice/inventory';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, bytesBody } from '../support/api-client';
import { expectContract, expectError, makeDataDir, startTestServer, type TestServer } from '../support/test-server';

const fixturesDir = inject('fixturesDir');

interface Truth {
  lines: { sku: string | null; quantity: string | null; kind: 'item' | 'charge' }[];
}

function fixture(name: string): Buffer {
  return readFileSync(path.join(fixturesDir as string, name));
}

function truth(name: string): Truth {
  return JSON.parse(readFileSync(path.join(fixturesDir as string, `${name}.truth.json`), 'utf8')) as Truth;
}

/** SKU -> summed quantity of the item lines, as the ledger should move it. */
function expectedDeltas(lines: Truth['lines']): Record<string, string> {
  const sums = new Map<string, InstanceType<typeof ExactDecimal>>();
  for (const line of lines.filter((candidate) => candidate.kind === 'item')) {
    sums.set(line.sku as string, (sums.get(line.sku as string) ?? new ExactDecimal(0)).plus(line.quantity as string));
  }
  return Object.fromEntries([...sums].map(([sku, sum]) => [sku, formatDecimal(sum)]));
}

function itemPairs(lines: { sku: string | null; quantity: string | null; kind: string }[]) {
  return lines.filter((line) => line.kind === 'item').map((line) => ({ sku: line.sku, quantity: new ExactDecimal(line.quantity as string).toFixed() }));
}

/** The whole workflow through HTTP with the real Python parser in subprocesses, on generated invoice PDFs. */
describe.skipIf(fixturesDir === null)('workflow with the real parser', () => {
  const dir = makeDataDir('workflow');
  let server: TestServer;
  let api: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ dataDir: dir.dataDir, parser: 'real' });
    api = new ApiClient(server.url, server.adminToken);
  });
  afterAll(async () => {
    await server?.close();
    dir.remove();
  });
  afterEach(() => {
    expect(server.unexpectedErrors).toEqual([]);
  });

  it('parses, applies once, and moves stock by exactly the invoice quantities', async () => {
    // Arrange
    const expected = truth('ruled_basic');
    const before = await api.inventory();

    // Act: create -> PUT -> parse -> poll
    const job = await api.parsed('ruled_basic.pdf', 'application/pdf', fixture('ruled_basic.pdf'));

    // Assert: the parsed items are the truth's
    expect(job.status, JSON.stringify(job.error)).toBe('PARSED');
    const resultResponse = await api.http.get(`/api/jobs/${job.jobId}/result`);
    expect(resultResponse.status).toBe(200);
    const result = expectContract<ParseResult>('parse-result', resultResponse.body);
    expect(itemPairs(result.lines)).toEqual(itemPairs(expected.lines));

    // Act: apply (its SKUs created in the catalogue first, as the review screen offers)
    await api.catalogueNewSkus(job.jobId);
    const applied = await api.http.post(`/api/jobs/${job.jobId}/apply`);

    // Assert: stock moved by exactly the truth's quantities
    expect(applied.status).toBe(200);
    expect(expectContract<ApplyResult>('apply-result', applied.body).outcome).toBe('APPLIED');
    const after = await api.inventory();
    for (const [sku, quantity] of Object.entries(expectedDeltas(expected.lines))) {
      expect(after[sku], sku).toBe(formatDecimal(new ExactDecimal(before[sku] ?? '0').plus(quantity)));
    }

    // Act: apply again
    const again = await api.http.post(`/api/jobs/${job.jobId}/apply`);

    // Assert: nothing moved
    expect(again.status).toBe(200);
    expect(expectContract<ApplyResult>('apply-result', again.body).outcome).toBe('ALREADY_APPLIED');
    expect(await api.inventory()).toEqual(after);
  });

  it('applies exactly once under 20 concurrent requests on a fresh parsed job', async () => {
    // Arrange
    const job = await api.parsed('unruled_basic.pdf', 'application/pdf', fixture('unruled_basic.pdf'));
    expect(job.status, JSON.stringify(job.error)).toBe('PARSED');
    const before = await api.inventory();
    await api.catalogueNewSkus(job.jobId);

    // Act
    const responses = await Promise.all(Array.from({ length: 20 }, () => api.http.post(`/api/jobs/${job.jobId}/apply`)));

    // Assert
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    const outcomes = responses.map((response) => expectContract<ApplyResult>('apply-result', response.body).outcome);
    expect(outcomes.filter((outcome) => outcome === 'APPLIED')).toHaveLength(1);
    const after = await api.inventory();
    for (const [sku, quantity] of Object.entries(expectedDeltas(truth('unruled_basic').lines))) {
      expect(after[sku], sku).toBe(formatDecimal(new ExactDecimal(before[sku] ?? '0').plus(quantity)));
    }
  });

  it('ends FAILED with NOT_A_PDF for a text file', async () => {
    const job = await api.parsed('not_a_pdf.txt', 'text/plain', fixture('not_a_pdf.txt'));
    expect(job).toMatchObject({ status: 'FAILED', attempt: 1, error: { code: 'NOT_A_PDF' } });
    expectError(await api.http.get(`/api/jobs/${job.jobId}/result`), 409, 'RESULT_NOT_AVAILABLE');
  });

  it('re-parses into attempt 2 and serves the result of attempt 2', async () => {
    // Arrange: attempt 1 parsed; its stored output is then altered so that serving it would show
    const job = await api.parsed('ruled_basic.pdf', 'application/pdf', fixture('ruled_basic.pdf'));
    expect(job.status).toBe('PARSED');
    const blobs = server.composition.context.ports.blobs;
    const first = JSON.parse(String(await blobs.read(`parsed/${job.jobId}/attempt-1.json`))) as ParseResult;
    await blobs.write(`parsed/${job.jobId}/attempt-1.json`, JSON.stringify({ ...first, invoice: { ...first.invoice, number: 'STALE-ATTEMPT-1' } }));

    // Act
    const queued = await api.startParse(job.jobId);
    const settled = await api.settled(job.jobId);
    const response = await api.http.get(`/api/jobs/${job.jobId}/result`);

    // Assert
    expect(queued).toMatchObject({ status: 'QUEUED', attempt: 2 });
    expect(settled).toMatchObject({ status: 'PARSED', attempt: 2 });
    const result = expectContract<ParseResult>('parse-result', response.body);
    expect(result).toEqual(JSON.parse(String(await blobs.read(`parsed/${job.jobId}/attempt-2.json`))));
    expect(result.invoice.number).not.toBe('STALE-ATTEMPT-1');
  });

  it('reviews a real invoice beside its file: corrects a line, marks one not stock, applies that revision', async () => {
    // Arrange
    const pdf = fixture('ruled_basic.pdf');
    const job = await api.parsed('ruled_basic.pdf', 'application/pdf', pdf);
    expect(job.status, JSON.stringify(job.error)).toBe('PARSED');

    // Act: what the review screen loads
    const review = expectContract<JobReview>('job-review', (await api.http.get(`/api/jobs/${job.jobId}/review`)).body);
    const file = await api.http.get(`/api/jobs/${job.jobId}/file`).buffer(true).parse(bytesBody);

    // Assert: the lines are the truth's, and the page to render is the uploaded file
    expect(itemPairs(review.lines)).toEqual(itemPairs(truth('ruled_basic').lines));
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(file.body as Buffer, pdf)).toBe(0);

    // Act: correct the first item, take the last item out of stock, apply the saved revision
    const items = review.lines.filter((line) => line.kind === 'item');
    const [first, last] = [items[0], items.at(-1)];
    if (!first || !last || first === last) throw new Error('ruled_basic needs two item lines');
    const saved = await api.http.put(`/api/jobs/${job.jobId}/review`).send({
      baseRevision: review.revision,
      corrections: [
        { lineIndex: first.index, sku: 'REVIEWED-REAL-1', quantity: '1.5' },
        { lineIndex: last.index, notStock: true },
      ],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const revised = expectContract<JobReview>('job-review', saved.body);
    await api.catalogueNewSkus(job.jobId);
    // allowDuplicate: an earlier test of this suite may have applied the same file (DUPLICATE_INVOICE otherwise).
    const applied = await api.http.post(`/api/jobs/${job.jobId}/apply`).send({ reviewRevision: revised.revision, allowDuplicate: true });

    // Assert: the ledger moved exactly the reviewed stock changes, and the history names the revision
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    const result = expectContract<ApplyResult>('apply-result', applied.body);
    expect(result.ledger).toMatchObject({ reviewRevision: 1, deltas: revised.stockChanges });
    const truthItems = truth('ruled_basic').lines.filter((line) => line.kind === 'item');
    const reviewedTruth = [{ sku: 'REVIEWED-REAL-1', quantity: '1.5', kind: 'item' as const }, ...truthItems.slice(1, -1)];
    expect(Object.fromEntries(result.ledger.deltas.map((delta) => [delta.sku, delta.quantity]))).toEqual(expectedDeltas(reviewedTruth));
    const history = await api.http.get('/api/inventory/REVIEWED-REAL-1/movements');
    expect(history.body).toMatchObject({ quantity: '1.5', items: [{ jobId: job.jobId, delta: '1.5', reviewRevision: 1, fileName: 'ruled_basic.pdf' }] });
  });

  it('keeps jobs and stock across a restart on the same DATA_DIR', async () => {
    // Arrange
    const jobs = (await api.http.get('/api/jobs').query({ limit: '100' })).body.items as { jobId: string; status: string }[];
    const stock = await api.inventory();
    await server.close();

    // Act
    server = await startTestServer({ dataDir: dir.dataDir, parser: 'real' });
    api = new ApiClient(server.url, server.adminToken);

    // Assert
    const reread = (await api.http.get('/api/jobs').query({ limit: '100' })).body.items as { jobId: string; status: string }[];
    expect(reread.map(({ jobId, status }) => ({ jobId, status }))).toEqual(jobs.map(({ jobId, status }) => ({ jobId, status })));
    expect(await api.inventory()).toEqual(stock);
  });
});
