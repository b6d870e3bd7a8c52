import { DomainError } from '@invoice/inventory';
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/**
 * A new kid is looked up again at most this often: Cognito rotates its keys rarely, and a stream of forged
 * kids must not turn every request into a JWKS fetch.
 */
export const JWKS_REFETCH_INTERVAL_MS = 60_000;
/** Cognito answers in milliseconds; a hung fetch must not hold a request until the Lambda times out. */
const JWKS_FETCH_TIMEOUT_MS = 5_000;

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/**
 * The RSA signing keys of a user pool by kid, fetched from its JWKS URL on first use and cached for the
 * process (a Lambda container); an unknown kid fetches the set again, at most once a minute.
 */
export class JwksKeySet {
  private keys = new Map<string, KeyObject>();
  private fetchedAt: number | null = null;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly url: string,
    private readonly now: () => number = Date.now,
    private readonly fetchJson: Fetch = fetch,
  ) {}

  /** The key for `kid`, or null when the pool has none by that name (after one refetch, if allowed). */
  async keyFor(kid: string): Promise<KeyObject | null> {
    const known = this.keys.get(kid);
    if (known) return known;
    if (this.fetchedAt === null || this.now() - this.fetchedAt >= JWKS_REFETCH_INTERVAL_MS) await this.refresh();
    return this.keys.get(kid) ?? null;
  }

  private refresh(): Promise<void> {
    // Concurrent requests with the same new kid share one fetch.
    this.inFlight ??= this.load().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async load(): Promise<void> {
    let body: unknown;
    try {
      const response = await this.fetchJson(this.url, { signal: AbortSignal.timeout(JWKS_FETCH_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      body = await response.json();
    } catch (cause) {
      // The identity provider did not answer: a retry may succeed, the caller's credentials are not at fault.
      throw new DomainError('STORAGE_UNAVAILABLE', 'The user pool signing keys could not be fetched; retry later.', { service: 'Cognito' }, { cause });
    }
    this.keys = keysOf(body);
    this.fetchedAt = this.now();
  }
}

/** RS256 signing keys of a JWKS document; keys of other types or uses are left out, never trusted. */
function keysOf(body: unknown): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  const list = typeof body === 'object' && body !== null && Array.isArray((body as { keys?: unknown }).keys) ? (body as { keys: unknown[] }).keys : [];
  for (const entry of list) {
    if (typeof entry !== 'object' || entry === null) continue;
    const jwk = entry as JsonWebKey & { kid?: unknown; use?: unknown; alg?: unknown };
    if (typeof jwk.kid !== 'string' || jwk.kty !== 'RSA' || (jwk.use !== undefined && jwk.use !== 'sig') || (jwk.alg !== undefined && jwk.alg !== 'RS256')) continue;
    try {
      keys.set(jwk.kid, createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' }));
    } catch {
      // A malformed key is skipped: a token naming it finds no key and is refused.
    }
  }
  return keys;
}
