import type { PageLayout, PageRegion, ParseResult } from '@invoice/contracts';
import { layoutKey, pagesKey } from '@invoice/inventory';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, bytesBody } from '../support/api-client';
import { REPO_ROOT, VENV_PYTHON } from '../support/paths';
import { expectContract, expectError, makeDataDir, startTestServer, type TestServer } from '../support/test-server';

const fixturesDir = inject('fixturesDir');
const E_INVOICE_XML = path.join(REPO_ROOT, 'apps', 'parser-py', 'tests', 'einvoice', 'fixtures', 'kosit', 'standard__01.01a-INVOICE_uncefact.xml');

/** Runs a Python snippet of the project's environment on the given stdin, for what node cannot do with a PDF. */
function python(script: string, args: string[], input?: Buffer): Buffer {
  const ran = spawnSync(VENV_PYTHON, ['-c', script, ...args], {
    cwd: REPO_ROOT,
    input,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (ran.status !== 0) throw new Error(ran.stderr.toString());
  return ran.stdout;
}

/** A fixture invoice as a scanner delivers it: its first page rasterised to a 200 dpi greyscale PNG. */
function scannedPng(name: string): Buffer {
  const script = [
    'import io, sys, pypdfium2',
    'page = pypdfium2.PdfDocument(sys.argv[1])[0]',
    'image = page.render(scale=200 / 72, grayscale=True).to_pil()',
    'buffer = io.BytesIO(); image.save(buffer, format="PNG", dpi=(200, 200))',
    'sys.stdout.buffer.write(buffer.getvalue())',
  ].join('\n');
  return python(script, [path.join(fixturesDir as string, `${name}.pdf`)]);
}

/** Each page's [width, height] in points, as pdfium reads the PDF. */
function pageSizes(pdf: Buffer): [number, number][] {
  const script = [
    'import json, sys, pypdfium2',
    'document = pypdfium2.PdfDocument(sys.stdin.buffer.read())',
    'print(json.dumps([list(page.get_size()) for page in document]))',
  ].join('\n');
  return JSON.parse(python(script, [], pdf).toString()) as [number, number][];
}

/** GET /api/jobs/{id}/pages.pdf, the pages the review draws its boxes on, with the real parser behind it. */
describe.skipIf(fixturesDir === null)('the pages of a job as the parser read them', () => {
  const dir = makeDataDir('page-copy');
  let server: TestServer;
  let api: ApiClient;
  let scanJobId: string;
  let scanResult: ParseResult;

  const pagesPdf = (jobId: string) => api.http.get(`/api/jobs/${jobId}/pages.pdf`).buffer(true).parse(bytesBody);
  const pagesError = (jobId: string) => api.http.get(`/api/jobs/${jobId}/pages.pdf`);

  beforeAll(async () => {
    server = await startTestServer({ dataDir: dir.dataDir, parser: 'real' });
    api = new ApiClient(server.url, server.adminToken);
    const job = await api.parsed('Scan März.png', 'image/png', scannedPng('unruled_basic'));
    expect(job.status, JSON.stringify(job.error)).toBe('PARSED');
    scanJobId = job.jobId;
    scanResult = expectContract<ParseResult>('parse-result', (await api.http.get(`/api/jobs/${scanJobId}/result`)).body);
    expect(scanResult.extraction.ocr?.pages).toEqual([1]);
  });
  afterAll(async () => {
    await server?.close();
    dir.remove();
  });
  afterEach(() => {
    expect(server.unexpectedErrors).toEqual([]);
  });

  it('serves an image upload as the PDF of the page OCR read, at the size its boxes are measured in', async () => {
    // Act
    const response = await pagesPdf(scanJobId);

    // Assert
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('inline; filename="Scan_Marz.pdf"');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('private, no-store');
    const pdf = response.body as Buffer;
    expect(response.headers['content-length']).toBe(String(pdf.length));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const layout = JSON.parse(readFileSync(path.join(dir.dataDir, 'blobs', layoutKey(scanJobId, 1)), 'utf8')) as PageLayout;
    const sizes = pageSizes(pdf);
    expect(sizes).toHaveLength(scanResult.source.pages);
    expect(sizes.map(([width, height]) => [Math.round(width * 100) / 100, Math.round(height * 100) / 100])).toEqual(
      layout.pages.map((page) => [page.width, page.height]),
    );
    // Every line's box lies on that page.
    const [width, height] = sizes[0] as [number, number];
    for (const line of scanResult.lines) {
      const [x0, top, x1, bottom] = line.bbox as [number, number, number, number];
      expect([x0 >= 0, top >= 0, x1 <= width, bottom <= height]).toEqual([true, true, true, true]);
    }
  });

  it('reads a box drawn on a scanned page as the parser read the line', async () => {
    // Arrange: a line of the scan, boxed a little larger than its bbox
    const line = scanResult.lines.find((candidate) => candidate.kind === 'item');
    const [x0, top, x1, bottom] = line?.bbox as [number, number, number, number];

    // Act
    const response = await api.http.get(`/api/jobs/${scanJobId}/pages/1/region`).query({ x0: x0 - 3, y0: top - 3, x1: x1 + 3, y1: bottom + 3 });

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
  });

  it('serves a text PDF, which has no page copy, as the upload itself', async () => {
    // Arrange
    const upload = readFileSync(path.join(fixturesDir as string, 'ruled_basic.pdf'));
    const job = await api.parsed('ruled basic.pdf', 'application/pdf', upload);

    // Act
    const response = await pagesPdf(job.jobId);

    // Assert
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('inline; filename="ruled_basic.pdf"');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(response.body as Buffer, upload)).toBe(0);
  });

  it('answers 404 PAGES_UNAVAILABLE for an e-invoice XML, which has no pages', async () => {
    // Arrange
    const job = await api.parsed('invoice.xml', 'application/xml', readFileSync(E_INVOICE_XML));
    expect(job.status, JSON.stringify(job.error)).toBe('PARSED');

    // Act
    const response = await pagesError(job.jobId);

    // Assert
    expectError(response, 404, 'PAGES_UNAVAILABLE');
  });

  it('answers 409 RESULT_NOT_AVAILABLE before a parse, and 404 for an unknown job', async () => {
    // Arrange: uploaded, never parsed
    const job = await api.createAndUpload('later.png', 'image/png', Buffer.from('\x89PNG\r\n\x1a\n'));

    // Act
    const before = await pagesError(job.jobId);
    const unknown = await pagesError('00000000-0000-4000-8000-000000000099');

    // Assert
    expectError(before, 409, 'RESULT_NOT_AVAILABLE');
    expectError(unknown, 404, 'JOB_NOT_FOUND');
  });

  it('answers 404 PAGES_UNAVAILABLE for an image parsed before page copies were written', async () => {
    // Arrange: the scan's copy removed, as a parse from before the copies has none
    rmSync(path.join(dir.dataDir, 'blobs', pagesKey(scanJobId, 1)));

    // Act
    const response = await pagesError(scanJobId);

    // Assert
    expectError(response, 404, 'PAGES_UNAVAILABLE');
  });
});
