import { describe, expect, it } from 'vitest';
import { errorFromResponse } from '../src/api-client';

describe('errorFromResponse', () => {
  it('keeps the code and the words of a contract error body', async () => {
    const response = new Response(JSON.stringify({ error: { code: 'JOB_NOT_FOUND', message: 'No job has this id.' } }), {
      status: 404,
    });

    const error = await errorFromResponse(response);

    expect([error.code, error.message, error.status]).toEqual(['JOB_NOT_FOUND', 'No job has this id.', 404]);
  });

  it('names the HTTP status when the body is not a contract error', async () => {
    const response = new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });

    const error = await errorFromResponse(response);

    expect(error.code).toBe('HTTP_502');
  });
});
