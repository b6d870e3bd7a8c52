import Database from 'better-sqlite3';
import express from 'express';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import type { JobRepository } from '@invoice/inventory';
import { describe, expect, it } from 'vitest';
import { JsonLineLog } from '../../src/adapters/local/json-line-log';
import { LOCAL_DATABASE_FILE } from '../../src/adapters/local/local-database-file';
import { createApp } from '../../src/app';
import { errorMiddleware } from '../../src/http/error-middleware';
import { requestLog, type LogLevel, type RequestLogger } from '../../src/http/request-log';
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

  it('says clientClosed, with no status, when the client hangs up before the response is finished, instead of a 200 it was never sent', async () => {
    // Arrange: the app behind a real HTTP server, and a POST /api/jobs whose body is promised but never all sent,
    // so the request is still reading its body when the client goes
    const kept = new KeptLines();
    const server = createServer(loggedApp(kept));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const body = JSON.stringify({ fileName: 'c.pdf', contentType: 'application/pdf', sizeBytes: 10 });
    const headers = { Authorization: `Bearer ${suite.server.adminToken}`, 'Content-Type': 'application/json', 'Content-Length': String(body.length) };

    try {
      // Act: half the body, then the connection closed mid-flight
      const client = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/jobs', headers });
      client.on('error', () => undefined);
      client.write(body.slice(0, 10));
      await new Promise((resolve) => setTimeout(resolve, 100));
      client.destroy();
      await expect.poll(() => kept.lines.length, { timeout: 5_000 }).toBe(1);

      // Assert: the JSON parser may have begun its 400 for the aborted body before the close came; never sent, it is no status
      const [line] = kept.lines;
      expect(line).toEqual({
        level: 'info',
        message: 'request',
        requestId: expect.any(String),
        method: 'POST',
        path: '/api/jobs',
        clientClosed: true,
        ...(line && 'unfinishedStatus' in line ? { unfinishedStatus: 400 } : {}),
        durationMs: expect.any(Number),
        user: 'admin',
      });
      expect(line?.durationMs).toBeGreaterThanOrEqual(90);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('says unfinished, with the error and never clientClosed, when the server cuts a response it had begun', async () => {
    // Arrange: a route that has sent its headers and part of its body when it fails (a store failing mid-file)
    const kept = new KeptLines();
    const app = express();
    app.use(requestLog(kept));
    app.get('/api/jobs/:jobId/file', (_req, res, next) => {
      res.status(200).write('%PDF-1.7 partial');
      next(new Error('the stored file could not be read past its first bytes'));
    });
    app.use(errorMiddleware(() => undefined));
    const server = createServer(app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));

    try {
      // Act: read until the server ends the connection
      await new Promise<void>((resolve) => {
        const call = httpRequest({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: '/api/jobs/x/file' }, (response) => {
          response.on('data', () => undefined);
          response.on('error', () => resolve());
          response.on('close', () => resolve());
        });
        call.on('error', () => resolve());
        call.end();
      });
      await new Promise((resolve) => setTimeout(resolve, 50));

      // Assert
      expect(kept.lines).toHaveLength(1);
      expect(kept.lines[0]).toMatchObject({ level: 'error', path: '/api/jobs/x/file', unfinished: true, unfinishedStatus: 200, error: { message: 'the stored file could not be read past its first bytes' } });
      expect(kept.lines[0]).not.toHaveProperty('clientClosed');
      expect(kept.lines[0]).not.toHaveProperty('status');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('logs the 5xx of a request whose client left before it failed as an error line of its own', async () => {
    // Arrange: the app behind a real HTTP server, its job store held back until the client has gone and then
    // meeting a database another connection has locked; a first request proves the token (and records its use)
    const kept = new KeptLines();
    const context = suite.server.composition.context;
    const clientGone = () => kept.lines.some((line) => line.clientClosed === true);
    const jobs: JobRepository = Object.assign(Object.create(context.ports.jobs) as JobRepository, {
      create: async (...args: Parameters<JobRepository['create']>) => {
        await expect.poll(clientGone, { timeout: 5_000 }).toBe(true);
        return context.ports.jobs.create(...args);
      },
    });
    const app = createApp({ ...context, ports: { ...context.ports, jobs } }, { validateResponses: true, requestLog: kept });
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const auth = `Bearer ${suite.server.adminToken}`;
    expect((await fetch(`http://127.0.0.1:${port}/api/jobs`, { headers: { Authorization: auth } })).status).toBe(200);
    const lock = new Database(path.join(suite.server.dataDir, LOCAL_DATABASE_FILE));
    lock.exec('BEGIN EXCLUSIVE');

    try {
      // Act: the client gives up while the create waits; the store then answers STORAGE_UNAVAILABLE, to no one
      const body = JSON.stringify({ fileName: 'd.pdf', contentType: 'application/pdf', sizeBytes: 10 });
      const client = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/jobs', headers: { Authorization: auth, 'Content-Type': 'application/json', 'Content-Length': String(body.length) } });
      client.on('error', () => undefined);
      client.end(body);
      await new Promise((resolve) => setTimeout(resolve, 100));
      client.destroy();
      await expect.poll(() => kept.lines.length, { timeout: 15_000, interval: 100 }).toBe(3);
    } finally {
      lock.exec('ROLLBACK');
      lock.close();
      await new Promise((resolve) => server.close(resolve));
    }

    // Assert: the line written when the client left claims no status; the error has its own line
    const [, closed, late] = kept.lines;
    expect(closed).toEqual({ level: 'info', message: 'request', requestId: expect.any(String), method: 'POST', path: '/api/jobs', clientClosed: true, durationMs: expect.any(Number), user: 'admin' });
    expect(late).toMatchObject({
      level: 'error',
      message: 'request',
      requestId: closed?.requestId,
      method: 'POST',
      path: '/api/jobs',
      clientClosed: true,
      user: 'admin',
      error: { name: 'DomainError', code: 'STORAGE_UNAVAILABLE', cause: { name: 'SqliteError', code: 'SQLITE_BUSY' } },
    });
    expect(late).not.toHaveProperty('status');
    expect(late?.durationMs).toBeGreaterThan(closed?.durationMs as number);
  }, 30_000);

  it('writes no clientClosed when the response was sent in full over a real connection', async () => {
    // Arrange
    const kept = new KeptLines();
    const server = createServer(loggedApp(kept));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;

    try {
      // Act
      const response = await fetch(`http://127.0.0.1:${port}/api/jobs`, { headers: { Authorization: `Bearer ${suite.server.adminToken}` } });
      await response.arrayBuffer();
      await expect.poll(() => kept.lines.length, { timeout: 5_000 }).toBe(1);

      // Assert
      expect(response.status).toBe(200);
      expect(kept.lines[0]).toMatchObject({ method: 'GET', path: '/api/jobs', status: 200 });
      expect(kept.lines[0]).not.toHaveProperty('clientClosed');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

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
