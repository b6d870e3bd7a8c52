import { isIP } from 'node:net';

/**
 * Whether a socket's peer is this machine: 127.0.0.0/8, ::1, or an IPv4 loopback written as IPv6
 * (::ffff:127.0.0.1, as a dual-stack listener reports it).
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined || isIP(address) === 0) return false;
  const v4 = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.split('.')[0] === '127';
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}
