import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../../src/adapters/aws/aws-clients';
import { DynamoDbJobRepository } from '../../src/adapters/aws/dynamodb-job-repository';
import { DynamoDbSkuMappingRepository } from '../../src/adapters/aws/dynamodb-sku-mapping-repository';
import { S3BlobStore } from '../../src/adapters/aws/s3-blob-store';

/**
 * A service that answers but not usefully (a real HTTP server on loopback speaking the services' error
 * formats), and one that does not answer at all: after the SDK's retries, both are STORAGE_UNAVAILABLE (503).
 */
describe('AWS clients when a service is unavailable', () => {
  const servers: Server[] = [];
  const clients: AwsClients[] = [];
  afterEach(async () => {
    clients.splice(0).forEach(destroyAwsClients);
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  async function failingService(status: number, contentType: string, body: string): Promise<{ endpoint: string; requests: () => number }> {
    let requests = 0;
    const server = createServer((req, res) => {
      requests += 1;
      req.resume();
      res.writeHead(status, { 'content-type': contentType }).end(body);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
  }

  function clientsFor(endpoint: string): AwsClients {
    const made = createAwsClients({ region: 'us-east-1', endpoints: { dynamodb: endpoint, s3: endpoint, ecs: endpoint }, s3ForcePathStyle: true });
    clients.push(made);
    return made;
  }

  it('answers STORAGE_UNAVAILABLE when DynamoDB throttles every attempt', async () => {
    // Arrange
    const throttling = await failingService(
      400,
      'application/x-amz-json-1.0',
      JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'slow down' }),
    );
    const jobs = new DynamoDbJobRepository(clientsFor(throttling.endpoint).dynamodb, 'jobs', 'audit');

    // Act
    const failure = await jobs.get('00000000-0000-4000-8000-000000000001').catch((error: unknown) => error);

    // Assert: the SDK retried first, then the API's stable code
    expect(failure).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    expect(throttling.requests()).toBeGreaterThan(1);
  });

  it('answers STORAGE_UNAVAILABLE when DynamoDB throttles every write of a SKU mapping', async () => {
    // Arrange
    const throttling = await failingService(
      400,
      'application/x-amz-json-1.0',
      JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException', message: 'slow down' }),
    );
    const repository = new DynamoDbSkuMappingRepository(clientsFor(throttling.endpoint).dynamodb, 'mappings');

    // Act
    const failure = await repository
      .saveAll([{ supplierKey: 'acme', supplierSku: 'A-1', inventorySku: 'SKU-1', packSize: '12', updatedAt: '2026-11-25T10:00:00.000Z' }])
      .catch((error: unknown) => error);

    // Assert: the SDK retried first, then the API's stable code
    expect(failure).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    expect(throttling.requests()).toBeGreaterThan(1);
  });

  it('answers STORAGE_UNAVAILABLE when S3 answers 503, and when nothing listens', async () => {
    // Arrange
    const slowDown = await failingService(503, 'application/xml', '<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>');
    const closed = await failingService(200, 'text/plain', '');
    await new Promise((resolve) => servers.pop()?.close(resolve));

    // Act
    const busy = await new S3BlobStore(clientsFor(slowDown.endpoint).s3, 'bucket').head('raw/x.pdf').catch((error: unknown) => error);
    const gone = await new S3BlobStore(clientsFor(closed.endpoint).s3, 'bucket').head('raw/x.pdf').catch((error: unknown) => error);

    // Assert
    expect(busy).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    expect(gone).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
  });
});
