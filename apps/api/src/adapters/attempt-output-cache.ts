import { isAttemptOutputKey, type BlobDownload, type BlobHead, type BlobStore, type DownloadHeaders, type PresignedPut, type PresignPutRequest } from '@invoice/inventory';

/** What the cache may hold in all: a few hundred typical results and layouts, small beside the process's heap. */
export const DEFAULT_ATTEMPT_OUTPUT_CACHE_BYTES = 16 * 1024 * 1024;
/**
 * How long a kept copy is served before the store is asked again. Outputs are never replaced, but the bucket's
 * lifecycle rules delete them after days (s3-uploads.tf), and a deleted result must answer RESULT_NOT_AVAILABLE
 * soon after, not whenever this process happens to forget it.
 */
export const DEFAULT_ATTEMPT_OUTPUT_MAX_AGE_MS = 60 * 60 * 1000;
/** What an entry costs beyond its bytes (its key, the map's entry), so that many tiny outputs are bounded too. */
export const ENTRY_OVERHEAD_BYTES = 64;
/** An object larger than this share of the budget is read through, so one big layout cannot empty the cache. */
const LARGEST_CACHED_SHARE = 1 / 8;

export interface AttemptOutputCacheOptions {
  budgetBytes?: number;
  maxAgeMs?: number;
  /** Milliseconds since the epoch; a test's clock. */
  now?: () => number;
}

interface Entry {
  data: Buffer;
  cost: number;
  keptAt: number;
}

/**
 * A BlobStore that keeps, in memory, the attempts' outputs it has read (isAttemptOutputKey: result, layout, error
 * record). Those are written once and never replaced (only deleted by the bucket's lifecycle, hence maxAgeMs), so
 * a copy stays exact: the review screen's several requests for one job (review, result, page regions) then read
 * the file or the S3 object once, not each time. Anything else (the raw upload, which a presigned PUT may still
 * replace) and every miss (an output may appear later) go to the store each time. Least recently read first out,
 * within `budgetBytes`.
 *
 * The Buffers handed out are shared between callers: they are read (decoded, parsed), never written to.
 */
export class AttemptOutputCache implements BlobStore {
  private readonly entries = new Map<string, Entry>();
  private heldBytes = 0;
  private readonly budgetBytes: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly store: BlobStore,
    options: AttemptOutputCacheOptions = {},
  ) {
    this.budgetBytes = options.budgetBytes ?? DEFAULT_ATTEMPT_OUTPUT_CACHE_BYTES;
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_ATTEMPT_OUTPUT_MAX_AGE_MS;
    this.now = options.now ?? Date.now;
  }

  async read(key: string): Promise<Buffer | null> {
    const held = this.entries.get(key);
    if (held !== undefined && this.now() - held.keptAt < this.maxAgeMs) {
      // Map keeps insertion order: moving the key to the end makes the first key the least recently read.
      this.entries.delete(key);
      this.entries.set(key, held);
      return held.data;
    }
    this.forget(key);
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
    const cost = data.length + key.length + ENTRY_OVERHEAD_BYTES;
    if (cost > this.budgetBytes * LARGEST_CACHED_SHARE) return;
    this.forget(key);
    this.entries.set(key, { data: ownCopyOf(data), cost, keptAt: this.now() });
    this.heldBytes += cost;
    for (const [oldest, entry] of this.entries) {
      if (this.heldBytes <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.heldBytes -= entry.cost;
    }
  }

  private forget(key: string): void {
    const held = this.entries.get(key);
    if (held === undefined) return;
    this.entries.delete(key);
    this.heldBytes -= held.cost;
  }
}

/**
 * The bytes in memory of their own. A small Buffer (an S3 body under 4 KiB through Buffer.from) is a slice of
 * Node's shared 8 KiB pool, which keeping it would hold whole while the budget counts only the slice.
 */
function ownCopyOf(data: Buffer): Buffer {
  if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) return data;
  const copy = Buffer.allocUnsafeSlow(data.length);
  data.copy(copy);
  return copy;
}
