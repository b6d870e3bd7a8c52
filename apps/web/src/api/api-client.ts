import type {
  ApplyJobRequest,
  ApplyResult,
  CreateJobRequest,
  CreateJobResponse,
  Job,
  JobReview,
  ListInventoryResponse,
  ListJobsResponse,
  ListMovementsResponse,
  ParseResult,
  ReverseJobRequest,
  ReverseResult,
  ReviewUpdateRequest,
} from '@invoice/contracts';
import { ApiError, CLIENT_ERROR_CODES, errorFromResponse } from './api-error';

/** Joins the configured API base ('' = this origin) and an absolute API path without doubling slashes. */
export function apiUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + path;
}

/** Every call the SPA makes to the API, against one base URL read from the runtime config. */
export function createApiClient(baseUrl: string) {
  async function request<T>(path: string, init?: RequestInit): Promise<T> {
    let response: Response;
    // The API takes a state-changing request only as JSON (its defence against cross-site forms), so one
    // with nothing to send sends {}.
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = init?.body ?? (method === 'GET' || method === 'HEAD' ? undefined : '{}');
    try {
      response = await fetch(apiUrl(baseUrl, path), {
        ...init,
        body,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...init?.headers },
      });
    } catch (cause) {
      throw new ApiError(CLIENT_ERROR_CODES.network, `The API at ${baseUrl || 'this site'} could not be reached (${String(cause)}).`, 0);
    }
    if (!response.ok) throw await errorFromResponse(response);
    return (await response.json()) as T;
  }
  const json = (body: unknown): RequestInit => ({ body: JSON.stringify(body) });
  const job = (jobId: string) => `/api/jobs/${encodeURIComponent(jobId)}`;

  return {
    listJobs: (limit = 50, cursor: string | null = null) =>
      request<ListJobsResponse>(`/api/jobs?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    getJob: (jobId: string) => request<Job>(job(jobId)),
    createJob: (body: CreateJobRequest) => request<CreateJobResponse>('/api/jobs', { method: 'POST', ...json(body) }),
    startParse: (jobId: string) => request<Job>(`${job(jobId)}/parse`, { method: 'POST' }),
    getResult: (jobId: string) => request<ParseResult>(`${job(jobId)}/result`),
    getReview: (jobId: string) => request<JobReview>(`${job(jobId)}/review`),
    saveReview: (jobId: string, update: ReviewUpdateRequest) =>
      request<JobReview>(`${job(jobId)}/review`, { method: 'PUT', ...json(update) }),
    apply: (jobId: string, body: ApplyJobRequest) => request<ApplyResult>(`${job(jobId)}/apply`, { method: 'POST', ...json(body) }),
    reverse: (jobId: string, body: ReverseJobRequest) => request<ReverseResult>(`${job(jobId)}/reverse`, { method: 'POST', ...json(body) }),
    listInventory: () => request<ListInventoryResponse>('/api/inventory'),
    skuMovements: (sku: string) => request<ListMovementsResponse>(`/api/inventory/${encodeURIComponent(sku)}/movements`),
    /** The uploaded PDF itself, for pdf.js. */
    fileUrl: (jobId: string) => apiUrl(baseUrl, `${job(jobId)}/file`),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
