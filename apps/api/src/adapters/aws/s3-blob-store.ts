import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { BlobDownload, BlobHead, BlobStore, DownloadHeaders, PresignedPut, PresignPutRequest } from '@invoice/inventory';

/** The same key rule as the file store: no "..", no hidden segments, no empty segments. */
const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
const MAX_KEY_LENGTH = 512;
/** Headers the presigned PUT signs, so S3 refuses an upload of another type or another length. */
const SIGNED_UPLOAD_HEADERS = new Set(['content-type', 'content-length']);
const NOT_FOUND_CODES = new Set(['NotFound', 'NoSuchKey']);

/** Blobs in one S3 bucket. Uploads go straight from the browser to S3 through a presigned PUT. */
export class S3BlobStore implements BlobStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async head(key: string): Promise<BlobHead | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: checked(key) }));
      return { sizeBytes: head.ContentLength ?? 0, contentType: head.ContentType ?? null };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async read(key: string): Promise<Buffer | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: checked(key) }));
      if (!object.Body) return Buffer.alloc(0);
      return Buffer.from(await object.Body.transformToByteArray());
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async write(key: string, data: Buffer | string): Promise<void> {
    // A PutObject is atomic: readers see the previous object or the whole new one.
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: checked(key), Body: data }));
  }

  uriOf(key: string): string {
    return `s3://${this.bucket}/${checked(key)}`;
  }

  async presignPut(request: PresignPutRequest): Promise<PresignedPut> {
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: checked(request.key),
      ContentType: request.contentType,
      ContentLength: request.sizeBytes,
    });
    const signingDate = this.now();
    const url = await getSignedUrl(this.client, command, {
      // Signed at the clock's time, so the URL expires exactly at the expiresAt the API reports.
      signingDate,
      expiresIn: secondsBetween(signingDate, request.expiresAt),
      signableHeaders: SIGNED_UPLOAD_HEADERS,
      // Kept as headers (not hoisted into the query), so the browser must send exactly these values.
      unhoistableHeaders: SIGNED_UPLOAD_HEADERS,
    });
    return { url, headers: { 'Content-Type': request.contentType } };
  }

  async openDownload(key: string, options: { expiresAt: Date; serveAs?: DownloadHeaders }): Promise<BlobDownload | null> {
    if (!(await this.head(key))) return null;
    const signingDate = this.now();
    // S3 would answer with the Content-Type stored at upload, which the uploader chose: override it, signed.
    const serveAs = options.serveAs ?? { contentType: 'application/octet-stream', contentDisposition: 'attachment' };
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: checked(key),
      ResponseContentType: serveAs.contentType,
      ResponseContentDisposition: serveAs.contentDisposition,
    });
    const url = await getSignedUrl(this.client, command, {
      signingDate,
      expiresIn: secondsBetween(signingDate, options.expiresAt),
    });
    return { kind: 'redirect', url };
  }
}

function secondsBetween(from: Date, to: Date): number {
  return Math.max(1, Math.ceil((to.getTime() - from.getTime()) / 1000));
}

function checked(key: string): string {
  if (key.length > MAX_KEY_LENGTH || !KEY_PATTERN.test(key)) throw new Error(`Invalid blob key: ${JSON.stringify(key)}`);
  return key;
}

function isNotFound(error: unknown): boolean {
  return error instanceof S3ServiceException && (NOT_FOUND_CODES.has(error.name) || error.$metadata.httpStatusCode === 404);
}
