import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../src/adapters/local/fs-blob-store';
import { HmacUploadSigner } from '../../src/adapters/local/hmac-upload-signer';
import { describeBlobStoreContract } from '../contracts/blob-store.contract';
import { makeDataDir } from '../support/test-server';

const SECRET = 'x'.repeat(32);
const KEY = 'raw/00000000-0000-4000-8000-000000000001/invoice.pdf';

function newStore() {
  const dir = makeDataDir('blobs');
  const store = new FsBlobStore(path.join(dir.dataDir, 'blobs'), new HmacUploadSigner(SECRET, 'http://127.0.0.1:1'));
  return { store, dir };
}

describeBlobStoreContract('FsBlobStore', async () => {
  const { store, dir } = newStore();
  return { store, cleanup: async () => dir.remove() };
});

describe('FsBlobStore', () => {
  describe('writeStreamOnce', () => {
    it('stores a body of exactly the signed size', async () => {
      const { store, dir } = newStore();
      await store.writeStreamOnce(KEY, Readable.from([Buffer.from('12345')]), 5);
      expect((await store.read(KEY))?.toString()).toBe('12345');
      dir.remove();
    });

    it('throws UPLOAD_TOO_LARGE past the signed size and leaves nothing, not even a temp file', async () => {
      // Arrange
      const { store, dir } = newStore();

      // Act
      const attempt = store.writeStreamOnce(KEY, Readable.from([Buffer.from('123'), Buffer.from('456')]), 5);

      // Assert
      await expect(attempt).rejects.toMatchObject({ code: 'UPLOAD_TOO_LARGE' });
      expect(await store.head(KEY)).toBeNull();
      expect(readdirSync(path.dirname(store.pathOf(KEY)))).toEqual([]);
      dir.remove();
    });

    it('throws UPLOAD_SIZE_MISMATCH for a short body', async () => {
      const { store, dir } = newStore();
      await expect(store.writeStreamOnce(KEY, Readable.from([Buffer.from('123')]), 5)).rejects.toMatchObject({ code: 'UPLOAD_SIZE_MISMATCH' });
      expect(await store.head(KEY)).toBeNull();
      dir.remove();
    });

    it('throws UPLOAD_ALREADY_RECEIVED instead of replacing an object', async () => {
      const { store, dir } = newStore();
      await store.writeStreamOnce(KEY, Readable.from([Buffer.from('first')]), 5);
      await expect(store.writeStreamOnce(KEY, Readable.from([Buffer.from('other')]), 5)).rejects.toMatchObject({
        code: 'UPLOAD_ALREADY_RECEIVED',
      });
      expect((await store.read(KEY))?.toString()).toBe('first');
      dir.remove();
    });
  });
});
