import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { DynamoDbTableNames } from './aws-settings';

/**
 * Key layout of the five tables. Terraform (tools/terraform) declares the same keys; tests and the
 * emulator scripts create the tables from these definitions.
 *
 * - jobs:         jobId (S); GSI jobs-by-created: listPartition (S, one constant) + createdKey (S, createdAt#jobId);
 *                 sparse GSI jobs-in-flight: inFlight (S, one constant, only while QUEUED or PARSING) + createdKey
 * - inventory:    sku (S); quantity is an N attribute moved only with ADD
 * - ledger:       pk (S) + sk (S): JOB#{jobId}/LEDGER (the record), JOB#{jobId}/CHUNK#{n} (chunk markers),
 *                 SKU#{sku}/{appliedAt}#{jobId} (one movement per applied job and SKU)
 * - sku-mappings: supplierKey (S) + supplierSku (S); also the supplier directory's identities under partitions
 *                 no supplier key has: #IDENTITY#{identity}/# (target) and #SUPPLIER#{supplierKey}/{identity},
 *                 and #NAME#{supplierKey}/#; a key part too long for DynamoDB is bounded (dynamodb-key-part.ts)
 * - audit:        trail (S, one constant) + position (S, {at}#{id}); sparse GSIs audit-by-job (jobId),
 *                 audit-by-user (actorUser) and audit-by-action (action), each sorted by position
 *
 * Why the audit table has one partition and an index per filter, not day buckets: every question the trail
 * answers (a job's history on its review, a user's actions, one kind of action, a time range) is then a single
 * newest-first Query with the range in its key condition, however sparse the entries; day buckets would make
 * "the newest 50" walk back through empty days, and a job's trail scan every day since the job began. One
 * partition takes 1,000 writes a second, far more than a team's clicks; the indexes cost one extra write each.
 */
export const JOBS_BY_CREATED_INDEX = 'jobs-by-created';
export const JOBS_IN_FLIGHT_INDEX = 'jobs-in-flight';
export const AUDIT_BY_JOB_INDEX = 'audit-by-job';
export const AUDIT_BY_USER_INDEX = 'audit-by-user';
export const AUDIT_BY_ACTION_INDEX = 'audit-by-action';
/** The audit table's single partition key value: every entry, in position order. */
export const AUDIT_TRAIL_PARTITION = 'AUDIT';

export function tableDefinitions(names: DynamoDbTableNames): CreateTableCommandInput[] {
  return [
    {
      TableName: names.jobs,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'jobId', AttributeType: 'S' },
        { AttributeName: 'listPartition', AttributeType: 'S' },
        { AttributeName: 'createdKey', AttributeType: 'S' },
        { AttributeName: 'inFlight', AttributeType: 'S' },
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
        {
          IndexName: JOBS_IN_FLIGHT_INDEX,
          KeySchema: [
            { AttributeName: 'inFlight', KeyType: 'HASH' },
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
    {
      TableName: names.audit,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'trail', AttributeType: 'S' },
        { AttributeName: 'position', AttributeType: 'S' },
        { AttributeName: 'jobId', AttributeType: 'S' },
        { AttributeName: 'actorUser', AttributeType: 'S' },
        { AttributeName: 'action', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'trail', KeyType: 'HASH' },
        { AttributeName: 'position', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [AUDIT_BY_JOB_INDEX, AUDIT_BY_USER_INDEX, AUDIT_BY_ACTION_INDEX].map((IndexName, index) => ({
        IndexName,
        KeySchema: [
          { AttributeName: ['jobId', 'actorUser', 'action'][index] as string, KeyType: 'HASH' as const },
          { AttributeName: 'position', KeyType: 'RANGE' as const },
        ],
        Projection: { ProjectionType: 'ALL' as const },
      })),
    },
  ];
}
