import type { ErrorInWords } from '../shared/error-words';

/** One file on its way from the operator's disk to a started parse. */
export interface UploadEntry {
  /** Local id: the same file may be dropped twice. */
  id: string;
  fileName: string;
  sizeBytes: number;
  phase: 'waiting' | 'creating' | 'uploading' | 'starting' | 'started' | 'failed';
  /** Fraction of the bytes sent, 0..1. */
  progress: number;
  jobId: string | null;
  error: ErrorInWords | null;
}

export type UploadEvent =
  | { type: 'added'; entries: { id: string; fileName: string; sizeBytes: number }[] }
  | { type: 'creating'; id: string }
  | { type: 'created'; id: string; jobId: string }
  | { type: 'progress'; id: string; fraction: number }
  | { type: 'uploaded'; id: string }
  | { type: 'started'; id: string }
  | { type: 'failed'; id: string; error: ErrorInWords }
  | { type: 'cleared' };

export function uploadsReducer(entries: readonly UploadEntry[], event: UploadEvent): UploadEntry[] {
  const update = (id: string, change: Partial<UploadEntry>) => entries.map((e) => (e.id === id ? { ...e, ...change } : e));
  switch (event.type) {
    case 'added':
      return [...event.entries.map((e) => ({ ...e, phase: 'waiting' as const, progress: 0, jobId: null, error: null })), ...entries];
    case 'creating':
      return update(event.id, { phase: 'creating' });
    case 'created':
      return update(event.id, { phase: 'uploading', jobId: event.jobId });
    case 'progress':
      // Progress only moves forward; a late event from a retried request must not pull the bar back.
      return entries.map((e) =>
        e.id === event.id && e.phase === 'uploading' ? { ...e, progress: Math.max(e.progress, Math.min(1, event.fraction)) } : e,
      );
    case 'uploaded':
      return update(event.id, { phase: 'starting', progress: 1 });
    case 'started':
      return update(event.id, { phase: 'started' });
    case 'failed':
      return update(event.id, { phase: 'failed', error: event.error });
    case 'cleared':
      return entries.filter((e) => e.phase !== 'started' && e.phase !== 'failed');
  }
}

export function isUploadBusy(entry: UploadEntry): boolean {
  return entry.phase !== 'started' && entry.phase !== 'failed';
}

const PHASE_WORDS: Record<UploadEntry['phase'], string> = {
  waiting: 'Waiting to upload',
  creating: 'Preparing upload',
  uploading: 'Uploading',
  starting: 'Uploaded; starting the parse',
  started: 'Uploaded; parse started',
  failed: 'Upload failed',
};

export function uploadPhaseWords(entry: UploadEntry): string {
  if (entry.phase === 'uploading') return `${PHASE_WORDS.uploading} ${Math.round(entry.progress * 100)} %`;
  return PHASE_WORDS[entry.phase];
}

/** Content types by file extension, for files the browser gives no type (the parser sniffs the bytes anyway). */
const TYPES_BY_EXTENSION: Readonly<Record<string, string>> = {
  xml: 'application/xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  tif: 'image/tiff',
  tiff: 'image/tiff',
};

/** Browsers give no type for some PDFs (and for XML e-invoices and TIFF scans on some systems); the extension decides then. */
export function contentTypeOf(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  const extension = /\.([a-z]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return TYPES_BY_EXTENSION[extension] ?? 'application/pdf';
}

/** Runs `work` over the items, at most `limit` at once, so a drop of fifty files does not open fifty uploads. */
export async function eachWithLimit<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(lanes);
}
