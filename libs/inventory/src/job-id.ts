/** The JobId pattern of the contracts: lowercase UUIDs, as randomJobId makes them. */
const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether a string from outside (path, cursor, upload URL) can name a job at all, before any store is asked. */
export function isJobId(value: unknown): value is string {
  return typeof value === 'string' && JOB_ID.test(value);
}
