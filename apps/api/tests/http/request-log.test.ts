import Database from 'better-sqlite3';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { JsonLineLog } from '../../src/adapters/local/json-line-log';
import { LOCAL_DATABASE_FILE } from '../../src/adapters/local/local-database-file';
import { createApp } from '../../src/app';
import type { LogLevel, RequestLogger } from '../../src/http/request-log';
import { serverPerSuite } from '../support/server-per-suite';
import { expectError } from '../support/test-server';

type Line = Record<string, unknown> & { level: LogLevel; message: string };

/** The lines a request log was given, kept in order. */
class KeptLines implements RequestLogger {
  readonly lines: Line[] = [];
  log(level: LogLevel, message: string, fields: Record<string, unknown>): void {
    this.lines.push({ level, message, ...fields });
  }
}

/** Issue 17: one JSON line per request, every 5xx once with its stack and the cause it wraps. */
describe('the request log', () => {
  // One parser process per parse: the warm pool's queue would poll the database this test locks.
  const suite = serverPerSuite('request-log', { env: { PARSER_WORKERS: '0' } });

  /** The server's own stores and accounts, behind an app that logs to `kept` as main.ts's logs to stdout. */
  function loggedApp(kept: KeptLines) {
    return createApp(suite.server.composition.context, { validateResponses: true, requestLog: kept });
  }

  it('writes a line per request with the request id, user, job id and attempt (each left out when the request has none), and no error on a 4xx', async () => {
    // Arrange
    const kept = new KeptLines();
    const app = loggedApp(kept);
    const auth = `Bearer ${suite.server.adminToken}`;

    // Act
    const created = await request(app).post('/api/jobs').set('Authorization', auth).set('Content-Type', 'application/json').send({ fileName: 'a.pdf', contentType: 'application/pdf', sizeBytes: 10 });
    const jobId = (created.body as { job: { jobId: string } }).job.jobId;
    await request(app).get(`/api/jobs/${jobId}?x=secret-cursor`).set('Authorization', auth);
    const refused = await request(app).post(`/api/jobs/${jobId}/parse`).set('Authorization', auth).set('Content-Type', 'application/json').send({});
    await request(app).get('/api/jobs');

    // Assert
    expectError(refused, 409, 'UPLOAD_NOT_FOUND');
    expect(kept.lines).toEqual([
      { level: 'info', message: 'request', requestId: expect.any(String), method: 'POST', path: '/api/jobs', status: 201, durationMs: expect.any(Number), user: 'admin', jobId, attempt: 0 },
      { level: 'info', message: 'request', requestId: expect.any(String), method: 'GET', path: `/api/jobs/${jobId}`, status: 200, durationMs: expect.any(Number), user: 'admin', jobId, attempt: 0 },
      { level: 'info', message: 'request', requestId: expect.any(String), method: 'POST', path: `/api/jobs/${jobId}/parse`, status: 409, durationMs: expect.any(Number), user: 'admin', jobId },
      { level: 'info', message: 'request', requestId: expect.any(String), method: 'GET', path: '/api/jobs', status: 401, durationMs: expect.any(Number) },
    ]);
    expect(new Set(kept.lines.map((line) => line.requestId)).size).toBe(4);
  });

  it('logs a 5xx once, as an error line with the stack of the domain error and of the SQLite error it wraps', async () => {
    // Arrange: a first request proves the token (and records its use), then another connection locks the database
    const kept = new KeptLines();
    const app = loggedApp(kept);
    const auth = `Bearer ${suite.server.adminToken}`;
    expect((await request(app).get('/api/jobs').set('Authorization', auth)).status).toBe(200);
    const lock = new Database(path.join(suite.server.dataDir, LOCAL_DATABASE_FILE));
    lock.exec('BEGIN EXCLUSIVE');

    // Act: a write waits out the busy timeout, and the store answers STORAGE_UNAVAILABLE
    let response;
    try {
      response = await request(app).post('/api/jobs').set('Authorization', auth).set('Content-Type', 'application/json').send({ fileName: 'b.pdf', contentType: 'application/pdf', sizeBytes: 10 });
    } finally {
      lock.exec('ROLLBACK');
      lock.close();
    }

    // Assert
    expectError(response, 503, 'STORAGE_UNAVAILABLE');
    const errors = kept.lines.filter((line) => line.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      message: 'request',
      method: 'POST',
      path: '/api/jobs',
      status: 503,
      user: 'admin',
      error: {
        name: 'DomainError',
        code: 'STORAGE_UNAVAILABLE',
        stack: expect.stringContaining('translateSqliteErrors'),
        cause: { name: 'SqliteError', code: 'SQLITE_BUSY', message: 'database is locked', stack: expect.stringContaining('SqliteError') },
      },
    });
    expect(suite.server.unexpectedErrors).toEqual([]);
  }, 20_000);

  it('writes one parseable JSON object per line, errors to the error stream, with the fields Powertools Logger writes first', () => {
    // Arrange
    const out: string[] = [];
    const errors: string[] = [];
    const log = new JsonLineLog({ write: (text: string) => out.push(text) }, { write: (text: string) => errors.push(text) });

    // Act
    log.log('info', 'request', { status: 200, path: '/api/jobs' });
    log.log('error', 'request', { status: 500, error: { message: 'a\nb' } });

    // Assert
    expect(out).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(out[0]?.endsWith('\n')).toBe(true);
    expect(JSON.parse(out[0] as string)).toEqual({ level: 'INFO', message: 'request', timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), service: 'invoice-api', status: 200, path: '/api/jobs' });
    expect(JSON.parse(errors[0] as string)).toMatchObject({ level: 'ERROR', status: 500, error: { message: 'a\nb' } });
  });
});
