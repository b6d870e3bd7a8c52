import type { CreateTokenResponse } from '@invoice/contracts';
import { useEffect, useRef, useState } from 'react';

/** The new token, shown this once: a copy button, and the warning that it cannot be shown again. */
export function NewTokenNotice({ created, onDone }: { created: CreateTokenResponse; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <section className="notice notice-warning" aria-labelledby="new-token-heading">
      <h3 id="new-token-heading" ref={heading} tabIndex={-1}>
        Token {created.apiToken.name} ({created.apiToken.role})
      </h3>
      <p>
        <strong>Copy it now: it is shown only this once.</strong> The server keeps only its hash. Scripts send it as{' '}
        <code>Authorization: Bearer …</code>.
      </p>
      <p className="token-once" data-testid="new-token">
        {created.token}
      </p>
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => void copy()}>
          Copy token
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          I have copied it
        </button>
      </div>
      <p role="status" className="small">
        {copied === 'yes'
          ? 'Copied to the clipboard.'
          : copied === 'failed'
            ? 'The browser did not allow copying: select the token and copy it by hand.'
            : ''}
      </p>
    </section>
  );
}
