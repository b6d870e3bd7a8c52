import type { Secrets } from '@invoice/inventory';
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt's cost: N = 2^15, r = 8, p = 1 is OWASP's recommended minimum and about 50 ms here, cheap for one
 * login and dear for a guesser with a copy of the database. The parameters are written into every hash, so
 * raising them later leaves older hashes verifiable.
 */
export const SCRYPT_COST = 2 ** 15;
export const SCRYPT_BLOCK_SIZE = 8;
export const SCRYPT_PARALLELISM = 1;
export const SCRYPT_KEY_BYTES = 32;
export const SCRYPT_SALT_BYTES = 16;
/** Random bytes of a session id or token: 256 bits. */
export const SECRET_BYTES = 32;

/** Stored hashes are checked with at most these costs, so a tampered row cannot make one login eat the machine. */
const MAX_COST = 2 ** 20;
const MAX_BLOCK_SIZE = 32;
const MAX_PARALLELISM = 16;

const PREFIX = 'scrypt';

/** Local mode's Secrets on node:crypto: scrypt hashes written as `scrypt$N$r$p$salt$hash` (base64url). */
export class NodeCryptoSecrets implements Secrets {
  async hashPassword(password: string): Promise<string> {
    const salt = randomBytes(SCRYPT_SALT_BYTES);
    const cost = { N: SCRYPT_COST, r: SCRYPT_BLOCK_SIZE, p: SCRYPT_PARALLELISM };
    const hash = await derive(password, salt, SCRYPT_KEY_BYTES, cost);
    return [PREFIX, cost.N, cost.r, cost.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
  }

  async verifyPassword(password: string, passwordHash: string): Promise<boolean> {
    const parsed = parseHash(passwordHash);
    if (parsed === null) return false;
    const actual = await derive(password, parsed.salt, parsed.hash.length, parsed.cost);
    return timingSafeEqual(actual, parsed.hash);
  }

  newSecret(): string {
    return randomBytes(SECRET_BYTES).toString('base64url');
  }

  digest(secret: string): string {
    return createHash('sha256').update(secret, 'utf8').digest('hex');
  }
}

interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

function derive(password: string, salt: Buffer, keyBytes: number, cost: ScryptCost): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; Node's default ceiling (32 MiB) is exactly N = 2^15, r = 8, and refuses it.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The parts of a stored hash; null for anything not written by hashPassword (or out of bounds). */
function parseHash(passwordHash: string): { cost: ScryptCost; salt: Buffer; hash: Buffer } | null {
  const parts = passwordHash.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) return null;
  const [N, r, p] = parts.slice(1, 4).map((part) => (/^[1-9]\d{0,7}$/.test(part) ? Number(part) : NaN)) as [number, number, number];
  const [salt, hash] = parts.slice(4) as [string, string];
  if (!(N >= 2 && N <= MAX_COST && (N & (N - 1)) === 0 && r <= MAX_BLOCK_SIZE && p <= MAX_PARALLELISM)) return null;
  if (!BASE64URL.test(salt) || !BASE64URL.test(hash)) return null;
  const hashBytes = Buffer.from(hash, 'base64url');
  if (hashBytes.length < 16 || hashBytes.length > 64) return null;
  return { cost: { N, r, p }, salt: Buffer.from(salt, 'base64url'), hash: hashBytes };
}
