import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { ApplyResult, InventoryItem, Job, ListAuditResponse, ParseResult } from '@invoice/contracts';
import { ExactDecimal, formatDecimal } from '@invoice/inventory';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT, VENV_PYTHON } from '../support/paths';
import { authorizedHandler } from './support/authorized-handler';
import { createAwsResources, type AwsTestResources } from './support/aws-resources';
import { createCognitoTestPool, type CognitoTestPool } from './support/cognito-tokens';
import { invoke, type LambdaHandler } from './support/http-api-event';
import { requireFixturesDir } from './support/fixtures';
import { TaskLauncher } from './support/task-launcher';

const POLL_LIMIT_MS = 60_000;

interface Truth {
  lines: { sku: string | null; quantity: string | null; kind: 'item' | 'charge' }[];
}

function fixture(name: string): Buffer {
  return readFileSync(path.join(requireFixturesDir(), name));
}

/** A fixture invoice's first page as a scanner delivers it: a 200 dpi greyscale PNG. */
function scannedPng(name: string): Buffer {
  const script = [
    'import io, sys, pypdfium2',
    'image = pypdfium2.PdfDocument(sys.argv[1])[0].render(scale=200 / 72, grayscale=True).to_pil()',
    'buffer = io.BytesIO(); image.save(buffer, format="PNG", dpi=(200, 200))',
    'sys.stdout.buffer.write(buffer.getvalue())',
  ].join('\n');
  const made = spawnSync(VENV_PYTHON, ['-c', script, path.join(requireFixturesDir(), name)], { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 });
  if (made.status !== 0) throw new Error(`could not rasterise ${name}: ${made.stderr.toString()}`);
  return made.stdout;
}

/** SKU -> summed quantity of the truth file's item lines: what one apply must add to stock. */
function expectedStock(name: string): Record<string, string> {
  const truth = JSON.parse(readFileSync(path.join(requireFixturesDir(), `${name}.truth.json`), 'utf8')) as Truth;
  const sums = new Map<string, InstanceType<typeof ExactDecimal>>();
  for (const line of truth.lines.filter((candidate) => candidate.kind === 'item')) {
    sums.set(line.sku as string, (sums.get(line.sku as string) ?? new ExactDecimal(0)).plus(line.quantity as string));
  }
  return Object.fromEntries([...sums].map(([sku, sum]) => [sku, formatDecimal(sum)]));
}

/**
 * The whole workflow in AWS mode through the Lambda handler, with API Gateway HTTP API events: DynamoDB
 * Local for state, moto for S3 (the browser's presigned PUT goes there directly) and ECS (RunTask, whose
 * task the launcher runs with the real parser container entrypoint against moto's S3).
 */
