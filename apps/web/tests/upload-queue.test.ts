import { describe, expect, it } from 'vitest';
import { headersToSend } from '../src/api/upload-file';
import { contentTypeOf, eachWithLimit, uploadPhaseWords, uploadsReducer, type UploadEntry } from '../src/jobs/upload-queue';

function run(events: Parameters<typeof uploadsReducer>[1][]): UploadEntry[] {
  return events.reduce<UploadEntry[]>((state, event) => uploadsReducer(state, event), []);
}

describe('uploadsReducer', () => {
  it('follows one file from drop to started parse, newest first in the list', () => {
    const state = run([
      { type: 'added', entries: [{ id: 'a', fileName: 'a.pdf', sizeBytes: 10 }] },
      { type: 'added', entries: [{ id: 'b', fileName: 'b.pdf', sizeBytes: 20 }] },
      { type: 'creating', id: 'a' },
      { type: 'created', id: 'a', jobId: 'J1' },
      { type: 'progress', id: 'a', fraction: 0.4 },
      { type: 'uploaded', id: 'a' },
      { type: 'started', id: 'a' },
    ]);
    expect(state.map((e) => [e.id, e.phase, e.progress, e.jobId])).toEqual([
      ['b', 'waiting', 0, null],
      ['a', 'started', 1, 'J1'],
    ]);
  });

  it('never moves a progress bar backwards', () => {
    const state = run([
      { type: 'added', entries: [{ id: 'a', fileName: 'a.pdf', sizeBytes: 10 }] },
      { type: 'created', id: 'a', jobId: 'J1' },
      { type: 'progress', id: 'a', fraction: 0.7 },
      { type: 'progress', id: 'a', fraction: 0.3 },
    ]);
    expect(uploadPhaseWords(state[0]!)).toBe('Uploading 70 %');
  });

  it('keeps failures with their words and clears only finished entries', () => {
    const error = {
      summary: 'The upload link expired before the file was sent; upload it again.',
      detail: null,
      code: 'UPLOAD_URL_EXPIRED',
    };
    const state = run([
      {
        type: 'added',
        entries: [
          { id: 'a', fileName: 'a.pdf', sizeBytes: 1 },
          { id: 'b', fileName: 'b.pdf', sizeBytes: 1 },
        ],
      },
      { type: 'failed', id: 'a', error },
      { type: 'creating', id: 'b' },
    ]);
    expect(state.find((e) => e.id === 'a')?.error).toEqual(error);
    expect(uploadsReducer(state, { type: 'cleared' }).map((e) => e.id)).toEqual(['b']);
  });
});

describe('contentTypeOf', () => {
  it('trusts the browser, else the extension', () => {
    expect([
      contentTypeOf({ name: 'a.pdf', type: 'application/pdf' }),
      contentTypeOf({ name: 'x.XML', type: '' }),
      contentTypeOf({ name: 'scan', type: '' }),
      contentTypeOf({ name: 'scan.TIF', type: '' }),
      contentTypeOf({ name: 'photo.jpeg', type: '' }),
    ]).toEqual(['application/pdf', 'application/xml', 'application/pdf', 'image/tiff', 'image/jpeg']);
  });
});

describe('headersToSend', () => {
  it('leaves out the headers a browser refuses to set by hand', () => {
    expect(headersToSend({ 'Content-Type': 'application/pdf', 'content-length': '10', 'x-amz-meta-job': 'J1' })).toEqual([
      ['Content-Type', 'application/pdf'],
      ['x-amz-meta-job', 'J1'],
    ]);
  });
});

describe('eachWithLimit', () => {
  it('runs every item with at most `limit` at once', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await eachWithLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5 * (n % 3)));
      done.push(n);
      running -= 1;
    });
    expect([peak, [...done].sort()]).toEqual([3, [1, 2, 3, 4, 5, 6, 7]]);
  });
});
