import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedUpload {
  jobId: string;
  key: string;
  contentType: string;
  sizeBytes: number;
  /** Unix time in seconds after which the URL is refused. */
  expires: number;
}

/**
 * The local stand-in for an S3 presigned PUT: a URL of this server's upload route whose HMAC-SHA256 signature
 * binds the job, the object key, the content type and the exact size until an expiry time. Without a public
 * base URL it is a path, which the create route answers on the origin its request came to (http/upload-url.ts).
 */
export class HmacUploadSigner {
  constructor(
    private readonly secret: string,
    private readonly publicBaseUrl: string | null,
  ) {}

  url(upload: SignedUpload): string {
    const query = new URLSearchParams({ expires: String(upload.expires), sig: this.signature(upload) });
    return `${this.publicBaseUrl ?? ''}/api/uploads/${encodeURIComponent(upload.jobId)}?${query.toString()}`;
  }

  /** Constant-time comparison, so the signature cannot be guessed byte by byte from response times. */
  verify(upload: SignedUpload, signature: string): boolean {
    const expected = Buffer.from(this.signature(upload), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private signature(upload: SignedUpload): string {
    // Newline-separated fields: none of them can contain a newline (schema patterns), so no two different
    // uploads produce the same string to sign.
    const canonical = ['PUT', upload.jobId, upload.key, upload.contentType, upload.sizeBytes, upload.expires].join('\n');
    return createHmac('sha256', this.secret).update(canonical).digest('base64url');
  }
}
