import type { MouseEvent } from 'react';
import { ApiError, CLIENT_ERROR_CODES, errorFromResponse } from '../api/api-error';

/**
 * A download link the browser follows by itself sends the session cookie (local mode) but not AWS mode's
 * bearer token. With a token to send, the click fetches the file with it and saves the answer instead; without
 * one (undefined), the link stays an ordinary link.
 */
export function authorisedDownload(
  headers: Record<string, string>,
  onError: (error: unknown) => void,
): ((event: MouseEvent<HTMLAnchorElement>) => void) | undefined {
  if (Object.keys(headers).length === 0) return undefined;
  return (event) => {
    event.preventDefault();
    const link = event.currentTarget;
    void (async () => {
      let response: Response;
      try {
        response = await fetch(link.href, { headers });
      } catch (cause) {
        onError(new ApiError(CLIENT_ERROR_CODES.network, `The download could not be fetched (${String(cause)}).`, 0));
        return;
      }
      if (!response.ok) {
        onError(await errorFromResponse(response));
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const save = document.createElement('a');
      save.href = url;
      save.download = link.getAttribute('download') ?? '';
      document.body.append(save);
      save.click();
      save.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    })();
  };
}
