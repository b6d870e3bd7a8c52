import { rmSync } from 'node:fs';
import path from 'node:path';
import { layoutKey, parsedKey, rawKey } from '@invoice/inventory';
import { describe, expect, it } from 'vitest';
import { AttemptOutputCache, ENTRY_OVERHEAD_BYTES, type AttemptOutputCacheOptions } from '../../src/adapters/attempt-output-cache';
import { FsBlobStore } from '../../src/adapters/local/fs-blob-store';
import { HmacUploadSigner } from '../../src/adapters/local/hmac-upload-signer';
import { describeBlobStoreContract } from '../contracts/blob-store.contract';
import { makeDataDir } from '../support/test-server';

const JOB = '00000000-0000-4000-8000-000000000001';

/** The cache over real files; `removeFile` deletes an object behind the cache's back, which is how a test sees what it holds. */
function newCache(options?: AttemptOutputCacheOptions) {
  const dir = makeDataDir('output-cache');
  const root = path.join(dir.dataDir, 'blobs');
  const files = new FsBlobStore(root, new HmacUploadSigner('x'.repeat(32), 'http://127.0.0.1:1'));
  const cache = new AttemptOutputCache(files, options);
  return { cache, files, removeFile: (key: string) => rmSync(path.join(root, key)), remove: () => dir.remove() };
}

describeBlobStoreContract('AttemptOutputCache over FsBlobStore', async () => {
  const { cache, remove } = newCache();
  return { store: cache, cleanup: async () => remove() };
});

describe('AttemptOutputCache', () => {
  it("serves an attempt's result again from memory once read, since outputs are never replaced", async () => {
    const { cache, files, removeFile, remove } = newCache();
    await files.write(parsedKey(JOB, 1), '{"result":1}');
    expect((await cache.read(parsedKey(JOB, 1)))?.toString()).toBe('{"result":1}');

    removeFile(parsedKey(JOB, 1));

    expect((await cache.read(parsedKey(JOB, 1)))?.toString()).toBe('{"result":1}');
    expect(await files.read(parsedKey(JOB, 1))).toBeNull();
    remove();
  });

  it('reads the raw upload from the store every time: a presigned PUT may still replace it', async () => {
    const { cache, files, removeFile, remove } = newCache();
    const key = rawKey(JOB, 'invoice.pdf');
    await files.write(key, 'first');
    expect((await cache.read(key))?.toString()).toBe('first');

    removeFile(key);

    expect(await cache.read(key)).toBeNull();
    remove();
  });

  it('does not remember a miss: an output written after a read that found nothing is read', async () => {
    const { cache, files, remove } = newCache();
    expect(await cache.read(parsedKey(JOB, 2))).toBeNull();

    await files.write(parsedKey(JOB, 2), '{"late":true}');

    expect((await cache.read(parsedKey(JOB, 2)))?.toString()).toBe('{"late":true}');
    remove();
  });

  it('lets the least recently read output go first when the budget is full, and never holds one larger than an eighth of it', async () => {
    // Each result costs its 100 bytes, its key and the entry's overhead; the budget holds eight of them.
    const entryCost = 100 + parsedKey(JOB, 1).length + ENTRY_OVERHEAD_BYTES;
    const { cache, files, removeFile, remove } = newCache({ budgetBytes: 8 * entryCost });
    const [first, second, third] = [1, 2, 3].map((attempt) => parsedKey(JOB, attempt)) as [string, string, string];
    for (const key of [first, second, third]) await files.write(key, 'x'.repeat(100));
    await files.write(layoutKey(JOB, 1), 'y'.repeat(101));
    for (const key of [first, second, third, layoutKey(JOB, 1)]) await cache.read(key);
    await cache.read(first); // now the most recently read

    // Six more results: nine against a budget of eight, so exactly one goes, the least recently read (second).
    for (let attempt = 4; attempt <= 9; attempt += 1) {
      await files.write(parsedKey(JOB, attempt), 'z'.repeat(100));
      await cache.read(parsedKey(JOB, attempt));
    }
    for (const key of [first, second, third, layoutKey(JOB, 1)]) removeFile(key);

    expect(await cache.read(second)).toBeNull();
    expect(await cache.read(layoutKey(JOB, 1))).toBeNull();
    expect((await cache.read(third))?.toString()).toBe('x'.repeat(100));
    expect((await cache.read(first))?.toString()).toBe('x'.repeat(100));
    remove();
  });

  it('asks the store again once a kept copy is older than maxAgeMs, since the bucket expires outputs', async () => {
    let now = 1_000_000;
    const { cache, files, removeFile, remove } = newCache({ maxAgeMs: 60_000, now: () => now });
    await files.write(parsedKey(JOB, 1), '{"result":1}');
    await cache.read(parsedKey(JOB, 1));
    removeFile(parsedKey(JOB, 1));

    now += 59_999;
    expect((await cache.read(parsedKey(JOB, 1)))?.toString()).toBe('{"result":1}');
    now += 1;
    expect(await cache.read(parsedKey(JOB, 1))).toBeNull();
    remove();
  });

  it("keeps a small output's own bytes, not the shared pool slab a store may hand it out in", async () => {
    // S3BlobStore returns Buffer.from(body): under 4 KiB, a slice of Node's shared 8 KiB pool. So does this store.
    const dir = makeDataDir('output-cache-pooled');
    const files = new FsBlobStore(path.join(dir.dataDir, 'blobs'), new HmacUploadSigner('x'.repeat(32), 'http://127.0.0.1:1'));
    const pooledReads = Object.assign(Object.create(files) as FsBlobStore, {
      read: async (key: string) => {
        const data = await files.read(key);
        return data === null ? null : Buffer.from(data);
      },
    });
    const cache = new AttemptOutputCache(pooledReads);
    await files.write(parsedKey(JOB, 1), '{"small":true}');
    const first = await cache.read(parsedKey(JOB, 1));
    expect(first?.buffer.byteLength).toBeGreaterThan(first?.length ?? 0);

    const kept = await cache.read(parsedKey(JOB, 1));

    expect(kept?.toString()).toBe('{"small":true}');
    expect(kept?.buffer.byteLength).toBe(kept?.length);
    dir.remove();
  });
});
