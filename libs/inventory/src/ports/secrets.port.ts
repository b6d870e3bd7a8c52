/**
 * The cryptography accounts need, behind a port so the domain imports no crypto library: slow salted hashes
 * for passwords, random secrets for sessions and tokens, and a fast digest to store those secrets by (they are
 * random and long, so a slow hash would add nothing but latency to every request).
 */
export interface Secrets {
  /** A self-describing slow hash (algorithm, cost, salt, hash) of the password. */
  hashPassword(password: string): Promise<string>;
  /** Whether the password matches the stored hash; compares in constant time, false for a malformed hash. */
  verifyPassword(password: string, passwordHash: string): Promise<boolean>;
  /** A fresh secret of 256 random bits, URL-safe text. */
  newSecret(): string;
  /** The digest a session id or token is stored and looked up by (SHA-256, hex). */
  digest(secret: string): string;
}
