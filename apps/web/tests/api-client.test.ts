import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../src/api/api-client';

/** The requests the client hands to fetch, with a 200 JSON answer for each. */
function recordFetch(): { url: string; init: RequestInit }[] {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  });
  return calls;
}

describe('createApiClient requests', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends {} as application/json on a POST with nothing to say (the API refuses anything else that changes state)', async () => {
    // Arrange
    const calls = recordFetch();

    // Act
    await createApiClient('').startParse('job-1');

    // Assert
    expect(calls).toEqual([
      {
        url: '/api/jobs/job-1/parse',
        init: expect.objectContaining({ method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }),
      },
    ]);
  });

  it('sends a body as application/json, and a GET with neither body nor content type', async () => {
    const calls = recordFetch();
    const api = createApiClient('');

    await api.apply('job-1', { reviewRevision: 2 });
    await api.listJobs();

    expect(calls[0]?.init).toMatchObject({ method: 'POST', body: '{"reviewRevision":2}', headers: { 'content-type': 'application/json' } });
    expect(calls[1]?.init.body).toBeUndefined();
    expect(calls[1]?.init.headers).toEqual({});
  });
});

describe('createApiClient and the session', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** Every request answered with `status` and the error envelope of `code`. */
  function answerError(status: number, code: string) {
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(JSON.stringify({ error: { code, message: code, details: {} } }), { status, headers: { 'content-type': 'application/json' } }),
    );
  }

  it('sends the session cookie of this origin, and the bearer token only once one is set (AWS mode)', async () => {
    const calls = recordFetch();
    const api = createApiClient('');

    await api.getSession();
    api.setBearer('eyJ.token');
    await api.listAudit({ jobId: '11111111-2222-4333-8444-555555555555', limit: 20 });

    expect(calls[0]?.init).toMatchObject({ credentials: 'same-origin', headers: {} });
    expect(calls[1]).toEqual({
      url: '/api/audit?jobId=11111111-2222-4333-8444-555555555555&limit=20',
      init: expect.objectContaining({ credentials: 'same-origin', headers: { authorization: 'Bearer eyJ.token' } }),
    });
    expect(api.authHeaders()).toEqual({ authorization: 'Bearer eyJ.token' });
  });

  it('tells its listeners of every 401 UNAUTHENTICATED, and of nothing else', async () => {
    const api = createApiClient('');
    let ended = 0;
    const stop = api.onSessionEnded(() => (ended += 1));

    answerError(403, 'FORBIDDEN');
    await expect(api.apply('job-1', { reviewRevision: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    answerError(401, 'INVALID_CREDENTIALS');
    await expect(api.logIn({ username: 'a', password: 'b' })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(ended).toBe(0);

    answerError(401, 'UNAUTHENTICATED');
    await expect(api.listJobs()).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(ended).toBe(1);
    stop();
    await expect(api.listJobs()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(ended).toBe(1);
  });

  it('logs in, out, and manages users and tokens at their routes', async () => {
    const calls = recordFetch();
    const api = createApiClient('');

    await api.logIn({ username: 'clara', password: 'correct horse battery' });
    await api.setup({ username: 'root', password: 'correct horse battery' });
    await api.updateUser('clara', { role: 'approver' });
    await api.createToken({ name: 'ci', role: 'viewer' });

    expect(calls.map((call) => `${call.init.method} ${call.url}`)).toEqual([
      'POST /api/session',
      'POST /api/setup',
      'PATCH /api/users/clara',
      'POST /api/tokens',
    ]);
    expect(calls[2]?.init.body).toBe('{"role":"approver"}');
  });
});
