import type { ApplyResult, JobReview } from '@invoice/contracts';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeInvoice, fakeScript } from '../support/api-client';
import { REPO_ROOT } from '../support/paths';
import { serverPerSuite } from '../support/server-per-suite';

const SCHEMATHESIS = path.join(REPO_ROOT, '.venv', 'bin', 'schemathesis');

/**
 * What every answer must pass: no 5xx; a status the document lists for the operation; a body matching that
 * response's schema (for an error: one of the codes the document lists for that status) with the media type
 * and headers listed; a request the schema calls invalid refused with a 4xx; a secured operation refused
 * without credentials (ignored_auth); and a resource gone after its DELETE (use_after_free). Not checked:
 * that every schema-valid request succeeds, since some rules are beyond a schema (a GTIN's check digit, a
 * cursor this server issued, a password's length, the upload size limit), nor 405 for an undeclared method.
 */
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'response_schema_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'negative_data_rejection',
  'missing_required_header',
  'ignored_auth',
  'use_after_free',
  'ensure_resource_availability',
];

/**
 * Test cases per operation and phase, and a fixed seed: the same run every time, well inside 3 minutes on 2 cores.
 * To dig deeper by hand: SCHEMATHESIS_MAX_EXAMPLES=200 SCHEMATHESIS_SEED=$RANDOM npx vitest run --root apps/api tests/openapi
 */
const MAX_EXAMPLES = Number(process.env.SCHEMATHESIS_MAX_EXAMPLES ?? 30);
const SEED = Number(process.env.SCHEMATHESIS_SEED ?? 17);

/**
 * The operations that can lock the fuzzer out: it reads the user and token names from GET /api/users and
 * GET /api/tokens, then disables its own user (once it has made another admin) or revokes its own token, and
 * every later request is a 401. Each is fuzzed on its own, last, as a user of its own.
 */
const LOCKING_OUT = { patchUsersUsername: 'fuzz-users', deleteTokensName: 'fuzz-tokens' } as const;

interface Outcome {
  code: number | null;
  output: string;
}

