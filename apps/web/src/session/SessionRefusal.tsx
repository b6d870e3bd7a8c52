import { useEffect, useRef } from 'react';

/** A refusal of the login or setup form, in words with its code. */
export interface Refusal {
  message: string;
  code: string;
}

/**
 * The refusal under the login and setup forms. A refusal is news: it takes the focus when it appears, so a
 * screen reader says it at once and the keyboard is where the next step is.
 */
export function SessionRefusal({ refusal }: { refusal: Refusal | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (refusal) ref.current?.focus();
  }, [refusal]);
  if (!refusal) return null;
  return (
    <div role="alert" className="notice notice-error" tabIndex={-1} ref={ref}>
      <p>
        <strong>{refusal.message}</strong> <span className="code">({refusal.code})</span>
      </p>
    </div>
  );
}
