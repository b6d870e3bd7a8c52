import type { Config } from '../config';

/** Always answered: the loopback names a browser on this machine uses. */
export const LOOPBACK_HOST_NAMES = ['localhost', '127.0.0.1', '[::1]'] as const;

/** Addresses that mean "every interface"; they are never a name a client sends. */
const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::', '[::]']);

/**
 * The host names the local server answers for. DNS rebinding points an attacker's own name at 127.0.0.1, so
 * the browser sends that name as Host: a request is answered only when its Host names this machine as it
 * was configured. The port is not compared: a rebound name reaches the port anyway, and the name is the proof.
 */
export class AllowedHosts {
  private readonly names: ReadonlySet<string>;

  constructor(names: Iterable<string>) {
    this.names = new Set([...names].map((name) => name.toLowerCase()));
  }

  /** Loopback, the PUBLIC_BASE_URL host, a specific HOST address, and ALLOWED_HOSTS. */
  static of(config: Pick<Config, 'publicBaseUrl' | 'allowedHosts' | 'host'>): AllowedHosts {
    const names: string[] = [...LOOPBACK_HOST_NAMES, ...config.allowedHosts];
    if (config.publicBaseUrl !== null) names.push(new URL(config.publicBaseUrl).hostname);
    if (config.host !== null && !WILDCARD_ADDRESSES.has(config.host)) names.push(hostnameOf(config.host) ?? config.host);
    return new AllowedHosts(names);
  }

  get list(): string[] {
    return [...this.names];
  }

  /** A Host header value ("name", "name:port", "[v6]:port"); a missing or malformed one is not allowed. */
  allowsHost(host: string | undefined): boolean {
    const name = host === undefined ? null : hostnameOf(host);
    return name !== null && this.names.has(name);
  }

  /** An Origin header value ("http://name:port"); "null" and anything unparsable are not allowed. */
  allowsOrigin(origin: string): boolean {
    try {
      const url = new URL(origin);
      return (url.protocol === 'http:' || url.protocol === 'https:') && this.names.has(url.hostname);
    } catch {
      return false;
    }
  }
}

/** The lower-case host name of "name[:port]" or "[v6][:port]", or null when it is not just a host. */
function hostnameOf(host: string): string | null {
  const bare = /^[\w.\-[\]:]+$/.test(host) ? host : null;
  if (bare === null) return null;
  try {
    return new URL(`http://${bare.includes(':') && !bare.startsWith('[') && bare.split(':').length > 2 ? `[${bare}]` : bare}/`).hostname;
  } catch {
    return null;
  }
}
