import type { ParseResult } from '@invoice/contracts';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { REPO_ROOT, VENV_PYTHON } from '../support/paths';
import { expectContract, makeDataDir, startTestServer, type TestServer } from '../support/test-server';

const fixturesDir = inject('fixturesDir');

/** A fixture invoice as a scanner delivers it: its page rasterised to a 200 dpi greyscale PNG. */
function scannedPng(name: string): Buffer {
  const script = [
    'import io, sys, pypdfium2',
    'page = pypdfium2.PdfDocument(sys.argv[1])[0]',
    'image = page.render(scale=200 / 72, grayscale=True).to_pil()',
    'buffer = io.BytesIO(); image.save(buffer, format="PNG", dpi=(200, 200))',
    'sys.stdout.buffer.write(buffer.getvalue())',
  ].join('\n');
  const made = spawnSync(VENV_PYTHON, ['-c', script, path.join(fixturesDir as string, `${name}.pdf`)], { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 });
  if (made.status !== 0) throw new Error(`could not rasterise ${name}: ${made.stderr.toString()}`);
  return made.stdout;
}

interface Truth {
  lines: { sku: string | null; quantity: string | null; kind: string }[];
}

/** An image upload goes through the same API and the same parser as a PDF; the parser reads it by OCR. */
describe.skipIf(fixturesDir === null)('a scanned invoice uploaded as an image', () => {
  const dir = makeDataDir('scanned-upload');
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

  it('is accepted as image/png, parsed by OCR, and gives the lines of the printed invoice', async () => {
    // Arrange
    const truth = JSON.parse(readFileSync(path.join(fixturesDir as string, 'unruled_basic.truth.json'), 'utf8')) as Truth;
    const png = scannedPng('unruled_basic');

    // Act
    const job = await api.parsed('scan.png', 'image/png', png);

    // Assert
    expect(job.status, JSON.stringify(job.error)).toBe('PARSED');
    const response = await api.http.get(`/api/jobs/${job.jobId}/result`);
    expect(response.status).toBe(200);
    const result = expectContract<ParseResult>('parse-result', response.body);
    expect(result.source.mediaType).toBe('image/png');
    expect(result.extraction.ocr?.pages).toEqual([1]);
    const items = (lines: Truth['lines']) => lines.filter((line) => line.kind === 'item').map((line) => [line.sku, Number(line.quantity)]);
    expect(items(result.lines)).toEqual(items(truth.lines));
  });
});
