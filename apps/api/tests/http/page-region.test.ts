import type { PageRegion, ParseResult } from '@invoice/contracts';
import { layoutKey } from '@invoice/inventory';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { REPO_ROOT } from '../support/paths';
import { expectContract, expectError, makeDataDir, startTestServer, type TestServer } from '../support/test-server';

const fixturesDir = inject('fixturesDir');
/** The browser journey's invoice whose third line ("Total station calibration") the parser misses. */
const MISSED_LINE_PDF = path.join(REPO_ROOT, 'apps', 'web-e2e', 'fixtures', 'missed_line.pdf');

/** A box a little larger than a line's bbox ([x0, top, x1, bottom]), as an operator draws it. */
function around([x0, top, x1, bottom]: [number, number, number, number], margin = 3): string {
  const box = { x0: x0 - margin, y0: top - margin, x1: x1 + margin, y1: bottom + margin };
  return new URLSearchParams(Object.entries(box).map(([key, value]): [string, string] => [key, String(Math.round(value * 100) / 100)])).toString();
}

/** GET /api/jobs/{id}/pages/{page}/region with the real Python parser's page layout behind it. */
describe.skipIf(fixturesDir === null)('reading a region of a page', () => {
  const dir = makeDataDir('page-region');
  let server: TestServer;
  let api: ApiClient;
  let jobId: string;
  let result: ParseResult;

  beforeAll(async () => {
    server = await startTestServer({ dataDir: dir.dataDir, parser: 'real' });
    api = new ApiClient(server.url, server.adminToken);
    const job = await api.parsed('ruled_basic.pdf', 'application/pdf', readFileSync(path.join(fixturesDir as string, 'ruled_basic.pdf')));
    expect(job.status, JSON.stringify(job.error)).toBe('PARSED');
    jobId = job.jobId;
    result = expectContract<ParseResult>('parse-result', (await api.http.get(`/api/jobs/${jobId}/result`)).body);
  });
  afterAll(async () => {
    await server?.close();
    dir.remove();
  });
  afterEach(() => {
    expect(server.unexpectedErrors).toEqual([]);
  });

  it('reads a boxed line as the parser read it', async () => {
    // Arrange: the second line, "PJ-2500 Pallet jack 2.5 t 1 389.50 389.50"
    const line = result.lines[1];
    expect(line?.sku).toBe('PJ-2500');

    // Act
    const response = await api.http.get(`/api/jobs/${jobId}/pages/1/region?${around(line?.bbox as [number, number, number, number])}`);

    // Assert
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const region = expectContract<PageRegion>('page-region', response.body);
    expect(region.line).toEqual({
      sku: line?.sku,
      description: line?.description,
      quantity: line?.quantity,
      unit: line?.unit,
      unitPrice: line?.unitPrice,
      lineTotal: line?.lineTotal,
    });
    expect(region.words.map((word) => word.text)).toEqual(['PJ-2500', 'Pallet', 'jack', '2.5', 't', '1', '389.50', '389.50']);
    expect(region.page).toBe(1);
  });

  it('keeps to the words inside the box', async () => {
    // Arrange: the same line without its last figure (the line total)
    const [x0, top, , bottom] = result.lines[1]?.bbox as [number, number, number, number];

    // Act
    const response = await api.http.get(`/api/jobs/${jobId}/pages/1/region`).query({ x0: x0 - 2, y0: top - 2, x1: 500, y1: bottom + 2 });

    // Assert
    expect(response.status).toBe(200);
    const region = expectContract<PageRegion>('page-region', response.body);
    expect(region.line).toEqual({ sku: 'PJ-2500', description: 'Pallet jack 2.5 t', quantity: '1', unit: null, unitPrice: '389.50', lineTotal: null });
  });

  it('reads a drag past the page\'s left and top edges from the edges, as the pointer stays captured beyond them', async () => {
    // Arrange: the second line, boxed from beyond the left edge of the page
    const [, top, , bottom] = result.lines[1]?.bbox as [number, number, number, number];

    // Act
    const response = await api.http.get(`/api/jobs/${jobId}/pages/1/region`).query({ x0: '-12.5', y0: top - 2, x1: 600, y1: bottom + 2 });
    const fromTop = await api.http.get(`/api/jobs/${jobId}/pages/1/region?x0=-5&y0=-5&x1=1&y1=1`);

    // Assert
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const region = expectContract<PageRegion>('page-region', response.body);
    expect(region.bbox.x0).toBe(0);
    expect(region.line?.sku).toBe('PJ-2500');
    expect(fromTop.status).toBe(200);
    expect(fromTop.body.bbox).toEqual({ x0: 0, y0: 0, x1: 1, y1: 1 });
  });

  it('answers no line for a box without words', async () => {
    // Act
    const response = await api.http.get(`/api/jobs/${jobId}/pages/1/region?x0=10&y0=700&x1=20&y1=710`);

    // Assert
    expect(response.status).toBe(200);
    expect(expectContract<PageRegion>('page-region', response.body)).toEqual({ page: 1, bbox: { x0: 10, y0: 700, x1: 20, y1: 710 }, words: [], line: null });
  });

  it('reads the line the parser missed', async () => {
    // Arrange
    const job = await api.parsed('missed_line.pdf', 'application/pdf', readFileSync(MISSED_LINE_PDF));
    const missed = expectContract<ParseResult>('parse-result', (await api.http.get(`/api/jobs/${job.jobId}/result`)).body);
    expect(missed.lines.map((line) => line.description)).toEqual(['Steel shelving unit 180 cm', 'Safety gloves, size L', 'Floor marking tape 50 m']);

    // Act: the box round the third printed row
    const response = await api.http.get(`/api/jobs/${job.jobId}/pages/1/region?x0=40&y0=242&x1=555&y1=260`);

    // Assert
    expect(response.status).toBe(200);
    expect(expectContract<PageRegion>('page-region', response.body).line).toEqual({
      sku: null,
      description: 'Total station calibration',
      quantity: '2',
      unit: null,
      unitPrice: '42.50',
      lineTotal: '85.00',
    });
  });

  it.each([
    ['a coordinate that is no number', '1/region?x0=a&y0=0&x1=10&y1=10'],
    ['a missing coordinate', '1/region?x0=0&y0=0&x1=10'],
    ['a box wholly past the left edge', '1/region?x0=-20&y0=0&x1=-10&y1=10'],
    ['x1 not right of x0', '1/region?x0=10&y0=0&x1=10&y1=10'],
    ['y1 above y0', '1/region?x0=0&y0=10&x1=10&y1=5'],
    ['page 0', '0/region?x0=0&y0=0&x1=10&y1=10'],
    ['a page past the last', '2/region?x0=0&y0=0&x1=10&y1=10'],
    ['an unknown query parameter', '1/region?x0=0&y0=0&x1=10&y1=10&zoom=2'],
  ])('answers 400 for %s', async (_, tail) => {
    // Act
    const response = await api.http.get(`/api/jobs/${jobId}/pages/${tail}`);

    // Assert
    expectError(response, 400, 'VALIDATION_FAILED');
  });

  it('answers 404 for an unknown job', async () => {
    // Act
    const response = await api.http.get('/api/jobs/00000000-0000-4000-8000-000000000099/pages/1/region?x0=0&y0=0&x1=10&y1=10');

    // Assert
    expectError(response, 404, 'JOB_NOT_FOUND');
  });

  it('answers 409 while the job has no parse result', async () => {
    // Arrange: uploaded, never parsed
    const job = await api.createAndUpload('later.pdf', 'application/pdf', readFileSync(MISSED_LINE_PDF));

    // Act
    const response = await api.http.get(`/api/jobs/${job.jobId}/pages/1/region?x0=0&y0=0&x1=10&y1=10`);

    // Assert
    expectError(response, 409, 'RESULT_NOT_AVAILABLE');
  });

  it('answers 404 LAYOUT_UNAVAILABLE for a result parsed without a layout', async () => {
    // Arrange: a parse from before layouts were written
    const job = await api.parsed('old.pdf', 'application/pdf', readFileSync(path.join(fixturesDir as string, 'unruled_basic.pdf')));
    rmSync(path.join(dir.dataDir, 'blobs', layoutKey(job.jobId, job.attempt)));

    // Act
    const response = await api.http.get(`/api/jobs/${job.jobId}/pages/1/region?x0=0&y0=0&x1=500&y1=500`);

    // Assert
    expectError(response, 404, 'LAYOUT_UNAVAILABLE');
  });

  it('answers 500 PARSER_OUTPUT_INVALID for a corrupt layout and logs the parse error as its cause', async () => {
    // Arrange: a layout file that is not JSON
    const job = await api.parsed('corrupt.pdf', 'application/pdf', readFileSync(path.join(fixturesDir as string, 'unruled_basic.pdf')));
    writeFileSync(path.join(dir.dataDir, 'blobs', layoutKey(job.jobId, job.attempt)), '{"pages": [');

    // Act
    const response = await api.http.get(`/api/jobs/${job.jobId}/pages/1/region?x0=0&y0=0&x1=500&y1=500`);

    // Assert
    expectError(response, 500, 'PARSER_OUTPUT_INVALID');
    expect(server.unexpectedErrors).toHaveLength(1);
    expect((server.unexpectedErrors[0] as Error).cause).toBeInstanceOf(SyntaxError);
    server.unexpectedErrors.length = 0; // logged on purpose here
  });
});
