import type { OperationsFailureGroup, ParseAttempt } from '@invoice/contracts';
import { routeHref } from '../app/routes';
import { sentenceFor } from '../shared/error-words';
import { formatTimestamp } from '../shared/format';

const OUTCOME_WORDS: Readonly<Record<ParseAttempt['outcome'], string>> = {
  queued: 'queued',
  running: 'running',
  parsed: 'parsed',
  failed: 'failed',
  retried: 'retried',
  abandoned: 'abandoned',
  'timed-out': 'timed out',
};

/** "Attempt 2: retried (PARSER_UNAVAILABLE), queued …, ended …". */
export function attemptWords(attempt: ParseAttempt): string {
  const code = attempt.code ? ` (${attempt.code})` : '';
  const ended = attempt.endedAt ? `, ended ${formatTimestamp(attempt.endedAt)}` : '';
  return `Attempt ${attempt.attempt}: ${OUTCOME_WORDS[attempt.outcome]}${code}, queued ${formatTimestamp(attempt.queuedAt)}${ended}`;
}

/**
 * The failed parse requests of the window by error code, the most frequent first: each links to its job's page
 * (where it can be parsed again) and lists the attempts of the request, retries included, since the job's page
 * shows only where the job stands now.
 */
export function FailuresList({ groups }: { groups: readonly OperationsFailureGroup[] }) {
  if (groups.length === 0) return <p className="muted">No parse failed in this window.</p>;
  return (
    <ul className="ops-failures">
      {groups.map((group) => (
        <li key={group.code}>
          <h3>
            <span className="code">{group.code}</span>{' '}
            <span className="muted">
              {group.count} failure{group.count === 1 ? '' : 's'}
            </span>
          </h3>
          {sentenceFor(group.code) && <p className="small">{sentenceFor(group.code)}</p>}
          <ul className="ops-failure-jobs">
            {group.failures.map((failure) => (
              <li key={`${failure.jobId}-${failure.attempt}`}>
                <a href={routeHref({ screen: 'review', jobId: failure.jobId })}>{failure.fileName}</a>{' '}
                <span className="muted small">
                  attempt {failure.attempt} {OUTCOME_WORDS[failure.outcome]} {formatTimestamp(failure.endedAt)}
                </span>
                <ol className="ops-attempts small" aria-label={`Attempts of ${failure.fileName}, attempt ${failure.attempt}`}>
                  {failure.attempts.map((attempt) => (
                    <li key={attempt.attempt}>{attemptWords(attempt)}</li>
                  ))}
                </ol>
              </li>
            ))}
          </ul>
          {group.count > group.failures.length && (
            <p className="muted small">
              and {group.count - group.failures.length} older {group.code} failure{group.count - group.failures.length === 1 ? '' : 's'} not listed
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
