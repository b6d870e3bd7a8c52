import type { Job, JobReview, ParseResult } from '@invoice/contracts';
import { useCallback, useState } from 'react';
import { useApi } from '../app/api-context';
import { canReview, isInFlight } from '../jobs/job-status';
import { usePolling } from '../shared/use-polling';

/**
 * One job with what the review screen shows of it: the job, its parse result (header, warnings) and its
 * review (effective lines). Polls while the job is still being parsed; `reload()` reads everything again.
 */
export function useJobReview(jobId: string) {
  const api = useApi();
  const [job, setJob] = useState<Job | null>(null);
  const [result, setResult] = useState<ParseResult | null>(null);
  const [review, setReview] = useState<JobReview | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  const load = useCallback(async (): Promise<boolean> => {
    try {
      const current = await api.getJob(jobId);
      setJob(current);
      if (canReview(current)) {
        const [parsed, reviewed] = await Promise.all([api.getResult(jobId), api.getReview(jobId)]);
        setResult(parsed);
        setReview(reviewed);
      }
      setLoadError(null);
      return isInFlight(current.status);
    } catch (error) {
      setLoadError(error);
      return false;
    }
  }, [api, jobId]);
  const { kick } = usePolling(load);

  /** A new parse attempt starts from nothing: the old result and review no longer describe the job. */
  const forgetParse = useCallback(() => {
    setResult(null);
    setReview(null);
  }, []);

  return { job, result, review, loadError, setJob, setReview, forgetParse, reload: kick };
}
