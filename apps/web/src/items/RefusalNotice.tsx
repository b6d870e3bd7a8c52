import { ApiError } from '../api/api-error';
import { ErrorNotice } from '../shared/ErrorNotice';
import { listedProblems } from './listed-problems';

/** An ErrorNotice followed by the single problems the refusal listed (fields, CSV rows). */
export function RefusalNotice({ error, context, onRetry, retryLabel }: { error: unknown; context: string; onRetry?: () => void; retryLabel?: string }) {
  const problems = listedProblems(error);
  return (
    <>
      <ErrorNotice
        error={error}
        context={context}
        onRetry={onRetry}
        retryLabel={retryLabel}
        summary={problems.length > 0 && error instanceof ApiError && error.code === 'VALIDATION_FAILED' ? 'Some values are not acceptable: see the problems listed below.' : undefined}
      />
      {problems.length > 0 && (
        <ul className="problem-list" aria-label="Problems found">
          {problems.map((problem, index) => (
            <li key={index}>{problem}</li>
          ))}
        </ul>
      )}
    </>
  );
}
