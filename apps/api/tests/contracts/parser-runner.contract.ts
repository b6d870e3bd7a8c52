import { validate } from '@invoice/contracts';
import type { BlobStore, ParserRunner, ParserRunStatus } from '@invoice/inventory';
import { errorKey, parsedKey } from '@invoice/inventory';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

export interface ParserRunnerFixture {
  runner: ParserRunner;
  /** Where the runner's parser reads inputs and writes outputs. */
  blobs: BlobStore;
  /**
   * How a test knows a run is over: the runner reports it STOPPED (a subprocess, an ECS task; the default), or,
   * for a runner that cannot tell, one of the attempt's outputs exists, which is what reconcile reads first
   * (a queue: SQS has no per-message state, so a sent parse reads PENDING).
   */
  endsWith?: 'stop' | 'output';
  cleanup(): Promise<void>;
}

export interface ParserRunnerDocuments {
  /** An invoice the parser reads successfully. */
  invoicePdf: Buffer;
  /** A document the parser refuses with NOT_A_PDF. */
  notAPdf: Buffer;
}

const WAIT_LIMIT_MS = 45_000;

/**
 * What every ParserRunner must do with the real parser behind it (subprocess now, ECS task later): give a
 * run id, report the run's state, and have the parser write exactly one of the attempt's two outputs.
 */
export function describeParserRunnerContract(
  name: string,
  factory: () => Promise<ParserRunnerFixture>,
  documents: () => ParserRunnerDocuments,
): void {
  describe(`${name} (ParserRunner contract)`, () => {
    let fixture: ParserRunnerFixture;

    beforeEach(async () => {
      fixture = await factory();
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    async function run(document: Buffer, attempt = 1) {
      const jobId = randomUUID();
      const inputKey = `raw/${jobId}/document.pdf`;
      await fixture.blobs.write(inputKey, document);
      const { runId } = await fixture.runner.start({
        jobId,
        attempt,
        inputUri: fixture.blobs.uriOf(inputKey),
        outputUri: fixture.blobs.uriOf(parsedKey(jobId, attempt)),
        errorOutputUri: fixture.blobs.uriOf(errorKey(jobId, attempt)),
      });
      return { jobId, runId, attempt };
    }

    async function stopped({ jobId, runId, attempt }: { jobId: string; runId: string; attempt: number }): Promise<ParserRunStatus> {
      const deadline = Date.now() + WAIT_LIMIT_MS;
      for (;;) {
        const status = await fixture.runner.describe(runId);
        if (status.state === 'STOPPED') return status;
        if (fixture.endsWith === 'output' && (await wroteOutput(jobId, attempt))) return status;
        if (Date.now() > deadline) throw new Error(`run ${runId} still ${status.state}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }

    async function wroteOutput(jobId: string, attempt: number): Promise<boolean> {
      return (await fixture.blobs.head(parsedKey(jobId, attempt))) !== null || (await fixture.blobs.head(errorKey(jobId, attempt))) !== null;
    }

    it('runs the parser, which writes a valid ParseResult and no error record', async () => {
      // Act
      const started = await run(documents().invoicePdf);
      const { jobId } = started;
      await stopped(started);

      // Assert
      const output = await fixture.blobs.read(parsedKey(jobId, 1));
      expect(output).not.toBeNull();
      const outcome = validate('parse-result', JSON.parse(String(output)));
      expect(outcome.ok ? [] : outcome.issues).toEqual([]);
      expect(await fixture.blobs.head(errorKey(jobId, 1))).toBeNull();
    });

    it('has the parser write a coded error record for a document that is not a PDF', async () => {
      // Act
      const started = await run(documents().notAPdf, 2);
      const { jobId } = started;
      await stopped(started);

      // Assert
      const record = JSON.parse(String(await fixture.blobs.read(errorKey(jobId, 2))));
      expect(validate('error', record).ok).toBe(true);
      expect(record.error.code).toBe('NOT_A_PDF');
      expect(await fixture.blobs.head(parsedKey(jobId, 2))).toBeNull();
    });

    it('gives every run its own id', async () => {
      const first = await run(documents().notAPdf);
      const second = await run(documents().notAPdf);
      expect(first.runId).not.toBe(second.runId);
      await Promise.all([stopped(first), stopped(second)]);
    });

    it('reports an unknown run id as STOPPED with a reason', async () => {
      const status = await fixture.runner.describe(`unknown-${randomUUID()}`);
      expect(status.state).toBe('STOPPED');
      expect(status.stopReason).toBeTruthy();
    });
  });
}
