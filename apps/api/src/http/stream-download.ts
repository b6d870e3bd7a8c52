import type { Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { noteServerError } from './request-log';

/** Errors of a peer that went away mid-download: the client's doing, not the server's. */
const PEER_GONE = new Set(['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);

/** A stored object's bytes as the response body, once its status and headers are set. */
export async function streamDownload(res: Response, body: AsyncIterable<Uint8Array>): Promise<void> {
  try {
    await pipeline(Readable.from(body), res);
  } catch (error) {
    // Once bytes are on the way the status cannot change: the response is cut short. A client that went away is
    // not a server fault; a store that failed mid-file is, and the request's line says so (request-log.ts).
    if (!res.headersSent) throw error;
    if (!PEER_GONE.has(String((error as { code?: unknown }).code))) noteServerError(res.req, error);
  }
}
