import { describe, expect, it } from 'vitest';
import { createApiClient, apiUrl } from '../src/api/api-client';
import { ApiError, errorFromResponse } from '../src/api/api-error';

describe('errorFromResponse', () => {
  it('keeps the code, the words and the details of a contract error body', async () => {
    const response = new Response(
      JSON.stringify({ error: { code: 'REVIEW_CONFLICT', message: 'Revision 2 is current.', details: { currentRevision: 2 } } }),
      { status: 409 },
    );

    const error = await errorFromResponse(response);

    expect([error.code, error.message, error.status, error.details]).toEqual([
      'REVIEW_CONFLICT',
      'Revision 2 is current.',
      409,
      { currentRevision: 2 },
    ]);
  });

  it('names the HTTP status when the body is not a contract error', async () => {
    const response = new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });

    const error = await errorFromResponse(response);

    expect([error.code, error.message]).toEqual(['HTTP_502', 'The server answered 502 Bad Gateway.']);
  });
});

describe('apiUrl', () => {
  it('uses the same origin when the base is empty', () => {
    expect(apiUrl('', '/api/jobs')).toBe('/api/jobs');
  });

  it('joins a configured base without doubling the slash', () => {
    expect(apiUrl('https://api.example.test/', '/api/jobs')).toBe('https://api.example.test/api/jobs');
  });
});

describe('createApiClient', () => {
  it('turns an unreachable API into NETWORK_UNREACHABLE instead of a bare TypeError', async () => {
    // Port 9 on loopback (discard) has no listener here: the connection is refused for real.
    const api = createApiClient('http://127.0.0.1:9');

    const failure = await api.listJobs().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe('NETWORK_UNREACHABLE');
  });

  it('points pdf.js at the job file under the configured base, with the id escaped', () => {
    expect(createApiClient('https://api.example.test').fileUrl('a/b')).toBe('https://api.example.test/api/jobs/a%2Fb/file');
  });
});
