import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { isInFlight, type JobRecord } from '@invoice/inventory';

type Item = Record<string, AttributeValue>;

/** Every job shares one partition of the listing index: the list is small and read newest first. */
export const JOB_LIST_PARTITION = 'JOBS';
/**
 * The in-flight index's one partition value, written only while a job is QUEUED or PARSING: the index is
 * sparse, so the sweeper reads what is in flight and nothing else.
 */
export const IN_FLIGHT_PARTITION = 'IN_FLIGHT';

/**
 * A job item: the whole record as JSON (so nested fields such as error details, the summary and review
 * corrections round-trip exactly, and new record fields need no schema change), plus the attributes that
 * keys, conditions and operators need to see.
 */
export function toJobItem(record: JobRecord): Item {
  return {
    jobId: { S: record.jobId },
    version: { N: String(record.version) },
    status: { S: record.status },
    createdAt: { S: record.createdAt },
    updatedAt: { S: record.updatedAt },
    listPartition: { S: JOB_LIST_PARTITION },
    createdKey: { S: createdKey(record) },
    ...(isInFlight(record.status) ? { inFlight: { S: IN_FLIGHT_PARTITION } } : {}),
    record: { S: JSON.stringify(record) },
  };
}

export function fromJobItem(item: Item): JobRecord {
  const json = item.record?.S;
  if (json === undefined) throw new Error(`Job item ${item.jobId?.S ?? '?'} has no record attribute`);
  return JSON.parse(json) as JobRecord;
}

/** Sort key of the listing index: ISO timestamps of one width sort as text, the job id breaks ties. */
export function createdKey(position: Pick<JobRecord, 'createdAt' | 'jobId'>): string {
  return `${position.createdAt}#${position.jobId}`;
}

/** The optimistic check every job write carries: the stored version is still the one read. */
export function versionCondition(expectedVersion: number): {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Item;
} {
  return {
    ConditionExpression: '#version = :expectedVersion',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':expectedVersion': { N: String(expectedVersion) } },
  };
}
