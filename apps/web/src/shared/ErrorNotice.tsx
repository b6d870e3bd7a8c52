import { errorInWords } from './error-words';

/** An API or client failure in words, with its stable code, so nothing fails silently. */
export function ErrorNotice({
  error,
  context,
  onRetry,
  retryLabel = 'Try again',
  summary,
}: {
  error: unknown;
  context?: string;
  onRetry?: () => void;
  retryLabel?: string;
  /** Replaces the code's usual sentence where the screen knows better what happened and what to do. */
  summary?: string;
}) {
  const words = errorInWords(error);
  return (
    <div role="alert" className="notice notice-error" tabIndex={-1}>
      <p>
        {context && <>{context}: </>}
        <strong>{summary ?? words.summary}</strong> <span className="code">({words.code})</span>
      </p>
      {words.detail && <p className="notice-detail">{words.detail}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {retryLabel}
        </button>
      )}
    </div>
  );
}
