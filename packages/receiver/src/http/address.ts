import { isIPv4, isIPv6 } from 'node:net';

/** The visitor's address: the socket's, or with a trusted proxy the address it saw. */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trustProxy: boolean): string | null {
  if (trustProxy && forwardedFor) {
    // The right-most address is the one our own proxy added; those left of it are the client's to claim.
    const nearest = forwardedFor.split(',').at(-1)!.trim();
    if (isIPv4(nearest) || isIPv6(nearest)) return normalise(nearest);
  }
  return socketAddress ? normalise(socketAddress) : null;
}

function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/** The address range a rate limit counts by, and the most of an address the log may keep: /24 or /48. */
export function addressPrefix(address: string): string {
  if (isIPv4(address)) return `${address.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIPv6(address)) return `${expand(address).slice(0, 3).join(':')}::/48`;
  return 'unknown';
}

function expand(address: string): string[] {
  const [head, tail] = address.split('::') as [string, string?];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}
