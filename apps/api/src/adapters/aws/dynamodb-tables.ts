import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { DynamoDbTableNames } from './aws-settings';

/**
 * Key layout of the four tables. Terraform (tools/terraform) declares the same keys; tests and the
 * emulator scripts create the tables from these definitions.
 *
 * - jobs:         jobId (S); GSI jobs-by-created: listPartition (S, one constant) + createdKey (S, createdAt#jobId)
 * - inventory:    sku (S); quantity is an N attribute moved only with ADD
 * - ledger:       pk (S) + sk (S): JOB#{jobId}/LEDGER (the record), JOB#{jobId}/CHUNK#{n} (chunk markers),
 *                 SKU#{sku}/{appliedAt}#{jobId} (one movement per applied job and SKU)
 * - sku-mappings: supplierKey (S) + supplierSku (S); also the supplier directory's identities under partitions
 *                 no supplier key has: #IDENTITY#{identity}/# (target) and #SUPPLIER#{supplierKey}/{identity},
 *                 and #NAME#{supplierKey}/#; a key part too long for DynamoDB is bounded (dynamodb-key-part.ts)
 */
export const JOBS_BY_CREATED_INDEX = 'jobs-by-created';

export function tableDefinitions(names: DynamoDbTableNames): CreateTableCommandInput[] {
  return [
    {
      TableName: names.jobs,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'jobId', AttributeType: 'S' },
        { AttributeName: 'listPartition', AttributeType: 'S' },
        { AttributeName: 'createdKey', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'jobId', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: JOBS_BY_CREATED_INDEX,
          KeySchema: [
            { AttributeName: 'listPartition', KeyType: 'HASH' },
            { AttributeName: 'createdKey', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    },
    {
      TableName: names.inventory,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'sku', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'sku', KeyType: 'HASH' }],
    },
    {
      TableName: names.ledger,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    },
    {
      TableName: names.skuMappings,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'supplierKey', AttributeType: 'S' },
        { AttributeName: 'supplierSku', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'supplierKey', KeyType: 'HASH' },
        { AttributeName: 'supplierSku', KeyType: 'RANGE' },
      ],
    },
  ];
}
