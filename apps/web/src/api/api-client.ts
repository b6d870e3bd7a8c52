import type {
  ApplyJobRequest,
  BoundingBox,
  ApplyResult,
  CatalogueItem,
  CreateItemRequest,
  CreateJobRequest,
  CreateJobResponse,
  ImportItemsResponse,
  Job,
  JobReview,
  ListInventoryResponse,
  ListItemsResponse,
  ListJobsResponse,
  ListMovementsResponse,
  ListSkuMappingsResponse,
  ListSuppliersResponse,
  MergeSuppliersRequest,
  MergeSuppliersResponse,
  PageRegion,
  ParseResult,
  PutSkuMappingRequest,
  ReverseJobRequest,
  ReverseResult,
  ReviewUpdateRequest,
  SkuMapping,
  UpdateItemRequest,
} from '@invoice/contracts';
import { ApiError, CLIENT_ERROR_CODES, errorFromResponse } from './api-error';
import { regionQuery } from '../review/page-region';

/** Joins the configured API base ('' = this origin) and an absolute API path without doubling slashes. */
export function apiUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + path;
}

/** The query string of GET /api/items: an empty search and the first page are left out. */
export function itemsQuery(q: string, limit: number, cursor: string | null): string {
  const params = new URLSearchParams();
  if (q.trim()) params.set('q', q.trim());
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return `?${params.toString()}`;
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
    // 204 (a DELETE) has no body to read.
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
  const json = (body: unknown): RequestInit => ({ body: JSON.stringify(body) });
  const job = (jobId: string) => `/api/jobs/${encodeURIComponent(jobId)}`;
  const mapping = (supplierKey: string, supplierSku: string) =>
    `/api/sku-mappings/${encodeURIComponent(supplierKey)}/${encodeURIComponent(supplierSku)}`;

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
    listItems: (q: string, limit = 100, cursor: string | null = null) => request<ListItemsResponse>(`/api/items${itemsQuery(q, limit, cursor)}`),
    getCatalogueItem: (sku: string) => request<CatalogueItem>(`/api/items/${encodeURIComponent(sku)}`),
    createCatalogueItem: (body: CreateItemRequest) => request<CatalogueItem>('/api/items', { method: 'POST', ...json(body) }),
    updateCatalogueItem: (sku: string, body: UpdateItemRequest) =>
      request<CatalogueItem>(`/api/items/${encodeURIComponent(sku)}`, { method: 'PUT', ...json(body) }),
    importItems: (csv: string) => request<ImportItemsResponse>('/api/items/import', { method: 'POST', ...json({ csv }) }),
    /** The catalogue as CSV, for a download link. */
    itemsExportUrl: () => apiUrl(baseUrl, '/api/items/export.csv'),
    listSuppliers: () => request<ListSuppliersResponse>('/api/suppliers'),
    listMappings: (supplier: string) => request<ListSkuMappingsResponse>(`/api/sku-mappings?supplier=${encodeURIComponent(supplier)}`),
    putMapping: (supplierKey: string, supplierSku: string, body: PutSkuMappingRequest) =>
      request<SkuMapping>(mapping(supplierKey, supplierSku), { method: 'PUT', ...json(body) }),
    deleteMapping: (supplierKey: string, supplierSku: string) => request<void>(mapping(supplierKey, supplierSku), { method: 'DELETE' }),
    mergeSuppliers: (body: MergeSuppliersRequest) => request<MergeSuppliersResponse>('/api/suppliers/merge', { method: 'POST', ...json(body) }),
    /** The words inside a box drawn on a page (PDF points, top-left origin) and the line read from them. */
    readPageRegion: (jobId: string, page: number, box: BoundingBox) =>
      request<PageRegion>(`${job(jobId)}/pages/${page}/region?${regionQuery(box)}`),
    /** The uploaded file itself, as it was sent (the original of a scan, for downloading). */
    fileUrl: (jobId: string) => apiUrl(baseUrl, `${job(jobId)}/file`),
    /**
     * The page copy for pdf.js: the PDF whose page coordinates the lines' boxes are in. A text PDF's copy is
     * the upload; a scanned page's is the levelled image OCR read, so outlines fit it exactly.
     */
    pagesUrl: (jobId: string) => apiUrl(baseUrl, `${job(jobId)}/pages.pdf`),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