/** Runs the CLI without blocking this process's event loop, which answers the fuzzer's requests. */
function run(args: string[], cwd: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(SCHEMATHESIS, args, { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** A TOML basic string (JSON's escapes are TOML's for these values). */
const toml = (value: string) => JSON.stringify(value);

describe('schemathesis fuzzing every route of the local stack through GET /api/openapi.json', () => {
  const suite = serverPerSuite('schemathesis');
  let configFile = '';

  /**
   * Records for the fuzzer to reach past "not found": a job in each state, items with stock and movements,
   * suppliers with identities and SKU mappings, a job waiting for its upload. Path parameters and a few body
   * fields (supplier keys, revisions, line indexes) take one of them (schemathesis' dictionaries) part of the time.
   */
  beforeAll(async () => {
    const { api } = suite;
    const lines = [
      { sku: 'FUZZ-1', quantity: '2', unitPrice: '1.50', lineTotal: '3.00' },
      { sku: 'FUZZ-2', quantity: '1', unitPrice: '4', lineTotal: '4' },
    ];
    await api.catalogue('FUZZ-1', 'FUZZ-2');
    const applied = await api.parsed('applied.pdf', 'application/pdf', fakeInvoice(lines, { supplier: 'Fuzz Supplier GmbH', vatId: 'DE123456789' }));
    const apply = await api.http.post(`/api/jobs/${applied.jobId}/apply`).send({});
    expect(apply.status, JSON.stringify(apply.body)).toBe(200);
    expect((apply.body as ApplyResult).outcome).toBe('APPLIED');
    const parsed = await api.parsed('parsed.pdf', 'application/pdf', fakeInvoice(lines, { supplier: 'Other Supplier Ltd' }));
    const failed = await api.parsed('failed.pdf', 'application/pdf', fakeScript({ fake: 'error', code: 'CORRUPT' }));
    // Not uploaded yet: its signed URL's expires and sig let the fuzzer past the signature check of the upload target
    // (whose body the document gives as application/octet-stream), to the type, length and size checks behind it.
    const created = await api.create('created.bin', 'application/octet-stream', 16);
    const signed = new URL(created.upload.url).searchParams;
    expect([parsed.status, failed.status]).toEqual(['PARSED', 'FAILED']);

    const supplierKeys: string[] = [];
    for (const job of [applied, parsed]) {
      const review = await api.http.get(`/api/jobs/${job.jobId}/review`);
      supplierKeys.push((review.body as JobReview).supplierKey ?? 'fuzz supplier');
    }
    for (const supplierKey of supplierKeys) {
      const mapping = await api.http.put(`/api/sku-mappings/${encodeURIComponent(supplierKey)}/S-1`).send({ inventorySku: 'FUZZ-1' });
      expect(mapping.status, JSON.stringify(mapping.body)).toBe(200);
    }

    const values = (list: string[]) => `{ values = [${list.map(toml).join(', ')}] }`;
    configFile = path.join(suite.server.dataDir, 'schemathesis.toml');
    writeFileSync(
      configFile,
      [
        '[dictionaries]',
        `jobs = ${values([applied.jobId, parsed.jobId, failed.jobId, created.job.jobId])}`,
        `skus = ${values(['FUZZ-1', 'FUZZ-2'])}`,
        `suppliers = ${values(supplierKeys)}`,
        `supplierSkus = ${values(['S-1'])}`,
        `expires = ${values([signed.get('expires') ?? ''])}`,
        `signatures = ${values([signed.get('sig') ?? ''])}`,
        // Revisions and versions a fresh record has, so that saves and edits get past the optimistic-concurrency check.
        'revisions = { values = [0, 1, 2, 3] }',
        'lineIndexes = { values = [0, 1, 2] }',
        '',
        '[parameters]',
        '"path.jobId" = { dictionary = "jobs", probability = 0.5 }',
        '"path.sku" = { dictionary = "skus", probability = 0.5 }',
        '"path.supplierKey" = { dictionary = "suppliers", probability = 0.5 }',
        '"path.supplierSku" = { dictionary = "supplierSkus", probability = 0.5 }',
        '"body.from" = { dictionary = "suppliers", probability = 0.7 }',
        '"body.into" = { dictionary = "suppliers", probability = 0.7 }',
        '"query.expires" = { dictionary = "expires", probability = 0.8 }',
        '"query.sig" = { dictionary = "signatures", probability = 0.8 }',
        '"body.baseRevision" = { dictionary = "revisions", probability = 0.7 }',
        '"body.reviewRevision" = { dictionary = "revisions", probability = 0.7 }',
        '"body.expectedVersion" = { dictionary = "revisions", probability = 0.7 }',
        '"body.corrections[*].lineIndex" = { dictionary = "lineIndexes", probability = 0.7 }',
        '',
        '[[operations]]',
        'include-operation-id = "putUploadsJobId"',
        `parameters = { "path.jobId" = ${toml(created.job.jobId)}, "query.expires" = { dictionary = "expires", probability = 0.9 }, "query.sig" = { dictionary = "signatures", probability = 0.9 } }`,
        '',
      ].join('\n'),
    );
  }, 120_000);

  async function fuzz(token: string, filter: string[]): Promise<void> {
    expect(existsSync(SCHEMATHESIS), `${SCHEMATHESIS} is missing: npm install sets up the Python dev tools`).toBe(true);
    const { server } = suite;
    const outcome = await run(
      [
        '--config-file',
        configFile,
        'run',
        `${server.url}/api/openapi.json`,
        '--header',
        `Authorization: Bearer ${token}`,
        '--checks',
        CHECKS.join(','),
        '--max-examples',
        String(MAX_EXAMPLES),
        '--seed',
        String(SEED),
        '--generation-database',
        'none',
        '--workers',
        '1',
        '--no-color',
        // To see every request and answer: SCHEMATHESIS_REPORT_DIR=/some/dir npx vitest run --root apps/api tests/openapi
        ...(process.env.SCHEMATHESIS_REPORT_DIR ? ['--report', 'har', '--report-dir', process.env.SCHEMATHESIS_REPORT_DIR] : []),
        ...filter,
      ],
      server.dataDir,
    );
    expect(outcome.code, outcome.output).toBe(0);
    expect(server.unexpectedErrors).toEqual([]);
  }

  it('finds no server error and no answer outside the document on any operation but those that lock it out', async () => {
    await fuzz(
      suite.server.adminToken,
      Object.keys(LOCKING_OUT).flatMap((operationId) => ['--exclude-operation-id', operationId]),
    );
  }, 300_000);

  it.each(Object.entries(LOCKING_OUT))('finds none on %s either, fuzzed last as a user of its own', async (operationId, username) => {
    await fuzz(await suite.server.tokenFor('admin', username), ['--include-operation-id', operationId]);
  }, 120_000);
});
