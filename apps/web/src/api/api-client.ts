import type {
  ApiToken,
  ApplyJobRequest,
  AuditAction,
  CreateTokenRequest,
  CreateTokenResponse,
  CreateUserRequest,
  Credentials,
  HealthResponse,
  ListAuditResponse,
  ListTokensResponse,
  ListUsersResponse,
  Principal,
  UpdateUserRequest,
  UserAccount,
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
  OperationsResponse,
  OperationsWindow,
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

/** GET /api/audit's filters; empty ones are left out of the query. */
export interface AuditQuery {
  jobId?: string;
  user?: string;
  action?: AuditAction | '';
  /** ISO instants: from inclusive, to exclusive. */
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string | null;
}

/** The query string of GET /api/audit, in a fixed order so equal filters give equal URLs. */
export function auditQuery(query: AuditQuery): string {
  const params = new URLSearchParams();
  for (const key of ['jobId', 'user', 'action', 'from', 'to'] as const) {
    const value = query[key]?.trim();
    if (value) params.set(key, value);
  }
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Every call the SPA makes to the API, against one base URL read from the runtime config. */
export function createApiClient(baseUrl: string) {
  // Told of every 401 UNAUTHENTICATED, so the app can return to its login screen from wherever it was.
  const sessionEndedListeners = new Set<() => void>();
  // AWS mode: the Cognito token sent as Authorization: Bearer; local mode sends the session cookie instead.
  let bearer: string | null = null;

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
        // The session is an HttpOnly cookie of this origin: the browser sends it, and only here.
        credentials: 'same-origin',
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(bearer !== null ? { authorization: `Bearer ${bearer}` } : {}),
          ...init?.headers,
        },
      });
    } catch (cause) {
      throw new ApiError(CLIENT_ERROR_CODES.network, `The API at ${baseUrl || 'this site'} could not be reached (${String(cause)}).`, 0);
    }
    if (!response.ok) {
      const error = await errorFromResponse(response);
      if (error.code === 'UNAUTHENTICATED') for (const listener of sessionEndedListeners) listener();
      throw error;
    }
    // 204 (a DELETE) has no body to read.
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
  const json = (body: unknown): RequestInit => ({ body: JSON.stringify(body) });
  const job = (jobId: string) => `/api/jobs/${encodeURIComponent(jobId)}`;
  const mapping = (supplierKey: string, supplierSku: string) =>
    `/api/sku-mappings/${encodeURIComponent(supplierKey)}/${encodeURIComponent(supplierSku)}`;

  const user = (username: string) => `/api/users/${encodeURIComponent(username)}`;

  return {
    /** Registers a listener for any 401 UNAUTHENTICATED; returns its removal. */
    onSessionEnded: (listener: () => void) => {
      sessionEndedListeners.add(listener);
      return () => void sessionEndedListeners.delete(listener);
    },
    /** AWS mode: the token every request carries from now on (null: none). */
    setBearer: (token: string | null) => {
      bearer = token;
    },
    /** The Authorization header for requests made outside this client (pdf.js's page copy), if any. */
    authHeaders: (): Record<string, string> => (bearer !== null ? { authorization: `Bearer ${bearer}` } : {}),
    health: () => request<HealthResponse>('/api/health'),
    getSession: () => request<Principal>('/api/session'),
    logIn: (credentials: Credentials) =>
      request<Principal>('/api/session', {
        method: 'POST',
        ...json(credentials),
      }),
    logOut: () => request<void>('/api/session', { method: 'DELETE' }),
    setup: (credentials: Credentials) =>
      request<UserAccount>('/api/setup', {
        method: 'POST',
        ...json(credentials),
      }),
    listUsers: () => request<ListUsersResponse>('/api/users'),
    createUser: (body: CreateUserRequest) => request<UserAccount>('/api/users', { method: 'POST', ...json(body) }),
    updateUser: (username: string, changes: UpdateUserRequest) =>
      request<UserAccount>(user(username), {
        method: 'PATCH',
        ...json(changes),
      }),
    listTokens: () => request<ListTokensResponse>('/api/tokens'),
    createToken: (body: CreateTokenRequest) =>
      request<CreateTokenResponse>('/api/tokens', {
        method: 'POST',
        ...json(body),
      }),
    revokeToken: (name: ApiToken['name']) =>
      request<void>(`/api/tokens/${encodeURIComponent(name)}`, {
        method: 'DELETE',
      }),
    listAudit: (query: AuditQuery) => request<ListAuditResponse>(`/api/audit${auditQuery(query)}`),
    getOperations: (window: OperationsWindow) => request<OperationsResponse>(`/api/operations?window=${window}`),
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
