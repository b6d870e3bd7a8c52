import type { CreateJobResponse, Job, JobReview } from '@invoice/contracts';
import type { Response } from 'superagent';
import request from 'supertest';
import { expect } from 'vitest';
import { expectContract } from './test-server';

const POLL_INTERVAL_MS = 100;
const POLL_LIMIT_MS = 45_000;

/** A thin client over supertest for the job workflow, asserting every answer against its contract. */
export class ApiClient {
  /** `token` is sent as Authorization: Bearer on every request but the presigned upload (signed on its own). */
  constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  /**
   * Every request says Content-Type: application/json, as the SPA does: the API refuses a state-changing
   * request without it (CSRF, http/state-change-guard.ts), and a POST with nothing to send then counts as {}.
   * `.type()` or `.set('Content-Type', …)` on one request overrides it.
   */
  get http() {
    return request.agent(this.baseUrl).set('Content-Type', 'application/json').set('Authorization', `Bearer ${this.token}`);
  }

  async create(fileName: string, contentType: string, sizeBytes: number): Promise<CreateJobResponse> {
    const response = await this.http.post('/api/jobs').send({ fileName, contentType, sizeBytes });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return expectContract<CreateJobResponse>('api/create-job-response', response.body);
  }

  /** PUTs to the presigned URL as a browser would: the signed headers plus the body. */
  put(url: string, body: Buffer, headers: Record<string, string>) {
    const target = new URL(url);
    let put = request(target.origin).put(`${target.pathname}${target.search}`);
    for (const [name, value] of Object.entries(headers)) put = put.set(name, value);
    return put.send(body);
  }

  /** Creates a job for `body` and uploads it. */
  async createAndUpload(fileName: string, contentType: string, body: Buffer): Promise<Job> {
    const created = await this.create(fileName, contentType, body.length);
    const uploaded = await this.put(created.upload.url, body, created.upload.headers as Record<string, string>);
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    return created.job;
  }

  async startParse(jobId: string): Promise<Job> {
    const response = await this.http.post(`/api/jobs/${jobId}/parse`);
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    return expectContract<Job>('job', response.body);
  }

  async job(jobId: string): Promise<Job> {
    const response = await this.http.get(`/api/jobs/${jobId}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return expectContract<Job>('job', response.body);
  }

  /** Polls like the SPA does until the job leaves QUEUED/PARSING. */
  async settled(jobId: string): Promise<Job> {
    const deadline = Date.now() + POLL_LIMIT_MS;
    for (;;) {
      const job = await this.job(jobId);
      if (job.status !== 'QUEUED' && job.status !== 'PARSING') return job;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status} after ${POLL_LIMIT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  }

  async parsed(fileName: string, contentType: string, body: Buffer): Promise<Job> {
    const job = await this.createAndUpload(fileName, contentType, body);
    await this.startParse(job.jobId);
    return this.settled(job.jobId);
  }

  /**
   * Puts these SKUs in the item catalogue (named after themselves, in pcs), as an operator would before the
   * first apply of them: apply refuses a SKU outside the catalogue (UNKNOWN_SKU). One CSV import, however
   * many SKUs; an item already there with that name is left as it is.
   */
  async catalogue(...skus: string[]): Promise<void> {
    if (skus.length === 0) return;
    const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
    const csv = ['sku,name,unit', ...[...new Set(skus)].map((sku) => `${cell(sku)},${cell(sku)},pcs`)].join('\r\n');
    const response = await this.http.post('/api/items/import').send({ csv });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  }

  /** Catalogues every SKU the job's review flags newSku, as the operator's "create item" of the review screen does. */
  async catalogueNewSkus(jobId: string): Promise<void> {
    const response = await this.http.get(`/api/jobs/${jobId}/review`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const review = expectContract<JobReview>('job-review', response.body);
    await this.catalogue(...review.lines.flatMap((line) => (line.newSku && line.sku !== null ? [line.sku] : [])));
  }

  async inventory(): Promise<Record<string, string>> {
    const response = await this.http.get('/api/inventory');
    expect(response.status).toBe(200);
    const body = expectContract<{ items: { sku: string; quantity: string }[] }>('api/list-inventory-response', response.body);
    return Object.fromEntries(body.items.map((item) => [item.sku, item.quantity]));
  }
}

/** The SKUs these fake invoice lines name (any kind), trimmed as a review trims them: what a test puts in the catalogue. */
export function skusOf(lines: readonly object[]): string[] {
  return lines.flatMap((line) => {
    const sku = (line as { sku?: unknown }).sku;
    return typeof sku === 'string' && sku.trim() !== '' ? [sku.trim()] : [];
  });
}

/** A document the fake parser turns into a ParseResult with these lines. */
export function fakeInvoice(lines: object[], extra: object = {}): Buffer {
  return Buffer.from(JSON.stringify({ fake: 'result', lines, ...extra }));
}

export function fakeScript(script: object): Buffer {
  return Buffer.from(JSON.stringify(script));
}

/** A supertest body parser that collects the response as bytes whatever its content type (it buffers only text by default). */
export function bytesBody(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
  res.on('error', (error: Error) => callback(error, Buffer.alloc(0)));
}
