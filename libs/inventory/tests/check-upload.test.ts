import { describe, expect, it } from 'vitest';
import { assertUploadAsSigned } from '../src/use-cases/check-upload';

const job = { jobId: '00000000-0000-4000-8000-000000000001', sizeBytes: 100, contentType: 'application/pdf' };

describe('assertUploadAsSigned', () => {
  it('accepts the signed size, with or without a stored type', () => {
    expect(() => assertUploadAsSigned(job, { sizeBytes: 100 })).not.toThrow();
    expect(() => assertUploadAsSigned(job, { sizeBytes: 100, contentType: null })).not.toThrow();
    expect(() => assertUploadAsSigned(job, { sizeBytes: 100, contentType: 'application/pdf' })).not.toThrow();
  });

  it('throws UPLOAD_SIZE_MISMATCH for another size', () => {
    expect(() => assertUploadAsSigned(job, { sizeBytes: 101 })).toThrow(expect.objectContaining({ code: 'UPLOAD_SIZE_MISMATCH', details: expect.objectContaining({ received: 101 }) }));
  });

  it('throws UPLOAD_CONTENT_TYPE_MISMATCH for another stored type', () => {
    expect(() => assertUploadAsSigned(job, { sizeBytes: 100, contentType: 'text/html' })).toThrow(
      expect.objectContaining({ code: 'UPLOAD_CONTENT_TYPE_MISMATCH' }),
    );
  });
});
