import { isAttemptOutputKey, type BlobDownload, type BlobHead, type BlobStore, type DownloadHeaders, type PresignedPut, type PresignPutRequest } from '@invoice/inventory';

/** What the cache may hold in all: a few hundred typical results and layouts, small beside the process's heap. */
export const DEFAULT_ATTEMPT_OUTPUT_CACHE_BYTES = 16 * 1024 * 1024;
/** An object larger than this share of the budget is read through, so one big layout cannot empty the cache. */
const LARGEST_CACHED_SHARE = 1 / 8;

/**
 * A BlobStore that keeps, in memory, the attempts' outputs it has read (isAttemptOutputKey: result, layout, error
 * record). Those are written once and never replaced, so a copy stays exact: the review screen's several requests
 * for one job (review, result, page regions) then read the file or the S3 object once, not each time. Anything
 * else (the raw upload, which a presigned PUT may still replace) and every miss (an output may appear later) go
 * to the store each time. Least recently read first out, within `budgetBytes`.
 *
 * The Buffers handed out are shared between callers: they are read (decoded, parsed), never written to.
 */
export class AttemptOutputCache implements BlobStore {
  private readonly entries = new Map<string, Buffer>();
  private heldBytes = 0;

  constructor(
    private readonly store: BlobStore,
    private readonly budgetBytes: number = DEFAULT_ATTEMPT_OUTPUT_CACHE_BYTES,
  ) {}

  async read(key: string): Promise<Buffer | null> {
    const held = this.entries.get(key);
    if (held !== undefined) {
      // Map keeps insertion order: moving the key to the end makes the first key the least recently read.
      this.entries.delete(key);
      this.entries.set(key, held);
      return held;
    }
    const data = await this.store.read(key);
    if (data !== null && isAttemptOutputKey(key)) this.keep(key, data);
    return data;
  }

  async write(key: string, data: Buffer | string): Promise<void> {
    this.forget(key);
    await this.store.write(key, data);
  }

  head(key: string): Promise<BlobHead | null> {
    return this.store.head(key);
  }

  uriOf(key: string): string {
    return this.store.uriOf(key);
  }

  presignPut(request: PresignPutRequest): Promise<PresignedPut> {
    return this.store.presignPut(request);
  }

  openDownload(key: string, options: { expiresAt: Date; serveAs?: DownloadHeaders }): Promise<BlobDownload | null> {
    return this.store.openDownload(key, options);
  }

  private keep(key: string, data: Buffer): void {
    if (data.length > this.budgetBytes * LARGEST_CACHED_SHARE) return;
    this.forget(key);
    this.entries.set(key, data);
    this.heldBytes += data.length;
    for (const [oldest, bytes] of this.entries) {
      if (this.heldBytes <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.heldBytes -= bytes.length;
    }
  }

  private forget(key: string): void {
    const held = this.entries.get(key);
    if (held === undefined) return;
    this.entries.delete(key);
    this.heldBytes -= held.length;
  }
}
