import { afterEach } from 'vitest';
import { DynamoDbInventoryLedger } from '../../../src/adapters/aws/dynamodb-inventory-ledger';
import { DynamoDbJobRepository } from '../../../src/adapters/aws/dynamodb-job-repository';
import { parsedJob } from '../../contracts/sample-records';
import { createAwsResources, type AwsTestResources } from './aws-resources';

/**
 * For suites that exercise apply against DynamoDB Local: returns a setup function giving each test fresh
 * tables holding one PARSED job, with the ledger over them; the tables are dropped after each test.
 * Call it at describe level (it registers the afterEach).
 */
export function parsedJobInDynamoDb() {
  const opened: AwsTestResources[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((resources) => resources.cleanup()));
  });

  return async function setup() {
    const resources = await createAwsResources();
    opened.push(resources);
    const { dynamodb } = resources.clients;
    const jobs = new DynamoDbJobRepository(dynamodb, resources.settings.tables.jobs, resources.settings.tables.audit);
    const job = parsedJob();
    await jobs.create(job);
    return { resources, dynamodb, jobs, job, ledger: new DynamoDbInventoryLedger(dynamodb, resources.settings.tables) };
  };
}
