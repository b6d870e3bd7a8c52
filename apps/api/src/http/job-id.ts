import { isJobId, jobNotFound } from '@invoice/inventory';

/** A path segment that cannot be a job id names no job; it never reaches a store. */
export function jobIdParam(value: string | string[] | undefined): string {
  if (!isJobId(value)) throw jobNotFound(String(value));
  return value;
}
