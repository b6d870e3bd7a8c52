import { DynamoDbJobRepository } from '../../src/adapters/aws/dynamodb-job-repository';
import { describeOperationsSummary } from '../operations/operations-summary.suite';
import { createAwsResources } from './support/aws-resources';

// The same walk the SQLite store passes, over the DynamoDB jobs table's newest-first index, as AWS mode reads it.
describeOperationsSummary('DynamoDB job store', async () => {
  const resources = await createAwsResources();
  return { jobs: new DynamoDbJobRepository(resources.clients.dynamodb, resources.settings.tables.jobs, resources.settings.tables.audit), cleanup: resources.cleanup };
});
