import { parsedKey, reconcileJob, startParse } from '@invoice/inventory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PrometheusTelemetry } from '../../src/adapters/local/prometheus-telemetry';
import {
  FIRST_BACKOFF_MS,
  HOST_LOST,
  openRetryDeps,
  parseResult,
  runOf as runOfJob,
  SECOND_BACKOFF_MS,
  START,
  uploadedJob as uploadJob,
  type RetryDeps,
} from './retry-fixture';
import type { ScriptedParserRunner } from './scripted-parser-runner';

const THREE_PAGES = parseResult('T-1', 3);

/** Issue 17: what retries, timeouts and abandoned parses report, seen in the Prometheus text of the local adapter. */
describe('parse telemetry (SQLite store, scripted runner, Prometheus adapter)', () => {
  let now: number;
  let runner: ScriptedParserRunner;
  let telemetry: PrometheusTelemetry;
  let deps: RetryDeps;
  let close: () => void;

  beforeEach(() => {
    now = START;
    telemetry = new PrometheusTelemetry();
    ({ deps, close } = openRetryDeps('parse-telemetry', () => new Date(now), { telemetry }));
    runner = deps.runner;
  });
  afterEach(() => close());

  const uploadedJob = () => uploadJob(deps);
  const runOf = (jobId: string) => runOfJob(deps, jobId);
  /** The sample lines of the exposition, without HELP and TYPE. */
  const samples = () =>
    telemetry
      .render()
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'));
  const linesOf = (family: string) => samples().filter((line) => line.startsWith(`${family}{`) || line.startsWith(`${family} `));

  it('counts a retry by its cause, times each attempt, and counts the PARSED request once with its upload-to-parsed latency', async () => {
    // Arrange: attempt 1 runs 5 s and loses its host; attempt 2 starts after the 1 s backoff and parses in 3 s
    const job = await uploadedJob();
    await startParse(deps, job.jobId);
    runner.set(await runOf(job.jobId), { state: 'RUNNING' });
    await reconcileJob(deps, job.jobId);
    now += 5_000;
    runner.set(await runOf(job.jobId), HOST_LOST);
    await reconcileJob(deps, job.jobId);
    now += FIRST_BACKOFF_MS;
    await reconcileJob(deps, job.jobId);
    now += 3_000;
    await deps.blobs.write(parsedKey(job.jobId, 2), JSON.stringify(THREE_PAGES));

    // Act: the poll that sees the result, then polls after it
    expect((await reconcileJob(deps, job.jobId)).status).toBe('PARSED');
    await reconcileJob(deps, job.jobId);
    await reconcileJob(deps, job.jobId);

    // Assert
    expect(linesOf('invoice_parse_retries_total')).toEqual(['invoice_parse_retries_total{code="PARSER_CRASHED"} 1']);
    expect(linesOf('invoice_parses_succeeded_total')).toEqual(['invoice_parses_succeeded_total 1']);
    expect(linesOf('invoice_parse_failures_total')).toEqual([]);
    expect(linesOf('invoice_upload_to_parsed_seconds_sum')).toEqual(['invoice_upload_to_parsed_seconds_sum 9']);
    expect(linesOf('invoice_upload_to_parsed_seconds_bucket').filter((line) => /le="(5|10)"/.test(line))).toEqual([
      'invoice_upload_to_parsed_seconds_bucket{le="5"} 0',
      'invoice_upload_to_parsed_seconds_bucket{le="10"} 1',
    ]);
    expect(linesOf('invoice_parse_attempt_seconds_sum')).toEqual(['invoice_parse_attempt_seconds_sum{outcome="retried"} 5', 'invoice_parse_attempt_seconds_sum{outcome="parsed"} 3']);
    expect(linesOf('invoice_parsed_pages_sum')).toEqual(['invoice_parsed_pages_sum 3']);
    expect(linesOf('invoice_parsed_pages_bucket').filter((line) => /le="(2|3)"/.test(line))).toEqual(['invoice_parsed_pages_bucket{le="2"} 0', 'invoice_parsed_pages_bucket{le="3"} 1']);
  });

  it('counts two retries and then one failure PARSE_ABANDONED when every attempt is lost', async () => {
    // Arrange
    const job = await uploadedJob();
    await startParse(deps, job.jobId);

    // Act
    runner.set(await runOf(job.jobId), HOST_LOST);
    await reconcileJob(deps, job.jobId);
    now += FIRST_BACKOFF_MS;
    await reconcileJob(deps, job.jobId);
    runner.set(await runOf(job.jobId), HOST_LOST);
    await reconcileJob(deps, job.jobId);
    now += SECOND_BACKOFF_MS;
    await reconcileJob(deps, job.jobId);
    runner.set(await runOf(job.jobId), HOST_LOST);
    expect((await reconcileJob(deps, job.jobId)).error?.code).toBe('PARSE_ABANDONED');
    await reconcileJob(deps, job.jobId);

    // Assert
    expect(linesOf('invoice_parse_retries_total')).toEqual(['invoice_parse_retries_total{code="PARSER_CRASHED"} 2']);
    expect(linesOf('invoice_parse_failures_total')).toEqual(['invoice_parse_failures_total{code="PARSE_ABANDONED"} 1']);
    expect(linesOf('invoice_parse_attempt_seconds_count')).toEqual(['invoice_parse_attempt_seconds_count{outcome="retried"} 2', 'invoice_parse_attempt_seconds_count{outcome="abandoned"} 1']);
    expect(linesOf('invoice_parses_succeeded_total')).toEqual(['invoice_parses_succeeded_total 0']);
  });

  it('counts a start the runner refuses for good as a failure PARSER_INTERNAL', async () => {
    const job = await uploadedJob();
    runner.scriptStarts('fail');

    await expect(startParse(deps, job.jobId)).rejects.toThrow('AccessDeniedException');

    expect(linesOf('invoice_parse_failures_total')).toEqual(['invoice_parse_failures_total{code="PARSER_INTERNAL"} 1']);
    // The run never started: there is no attempt duration to report.
    expect(linesOf('invoice_parse_attempt_seconds_count')).toEqual([]);
  });

  it('counts a parse past its deadline as a failure PARSE_TIMEOUT', async () => {
    const job = await uploadedJob();
    await startParse(deps, job.jobId);
    now += 10 * 60_000;

    expect((await reconcileJob(deps, job.jobId)).error?.code).toBe('PARSE_TIMEOUT');

    expect(linesOf('invoice_parse_failures_total')).toEqual(['invoice_parse_failures_total{code="PARSE_TIMEOUT"} 1']);
    expect(linesOf('invoice_parse_attempt_seconds_sum')).toEqual(['invoice_parse_attempt_seconds_sum{outcome="timed-out"} 600']);
  });
});
