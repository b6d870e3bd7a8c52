import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { ParseResult } from '@invoice/contracts';
import { applyInvoice, getReview, parsedKey, systemClock, type InventoryPorts } from '@invoice/inventory';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoDbInventoryLedger } from '../../src/adapters/aws/dynamodb-inventory-ledger';
import { DynamoDbItemCatalogue } from '../../src/adapters/aws/dynamodb-item-catalogue';
import { DynamoDbJobRepository } from '../../src/adapters/aws/dynamodb-job-repository';
import { DynamoDbSkuMappingRepository } from '../../src/adapters/aws/dynamodb-sku-mapping-repository';
import { DynamoDbSupplierDirectory } from '../../src/adapters/aws/dynamodb-supplier-directory';
import { EcsParserRunner } from '../../src/adapters/aws/ecs-parser-runner';
import { S3BlobStore } from '../../src/adapters/aws/s3-blob-store';
import { parsedJob } from '../contracts/sample-records';
import { createAwsResources, type AwsTestResources } from './support/aws-resources';

/** Pack sizes in AWS mode: items written before them, the directory's items beside them, and an apply. */
describe('DynamoDbSkuMappingRepository in its shared table', () => {
  const opened: AwsTestResources[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((resources) => resources.cleanup()));
  });

  async function setup() {
    const resources = await createAwsResources();
    opened.push(resources);
    const { dynamodb } = resources.clients;
    const table = resources.settings.tables.skuMappings;
    return { resources, dynamodb, table, mappings: new DynamoDbSkuMappingRepository(dynamodb, table) };
  }

  it('reads a mapping saved before pack sizes as pack size 1, never used', async () => {
    // Arrange: the item exactly as the release before wrote it
    const { dynamodb, table, mappings } = await setup();
    const item = { supplierKey: { S: 'acme' }, supplierSku: { S: 'A-1' }, inventorySku: { S: 'INV-A' }, updatedAt: { S: '2026-05-01T08:00:00.000Z' } };
    await dynamodb.send(new PutItemCommand({ TableName: table, Item: item }));

    // Act
    const listed = await mappings.listBySupplier('acme');

    // Assert
    expect(listed).toEqual([{ supplierKey: 'acme', supplierSku: 'A-1', inventorySku: 'INV-A', packSize: '1', updatedAt: '2026-05-01T08:00:00.000Z', lastUsedAt: null }]);
  });

  it('lists every supplier’s mappings without the supplier directory’s items that share the table', async () => {
    // Arrange
    const { resources, mappings } = await setup();
    const directory = new DynamoDbSupplierDirectory(resources.clients.dynamodb, resources.settings.tables.skuMappings);
    await directory.linkNew([{ identity: 'vat:DE123456789', supplierKey: 'acme' }]);
    await mappings.saveAll([{ supplierKey: 'acme', supplierSku: 'A-1', inventorySku: 'INV-A', packSize: '6', updatedAt: '2026-05-01T08:00:00.000Z' }]);

    // Act
    const every = await mappings.search({});

    // Assert
    expect(every.map((mapping) => [mapping.supplierKey, mapping.supplierSku])).toEqual([['acme', 'A-1']]);
  });

  it('applies quantity x pack size to DynamoDB stock and marks the mapping used at the apply time', async () => {
    // Arrange: a parsed invoice of 2.5 cases of 12 in S3, its job in DynamoDB, the mapping and the item
    const { resources, dynamodb, mappings } = await setup();
    const { tables } = resources.settings;
    const ports: Pick<InventoryPorts, 'jobs' | 'ledger' | 'blobs' | 'runner' | 'clock' | 'skuMappings' | 'suppliers' | 'items'> = {
      jobs: new DynamoDbJobRepository(dynamodb, tables.jobs, tables.audit),
      ledger: new DynamoDbInventoryLedger(dynamodb, tables),
      items: new DynamoDbItemCatalogue(dynamodb, tables.inventory),
      skuMappings: mappings,
      suppliers: new DynamoDbSupplierDirectory(dynamodb, tables.skuMappings),
      blobs: new S3BlobStore(resources.clients.s3, resources.settings.uploadsBucket, () => new Date()),
      // Never started: the job is PARSED already.
      runner: new EcsParserRunner(resources.clients.ecs, resources.settings.ecs, 900),
      clock: systemClock,
    };
    const job = parsedJob();
    await ports.jobs.create(job);
    await ports.blobs.write(parsedKey(job.jobId, job.attempt), JSON.stringify(parseResult('Pack Supplier AG', [{ sku: 'CASE-12', quantity: '2.5' }])));
    await mappings.saveAll([{ supplierKey: 'pack supplier ag', supplierSku: 'CASE-12', inventorySku: 'AWS-BOLT', packSize: '12', updatedAt: '2026-05-01T08:00:00.000Z' }]);
    await ports.items.create({ sku: 'AWS-BOLT', name: 'Bolt', unit: 'pcs', gtin: null }, '2026-05-01T08:00:00.000Z');

    // Act
    const review = await getReview(ports, job.jobId);
    const applied = await applyInvoice(ports, job.jobId, { expectedStockChanges: review.stockChanges });

    // Assert
    expect(review.lines[0]).toMatchObject({ sku: 'AWS-BOLT', quantity: '2.5', packSize: '12', stockQuantity: '30' });
    expect(applied.ledger.deltas).toEqual([{ sku: 'AWS-BOLT', quantity: '30' }]);
    expect(await ports.ledger.getStock('AWS-BOLT')).toMatchObject({ quantity: '30' });
    expect((await mappings.listBySupplier('pack supplier ag'))[0]?.lastUsedAt).toBe(applied.ledger.appliedAt);
  });
});

function parseResult(supplier: string, lines: { sku: string; quantity: string }[]): ParseResult {
  return {
    schemaVersion: '1',
    source: { sha256: 'a'.repeat(64), pages: 1, mediaType: 'application/pdf', sizeBytes: 100 },
    parser: { name: 'test', version: '1' },
    extraction: { method: 'printed-page' },
    invoice: {
      documentType: 'invoice',
      number: 'PACK-1',
      date: '2026-01-31',
      currency: 'EUR',
      supplier: { name: supplier },
      totals: { subtotal: null, tax: null, total: '10.00' },
    },
    lines: lines.map((line, index) => ({
      index,
      kind: 'item',
      sku: line.sku,
      description: `Line ${index}`,
      quantity: line.quantity,
      unit: null,
      unitPrice: null,
      lineTotal: null,
      page: 1,
      bbox: [10, 10, 500, 20],
    })),
    warnings: [],
  } as ParseResult;
}
