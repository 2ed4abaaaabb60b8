/**
 * The benchmark feeds production-like text to third-party code, so none of it may reach the network. The
 * tripwire makes every connection attempt on this thread fail and remembers it, so a library that tries is
 * excluded from the results rather than trusted to have failed quietly.
 */
import { Socket } from 'node:net';

export interface NetworkTripwire {
  /** One line per blocked attempt, e.g. `fetch https://…`. */
  readonly attempts: readonly string[];
}

/** `host:port` (or the socket path) out of net.Socket#connect's several call shapes. */
function destination(args: unknown[]): string {
  const [first, second] = args;
  if (typeof first === 'number') return `${typeof second === 'string' ? second : 'localhost'}:${first}`;
  if (typeof first === 'string') return first;
  const o = (first ?? {}) as { host?: unknown; port?: unknown; path?: unknown };
  return typeof o.path === 'string' ? o.path : `${String(o.host ?? 'localhost')}:${String(o.port)}`;
}

export function armNetworkTripwire(): NetworkTripwire {
  const attempts: string[] = [];
  const blocked = (what: string): Error => {
    attempts.push(what);
    return new Error(`Network access is blocked during the de-identification benchmark (${what}).`);
  };
  globalThis.fetch = (input) => Promise.reject(blocked(`fetch ${input instanceof Request ? input.url : String(input)}`));
  // Every TCP, TLS and HTTP client in Node connects through net.Socket, including undici behind fetch.
  Socket.prototype.connect = function connect(...args: unknown[]): never {
    throw blocked(`connect ${destination(args)}`);
  } as typeof Socket.prototype.connect;
  return { attempts };
}
