export interface BlobHead {
  sizeBytes: number;
  /** The stored Content-Type, where the store keeps one (S3); checked against the job before a parse. */
  contentType?: string | null;
}

/**
 * How a client gets an object's bytes: streamed through the API (local files), or from a short-lived URL
 * of the store itself (S3 presigned GET), since a Lambda response cannot carry a 25 MiB PDF.
 */
export type BlobDownload =
  | { kind: 'stream'; body: AsyncIterable<Uint8Array>; sizeBytes: number }
  | { kind: 'redirect'; url: string };

/** How a download is served: the Content-Type and Content-Disposition the client receives. */
export interface DownloadHeaders {
  contentType: string;
  contentDisposition: string;
}

export interface PresignPutRequest {
  key: string;
  jobId: string;
  contentType: string;
  /** The exact byte count the upload must have. */
  sizeBytes: number;
  expiresAt: Date;
}

export interface PresignedPut {
  url: string;
  /** Headers the client must send as signed (Content-Type at least). */
  headers: Record<string, string>;
}

/**
 * Object storage addressed by keys such as raw/{jobId}/{name} (S3, or files under DATA_DIR). Clients upload
 * directly through a presigned PUT bound to the content type and exact length, so large files never pass
 * through the API process in the cloud.
 */
export interface BlobStore {
  /** Metadata of an object, or null when it does not exist (S3 HeadObject). */
  head(key: string): Promise<BlobHead | null>;
  /** The whole object, or null when it does not exist. */
  read(key: string): Promise<Buffer | null>;
  /** Writes an object atomically: readers see nothing or all of it. */
  write(key: string, data: Buffer | string): Promise<void>;
  /** A URI the parser process can read or write (file:///… locally, s3://bucket/key in the cloud). */
  uriOf(key: string): string;
  presignPut(request: PresignPutRequest): Promise<PresignedPut>;
  /**
   * The object's bytes for a download, or null when it does not exist (a redirecting store checks that
   * first, e.g. with HeadObject). A redirect URL must stop working at `expiresAt`, and must serve the bytes
   * with `serveAs` (never the type the uploader declared); a stream's headers are the caller's to set.
   */
  openDownload(key: string, options: { expiresAt: Date; serveAs?: DownloadHeaders }): Promise<BlobDownload | null>;
}
