import type { Job, JobReview } from '@invoice/contracts';
import { canReparse, canReview, isInFlight, statusLabel } from '../jobs/job-status';
import { ErrorNotice } from '../shared/ErrorNotice';
import { formatTimestamp } from '../shared/format';

export interface JobStateNoticesProps {
  job: Job;
  review: JobReview | null;
  onReparse: () => void;
  /** Opens the reversal confirmation of an applied job. */
  onReverse?: () => void;
}

/** Where the job stands when that matters more than its lines: still parsing, failed, applied or reversed. */
export function JobStateNotices({ job, review, onReparse, onReverse }: JobStateNoticesProps) {
  if (job.status === 'APPLIED') {
    return (
      <div className="notice notice-success">
        <p>
          <strong>Applied</strong> to stock {formatTimestamp(job.appliedAt)}
          {review ? `, from review revision ${review.revision}` : ''}. Applying again changes nothing.
        </p>
        {onReverse && (
          <button type="button" onClick={onReverse} aria-haspopup="dialog">
            Reverse this apply…
          </button>
        )}
      </div>
    );
  }
  if (job.status === 'REVERSED') {
    return (
      <div className="notice">
        <p>
          <strong>Reversed:</strong> the stock this invoice moved has been moved back. Correct the lines if needed and apply it again.
        </p>
      </div>
    );
  }
  if (canReview(job)) return null;
  return (
    <section className="panel">
      <p>
        Status: <strong>{statusLabel(job.status)}</strong>
        {isInFlight(job.status) && ' — this page updates by itself.'}
      </p>
      {job.error && <ErrorNotice error={job.error} context="Parsing failed" />}
      {canReparse(job) && (
        <button type="button" onClick={onReparse}>
          Re-parse {job.fileName}
        </button>
      )}
    </section>
  );
}
