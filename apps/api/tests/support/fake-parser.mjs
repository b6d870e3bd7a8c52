#!/usr/bin/env node
// A stand-in for `python -m invoice_parser run …` with the same command line and output files, for tests
// of the runner and the routes that must not depend on PDF extraction. Its input document is a JSON
// script: {"fake":"result","lines":[…],"supplier"?,"vatId"?,"iban"?,"number"?,"documentType"?} | {"fake":"error","code":…} | {"fake":"crash"} | {"fake":"sleep","seconds":n}
// | {"fake":"garbage"} | {"fake":"unrecorded"} (nothing written, as when the store fails). Anything else (e.g. a real PDF) is an error record NOT_A_PDF. A result script may
// carry "byAttempt": {"2": {…}}, fields that replace its own on that attempt, so a re-parse can read other lines.
// Every job reads as a different invoice (its job id is mixed into the document hash and the default number), so
// that tests may apply the same script twice; a script with "document": "name" is that one document for every
// job that uploads it (the same sha256), and an explicit "number" is that invoice number.
//
// `fake-parser worker` speaks the warm pool's protocol (apps/parser-py/src/invoice_parser/worker.py): one JSON job
// per line on stdin ({jobId, attempt, input, output, errorOutput}), one answer per line on stdout ({jobId, attempt,
// outcome, code}); "crash" ends the whole worker with exit 3, as a parser that dies mid-job would.
import { createHash } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const RUN_OPTIONS = ['--input', '--output', '--error-output', '--job-id', '--attempt'];
const args = process.argv.slice(2);
if (args[0] === 'worker') {
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    const job = JSON.parse(line);
    const values = [job.input, job.output, job.errorOutput, job.jobId, String(job.attempt)];
    const { outcome, code } = await handle(Object.fromEntries(RUN_OPTIONS.map((name, index) => [name, values[index]])));
    process.stdout.write(`${JSON.stringify({ jobId: job.jobId, attempt: job.attempt, outcome, code })}\n`);
  }
  process.exit(0);
}
if (args[0] !== 'run') {
  process.stderr.write('usage: fake-parser run --input URI --output URI --error-output URI --job-id ID --attempt N | fake-parser worker\n');
  process.exit(2);
}
const ran = await handle(Object.fromEntries(RUN_OPTIONS.map((name) => [name, args[args.indexOf(name) + 1]])));
// 75 (EX_TEMPFAIL) for nothing recorded, as the parser's cli.py EXIT_UNRECORDED.
process.exit(ran.outcome === 'parsed' ? 0 : ran.outcome === 'unrecorded' ? 75 : 1);

/** One job: writes the result or the error record (or ends the process) as its script says. */
async function handle(options) {
  const option = (name) => options[name];
  const toPath = (uri) => (uri.startsWith('file://') ? fileURLToPath(uri) : uri);
  // Written once, as the parser does (invoice_parser/io.py write_once): a second run of an attempt keeps the first's output.
  const write = (uri, value) => {
    const file = toPath(uri);
    const temp = `${file}.${process.pid}.tmp`;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temp, JSON.stringify(value));
    try {
      linkSync(temp, file);
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    } finally {
      rmSync(temp, { force: true });
    }
  };

  const input = readFileSync(toPath(option('--input')));
  let script;
  try {
    script = JSON.parse(input.toString('utf8'));
  } catch {
    script = { fake: 'error', code: 'NOT_A_PDF', message: 'The document is not a PDF.' };
  }
  script = { ...script, ...(script?.byAttempt?.[option('--attempt')] ?? {}) };

  if (script.fake === 'sleep') await new Promise((resolve) => setTimeout(resolve, script.seconds * 1000));
  if (script.fake === 'crash') {
    process.stderr.write('Traceback (most recent call last):\nRuntimeError: boom\n');
    process.exit(3);
  }
  if (script.fake === 'unrecorded') return { outcome: 'unrecorded', code: null };
  if (script.fake === 'garbage') {
    mkdirSync(path.dirname(toPath(option('--output'))), { recursive: true });
    writeFileSync(toPath(option('--output')), '{"not": "a parse result"}');
    return { outcome: 'parsed', code: null };
  }
  if (script.fake === 'error') {
    write(option('--error-output'), { error: { code: script.code, message: script.message ?? script.code } });
    return { outcome: 'failed', code: script.code };
  }

  const lines = (script.lines ?? []).map((line, index) => ({
    index,
    kind: line.kind ?? 'item',
    sku: line.sku ?? null,
    description: line.description ?? `Line ${index}`,
    quantity: line.quantity ?? null,
    unit: null,
    unitPrice: null,
    lineTotal: null,
    page: 1,
    bbox: [10, 10 + index * 12, 500, 20 + index * 12],
    // What the parser says of its own reading, for a test that sets it (an OCR'd line's doubtful fields).
    ...(line.confidence === undefined ? {} : { confidence: line.confidence }),
    ...(line.unsureFields === undefined ? {} : { unsureFields: line.unsureFields }),
  }));
  write(option('--output'), {
    schemaVersion: '1',
    source: { sha256: createHash('sha256').update(input).update(script.document === undefined ? option('--job-id') : '').digest('hex'), pages: 1, mediaType: 'application/pdf', sizeBytes: input.length },
    parser: { name: 'fake-parser', version: `attempt-${option('--attempt')}` },
    extraction: { method: 'printed-page' },
    invoice: {
      documentType: script.documentType ?? 'invoice',
      number: script.number === undefined ? `INV-${option('--job-id').slice(0, 8)}` : script.number,
      date: '2026-01-31',
      currency: 'EUR',
      supplier: {
        name: script.supplier === undefined ? 'Fake Supplies Ltd' : script.supplier,
        ...(script.vatId === undefined ? {} : { vatId: script.vatId }),
        ...(script.iban === undefined ? {} : { iban: script.iban }),
      },
      totals: { subtotal: null, tax: null, total: '10.00' },
    },
    lines,
    warnings: [],
  });
  return { outcome: 'parsed', code: null };
}
