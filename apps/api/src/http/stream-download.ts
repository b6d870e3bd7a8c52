import type { Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A stored object's bytes as the response body, once its status and headers are set. */
export async function streamDownload(res: Response, body: AsyncIterable<Uint8Array>): Promise<void> {
  try {
    await pipeline(Readable.from(body), res);
  } catch (error) {
    // Once bytes are on the way the status cannot change; a client that went away is not a server fault.
    if (!res.headersSent) throw error;
  }
}
