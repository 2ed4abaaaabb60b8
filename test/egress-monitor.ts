/**
 * Records every network attempt of this process and of its child processes (the browser) while a test runs:
 * - in this thread, every net.Socket connect (all TCP, TLS and HTTP clients in Node go through it, fetch's
 *   undici included), fetch, DNS lookups and UDP sends, each refused and remembered;
 * - across the process tree (worker threads included, and Chromium), every internet socket an open file
 *   descriptor points at, sampled from /proc, so a connection made where no patch reaches is still seen.
 */
import dgram from 'node:dgram';
import dns from 'node:dns';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { Socket } from 'node:net';

export interface EgressMonitor {
  /** In-process attempts, e.g. `connect example.com:443`, `lookup example.com`. */
  readonly attempts: string[];
  /** Internet sockets seen in the process tree: `pid (name) tcp 0100007F:1F90 -> 00000000:0000 state 0A`. */
  readonly sockets: Set<string>;
  stop(): void;
}

function destination(args: unknown[]): string {
  const [first, second] = args;
  if (typeof first === 'number') return `${typeof second === 'string' ? second : 'localhost'}:${first}`;
  if (typeof first === 'string') return first;
  const o = (first ?? {}) as { host?: unknown; port?: unknown; path?: unknown };
  return typeof o.path === 'string' ? `unix ${o.path}` : `${String(o.host ?? 'localhost')}:${String(o.port)}`;
}

/** This process and every descendant, from /proc/<pid>/stat's parent field. */
function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  return tree;
}

/** inode → description, for every internet socket in this network namespace. */
function internetSockets(): Map<string, string> {
  const byInode = new Map<string, string>();
  for (const table of ['tcp', 'tcp6', 'udp', 'udp6', 'raw', 'raw6']) {
    let text: string;
    try {
      text = readFileSync(`/proc/self/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      byInode.set(cols[9]!, `${table} ${cols[1]} -> ${cols[2]} state ${cols[3]}`);
    }
  }
  return byInode;
}

/** The process's command name, so a finding says which process opened the socket. */
function processName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

function sampleSockets(into: Set<string>): void {
  const inet = internetSockets();
  for (const pid of processTree(process.pid)) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      const socket = inode ? inet.get(inode) : undefined;
      if (socket) into.add(`${pid} (${processName(pid)}) ${socket}`);
    }
  }
}

export function startEgressMonitor(sampleMs = 100): EgressMonitor {
  const attempts: string[] = [];
  const sockets = new Set<string>();
  const refuse = (what: string): Error => {
    attempts.push(what);
    return new Error(`Network access attempted during the egress test: ${what}`);
  };
  const saved = {
    connect: Socket.prototype.connect,
    fetch: globalThis.fetch,
    lookup: dns.lookup,
    promisesLookup: dns.promises.lookup,
    send: dgram.Socket.prototype.send,
  };
  Socket.prototype.connect = function connect(...args: unknown[]): never {
    throw refuse(`connect ${destination(args)}`);
  } as typeof Socket.prototype.connect;
  globalThis.fetch = (input) => Promise.reject(refuse(`fetch ${input instanceof Request ? input.url : String(input)}`));
  dns.lookup = ((host: string) => {
    throw refuse(`lookup ${host}`);
  }) as unknown as typeof dns.lookup;
  dns.promises.lookup = ((host: string) => Promise.reject(refuse(`lookup ${host}`))) as typeof dns.promises.lookup;
  dgram.Socket.prototype.send = function send(): never {
    throw refuse('udp send');
  } as typeof dgram.Socket.prototype.send;
  const timer = setInterval(() => sampleSockets(sockets), sampleMs);
  timer.unref();
  sampleSockets(sockets);
  return {
    attempts,
    sockets,
    stop() {
      clearInterval(timer);
      sampleSockets(sockets);
      Socket.prototype.connect = saved.connect;
      globalThis.fetch = saved.fetch;
      dns.lookup = saved.lookup;
      dns.promises.lookup = saved.promisesLookup;
      dgram.Socket.prototype.send = saved.send;
    },
  };
}
