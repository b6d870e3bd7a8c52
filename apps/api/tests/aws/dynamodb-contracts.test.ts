import { describeInventoryLedgerContract } from '../contracts/inventory-ledger.contract';
import { describeJobRepositoryContract } from '../contracts/job-repository.contract';
import { describeSkuMappingRepositoryContract } from '../contracts/sku-mapping-repository.contract';
import { DynamoDbInventoryLedger } from '../../src/adapters/aws/dynamodb-inventory-ledger';
import { DynamoDbJobRepository } from '../../src/adapters/aws/dynamodb-job-repository';
import { DynamoDbSkuMappingRepository } from '../../src/adapters/aws/dynamodb-sku-mapping-repository';
import { createAwsResources } from './support/aws-resources';

// The same suites the SQLite adapters pass, against DynamoDB Local.
describeJobRepositoryContract('DynamoDbJobRepository', async () => {
  const resources = await createAwsResources();
  return { repository: new DynamoDbJobRepository(resources.clients.dynamodb, resources.settings.tables.jobs), cleanup: resources.cleanup };
});

describeInventoryLedgerContract('DynamoDbInventoryLedger', async () => {
  const resources = await createAwsResources();
  const { dynamodb } = resources.clients;
  return {
    ledger: new DynamoDbInventoryLedger(dynamodb, resources.settings.tables),
    jobs: new DynamoDbJobRepository(dynamodb, resources.settings.tables.jobs),
    cleanup: resources.cleanup,
  };
});

describeSkuMappingRepositoryContract('DynamoDbSkuMappingRepository', async () => {
  const resources = await createAwsResources();
  return {
    repository: new DynamoDbSkuMappingRepository(resources.clients.dynamodb, resources.settings.tables.skuMappings),
    cleanup: resources.cleanup,
  };
});
