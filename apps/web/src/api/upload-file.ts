import type { PresignedUpload } from '@invoice/contracts';
import { ApiError, CLIENT_ERROR_CODES, errorFromBody } from './api-error';

/** Headers the browser sets itself; setting them by hand is refused (and logged as an error) by browsers. */
const BROWSER_CONTROLLED_HEADERS = new Set(['content-length', 'host', 'connection', 'expect', 'transfer-encoding']);

export function headersToSend(headers: PresignedUpload['headers']): [string, string][] {
  return Object.entries(headers).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && !BROWSER_CONTROLLED_HEADERS.has(entry[0].toLowerCase()),
  );
}

/**
 * PUTs the file straight to its presigned URL. XMLHttpRequest rather than fetch, because only XHR reports
 * upload progress; `onProgress` receives the fraction sent, 0..1.
 */
export function putToPresignedUrl(upload: PresignedUpload, file: Blob, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(upload.method, upload.url);
    for (const [name, value] of headersToSend(upload.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
        return;
      }
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // S3 answers XML; the status is then all there is to say.
      }
      reject(errorFromBody(body, xhr.status, xhr.statusText));
    };
    xhr.onerror = () => reject(new ApiError(CLIENT_ERROR_CODES.network, 'The upload could not reach its destination.', 0));
    xhr.send(file);
  });
}
