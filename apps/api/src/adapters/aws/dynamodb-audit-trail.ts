import { ConditionalCheckFailedException, PutItemCommand, QueryCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AuditAction, AuditEntry } from '@invoice/contracts';
import { checkAuditEntry, DomainError, type AuditPage, type AuditQuery, type AuditTrail } from '@invoice/inventory';
import { auditPageOf, auditPositionOf, auditRangeOf, isEmptyRange, type AuditRange } from '../audit-position';
import { AUDIT_BY_ACTION_INDEX, AUDIT_BY_JOB_INDEX, AUDIT_BY_USER_INDEX, AUDIT_TRAIL_PARTITION } from './dynamodb-tables';

type Item = Record<string, AttributeValue>;

/** The attribute each filter matches, and the index whose partition key it is. */
const FILTERS = [
  { field: 'jobId', attribute: 'jobId', index: AUDIT_BY_JOB_INDEX },
  { field: 'user', attribute: 'actorUser', index: AUDIT_BY_USER_INDEX },
  { field: 'action', attribute: 'action', index: AUDIT_BY_ACTION_INDEX },
] as const;

/**
 * The audit trail in its own DynamoDB table (key design in dynamodb-tables.ts): every entry on one partition
 * sorted by position ({at}#{id}), and one sparse index per filter (job, user, action) sorted the same way, so
 * that every query is one newest-first Query with the time range in its key condition. With several filters
 * the most selective one (job, then user, then action) picks the index and the others filter its items.
 *
 * Writes are PutItem with attribute_not_exists: an entry is never overwritten, and the API's role may only
 * PutItem and Query this table (tools/terraform/iam-api.tf), never UpdateItem or DeleteItem.
 */
export class DynamoDbAuditTrail implements AuditTrail {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async append(entry: AuditEntry): Promise<void> {
    checkAuditEntry(entry);
    try {
      await this.client.send(new PutItemCommand(auditPut(this.tableName, entry)));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new DomainError('INTERNAL_ERROR', `Audit entry ${entry.id} already exists; entries are never overwritten.`, { id: entry.id }, { cause: error });
      }
      throw error;
    }
  }

  async query(query: AuditQuery): Promise<AuditPage> {
    const range = auditRangeOf(query);
    if (isEmptyRange(range)) return { items: [], nextCursor: null };
    const wanted = range.limit + 1;
    const found: AuditEntry[] = [];
    const request = queryRequest(this.tableName, range);
    let startKey: Item | undefined;
    do {
      // Without a filter, each item read is a match and Limit bounds the read; with one, DynamoDB applies the
      // Limit before filtering, so pages are read whole (1 MB at most) until enough entries matched.
      const { Items = [], LastEvaluatedKey } = await this.client.send(
        new QueryCommand({ ...request, ExclusiveStartKey: startKey, Limit: request.FilterExpression ? undefined : wanted }),
      );
      for (const item of Items) {
        // BETWEEN includes its upper end; the entry at the cursor was the previous page's last.
        if (item.position?.S !== range.upper) found.push(fromItem(item));
      }
      startKey = LastEvaluatedKey;
    } while (startKey && found.length < wanted);
    return auditPageOf(found, range);
  }
}

function queryRequest(tableName: string, range: AuditRange) {
  const given = FILTERS.filter(({ field }) => range[field] !== null);
  const [keyFilter, ...otherFilters] = given;
  const names: Record<string, string> = {};
  const values: Item = {};
  if (keyFilter) {
    names['#partition'] = keyFilter.attribute;
    values[':partition'] = { S: range[keyFilter.field] as string };
  } else {
    names['#partition'] = 'trail';
    values[':partition'] = { S: AUDIT_TRAIL_PARTITION };
  }
  if (range.lowest !== null) values[':lowest'] = { S: range.lowest };
  if (range.upper !== null) values[':upper'] = { S: range.upper };
  const sortCondition =
    range.lowest !== null && range.upper !== null
      ? ' AND #position BETWEEN :lowest AND :upper'
      : range.lowest !== null
        ? ' AND #position >= :lowest'
        : range.upper !== null
          ? ' AND #position < :upper'
          : '';
  if (sortCondition) names['#position'] = 'position';
  for (const filter of otherFilters) {
    names[`#${filter.field}`] = filter.attribute;
    values[`:${filter.field}`] = { S: range[filter.field] as string };
  }
  return {
    TableName: tableName,
    IndexName: keyFilter?.index,
    KeyConditionExpression: `#partition = :partition${sortCondition}`,
    FilterExpression: otherFilters.length ? otherFilters.map(({ field }) => `#${field} = :${field}`).join(' AND ') : undefined,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ScanIndexForward: false,
    // Only the table itself can be read consistently; its indexes follow within a second in AWS.
    ConsistentRead: keyFilter ? undefined : true,
  };
}

/**
 * The change is stored as its JSON text: a DynamoDB map would turn its numbers into N values and back into
 * binary floats, and the decimals-as-strings rule holds for the trail as for every other store. Null actor
 * fields and job are left out, so the sparse indexes hold only entries that have them.
 */
/** The conditional Put of one entry (never over a stored one): alone, or as an action of the ledger's apply. */
export function auditPut(tableName: string, entry: AuditEntry) {
  return {
    TableName: tableName,
    Item: toItem(entry),
    ConditionExpression: 'attribute_not_exists(#position)',
    ExpressionAttributeNames: { '#position': 'position' },
  };
}

function toItem(entry: AuditEntry): Item {
  return {
    trail: { S: AUDIT_TRAIL_PARTITION },
    position: { S: auditPositionOf(entry) },
    id: { S: entry.id },
    at: { S: entry.at },
    requestId: { S: entry.requestId },
    action: { S: entry.action },
    change: { S: JSON.stringify(entry.change) },
    ...(entry.actor.user === null ? {} : { actorUser: { S: entry.actor.user } }),
    ...(entry.actor.role === null ? {} : { actorRole: { S: entry.actor.role } }),
    ...(entry.jobId === null ? {} : { jobId: { S: entry.jobId } }),
  };
}

function fromItem(item: Item): AuditEntry {
  return {
    id: item.id?.S ?? '',
    at: item.at?.S ?? '',
    actor: { user: item.actorUser?.S ?? null, role: item.actorRole?.S ?? null },
    requestId: item.requestId?.S ?? '',
    jobId: item.jobId?.S ?? null,
    action: item.action?.S as AuditAction,
    change: JSON.parse(item.change?.S ?? '{}') as AuditEntry['change'],
  };
}
