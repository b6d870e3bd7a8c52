import type { AuditEntry } from '@invoice/contracts';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { DynamoDbAuditTrail } from '../../src/adapters/aws/dynamodb-audit-trail';
import { DynamoDbJobRepository } from '../../src/adapters/aws/dynamodb-job-repository';
import { parsedJob } from '../contracts/sample-records';
import { createAwsResources, type AwsTestResources } from './support/aws-resources';

describe('DynamoDbJobRepository', () => {
  const opened: AwsTestResources[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((resources) => resources.cleanup()));
  });

  describe('constructor', () => {
    it('takes the audit table as a required argument, so no composition can drop the job.create entries', async () => {
      // Arrange
      const resources = await createAwsResources();
      opened.push(resources);
      const { dynamodb } = resources.clients;
      const { tables } = resources.settings;
      const jobs = new DynamoDbJobRepository(dynamodb, tables.jobs, tables.audit);
      const job = parsedJob();
      const entry: AuditEntry = { id: randomUUID(), at: new Date().toISOString(), actor: { user: 'anna', role: 'operator' }, requestId: randomUUID(), jobId: job.jobId, action: 'job.create', change: {} };

      // Act
      await jobs.create(job, [entry]);

      // Assert
      // Three arguments, none optional: were the audit table optional, the length would be 2 | 3 (checked by tsc over tests/).
      expectTypeOf<ConstructorParameters<typeof DynamoDbJobRepository>['length']>().toEqualTypeOf<3>();
      expect(await jobs.get(job.jobId)).toEqual(job);
      expect((await new DynamoDbAuditTrail(dynamodb, tables.audit).query({ jobId: job.jobId, limit: 10 })).items).toEqual([entry]);
    });
  });
});
