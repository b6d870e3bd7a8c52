import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../src/api/api-client';
import { ApiError } from '../src/api/api-error';
import { ApiProvider } from '../src/app/api-context';
import { OcrNote } from '../src/review/OcrNote';
import { fetchPageCopy, hasPrintedPages, isPagesUnavailable, ocrPages } from '../src/review/page-copy';
import { PageUnavailable } from '../src/review/PageUnavailable';

const text = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const PDF_BYTES = Buffer.from('%PDF-1.7\n%%EOF\n');

describe('hasPrintedPages', () => {
  it('shows the page of a PDF and of every image type, and none for an XML e-invoice', () => {
    expect(hasPrintedPages('application/pdf')).toBe(true);
    expect(hasPrintedPages('image/png')).toBe(true);
    expect(hasPrintedPages('image/jpeg')).toBe(true);
    expect(hasPrintedPages('image/tiff')).toBe(true);
    expect(hasPrintedPages('application/xml')).toBe(false);
  });
});

describe('ocrPages', () => {
  it('names the pages OCR read, and none for a text PDF', () => {
    expect(
      ocrPages({
        extraction: {
          method: 'printed-page',
          ocr: { engine: 'tesseract 5.3.0', pages: [1, 3] },
        },
      }),
    ).toEqual([1, 3]);
    expect(ocrPages({ extraction: { method: 'printed-page' } })).toEqual([]);
  });
});

describe('pagesUrl', () => {
  it('is the page copy under the job, beside the original upload', () => {
    const api = createApiClient('https://api.example.test/');
    expect(api.pagesUrl('job 1')).toBe('https://api.example.test/api/jobs/job%201/pages.pdf');
    expect(api.fileUrl('job 1')).toBe('https://api.example.test/api/jobs/job%201/file');
  });
});

describe('fetchPageCopy', () => {
  // A real HTTP server answering as the API does: the copy, or the error envelope.
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/copy.pdf') {
        res.writeHead(200, { 'content-type': 'application/pdf' }).end(PDF_BYTES);
        return;
      }
      const body = {
        error: {
          code: 'PAGES_UNAVAILABLE',
          message: 'No page copy was kept for this job.',
          details: {},
        },
      };
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers the bytes of the copy', async () => {
    const bytes = await fetchPageCopy(`${base}/copy.pdf`);

    expect(Buffer.from(bytes).equals(PDF_BYTES)).toBe(true);
  });

  it("throws the server's code when no copy was kept, so the review shows a note", async () => {
    const failure = await fetchPageCopy(`${base}/missing.pdf`).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ code: 'PAGES_UNAVAILABLE', status: 404 });
    expect(isPagesUnavailable(failure)).toBe(true);
  });

  it('throws NETWORK_UNREACHABLE when the server cannot be reached', async () => {
    const failure = await fetchPageCopy('http://127.0.0.1:1/copy.pdf').catch((error: unknown) => error);

    expect(failure).toMatchObject({ code: 'NETWORK_UNREACHABLE' });
    expect(isPagesUnavailable(failure)).toBe(false);
  });
});

describe('PageUnavailable', () => {
  it('explains a scan without a page copy as a note, not an error', () => {
    const markup = renderToStaticMarkup(<PageUnavailable error={new ApiError('PAGES_UNAVAILABLE', 'No page copy.', 404)} />);

    expect(markup).toContain('data-testid="pages-unavailable"');
    expect(markup).not.toContain('role="alert"');
    expect(text(markup)).toContain('its page cannot be shown here. Re-parse it from the job list');
  });

  it('shows any other failure as an error with its code', () => {
    const markup = renderToStaticMarkup(<PageUnavailable error={new ApiError('ROUTE_NOT_FOUND', 'No route.', 404)} />);

    expect(markup).toContain('role="alert"');
    expect(text(markup)).toContain('The page could not be shown:');
    expect(text(markup)).toContain('(ROUTE_NOT_FOUND)');
  });
});

describe('OcrNote', () => {
  it('names the pages OCR read and links the original upload', () => {
    const api = createApiClient('');
    const one = renderToStaticMarkup(
      <ApiProvider api={api}>
        <OcrNote pages={[1]} originalUrl="/api/jobs/j/file" />
      </ApiProvider>,
    );
    const two = renderToStaticMarkup(
      <ApiProvider api={api}>
        <OcrNote pages={[1, 2]} originalUrl="/api/jobs/j/file" />
      </ApiProvider>,
    );

    expect(text(one)).toContain('Page 1 was read by OCR');
    expect(text(two)).toContain('Pages 1, 2 were read by OCR');
    expect(one).toContain('<a href="/api/jobs/j/file">Download the original upload</a>');
  });
});
