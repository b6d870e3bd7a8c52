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
    expect(calls).toEqual([{ url: '/api/jobs/job-1/parse', init: expect.objectContaining({ method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }) }]);
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