describe('AWS mode through the Lambda handler', () => {
  let resources: AwsTestResources;
  let pool: CognitoTestPool;
  let launcher: TaskLauncher;
  /** The Lambda as API Gateway calls it, without a token of its own. */
  let lambda: LambdaHandler;
  /** The same, every request with the Cognito token of an administrator (moto's cognito-idp, USER_PASSWORD_AUTH). */
  let handler: LambdaHandler;

  beforeAll(async () => {
    requireFixturesDir();
    [resources, pool] = await Promise.all([createAwsResources(), createCognitoTestPool()]);
    launcher = new TaskLauncher(resources.clients.ecs, resources.settings, inject('motoEndpoint'));
    launcher.start();
    Object.assign(process.env, resources.env, pool.env);
    // Imported after the environment is set: the module composes its adapters once, at load, as in Lambda.
    ({ handler: lambda } = (await import('../../src/lambda')) as unknown as { handler: LambdaHandler });
    handler = authorizedHandler(lambda, await pool.authorizationFor('admin'));
    // Apply refuses SKUs outside the item catalogue: the fixtures' SKUs go in first, as a CSV import through the API.
    const skus = [...new Set([...Object.keys(expectedStock('ruled_basic')), ...Object.keys(expectedStock('unruled_basic'))])];
    const csv = ['sku,name,unit', ...skus.map((sku) => `"${sku.replaceAll('"', '""')}","${sku.replaceAll('"', '""')}",pcs`)].join('\r\n');
    expect(await invoke(handler, 'POST', '/api/items/import', { csv })).toMatchObject({ statusCode: 200, body: { created: skus.length, updated: 0 } });
  });
  afterAll(async () => {
    await launcher?.stop();
    await Promise.all([resources?.cleanup(), pool?.cleanup()]);
  });

  async function createAndUpload(name: string, contentType: string, body: Buffer, declaredSize = body.length): Promise<Job> {
    const created = await invoke(handler, 'POST', '/api/jobs', { fileName: name, contentType, sizeBytes: declaredSize });
    expect(created.statusCode).toBe(201);
    const { job, upload } = created.body as { job: Job; upload: { url: string; headers: Record<string, string> } };
    const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body });
    expect(put.status).toBe(200);
    return job;
  }

  async function settled(jobId: string): Promise<Job> {
    const deadline = Date.now() + POLL_LIMIT_MS;
    for (;;) {
      const polled = await invoke(handler, 'GET', `/api/jobs/${jobId}`);
      const job = polled.body as Job;
      if (job.status === 'PARSED' || job.status === 'FAILED') return job;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function stock(): Promise<Record<string, string>> {
    const listed = await invoke(handler, 'GET', '/api/inventory');
    return Object.fromEntries((listed.body as { items: InventoryItem[] }).items.map((item) => [item.sku, item.quantity]));
  }

  it("acts as the Cognito token's user and role: 401 without a token, 403 for a role too low, and the trail names the user", async () => {
    // Arrange: the Lambda as three callers see it
    const asClerk = authorizedHandler(lambda, await pool.authorizationFor('clerk'));
    const asViewer = authorizedHandler(lambda, await pool.authorizationFor('viewer', 'access'));

    // Act
    const anonymous = await invoke(lambda, 'GET', '/api/jobs');
    const health = await invoke(lambda, 'GET', '/api/health');
    const created = await invoke(asClerk, 'POST', '/api/jobs', { fileName: 'by-clerk.pdf', contentType: 'application/pdf', sizeBytes: 10 });
    const jobId = (created.body as { job: Job }).job.jobId;
    const clerksApply = await invoke(asClerk, 'POST', `/api/jobs/${jobId}/apply`);
    const viewersCreate = await invoke(asViewer, 'POST', '/api/jobs', { fileName: 'by-viewer.pdf', contentType: 'application/pdf', sizeBytes: 10 });
    const viewersRead = await invoke(asViewer, 'GET', `/api/jobs/${jobId}`);
    const forged = await invoke(authorizedHandler(lambda, `${await pool.authorizationFor('clerk')}x`), 'GET', '/api/jobs');

    // Assert
    expect(anonymous).toMatchObject({ statusCode: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
    expect(health).toMatchObject({ statusCode: 200, body: { storage: 'aws', signIn: { clientId: pool.clientId } } });
    expect(created.statusCode).toBe(201);
    expect(clerksApply).toMatchObject({ statusCode: 403, body: { error: { code: 'FORBIDDEN', details: { required: 'approver', role: 'clerk' } } } });
    expect(viewersCreate).toMatchObject({ statusCode: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(viewersRead).toMatchObject({ statusCode: 200, body: { jobId } });
    expect(forged).toMatchObject({ statusCode: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
    const trail = ((await invoke(handler, 'GET', `/api/audit?jobId=${jobId}`)).body as ListAuditResponse).items;
    expect(trail.find((entry) => entry.action === 'job.create')?.actor).toEqual({ user: 'clerk-user', role: 'clerk' });
  });

  it('creates, uploads to S3, parses in an ECS task, applies once, and moves stock exactly', async () => {
    // Arrange
    const expected = expectedStock('ruled_basic');

    // Act: create -> presigned PUT to S3 -> parse (RunTask) -> poll (DescribeTasks + S3 outputs)
    const job = await createAndUpload('ruled_basic.pdf', 'application/pdf', fixture('ruled_basic.pdf'));
    const started = await invoke(handler, 'POST', `/api/jobs/${job.jobId}/parse`);
    const parsed = await settled(job.jobId);
    const result = await invoke(handler, 'GET', `/api/jobs/${job.jobId}/result`);
    const applied = await invoke(handler, 'POST', `/api/jobs/${job.jobId}/apply`);
    const repeated = await invoke(handler, 'POST', `/api/jobs/${job.jobId}/apply`);

    // Assert
    expect(started).toMatchObject({ statusCode: 202, body: { status: 'QUEUED', attempt: 1 } });
    expect(parsed.status).toBe('PARSED');
    expect(launcher.launched.map((task) => task.overrides?.containerOverrides?.[0]?.command?.[2])).toContain(
      `s3://${resources.settings.uploadsBucket}/raw/${job.jobId}/ruled_basic.pdf`,
    );
    expect((result.body as ParseResult).invoice.number).toBe('INV-2026-0142');
    expect(applied).toMatchObject({ statusCode: 200, body: { outcome: 'APPLIED', job: { status: 'APPLIED' } } });
    expect(repeated).toMatchObject({ statusCode: 200, body: { outcome: 'ALREADY_APPLIED' } });
    expect((repeated.body as ApplyResult).ledger).toEqual((applied.body as ApplyResult).ledger);
    expect(await stock()).toEqual(expected);
  });

  it('applies one of two jobs of the same file applied at once (DUPLICATE_INVOICE), reverses it once under 20 requests, then applies the other', async () => {
    // Arrange
    const before = await stock();
    const jobs = await Promise.all([1, 2].map(() => createAndUpload('unruled_basic.pdf', 'application/pdf', fixture('unruled_basic.pdf'))));
    for (const job of jobs) await invoke(handler, 'POST', `/api/jobs/${job.jobId}/parse`, {});
    for (const job of jobs) expect((await settled(job.jobId)).status).toBe('PARSED');

    // Act
    const applies = await Promise.all(jobs.map((job) => invoke(handler, 'POST', `/api/jobs/${job.jobId}/apply`, {})));
    const winner = jobs[applies.findIndex((answer) => answer.statusCode === 200)] as Job;
    const loser = jobs.find((job) => job !== winner) as Job;
    const review = await invoke(handler, 'GET', `/api/jobs/${loser.jobId}/review`);
    const reversals = await Promise.all(Array.from({ length: 20 }, () => invoke(handler, 'POST', `/api/jobs/${winner.jobId}/reverse`, {})));
    const afterReversal = await stock();
    const second = await invoke(handler, 'POST', `/api/jobs/${loser.jobId}/apply`, {});

    // Assert
    expect(applies.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    expect(applies.find((answer) => answer.statusCode === 409)?.body).toMatchObject({ error: { code: 'DUPLICATE_INVOICE', details: { jobId: winner.jobId } } });
    expect(review.body).toMatchObject({ duplicateOf: { jobId: winner.jobId, reason: 'same-document' } });
    expect(reversals.map((answer) => answer.statusCode)).toEqual(Array(20).fill(200));
    expect(reversals.filter((answer) => (answer.body as { outcome: string }).outcome === 'REVERSED')).toHaveLength(1);
    expect((await invoke(handler, 'GET', `/api/jobs/${winner.jobId}`)).body).toMatchObject({ status: 'REVERSED' });
    const once = expectedStock('unruled_basic');
    for (const sku of Object.keys(once)) expect(afterReversal[sku]).toBe(before[sku] ?? '0');
    expect(second).toMatchObject({ statusCode: 200, body: { outcome: 'APPLIED' } });
    const movements = await invoke(handler, 'GET', `/api/inventory/${encodeURIComponent(Object.keys(once)[0] as string)}/movements`);
    expect((movements.body as { items: { jobId: string; entry?: string }[] }).items.slice(0, 3).map((item) => [item.jobId, item.entry])).toEqual([
      [loser.jobId, 'apply'],
      [winner.jobId, 'reversal'],
      [winner.jobId, 'apply'],
    ]);
    // The audit table: one reversal of the 20 requests, the refusal and the later apply; API Gateway's request ids.
    const trailOf = async (jobId: string) => ((await invoke(handler, 'GET', `/api/audit?jobId=${jobId}`)).body as ListAuditResponse).items;
    const stockActions = new Set(['apply', 'apply.refused', 'reverse']);
    const winnerTrail = await trailOf(winner.jobId);
    expect(winnerTrail.filter((entry) => stockActions.has(entry.action)).map((entry) => entry.action)).toEqual(['reverse', 'apply']);
    // S3 took the upload without the API: the parse that found it recorded it, once.
    expect(winnerTrail.filter((entry) => entry.action.startsWith('job.')).map((entry) => entry.action).sort()).toEqual(['job.create', 'job.parse', 'job.upload']);
    expect(winnerTrail.find((entry) => entry.action === 'job.upload')?.change).toMatchObject({ seenAt: 'parse', fileName: 'unruled_basic.pdf' });
    const loserTrail = (await trailOf(loser.jobId)).filter((entry) => stockActions.has(entry.action));
    expect(loserTrail.map((entry) => entry.action)).toEqual(['apply', 'apply.refused']);
    expect(loserTrail[1]).toMatchObject({ change: { code: 'DUPLICATE_INVOICE' }, requestId: expect.stringMatching(/^req-/) });
  });

  it('lets the review screen fetch the uploaded file through a short-lived S3 URL (302)', async () => {
    // Arrange
    const body = fixture('ruled_basic.pdf');
    const job = await createAndUpload('ruled_basic.pdf', 'application/pdf', body);

    // Act
    const answer = await invoke(handler, 'GET', `/api/jobs/${job.jobId}/file`);
    const downloaded = await fetch(answer.headers.location ?? 'http://invalid.test/');

    // Assert
    expect(answer.statusCode).toBe(302);
    expect(new URL(answer.headers.location ?? '').searchParams.get('X-Amz-Expires')).toMatch(/^\d+$/);
    expect(Buffer.from(await downloaded.arrayBuffer())).toEqual(body);
  });

  it('lets the review screen fetch the pages through a short-lived S3 URL (302): the page copy of a scan, the upload of a text PDF', async () => {
    // Arrange: a fixture page as a 200 dpi PNG scan, and a text PDF
    const scan = scannedPng('unruled_basic.pdf');
    const jobs = [await createAndUpload('scan.png', 'image/png', scan), await createAndUpload('ruled_basic.pdf', 'application/pdf', fixture('ruled_basic.pdf'))];
    for (const job of jobs) await invoke(handler, 'POST', `/api/jobs/${job.jobId}/parse`, {});
    for (const job of jobs) expect((await settled(job.jobId)).status).toBe('PARSED');

    // Act
    const answers = await Promise.all(jobs.map((job) => invoke(handler, 'GET', `/api/jobs/${job.jobId}/pages.pdf`)));
    const downloads = await Promise.all(answers.map((answer) => fetch(answer.headers.location ?? 'http://invalid.test/')));

    // Assert
    expect(answers.map((answer) => answer.statusCode)).toEqual([302, 302]);
    const [copy, upload] = await Promise.all(downloads.map(async (downloaded) => Buffer.from(await downloaded.arrayBuffer())));
    expect(new URL(answers[0]?.headers.location ?? '').pathname).toMatch(/\/parsed\/[^/]+\/attempt-1\.pages\.pdf$/);
    expect(downloads.map((downloaded) => downloaded.headers.get('content-type'))).toEqual(['application/pdf', 'application/pdf']);
    expect(copy?.subarray(0, 5).toString()).toBe('%PDF-');
    expect(upload).toEqual(fixture('ruled_basic.pdf'));
  });

  it('applies once when 20 apply requests arrive at the same time', async () => {
    // Arrange
    const before = await stock();
    const job = await createAndUpload('ruled_basic.pdf', 'application/pdf', fixture('ruled_basic.pdf'));
    await invoke(handler, 'POST', `/api/jobs/${job.jobId}/parse`);
    expect((await settled(job.jobId)).status).toBe('PARSED');

    // Act
    // allowDuplicate: other tests of this suite apply the same file (DUPLICATE_INVOICE otherwise).
    const answers = await Promise.all(Array.from({ length: 20 }, () => invoke(handler, 'POST', `/api/jobs/${job.jobId}/apply`, { allowDuplicate: true })));

    // Assert
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(20).fill(200));
    expect(answers.filter((answer) => (answer.body as ApplyResult).outcome === 'APPLIED')).toHaveLength(1);
    const once = expectedStock('ruled_basic');
    const after = await stock();
    for (const [sku, quantity] of Object.entries(once)) {
      expect(after[sku]).toBe(formatDecimal(new ExactDecimal(before[sku] ?? '0').plus(quantity)));
    }
  });

  it('ends FAILED with the parser code, and a re-parse writes its own versioned output keys', async () => {
    // Arrange
    const job = await createAndUpload('notes.pdf', 'application/pdf', fixture('not_a_pdf.txt'));
    await invoke(handler, 'POST', `/api/jobs/${job.jobId}/parse`);
    const first = await settled(job.jobId);

    // Act
    const again = await invoke(handler, 'POST', `/api/jobs/${job.jobId}/parse`);
    const second = await settled(job.jobId);

    // Assert
    expect(first).toMatchObject({ status: 'FAILED', attempt: 1, error: { code: 'NOT_A_PDF' } });
    expect(again).toMatchObject({ statusCode: 202, body: { status: 'QUEUED', attempt: 2 } });
    expect(second).toMatchObject({ status: 'FAILED', attempt: 2, error: { code: 'NOT_A_PDF' } });
    const { Contents = [] } = await resources.clients.s3.send(new ListObjectsV2Command({ Bucket: resources.settings.uploadsBucket, Prefix: `errors/${job.jobId}/` }));
    expect(Contents.map((object) => object.Key).sort()).toEqual([`errors/${job.jobId}/attempt-1.json`, `errors/${job.jobId}/attempt-2.json`]);
  });

  it('refuses what the job state does not allow with coded 409s, changing nothing', async () => {
    // Arrange: one job never uploaded, one applied
    const created = (await invoke(handler, 'POST', '/api/jobs', { fileName: 'x.pdf', contentType: 'application/pdf', sizeBytes: 10 })).body as { job: Job };
    const applied = await createAndUpload('ruled_basic.pdf', 'application/pdf', fixture('ruled_basic.pdf'));
    await invoke(handler, 'POST', `/api/jobs/${applied.jobId}/parse`);
    await settled(applied.jobId);
    await invoke(handler, 'POST', `/api/jobs/${applied.jobId}/apply`, { allowDuplicate: true });
    const before = await stock();

    // Act
    const applyCreated = await invoke(handler, 'POST', `/api/jobs/${created.job.jobId}/apply`);
    const reparseApplied = await invoke(handler, 'POST', `/api/jobs/${applied.jobId}/parse`);

    // Assert
    expect(applyCreated).toMatchObject({ statusCode: 409, body: { error: { code: 'JOB_INVALID_STATE' } } });
    expect(reparseApplied).toMatchObject({ statusCode: 409, body: { error: { code: 'JOB_INVALID_STATE' } } });
    expect(await stock()).toEqual(before);
  });

  it('ends FAILED with the stop reason when the task stops without writing anything', async () => {
    // Arrange
    const job = await createAndUpload('ruled_basic.pdf', 'application/pdf', fixture('ruled_basic.pdf'));
    launcher.behaviour = { kind: 'crash', reason: 'OutOfMemoryError: Container killed due to memory usage' };

    try {
      // Act
      await invoke(handler, 'POST', `/api/jobs/${job.jobId}/parse`);
      const failed = await settled(job.jobId);

      // Assert
      expect(failed.status).toBe('FAILED');
      expect(failed.error?.code).toBe('PARSER_CRASHED');
      expect(failed.error?.message).toContain('OutOfMemoryError: Container killed due to memory usage');
    } finally {
      launcher.behaviour = { kind: 'run' };
    }
  });

  it('refuses to start a parse when the stored object is not the size that was signed (HeadObject check)', async () => {
    // moto does not verify presigned signatures, so it stores a body of another length; S3 would refuse the PUT.
    const body = fixture('ruled_basic.pdf');
    const job = await createAndUpload('ruled_basic.pdf', 'application/pdf', body, body.length + 10);

    const refused = await invoke(handler, 'POST', `/api/jobs/${job.jobId}/parse`);

    expect(refused).toMatchObject({ statusCode: 400, body: { error: { code: 'UPLOAD_SIZE_MISMATCH' } } });
    expect(launcher.launched.some((task) => task.overrides?.containerOverrides?.[0]?.command?.includes(job.jobId))).toBe(false);
  });
});
