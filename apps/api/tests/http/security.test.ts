import type { CreateJobResponse, Job } from '@invoice/contracts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { AllowedHosts } from '../../src/http/allowed-hosts';
import { staticSite } from '../../src/static-site';
import { fakeInvoice } from '../support/api-client';
import { serverPerSuite } from '../support/server-per-suite';
import { expectContract, expectError, TEST_PASSWORD } from '../support/test-server';

/**
 * The security review's findings (issue 12), each as an outside attacker would try it through the HTTP
 * API of the local server. PUBLIC_BASE_URL is left unset, as `npm start` leaves it, and one LAN name is allowed.
 */
describe('security of the local server', () => {
  const suite = serverPerSuite('security', { env: { PUBLIC_BASE_URL: '', ALLOWED_HOSTS: 'mybox.lan' } });
  const port = () => new URL(suite.server.url).port;
  /**
   * The browser of a signed-in operator: it carries the session cookie (as a browser that ignored SameSite
   * would, even on another site's request) but not the test client's JSON Content-Type, as a form or a script
   * of another site sends it. The refusals below are therefore not owed to a missing login.
   */
  let sessionCookie = '';
  const bare = () => request.agent(suite.server.url).set('Cookie', sessionCookie);
  beforeAll(async () => {
    const login = await request(suite.server.url).post('/api/session').set('Content-Type', 'application/json').send({ username: 'admin', password: TEST_PASSWORD });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    sessionCookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  });

  async function parsedJob(sku: string): Promise<Job> {
    await suite.api.catalogue(sku);
    const job = await suite.api.parsed('invoice.pdf', 'application/pdf', fakeInvoice([{ sku, quantity: '3' }]));
    expect(job.status).toBe('PARSED');
    return job;
  }

  /** The job and the stock are as they were: PARSED, attempt 1, no stock for the SKU. */
  async function expectUntouched(job: Job, sku: string): Promise<void> {
    expect(await suite.api.job(job.jobId)).toMatchObject({ status: 'PARSED', attempt: 1, reviewRevision: 0 });
    expect((await suite.api.inventory())[sku]).toBeUndefined();
  }

  describe('DNS rebinding (finding 1)', () => {
    it.each(['rebind.attacker.example:4100', 'localhost.attacker.example', '127.0.0.1.nip.io'])('answers 421 HOST_NOT_ALLOWED to Host %s, for the API and the SPA alike', async (host) => {
      // Act
      const list = await suite.api.http.get('/api/jobs').set('Host', host);
      const page = await suite.api.http.get('/').set('Host', host);

      // Assert
      expectError(list, 421, 'HOST_NOT_ALLOWED');
      expectError(page, 421, 'HOST_NOT_ALLOWED');
    });

    it('refuses a state-changing request to a foreign Host before anything else is checked', async () => {
      const job = await parsedJob('SEC-REBIND');

      expectError(await suite.api.http.post(`/api/jobs/${job.jobId}/apply`).set('Host', `rebind.attacker.example:${port()}`).send({}), 421, 'HOST_NOT_ALLOWED');
      await expectUntouched(job, 'SEC-REBIND');
    });

    it.each(['localhost', '127.0.0.1', '[::1]', 'mybox.lan', 'MyBox.LAN'])('answers Host %s:PORT, a loopback name or one in ALLOWED_HOSTS', async (name) => {
      const response = await suite.api.http.get('/api/jobs').set('Host', `${name}:${port()}`);

      expect(response.status).toBe(200);
    });
  });

  describe('cross-site requests (finding 2)', () => {
    it('refuses a form-encoded apply with 415 and applies nothing', async () => {
      // Arrange
      const job = await parsedJob('SEC-FORM');

      // Act: what <form method=post enctype=application/x-www-form-urlencoded> on another site sends
      const form = await bare().post(`/api/jobs/${job.jobId}/apply`).type('form').send('');
      const none = await bare().post(`/api/jobs/${job.jobId}/apply`);

      // Assert
      expectError(form, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectError(none, 415, 'UNSUPPORTED_MEDIA_TYPE');
      await expectUntouched(job, 'SEC-FORM');
    });

    it('refuses a text/plain POST to /parse with 415, keeping the parsed job and its attempt', async () => {
      const job = await parsedJob('SEC-TEXT');

      expectError(await bare().post(`/api/jobs/${job.jobId}/parse`).set('Content-Type', 'text/plain').send('{}'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      await expectUntouched(job, 'SEC-TEXT');
    });

    it.each([
      ['an Origin of another site', { Origin: 'https://attacker.example' }],
      ['an Origin of a rebound name on this port', { Origin: 'http://rebind.attacker.example:3000' }],
      ['the opaque Origin of a sandboxed frame', { Origin: 'null' }],
      ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
    ])('refuses a JSON apply with %s with 403 CROSS_SITE_REQUEST and applies nothing', async (_case, headers) => {
      const job = await parsedJob('SEC-ORIGIN');

      expectError(await suite.api.http.post(`/api/jobs/${job.jobId}/apply`).set(headers).send({}), 403, 'CROSS_SITE_REQUEST');
      await expectUntouched(job, 'SEC-ORIGIN');
    });

    it('accepts the SPA\'s own request: JSON, same-origin, with {} where there is nothing to send', async () => {
      const job = await parsedJob('SEC-OWN');

      const applied = await bare()
        .post(`/api/jobs/${job.jobId}/apply`)
        .set({ Origin: suite.server.url, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json' })
        .send('{}');

      expect(applied.status, JSON.stringify(applied.body)).toBe(200);
      expect((await suite.api.inventory())['SEC-OWN']).toBe('3');
    });

    it('leaves reads alone: a GET from another site still needs the Host check only', async () => {
      const response = await bare().get('/api/jobs').set({ Origin: 'https://attacker.example', 'Sec-Fetch-Site': 'cross-site' });

      // The browser keeps the answer from the other site's script: the API sends no CORS header.
      expect(response.status).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('uploads from wherever the SPA was opened (finding 3)', () => {
    it.each(['127.0.0.1', 'localhost', 'mybox.lan'])('signs an upload URL on the page\'s own origin when it was loaded as http://%s:PORT, and the PUT there works', async (name) => {
      // Arrange: the page's origin, as the browser sends it with each request
      const origin = `http://${name}:${port()}`;
      const body = fakeInvoice([{ sku: 'SEC-UP', quantity: '1' }]);

      // Act
      const createdResponse = await suite.api.http
        .post('/api/jobs')
        .set({ Host: `${name}:${port()}`, Origin: origin, 'Sec-Fetch-Site': 'same-origin' })
        .send({ fileName: 'invoice.pdf', contentType: 'application/pdf', sizeBytes: body.length });
      const created = expectContract<CreateJobResponse>('api/create-job-response', createdResponse.body);
      const url = new URL(created.upload.url);
      // Every name reaches this test server on 127.0.0.1; the Host header says which one the browser used.
      const put = await bare()
        .put(`${url.pathname}${url.search}`)
        .set({ ...(created.upload.headers as Record<string, string>), Host: url.host, Origin: origin, 'Sec-Fetch-Site': 'same-origin' })
        .send(body);

      // Assert
      expect(createdResponse.status).toBe(201);
      expect(url.origin).toBe(origin);
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      await suite.api.startParse(created.job.jobId);
      expect((await suite.api.settled(created.job.jobId)).status).toBe('PARSED');
    });
  });

  describe('clickjacking (finding 7)', () => {
    const webDir = mkdtempSync(path.join(os.tmpdir(), 'api-security-web-'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>SPA</title>');
    afterAll(() => rmSync(webDir, { recursive: true, force: true }));

    it('forbids framing of the API, of the SPA and of error answers', async () => {
      // Arrange: the app as main.ts builds it, with the built SPA
      const site = staticSite(webDir, () => undefined) ?? undefined;
      const app = createApp(suite.server.composition.context, { site, allowedHosts: new AllowedHosts(['127.0.0.1']) });

      // Act
      const answers = await Promise.all([
        request(app).get('/api/health').set('Host', '127.0.0.1'),
        request(app).get('/jobs').set({ Host: '127.0.0.1', Accept: 'text/html' }),
        request(app).get('/api/health').set('Host', 'attacker.example'),
      ]);

      // Assert
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 421]);
      expect(answers[1]?.text).toContain('<title>SPA</title>');
      for (const answer of answers) {
        expect(answer.headers['content-security-policy']).toBe("frame-ancestors 'none'");
        expect(answer.headers['x-frame-options']).toBe('DENY');
      }
    });
  });

  describe('lone UTF-16 surrogates (finding 8)', () => {
    it('refuses a review correction whose SKU holds a lone surrogate with 400 VALIDATION_FAILED, saving nothing', async () => {
      // Arrange
      const job = await parsedJob('SEC-UTF');

      // Act: JSON may spell a lone surrogate; SQLite would store it as U+FFFD
      const response = await suite.api.http
        .put(`/api/jobs/${job.jobId}/review`)
        .send('{"baseRevision":0,"corrections":[{"lineIndex":0,"sku":"SEC-\\ud800"}]}');

      // Assert
      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.body.error.details.issues).toEqual([expect.objectContaining({ path: '/corrections/0/sku' })]);
      await expectUntouched(job, 'SEC-UTF');
    });

    it('refuses a lone surrogate in any text field, e.g. the file name of a new job', async () => {
      const response = await suite.api.http.post('/api/jobs').send('{"fileName":"inv\\udc00.pdf","contentType":"application/pdf","sizeBytes":5}');

      expectError(response, 400, 'VALIDATION_FAILED');
    });

    it('accepts a SKU with a proper surrogate pair', async () => {
      const job = await parsedJob('SEC-PAIR');

      const response = await suite.api.http.put(`/api/jobs/${job.jobId}/review`).send({ baseRevision: 0, corrections: [{ lineIndex: 0, sku: 'SEC-😀' }] });

      expect(response.status, JSON.stringify(response.body)).toBe(200);
    });
  });
});
