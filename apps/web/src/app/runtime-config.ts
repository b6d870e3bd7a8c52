/** What the SPA learns at start-up from /config.json, so one build serves every deployment. */
export interface RuntimeConfig {
  /** Origin (and optional path prefix) of the API; '' means the origin that served the SPA. */
  apiBaseUrl: string;
}

export const DEFAULT_RUNTIME_CONFIG: RuntimeConfig = { apiBaseUrl: '' };

export class RuntimeConfigError extends Error {
  override readonly name = 'RuntimeConfigError';
}

/** Validates the JSON of /config.json; an absent apiBaseUrl means same origin. */
export function parseRuntimeConfig(raw: unknown): RuntimeConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new RuntimeConfigError('/config.json must hold a JSON object, e.g. {"apiBaseUrl": ""}.');
  }
  const { apiBaseUrl } = raw as { apiBaseUrl?: unknown };
  if (apiBaseUrl === undefined || apiBaseUrl === '') return DEFAULT_RUNTIME_CONFIG;
  if (typeof apiBaseUrl !== 'string') throw new RuntimeConfigError('/config.json: apiBaseUrl must be a string.');
  let url: URL;
  try {
    url = new URL(apiBaseUrl);
  } catch {
    throw new RuntimeConfigError(`/config.json: apiBaseUrl must be an absolute http(s) URL, got "${apiBaseUrl}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RuntimeConfigError(`/config.json: apiBaseUrl must use http or https, got "${url.protocol}".`);
  }
  return { apiBaseUrl: apiBaseUrl.replace(/\/+$/, '') };
}

/**
 * Reads /config.json. A missing file (404, or the SPA's own index.html from a fallback route) means the
 * same origin, which is what the local server wants; a present but broken file is an error worth showing,
 * not something to guess around.
 */
export async function loadRuntimeConfig(
  fetchConfig: () => Promise<Response> = () => fetch('/config.json', { cache: 'no-store', headers: { accept: 'application/json' } }),
): Promise<RuntimeConfig> {
  const response = await fetchConfig();
  if (response.status === 404) return DEFAULT_RUNTIME_CONFIG;
  // A host that answers unknown paths with the SPA's index.html (a client-side-routing fallback) has no config.
  if (response.ok && (response.headers.get('content-type') ?? '').includes('text/html')) return DEFAULT_RUNTIME_CONFIG;
  if (!response.ok) throw new RuntimeConfigError(`/config.json could not be read: the server answered ${response.status}.`);
  let raw: unknown;
  try {
    raw = await response.json();
  } catch {
    throw new RuntimeConfigError('/config.json is not valid JSON.');
  }
  return parseRuntimeConfig(raw);
}
