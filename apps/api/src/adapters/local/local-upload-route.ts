import { DomainError, isJobId, recordUploadOnce, type AuditTrail, type Clock, type IdGenerator, type JobRepository } from '@invoice/inventory';
import { Router, type Response } from 'express';
import { auditContextOf } from '../../http/audit-context';
import { uploadAlreadyReceived, type FsBlobStore } from './fs-blob-store';
import type { HmacUploadSigner } from './hmac-upload-signer';

export interface LocalUploadRouteDeps {
  jobs: JobRepository;
  blobs: FsBlobStore;
  signer: HmacUploadSigner;
  clock: Clock;
  audit: AuditTrail;
  newId: IdGenerator;
}

/**
 * PUT /api/uploads/{jobId}?expires=&sig= — what S3 does for a presigned PUT, locally. Everything is checked
 * before a byte is stored: signature, expiry, not yet uploaded, Content-Type and Content-Length exactly as
 * signed. The body is then streamed to a temp file and linked into place only when complete, and only then is
 * the upload recorded in the audit trail (job.upload, once per job).
 */
export function localUploadRoute(deps: LocalUploadRouteDeps): Router {
  const router = Router();
  router.put('/api/uploads/:jobId', async (req, res) => {
    const refuse = (error: DomainError): never => {
      // The body was not read; closing the connection keeps its bytes from being taken as a next request.
      res.setHeader('Connection', 'close');
      throw error;
    };

    const jobId = req.params.jobId;
    const expires = Number(typeof req.query.expires === 'string' ? req.query.expires : NaN);
    const signature = typeof req.query.sig === 'string' ? req.query.sig : '';
    // A path that cannot be a job id never reaches the store, as on the job routes.
    const job = isJobId(jobId) ? await deps.jobs.get(jobId) : null;
    const signed = job && Number.isInteger(expires)
      ? { jobId, key: job.objectKey, contentType: job.contentType, sizeBytes: job.sizeBytes, expires }
      : null;
    if (!job || !signed || !deps.signer.verify(signed, signature)) {
      return refuse(new DomainError('UPLOAD_SIGNATURE_INVALID', 'The upload URL is not valid for this job.'));
    }
    if (deps.clock.now().getTime() > expires * 1000) {
      return refuse(new DomainError('UPLOAD_URL_EXPIRED', 'The upload URL has expired; create a new job.', { expiredAt: new Date(expires * 1000).toISOString() }));
    }
    if (await deps.blobs.head(job.objectKey)) {
      return refuse(uploadAlreadyReceived(job.objectKey));
    }
    const contentType = req.headers['content-type'];
    if (contentType !== job.contentType) {
      return refuse(new DomainError('UPLOAD_CONTENT_TYPE_MISMATCH', `Content-Type must be ${job.contentType}, as signed.`, {
        expected: job.contentType,
        received: contentType ?? null,
      }));
    }
    const lengthHeader = req.headers['content-length'];
    if (lengthHeader === undefined) {
      return refuse(new DomainError('UPLOAD_LENGTH_REQUIRED', 'The upload needs a Content-Length header.'));
    }
    const length = /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : NaN;
    if (length > job.sizeBytes) {
      return refuse(new DomainError('UPLOAD_TOO_LARGE', `The upload is longer than the signed ${job.sizeBytes} bytes.`, {
        sizeBytes: job.sizeBytes,
        contentLength: length,
      }));
    }
    if (length !== job.sizeBytes) {
      return refuse(new DomainError('UPLOAD_SIZE_MISMATCH', `Content-Length must be exactly ${job.sizeBytes} bytes, as signed.`, {
        sizeBytes: job.sizeBytes,
        contentLength: Number.isNaN(length) ? lengthHeader : length,
      }));
    }

    try {
      await deps.blobs.writeStreamOnce(job.objectKey, req, job.sizeBytes);
    } catch (error) {
      // A client that hangs up mid-body is not a server fault; the temp file is already gone.
      if (!(error instanceof DomainError) && req.destroyed) {
        throw new DomainError('UPLOAD_SIZE_MISMATCH', 'The upload was interrupted before the signed size arrived.', undefined, { cause: error });
      }
      throw error;
    }
    await recordUploadOnce(deps, auditContextOf(req), job, 'upload');
    sendStored(res);
  });
  return router;
}

/** S3 answers a successful PUT with 200 and an empty body; so does this route. */
function sendStored(res: Response): void {
  res.status(200).end();
}
