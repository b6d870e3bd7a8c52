import { DomainError, type BlobDownload, type BlobHead, type BlobStore, type PresignPutRequest, type PresignedPut } from '@invoice/inventory';
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { HmacUploadSigner } from './hmac-upload-signer';

/**
 * Segments start with a letter or digit, so "..", hidden files and our own ".tmp" files can never be
 * addressed; together with the containment check below nothing outside the root is reachable.
 */
const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
const MAX_KEY_LENGTH = 512;

/** Blobs as files below a root directory (DATA_DIR/blobs), written atomically via temp file + rename. */
export class FsBlobStore implements BlobStore {
  readonly root: string;

  constructor(
    root: string,
    private readonly signer: HmacUploadSigner,
  ) {
    this.root = path.resolve(root);
  }

  async head(key: string): Promise<BlobHead | null> {
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? { sizeBytes: info.size } : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async read(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async write(key: string, data: Buffer | string): Promise<void> {
    const target = this.pathOf(key);
    const temp = await this.tempFileFor(target);
    try {
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Streams an upload to a temp file, counting bytes and aborting as soon as more than `exactBytes` arrive,
   * then links it into place only if no object exists yet: a refused or repeated upload stores nothing.
   */
  async writeStreamOnce(key: string, body: Readable, exactBytes: number): Promise<void> {
    const target = this.pathOf(key);
    const temp = await this.tempFileFor(target);
    try {
      await copyCounting(body, temp, exactBytes);
      try {
        // link() fails with EEXIST instead of replacing, unlike rename(): the first complete upload wins.
        await link(temp, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          throw uploadAlreadyReceived(key);
        }
        throw error;
      }
    } finally {
      await unlink(temp).catch(() => undefined);
    }
  }

  /**
   * Streams the file through the API. The handle is opened first and its size taken from it, so a file
   * replaced in between cannot be reported with one size and sent with another.
   */
  async openDownload(key: string): Promise<BlobDownload | null> {
    const file = this.pathOf(key);
    let handle;
    try {
      handle = await open(file, 'r');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    try {
      const info = await handle.stat();
      if (!info.isFile()) {
        await handle.close();
        return null;
      }
      return { kind: 'stream', body: handle.createReadStream({ autoClose: true }), sizeBytes: info.size };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  uriOf(key: string): string {
    return pathToFileURL(this.pathOf(key)).href;
  }

  async presignPut(request: PresignPutRequest): Promise<PresignedPut> {
    this.pathOf(request.key);
    const url = this.signer.url({
      jobId: request.jobId,
      key: request.key,
      contentType: request.contentType,
      sizeBytes: request.sizeBytes,
      expires: Math.floor(request.expiresAt.getTime() / 1000),
    });
    return { url, headers: { 'Content-Type': request.contentType } };
  }

  /** The file of a key; throws for any key that is malformed or would resolve outside the root. */
  pathOf(key: string): string {
    if (key.length > MAX_KEY_LENGTH || !KEY_PATTERN.test(key)) throw new Error(`Invalid blob key: ${JSON.stringify(key)}`);
    const resolved = path.resolve(this.root, key);
    if (!resolved.startsWith(this.root + path.sep)) throw new Error(`Blob key escapes the store: ${JSON.stringify(key)}`);
    return resolved;
  }

  private async tempFileFor(target: string): Promise<string> {
    // Same directory as the target, so the final rename/link never crosses file systems.
    await mkdir(path.dirname(target), { recursive: true });
    return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  }
}

async function copyCounting(body: Readable, file: string, exactBytes: number): Promise<void> {
  // A file handle opened before the first chunk (rather than a write stream that opens lazily) means the
  // caller's cleanup can never race the file's creation.
  const handle = await open(file, 'wx', 0o600);
  try {
    let received = 0;
    for await (const chunk of body) {
      received += (chunk as Buffer).length;
      if (received > exactBytes) {
        throw new DomainError('UPLOAD_TOO_LARGE', `The upload is longer than the signed ${exactBytes} bytes.`, { sizeBytes: exactBytes });
      }
      await handle.write(chunk as Buffer);
    }
    if (received !== exactBytes) {
      throw new DomainError('UPLOAD_SIZE_MISMATCH', `Received ${received} bytes, but ${exactBytes} were signed.`, {
        sizeBytes: exactBytes,
        received,
      });
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Refused by the route's early check and, for two uploads racing past it, by link() here. */
export function uploadAlreadyReceived(key: string): DomainError {
  return new DomainError('UPLOAD_ALREADY_RECEIVED', 'The file of this job has already been uploaded.', { key });
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
