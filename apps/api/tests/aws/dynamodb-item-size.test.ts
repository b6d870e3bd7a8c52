import { nextVersion } from '@invoice/inventory';
import { describe, expect, it } from 'vitest';
import { parsedJobInDynamoDb } from './support/parsed-job-in-dynamodb';

/** Issue 12, finding 5: a job item over DynamoDB's 400 KB answers a coded error, never a 500. */
describe('DynamoDbJobRepository with DynamoDB item size', () => {
  const setup = parsedJobInDynamoDb();

  it('refuses a review too large for one item with PAYLOAD_TOO_LARGE and keeps the stored job', async () => {
    // Arrange: 5,000 corrections with 128-character SKUs, about 750 KB, well within the request schema
    const { jobs, job } = await setup();
    const corrections = Array.from({ length: 5000 }, (_, lineIndex) => ({ lineIndex, sku: 'S'.repeat(124) + String(lineIndex).padStart(4, '0'), quantity: '1' }));
    const huge = nextVersion(job, { reviewRevision: 1, review: { corrections, updatedAt: new Date().toISOString() } }, new Date());

    // Act
    const attempt = jobs.update(huge, job.version);

    // Assert
    await expect(attempt).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { jobId: job.jobId } });
    expect(await jobs.get(job.jobId)).toEqual(job);
  });
});
