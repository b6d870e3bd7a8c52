import { DomainError } from '../errors';
import type { JobRecord } from '../job-record';
import type { BlobHead } from '../ports/blob-store.port';

/**
 * The stored upload must be what was signed: its exact size, and its type where the store records one
 * (S3 HeadObject). A presigned S3 PUT already binds both, so this catches a store or emulator that did
 * not enforce the signature before a parser task is paid for.
 */
export function assertUploadAsSigned(job: Pick<JobRecord, 'jobId' | 'sizeBytes' | 'contentType'>, upload: BlobHead): void {
  if (upload.sizeBytes !== job.sizeBytes) {
    throw new DomainError('UPLOAD_SIZE_MISMATCH', `The stored upload has ${upload.sizeBytes} bytes, but ${job.sizeBytes} were signed.`, {
      jobId: job.jobId,
      sizeBytes: job.sizeBytes,
      received: upload.sizeBytes,
    });
  }
  if (upload.contentType !== undefined && upload.contentType !== null && upload.contentType !== job.contentType) {
    throw new DomainError('UPLOAD_CONTENT_TYPE_MISMATCH', `The stored upload is ${upload.contentType}, but ${job.contentType} was signed.`, {
      jobId: job.jobId,
      contentType: job.contentType,
      received: upload.contentType,
    });
  }
}
