import { describe, expect, it } from 'vitest';
import { loadRuntimeConfig, parseRuntimeConfig, RuntimeConfigError } from '../src/app/runtime-config';

const answer =
  (body: string, status = 200, type = 'application/json') =>
  () =>
    Promise.resolve(new Response(body, { status, headers: { 'content-type': type } }));

describe('loadRuntimeConfig', () => {
  it('uses the same origin when no config.json is deployed', async () => {
    expect(await loadRuntimeConfig(answer('not here', 404))).toEqual({ apiBaseUrl: '' });
  });

  it('reads the API base of a CloudFront deployment and drops a trailing slash', async () => {
    expect(await loadRuntimeConfig(answer('{"apiBaseUrl":"https://abc.execute-api.eu-west-1.amazonaws.com/"}'))).toEqual({
      apiBaseUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com',
    });
  });

  it("uses the same origin when a fallback route answers with the SPA's index.html", async () => {
    expect(await loadRuntimeConfig(answer('<!doctype html><html></html>', 200, 'text/html; charset=UTF-8'))).toEqual({ apiBaseUrl: '' });
  });

  it('refuses a config.json that is not JSON, rather than guessing', async () => {
    await expect(loadRuntimeConfig(answer('<html>'))).rejects.toThrow('/config.json is not valid JSON.');
  });

  it('refuses a server error on config.json', async () => {
    await expect(loadRuntimeConfig(answer('', 500))).rejects.toBeInstanceOf(RuntimeConfigError);
  });
});

describe('parseRuntimeConfig', () => {
  it.each([
    [{ apiBaseUrl: 42 }, 'must be a string'],
    [{ apiBaseUrl: 'api.example.test' }, 'absolute http(s) URL'],
    [{ apiBaseUrl: 'ftp://api.example.test' }, 'must use http or https'],
    [['x'], 'JSON object'],
  ])('names the problem with %j', (raw, problem) => {
    expect(() => parseRuntimeConfig(raw)).toThrow(problem);
  });
});
