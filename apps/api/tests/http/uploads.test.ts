import type { CreateJobResponse } from '@invoice/contracts';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { rawPut } from '../support/raw-put';
import { serverPerSuite } from '../support/server-per-suite';
import { expectError, makeDataDir, ManualClock, startTestServer } from '../support/test-server';

const BODY = Buffer.from('%PDF-1.7 not really, but ten bytes and more');

describe('presigned uploads (PUT /api/uploads/{jobId})', () => {
  const clock = new ManualClock();
  const suite = serverPerSuite('uploads', { clock });

  const newJob = () => suite.api.create('invoice.pdf', 'application/pdf', BODY.length);

  /** Refused uploads store nothing: no object, no leftover temp file, and parse still finds no upload. */
  async function expectNothingStored(created: CreateJobResponse): Promise<void> {
    const jobDir = path.join(suite.server.dataDir, 'blobs', 'raw', created.job.jobId);
    let entries: string[] = [];
    try {
      entries = readdirSync(jobDir);
    } catch {
      entries = [];
    }
    expect(entries).toEqual([]);
    expectError(await suite.api.http.post(`/api/jobs/${created.job.jobId}/parse`), 409, 'UPLOAD_NOT_FOUND');
  }

  it('stores exactly the signed bytes, and refuses a second PUT with 409 UPLOAD_ALREADY_RECEIVED', async () => {
    // Arrange
    const created = await newJob();

    // Act
    const first = await suite.api.put(created.upload.url, BODY, { 'Content-Type': 'application/pdf' });
    const second = await suite.api.put(created.upload.url, BODY, { 'Content-Type': 'application/pdf' });

    // Assert
    expect(first.status).toBe(200);
    expectError(second, 409, 'UPLOAD_ALREADY_RECEIVED');
    const stored = await suite.server.composition.context.ports.blobs.read(`raw/${created.job.jobId}/invoice.pdf`);
    expect(stored).toEqual(BODY);
  });

  it('refuses a longer body with 413 UPLOAD_TOO_LARGE', async () => {
    const created = await newJob();
    const longer = Buffer.concat([BODY, Buffer.from('x')]);
    const response = await rawPut(created.upload.url, { 'Content-Type': 'application/pdf', 'Content-Length': String(longer.length) }, [longer]);
    expectError(response, 413, 'UPLOAD_TOO_LARGE');
    await expectNothingStored(created);
  });

  it('refuses a shorter body with 400 UPLOAD_SIZE_MISMATCH', async () => {
    const created = await newJob();
    const shorter = BODY.subarray(1);
    const response = await rawPut(created.upload.url, { 'Content-Type': 'application/pdf', 'Content-Length': String(shorter.length) }, [shorter]);
    expectError(response, 400, 'UPLOAD_SIZE_MISMATCH');
    await expectNothingStored(created);
  });

  it('refuses a body without Content-Length with 411 UPLOAD_LENGTH_REQUIRED', async () => {
    const created = await newJob();
    const response = await rawPut(created.upload.url, { 'Content-Type': 'application/pdf', 'Transfer-Encoding': 'chunked' }, [BODY]);
    expectError(response, 411, 'UPLOAD_LENGTH_REQUIRED');
    await expectNothingStored(created);
  });

  it('refuses another Content-Type with 415 UPLOAD_CONTENT_TYPE_MISMATCH', async () => {
    const created = await newJob();
    const response = await suite.api.put(created.upload.url, BODY, { 'Content-Type': 'text/plain' });
    expectError(response, 415, 'UPLOAD_CONTENT_TYPE_MISMATCH');
    await expectNothingStored(created);
  });

  it('refuses an expired URL with 403 UPLOAD_URL_EXPIRED', async () => {
    // Arrange
    const created = await newJob();
    clock.advance(901);

    // Act
    const response = await suite.api.put(created.upload.url, BODY, { 'Content-Type': 'application/pdf' });

    // Assert
    expectError(response, 403, 'UPLOAD_URL_EXPIRED');
    await expectNothingStored(created);
  });

  it.each([
    ['an altered signature', (url: URL) => url.searchParams.set('sig', `${url.searchParams.get('sig')?.slice(0, -2)}AA`)],
    ['a later expiry', (url: URL) => url.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600))],
    ['no signature', (url: URL) => url.searchParams.delete('sig')],
  ])('refuses %s with 403 UPLOAD_SIGNATURE_INVALID', async (_label, tamper) => {
    // Arrange
    const created = await newJob();
    const url = new URL(created.upload.url);
    tamper(url);

    // Act
    const response = await suite.api.put(url.toString(), BODY, { 'Content-Type': 'application/pdf' });

    // Assert
    expectError(response, 403, 'UPLOAD_SIGNATURE_INVALID');
    await expectNothingStored(created);
  });

  it('refuses an upload path that is not a job id with 403 UPLOAD_SIGNATURE_INVALID, storing nothing', async () => {
    // Arrange: a valid signature of a real job, sent to a traversal path
    const created = await newJob();
    const url = new URL(created.upload.url);

    // Act
    const response = await rawPut(
      `${suite.server.url}/api/uploads/..%2F..%2F${created.job.jobId}${url.search}`,
      { 'Content-Type': 'application/pdf', 'Content-Length': String(BODY.length) },
      [BODY],
    );

    // Assert
    expectError(response, 403, 'UPLOAD_SIGNATURE_INVALID');
    expect(readdirSync(suite.server.dataDir)).not.toContain('raw');
    await expectNothingStored(created);
  });

  it("refuses another job's signature with 403 UPLOAD_SIGNATURE_INVALID", async () => {
    // Arrange
    const victim = await newJob();
    const other = await newJob();
    const url = new URL(other.upload.url);
    url.pathname = `/api/uploads/${victim.job.jobId}`;

    // Act
    const response = await suite.api.put(url.toString(), BODY, { 'Content-Type': 'application/pdf' });

    // Assert
    expectError(response, 403, 'UPLOAD_SIGNATURE_INVALID');
    await expectNothingStored(victim);
  });

  it('keeps a generated signing secret in DATA_DIR, readable by the owner only', () => {
    const info = statSync(path.join(suite.server.dataDir, 'upload-signing-secret'));
    expect(info.mode & 0o777).toBe(0o600);
  });
});

describe('presigned uploads across a restart', () => {
  it('accepts a URL signed before the restart, with the persisted secret', async () => {
    // Arrange
    const dir = makeDataDir('uploads-restart');
    const before = await startTestServer({ dataDir: dir.dataDir });
    const created = await new ApiClient(before.url, before.adminToken).create('invoice.pdf', 'application/pdf', BODY.length);
    await before.close();
    const after = await startTestServer({ dataDir: dir.dataDir });

    // Act: same path and query, new server address
    const url = new URL(created.upload.url);
    const response = await new ApiClient(after.url, after.adminToken).put(`${after.url}${url.pathname}${url.search}`, BODY, { 'Content-Type': 'application/pdf' });

    // Assert
    expect(response.status).toBe(200);
    await after.close();
    dir.remove();
  });
});
