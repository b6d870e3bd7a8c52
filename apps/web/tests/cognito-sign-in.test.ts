import { afterEach, describe, expect, it, vi } from 'vitest';
import { beginSignIn, completeSignIn, forgetToken, storedToken } from '../src/session/cognito-sign-in';

const signIn = {
  authorizeUrl: 'https://auth.example.test/oauth2/authorize',
  tokenUrl: 'https://auth.example.test/oauth2/token',
  logoutUrl: 'https://auth.example.test/logout',
  clientId: 'client-1',
};

/** The browser bits the sign-in uses: this tab's sessionStorage, the address, and the history entry it tidies. */
function browserAt(url: string) {
  const store = new Map<string, string>();
  const location = new URL(url);
  const visited: string[] = [];
  const replaced: string[] = [];
  vi.stubGlobal('sessionStorage', {
    getItem: (key: string) => store.get(key) ?? null,
    setItem: (key: string, value: string) => void store.set(key, value),
    removeItem: (key: string) => void store.delete(key),
  });
  vi.stubGlobal('window', {
    location: {
      get origin() {
        return location.origin;
      },
      get search() {
        return location.search;
      },
      get hash() {
        return location.hash;
      },
      get pathname() {
        return location.pathname;
      },
      assign: (to: string) => visited.push(to),
    },
    history: { replaceState: (_state: unknown, _title: string, to: string) => replaced.push(to) },
  });
  return { store, location, visited, replaced };
}

describe('Cognito sign-in round trip', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('goes to the hosted UI with a fresh state and challenge, and exchanges the code with the verifier on return', async () => {
    // Leaving from the review of a job.
    const tab = browserAt('https://d111.cloudfront.net/#/jobs/j-1');
    await beginSignIn(signIn);
    const authorize = new URL(tab.visited[0] ?? '');
    const state = authorize.searchParams.get('state');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');

    // Back with a code: the same tab's sessionStorage, a new address.
    tab.location.href = `https://d111.cloudfront.net/?code=the-code&state=${state}`;
    const exchanged: { url: string; body: URLSearchParams }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      exchanged.push({ url, body: new URLSearchParams(String(init.body)) });
      return new Response(JSON.stringify({ access_token: 'access-1', id_token: 'id-1', expires_in: 3600, token_type: 'Bearer' }), { status: 200 });
    });

    expect(await completeSignIn(signIn)).toBe('access-1');
    expect(exchanged[0]?.url).toBe(signIn.tokenUrl);
    const body = Object.fromEntries(exchanged[0]?.body ?? []);
    expect(body).toMatchObject({
      grant_type: 'authorization_code',
      client_id: 'client-1',
      code: 'the-code',
      redirect_uri: 'https://d111.cloudfront.net/',
    });
    expect(body.code_verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    // The code leaves the address bar, and the user is back where they were.
    expect(tab.replaced).toEqual(['/#/jobs/j-1']);
    expect(storedToken()).toBe('access-1');
    // A code is exchanged once.
    expect(await completeSignIn(signIn)).toBeNull();
    forgetToken();
    expect(storedToken()).toBeNull();
  });

  it('refuses an answer whose state is not this tab’s', async () => {
    const tab = browserAt('https://d111.cloudfront.net/');
    await beginSignIn(signIn);
    tab.location.href = 'https://d111.cloudfront.net/?code=stolen&state=other';
    vi.stubGlobal('fetch', async () => {
      throw new Error('no exchange may happen');
    });

    await expect(completeSignIn(signIn)).rejects.toThrow(/state differs/);
  });

  it('forgets a token a minute before it expires', () => {
    const tab = browserAt('https://d111.cloudfront.net/');
    tab.store.set('invoice.signIn.token', JSON.stringify({ accessToken: 't', expiresAt: 1_000_000 }));
    expect(storedToken(1_000_000 - 120_000)).toBe('t');
    expect(storedToken(1_000_000 - 30_000)).toBeNull();
  });
});
