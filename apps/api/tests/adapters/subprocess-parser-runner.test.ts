import { errorKey, parsedKey, type ParserRunner, type ParserRunStatus } from '@invoice/inventory';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { FsBlobStore } from '../../src/adapters/local/fs-blob-store';
import { HmacUploadSigner } from '../../src/adapters/local/hmac-upload-signer';
import { SubprocessParserRunner, type SubprocessParserRunnerOptions } from '../../src/adapters/local/subprocess-parser-runner';
import { describeParserRunnerContract } from '../contracts/parser-runner.contract';
import { fakeScript } from '../support/api-client';
import { FAKE_PARSER_COMMAND, REPO_ROOT, VENV_PYTHON } from '../support/paths';
import { makeDataDir } from '../support/test-server';

const fixturesDir = inject('fixturesDir');

function newBlobs() {
  const dir = makeDataDir('runner');
  const blobs = new FsBlobStore(path.join(dir.dataDir, 'blobs'), new HmacUploadSigner('s'.repeat(32), 'http://127.0.0.1:1'));
  return { blobs, dir };
}

describe.skipIf(fixturesDir === null)('with the real Python parser', () => {
  describeParserRunnerContract(
    'SubprocessParserRunner',
    async () => {
      const { blobs, dir } = newBlobs();
      const runner = new SubprocessParserRunner({
        command: [VENV_PYTHON, '-m', 'invoice_parser'],
        concurrency: 2,
        timeoutSeconds: 60,
        cwd: REPO_ROOT,
      });
      return {
        runner,
        blobs,
        cleanup: async () => {
          await runner.close();
          dir.remove();
        },
      };
    },
    () => ({
      invoicePdf: readFileSync(path.join(fixturesDir as string, 'ruled_basic.pdf')),
      notAPdf: readFileSync(path.join(fixturesDir as string, 'not_a_pdf.txt')),
    }),
  );
});

describe('SubprocessParserRunner', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  function setup(options: Partial<SubprocessParserRunnerOptions> = {}) {
    const { blobs, dir } = newBlobs();
    const runner = new SubprocessParserRunner({ command: FAKE_PARSER_COMMAND, concurrency: 2, timeoutSeconds: 30, cwd: dir.dataDir, log: () => undefined, ...options });
    cleanups.push(async () => {
      await runner.close();
      dir.remove();
    });
    let counter = 0;
    const start = async (script: object, inputPath?: string) => {
      counter += 1;
      const jobId = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
      const inputKey = `raw/${jobId}/input.pdf`;
      if (inputPath) writeFileSync(inputPath, fakeScript(script));
      else await blobs.write(inputKey, fakeScript(script));
      const { runId } = await runner.start({
        jobId,
        attempt: 1,
        inputUri: inputPath ?? blobs.uriOf(inputKey),
        outputUri: blobs.uriOf(parsedKey(jobId, 1)),
        errorOutputUri: blobs.uriOf(errorKey(jobId, 1)),
      });
      return { jobId, runId };
    };
    return { runner, blobs, start, dataDir: dir.dataDir };
  }

  async function until(runner: ParserRunner, runId: string, state: ParserRunStatus['state']): Promise<ParserRunStatus> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const status = await runner.describe(runId);
      if (status.state === state) return status;
      if (Date.now() > deadline) throw new Error(`run ${runId} never reached ${state}, is ${status.state}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  describe('start', () => {
    it('queues runs beyond the concurrency limit as PENDING and starts them in turn', async () => {
      // Arrange
      const { runner, start } = setup({ concurrency: 1 });

      // Act
      const first = await start({ fake: 'sleep', seconds: 0.5 });
      const second = await start({ fake: 'result', lines: [] });

      // Assert
      expect((await runner.describe(first.runId)).state).toBe('RUNNING');
      expect((await runner.describe(second.runId)).state).toBe('PENDING');
      await until(runner, first.runId, 'STOPPED');
      await until(runner, second.runId, 'STOPPED');
    });

    it('passes file names to the parser verbatim, never through a shell', async () => {
      // Arrange
      const { runner, blobs, start, dataDir } = setup();
      const marker = path.join(dataDir, 'shell-was-used');
      // Relative to the runner's cwd (dataDir), where a shell would create the marker.
      const hostile = path.join(dataDir, 'a; touch shell-was-used $(touch shell-was-used) `touch shell-was-used`.pdf');

      // Act
      const { jobId, runId } = await start({ fake: 'result', lines: [] }, hostile);
      await until(runner, runId, 'STOPPED');

      // Assert
      expect(await blobs.head(parsedKey(jobId, 1))).not.toBeNull();
      expect(existsSync(marker)).toBe(false);
    });
  });

  describe('describe', () => {
    it('reports a crash as STOPPED with the exit code and the end of stderr', async () => {
      const { runner, start } = setup();
      const { runId } = await start({ fake: 'crash' });
      const status = await until(runner, runId, 'STOPPED');
      expect(status.stopReason).toMatch(/exited with code 3: .*RuntimeError: boom/);
      expect(status.stopCode).toBeUndefined();
    });

    it('kills a run past its time limit and reports TIMEOUT', async () => {
      const { runner, start } = setup({ timeoutSeconds: 1 });
      const { runId } = await start({ fake: 'sleep', seconds: 30 });
      const status = await until(runner, runId, 'STOPPED');
      expect(status).toMatchObject({ state: 'STOPPED', stopCode: 'TIMEOUT' });
      expect(status.stopReason).toMatch(/1s time limit/);
    });

    it('reports a parser that cannot be started as STOPPED', async () => {
      const { runner, start } = setup({ command: ['/nonexistent/python', '-m', 'invoice_parser'] });
      const { runId } = await start({ fake: 'result' });
      const status = await until(runner, runId, 'STOPPED');
      expect(status.stopReason).toMatch(/could not start the parser: .*ENOENT/);
    });

    it('reads an unknown run id, e.g. from before a restart, as STOPPED "runner restarted"', async () => {
      const { runner } = setup();
      expect(await runner.describe('local-from-yesterday')).toEqual({ state: 'STOPPED', stopReason: 'runner restarted' });
    });
  });
});
