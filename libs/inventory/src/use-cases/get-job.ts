import { jobNotFound } from '../errors';
import type { JobRecord } from '../job-record';
import type { JobRepository } from '../ports/job-repository.port';

/** The stored job, or JOB_NOT_FOUND (404). */
export async function getJobOrThrow(jobs: JobRepository, jobId: string): Promise<JobRecord> {
  const job = await jobs.get(jobId);
  if (!job) throw jobNotFound(jobId);
  return job;
}
