import { randomUUID } from 'node:crypto';
import { describeAuditTrailContract } from '../contracts/audit-trail.contract';
import { describeInventoryLedgerContract } from '../contracts/inventory-ledger.contract';
import { describeItemCatalogueContract } from '../contracts/item-catalogue.contract';
import { describeJobRepositoryContract } from '../contracts/job-repository.contract';
import { describeSkuMappingRepositoryContract } from '../contracts/sku-mapping-repository.contract';
import { describeSupplierDirectoryContract } from '../contracts/supplier-directory.contract';
import { DynamoDbAuditTrail } from '../../src/adapters/aws/dynamodb-audit-trail';
import { DynamoDbInventoryLedger } from '../../src/adapters/aws/dynamodb-inventory-ledger';
import { DynamoDbItemCatalogue } from '../../src/adapters/aws/dynamodb-item-catalogue';
import { skuActions } from '../../src/adapters/aws/dynamodb-ledger-items';
import { transactWrite } from '../../src/adapters/aws/dynamodb-transaction';
import { DynamoDbJobRepository } from '../../src/adapters/aws/dynamodb-job-repository';
import { DynamoDbSkuMappingRepository } from '../../src/adapters/aws/dynamodb-sku-mapping-repository';
import { DynamoDbSupplierDirectory } from '../../src/adapters/aws/dynamodb-supplier-directory';
import { createAwsResources } from './support/aws-resources';

// The same suites the SQLite adapters pass, against DynamoDB Local.
describeJobRepositoryContract('DynamoDbJobRepository', async () => {
  const resources = await createAwsResources();
  const { dynamodb } = resources.clients;
  const { tables } = resources.settings;
  return { repository: new DynamoDbJobRepository(dynamodb, tables.jobs, tables.audit), audit: new DynamoDbAuditTrail(dynamodb, tables.audit), cleanup: resources.cleanup };
});

describeInventoryLedgerContract('DynamoDbInventoryLedger', async () => {
  const resources = await createAwsResources();
  const { dynamodb } = resources.clients;
  return {
    ledger: new DynamoDbInventoryLedger(dynamodb, resources.settings.tables),
    jobs: new DynamoDbJobRepository(dynamodb, resources.settings.tables.jobs, resources.settings.tables.audit),
    audit: new DynamoDbAuditTrail(dynamodb, resources.settings.tables.audit),
    suppliers: new DynamoDbSupplierDirectory(dynamodb, resources.settings.tables.skuMappings),
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

describeItemCatalogueContract('DynamoDbItemCatalogue', async () => {
  const resources = await createAwsResources();
  const { dynamodb } = resources.clients;
  const { tables } = resources.settings;
  const ledger = new DynamoDbInventoryLedger(dynamodb, tables);
  return {
    catalogue: new DynamoDbItemCatalogue(dynamodb, tables.inventory),
    // The very writes an apply makes for one SKU (stock ADD and movement), as the ledger sends them.
    async addStock(sku, quantity, at) {
      const record = { jobId: randomUUID(), attempt: 1, reviewRevision: 0, appliedAt: at, deltas: [{ sku, quantity }], applySequence: 1 };
      const outcome = await transactWrite(dynamodb, skuActions(tables, record, { sku, quantity }));
      if (!outcome.committed) throw new Error(`stock of ${sku} was not written`);
    },
    async stockOf(sku) {
      return (await ledger.getStock(sku))?.quantity ?? null;
    },
    cleanup: resources.cleanup,
  };
});

describeSupplierDirectoryContract('DynamoDbSupplierDirectory', async () => {
  const resources = await createAwsResources();
  const { dynamodb } = resources.clients;
  return {
    directory: new DynamoDbSupplierDirectory(dynamodb, resources.settings.tables.skuMappings),
    mappings: new DynamoDbSkuMappingRepository(dynamodb, resources.settings.tables.skuMappings),
    cleanup: resources.cleanup,
  };
});

describeAuditTrailContract('DynamoDbAuditTrail', async () => {
  const resources = await createAwsResources();
  return { trail: new DynamoDbAuditTrail(resources.clients.dynamodb, resources.settings.tables.audit), cleanup: resources.cleanup };
});
