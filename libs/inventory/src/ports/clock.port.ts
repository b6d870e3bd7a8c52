/** Time and identity sources, injected so that use cases stay deterministic in tests. */
export interface Clock {
  now(): Date;
}

export type IdGenerator = () => string;

export const systemClock: Clock = { now: () => new Date() };

/** Web Crypto's randomUUID, available in Node 20 and browsers, so the domain needs no import of node:crypto. */
export const randomJobId: IdGenerator = () => globalThis.crypto.randomUUID();
