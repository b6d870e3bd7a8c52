import { jobNotFound } from '@invoice/inventory';

const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A path segment that cannot be a job id names no job; it never reaches a store. */
export function jobIdParam(value: string | string[] | undefined): string {
  if (typeof value !== 'string' || !JOB_ID.test(value)) throw jobNotFound(String(value));
  return value;
}
