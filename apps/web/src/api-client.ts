import type {
  ApplyResult,
  CreateJobRequest,
  CreateJobResponse,
  ErrorResponse,
  Job,
  ListInventoryResponse,
  ListJobsResponse,
} from '@invoice/contracts';

/** An API failure in words, with the stable code the server sent (or a client-side one). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function isErrorResponse(body: unknown): body is ErrorResponse {
  const error = (body as ErrorResponse | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

/** Turns any non-2xx answer into an ApiError, keeping the server's code and words when it sent them. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  if (isErrorResponse(body)) return new ApiError(body.error.code, body.error.message, response.status);
  return new ApiError('HTTP_' + response.status, `The server answered ${response.status} ${response.statusText}.`, response.status);
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: { 'content-type': 'application/json', ...init?.headers },
  });
  if (!response.ok) throw await errorFromResponse(response);
  return (await response.json()) as T;
}

export const api = {
  listJobs: () => request<ListJobsResponse>('/api/jobs?limit=50'),
  createJob: (body: CreateJobRequest) =>
    request<CreateJobResponse>('/api/jobs', { method: 'POST', body: JSON.stringify(body) }),
  startParse: (jobId: string) => request<Job>(`/api/jobs/${jobId}/parse`, { method: 'POST', body: '{}' }),
  apply: (jobId: string) => request<ApplyResult>(`/api/jobs/${jobId}/apply`, { method: 'POST', body: '{}' }),
  listInventory: () => request<ListInventoryResponse>('/api/inventory'),
};

/** Creates a job, PUTs the file to its presigned URL and starts the parse. */
export async function uploadInvoice(file: File): Promise<Job> {
  const { job, upload } = await api.createJob({
    fileName: file.name,
    contentType: file.type || 'application/pdf',
    sizeBytes: file.size,
  });
  const put = await fetch(upload.url, { method: upload.method, headers: upload.headers as Record<string, string>, body: file });
  if (!put.ok) throw await errorFromResponse(put);
  return api.startParse(job.jobId);
}
