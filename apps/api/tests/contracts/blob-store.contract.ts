import type { BlobDownload, BlobStore } from '@invoice/inventory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

export interface BlobStoreFixture {
  store: BlobStore;
  cleanup(): Promise<void>;
}

const JOB = '00000000-0000-4000-8000-000000000001';

/** What every BlobStore must do (files under DATA_DIR now, S3 later). */
export function describeBlobStoreContract(name: string, factory: () => Promise<BlobStoreFixture>): void {
  describe(`${name} (BlobStore contract)`, () => {
    let fixture: BlobStoreFixture;
    let store: BlobStore;

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it('reads back what was written, with its size', async () => {
      // Arrange
      const key = `parsed/${JOB}/attempt-1.json`;
      const data = Buffer.from('{"ok":true}');

      // Act
      await store.write(key, data);

      // Assert
      expect(await store.read(key)).toEqual(data);
      expect(await store.head(key)).toMatchObject({ sizeBytes: data.length });
    });

    it('replaces an object on a second write', async () => {
      const key = `errors/${JOB}/attempt-1.json`;
      await store.write(key, 'first');
      await store.write(key, 'second, longer');
      expect((await store.read(key))?.toString()).toBe('second, longer');
    });

    it('answers null for a missing object', async () => {
      expect(await store.head(`raw/${JOB}/missing.pdf`)).toBeNull();
      expect(await store.read(`raw/${JOB}/missing.pdf`)).toBeNull();
    });

    it.each(['../escape.txt', `raw/${JOB}/../../../escape`, '/etc/passwd', 'raw//x', '.hidden', `raw/${JOB}/.tmp`, ''])(
      'throws for the key %j, which could escape or hide',
      async (key) => {
        await expect(store.write(key, 'x')).rejects.toThrow();
        await expect(store.read(key)).rejects.toThrow();
      },
    );

    describe('openDownload', () => {
      const expiresAt = () => new Date(Date.now() + 60_000);

      it('gives the exact bytes of an object, streamed or behind a URL', async () => {
        // Arrange: binary content with every byte value, larger than one stream chunk
        const key = `raw/${JOB}/invoice.pdf`;
        const data = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200_000, 0), Buffer.from(Array.from({ length: 256 }, (_, n) => n))]);
        await store.write(key, data);

        // Act
        const download = await store.openDownload(key, { expiresAt: expiresAt() });

        // Assert
        expect(download).not.toBeNull();
        expect(await bytesOf(download)).toEqual(data);
        if (download?.kind === 'stream') expect(download.sizeBytes).toBe(data.length);
      });

      it('answers null for a missing object', async () => {
        expect(await store.openDownload(`raw/${JOB}/missing.pdf`, { expiresAt: expiresAt() })).toBeNull();
      });

      it('throws for a key that could escape the store', async () => {
        await expect(store.openDownload('../escape.txt', { expiresAt: expiresAt() })).rejects.toThrow();
      });
    });

    it('gives a URI for a key that the parser can address', () => {
      expect(store.uriOf(`raw/${JOB}/invoice.pdf`)).toMatch(/^(file|s3):\/\/.+\/raw\/00000000-0000-4000-8000-000000000001\/invoice\.pdf$/);
    });

    it('presigns a PUT bound to the content type', async () => {
      // Act
      const presigned = await store.presignPut({
        key: `raw/${JOB}/invoice.pdf`,
        jobId: JOB,
        contentType: 'application/pdf',
        sizeBytes: 10,
        expiresAt: new Date(Date.now() + 60_000),
      });

      // Assert
      expect(presigned.url).toMatch(/^https?:\/\//);
      expect(presigned.headers['Content-Type']).toBe('application/pdf');
    });
  });
}

/** The bytes behind a download, read from its stream or fetched from its URL as a browser would. */
async function bytesOf(download: BlobDownload | null): Promise<Buffer> {
  if (download === null) throw new Error('no download');
  if (download.kind === 'redirect') {
    const response = await fetch(download.url);
    if (!response.ok) throw new Error(`GET ${download.url} answered ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }
  const chunks: Buffer[] = [];
  for await (const chunk of download.body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
