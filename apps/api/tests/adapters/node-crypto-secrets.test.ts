import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NodeCryptoSecrets, SCRYPT_BLOCK_SIZE, SCRYPT_COST, SCRYPT_PARALLELISM } from '../../src/adapters/local/node-crypto-secrets';

const secrets = new NodeCryptoSecrets();
const PASSWORD = 'correct horse battery';

describe('NodeCryptoSecrets', () => {
  describe('hashPassword and verifyPassword', () => {
    it('writes a self-describing scrypt hash that verifies the password and no other', async () => {
      const hash = await secrets.hashPassword(PASSWORD);

      expect(hash).toMatch(new RegExp(`^scrypt\\$${SCRYPT_COST}\\$${SCRYPT_BLOCK_SIZE}\\$${SCRYPT_PARALLELISM}\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{43}$`));
      expect(hash).not.toContain(PASSWORD);
      expect(await secrets.verifyPassword(PASSWORD, hash)).toBe(true);
      expect(await secrets.verifyPassword('correct horse battery!', hash)).toBe(false);
      expect(await secrets.verifyPassword('', hash)).toBe(false);
    });

    it('salts every hash: two hashes of one password differ, and both verify', async () => {
      const [first, second] = await Promise.all([secrets.hashPassword(PASSWORD), secrets.hashPassword(PASSWORD)]);

      expect(first).not.toBe(second);
      expect(await secrets.verifyPassword(PASSWORD, first)).toBe(true);
      expect(await secrets.verifyPassword(PASSWORD, second)).toBe(true);
    });

    it('verifies with the cost written in the hash, so hashes made before a cost change keep working', async () => {
      const hash = await secrets.hashPassword(PASSWORD);
      const [, , , , salt] = hash.split('$');
      const cheaper = `scrypt$1024$8$1$${salt}$${scryptSync(PASSWORD, Buffer.from(salt!, 'base64url'), 32, { N: 1024, r: 8, p: 1 }).toString('base64url')}`;

      expect(await secrets.verifyPassword(PASSWORD, cheaper)).toBe(true);
    });

    it('answers false, without throwing, for a malformed or out-of-bounds hash', async () => {
      const good = await secrets.hashPassword(PASSWORD);
      const [, , , , salt, hash] = good.split('$');
      const malformed = [
        '',
        'not a hash',
        PASSWORD,
        `argon2id$${SCRYPT_COST}$8$1$${salt}$${hash}`,
        `scrypt$${SCRYPT_COST}$8$1$${salt}`,
        `scrypt$1000$8$1$${salt}$${hash}`,
        `scrypt$${2 ** 24}$8$1$${salt}$${hash}`,
        `scrypt$${SCRYPT_COST}$8$1$${salt}$not+base64url`,
        `scrypt$${SCRYPT_COST}$8$1$${salt}$abc`,
        `scrypt$${SCRYPT_COST}$x$1$${salt}$${hash}`,
      ];

      for (const stored of malformed) expect(await secrets.verifyPassword(PASSWORD, stored), stored).toBe(false);
    });
  });

  describe('newSecret and digest', () => {
    it('gives 256 random bits as URL-safe text, different each time', () => {
      const secret = secrets.newSecret();

      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(secrets.newSecret()).not.toBe(secret);
    });

    it('digests with SHA-256 in hex, the same for the same secret', () => {
      expect(secrets.digest('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
      expect(secrets.digest('abc')).toBe(secrets.digest('abc'));
    });
  });
});
