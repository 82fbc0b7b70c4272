import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { PaperbriefError } from '../errors.js';
import { refusedAddressReason } from './address-policy.js';

export interface ResolvedAddress {
  address: string;
  /** 4 or 6. */
  family: number;
}

/** Turns a host name into its addresses. Injected in tests so no real DNS is asked. */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

/** The operating system's resolver (`dns.lookup`, every address, in the order it gives them). */
export const systemResolveHost: ResolveHost = (hostname) =>
  dnsLookup(hostname, { all: true, verbatim: true });

/** A webhook would have connected to an address the policy forbids. Not retryable: the URL must change. */
export class RefusedAddressError extends PaperbriefError {
  override readonly name = 'RefusedAddressError';
  readonly hostname: string;
  readonly address: string;

  constructor(hostname: string, address: string, reason: string) {
    const subject = hostname === address ? `address ${address}` : `${hostname} resolves to ${address}, which`;
    super('webhook_address_refused', `${subject} is refused: ${reason}`);
    this.hostname = hostname;
    this.address = address;
  }
}

/**
 * A `lookup` for `http.request` / `net.connect` that resolves with `resolve` and refuses the
 * connection when any address of the host is not allowed. Because the socket connects to exactly
 * the address checked here, a DNS answer that changes between a check and the connection
 * (DNS rebinding) cannot slip a private address through.
 */
export function guardedLookup(resolve: ResolveHost, allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    resolve(hostname).then(
      (addresses) => {
        // Any refused address refuses the host: a name that answers with both public and private
        // addresses is either misconfigured or an attack.
        for (const { address } of addresses) {
          const reason = refusedAddressReason(address, allowPrivate);
          if (reason !== undefined) {
            return process.nextTick(callback, new RefusedAddressError(hostname, address, reason), '', 0);
          }
        }
        const usable =
          family === 4 || family === 6 ? addresses.filter((entry) => entry.family === family) : addresses;
        const first = usable[0];
        if (first === undefined) {
          const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
            code: 'ENOTFOUND',
            hostname,
          });
          return process.nextTick(callback, error, '', 0);
        }
        if (options.all) return process.nextTick(callback, null, usable);
        return process.nextTick(callback, null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => process.nextTick(callback, error, '', 0),
    );
  };
}
