import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { AuditEntry } from '@invoice/contracts';
import { checkAuditEntry, concurrentUpdate, DomainError, isJobId, type JobPage, type JobRecord, type JobRepository } from '@invoice/inventory';
import { auditPut } from './dynamodb-audit-trail';
import { isConditionFailure, transactWrite } from './dynamodb-transaction';
import { JOBS_BY_CREATED_INDEX, JOBS_IN_FLIGHT_INDEX } from './dynamodb-tables';
import { createdKey, fromJobItem, IN_FLIGHT_PARTITION, JOB_LIST_PARTITION, toJobItem, versionCondition } from './dynamodb-job-item';

/** The shape createdAt always has; a cursor holding anything else was not issued here. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/**
 * Jobs in DynamoDB. Every write is conditional: create on attribute_not_exists, update on the stored
 * version, so a lost race surfaces as JOB_CONCURRENT_UPDATE exactly as with SQLite.
 */
export class DynamoDbJobRepository implements JobRepository {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    /**
     * The audit trail's table, for the entries a create writes with its job (job.create). Required, so that no
     * composition can build a repository that would have to drop or refuse them.
     */
    private readonly auditTableName: string,
  ) {}

  async create(record: JobRecord, audit: readonly AuditEntry[] = []): Promise<void> {
    if (audit.length > 0) return this.createWithAudit(record, audit);
    try {
      await this.client.send(
        new PutItemCommand({ TableName: this.tableName, Item: toJobItem(record), ConditionExpression: 'attribute_not_exists(jobId)' }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new Error(`Job ${record.jobId} already exists`, { cause: error });
      throw itemTooLargeOr(error, record.jobId);
    }
  }

  /** The job's Put and its entries' Puts in one TransactWriteItems: a job is never stored without them. */
  private async createWithAudit(record: JobRecord, audit: readonly AuditEntry[]): Promise<void> {
    audit.forEach(checkAuditEntry);
    const outcome = await transactWrite(this.client, [
      { Put: { TableName: this.tableName, Item: toJobItem(record), ConditionExpression: 'attribute_not_exists(jobId)' } },
      ...audit.map((entry) => ({ Put: auditPut(this.auditTableName, entry) })),
    ]).catch((error: unknown) => {
      throw itemTooLargeOr(error, record.jobId);
    });
    if (outcome.committed) return;
    if (isConditionFailure(outcome.reasons[0])) throw new Error(`Job ${record.jobId} already exists`, { cause: outcome.error });
    const stored = audit.find((_, index) => isConditionFailure(outcome.reasons[1 + index]));
    throw new DomainError('INTERNAL_ERROR', `Audit entry ${stored?.id ?? '?'} already exists; entries are never overwritten.`, { id: stored?.id ?? null }, { cause: outcome.error });
  }

  async get(jobId: string): Promise<JobRecord | null> {
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: { jobId: { S: jobId } }, ConsistentRead: true }));
    return Item ? fromJobItem(Item) : null;
  }

  async update(next: JobRecord, expectedVersion: number): Promise<void> {
    assertNextVersion(next, expectedVersion);
    try {
      await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: toJobItem(next), ...versionCondition(expectedVersion) }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw concurrentUpdate(next.jobId, expectedVersion, error);
      throw itemTooLargeOr(error, next.jobId);
    }
  }

  async list(options: { limit: number; cursor?: string }): Promise<JobPage> {
    // The index is eventually consistent in AWS: a job created a moment ago may show up on the next poll of
    // the list, never in a wrong order.
    return this.queryIndex(JOBS_BY_CREATED_INDEX, 'listPartition', JOB_LIST_PARTITION, 'newest', options);
  }

  async listInFlight(options: { limit: number; cursor?: string }): Promise<JobPage> {
    // A job that just left flight may still be listed for a moment; the sweeper reads it again before deciding.
    return this.queryIndex(JOBS_IN_FLIGHT_INDEX, 'inFlight', IN_FLIGHT_PARTITION, 'oldest', options);
  }

  private async queryIndex(
    indexName: string,
    partitionAttribute: string,
    partition: string,
    first: 'newest' | 'oldest',
    options: { limit: number; cursor?: string },
  ): Promise<JobPage> {
    const after = options.cursor === undefined ? null : decodeCursor(options.cursor);
    const beyond = first === 'newest' ? '<' : '>';
    // One item more than asked tells whether another page exists.
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: indexName,
        KeyConditionExpression: after ? `#partition = :partition AND createdKey ${beyond} :after` : '#partition = :partition',
        ExpressionAttributeNames: { '#partition': partitionAttribute },
        ExpressionAttributeValues: {
          ':partition': { S: partition },
          ...(after ? { ':after': { S: createdKey(after) } } : {}),
        },
        ScanIndexForward: first === 'oldest',
        Limit: options.limit + 1,
      }),
    );
    const items = Items.slice(0, options.limit).map(fromJobItem);
    const last = items.at(-1);
    return { items, nextCursor: Items.length > options.limit && last ? encodeCursor(last) : null };
  }
}

/**
 * DynamoDB refuses an item over 400 KB with a ValidationException; for a job that means a review with a very
 * large set of corrections. That is the request's size, so it is PAYLOAD_TOO_LARGE (413), never a 500; the
 * original error stays the cause. Anything else is passed on unchanged.
 */
export function itemTooLargeOr(error: unknown, jobId: string): unknown {
  if (error instanceof Error && error.name === 'ValidationException' && /item size|maximum allowed size/i.test(error.message)) {
    return new DomainError('PAYLOAD_TOO_LARGE', `Job ${jobId} would exceed the 400 KB DynamoDB stores in one item; save fewer corrections.`, { jobId }, { cause: error });
  }
  return error;
}

/** Shared with the ledger's apply transaction, which writes the job in the same TransactWriteItems. */
export function assertNextVersion(next: JobRecord, expectedVersion: number): void {
  if (next.version !== expectedVersion + 1) {
    throw new DomainError('INTERNAL_ERROR', `Job ${next.jobId}: version must grow by one (${expectedVersion} -> ${next.version}).`);
  }
}

/** Opaque to clients: base64url of the last item's (createdAt, jobId). */
function encodeCursor(job: Pick<JobRecord, 'createdAt' | 'jobId'>): string {
  return Buffer.from(JSON.stringify([job.createdAt, job.jobId]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): Pick<JobRecord, 'createdAt' | 'jobId'> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && TIMESTAMP.test(parsed[0]) && isJobId(parsed[1])) {
      return { createdAt: parsed[0], jobId: parsed[1] as string };
    }
  } catch {
    // Falls through to the same answer as a well-formed but foreign cursor.
  }
  throw new DomainError('VALIDATION_FAILED', 'The cursor is not one this service issued.', {
    issues: [{ path: '/cursor', message: 'is not a valid cursor' }],
  });
}
