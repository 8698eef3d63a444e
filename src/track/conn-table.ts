// The 4-tuple → connection table: allocation-free lookups (host, host, port pair) and a bounded memory of closed ones.

import type { Endpoint } from '../model/endpoint';
import type { Connection } from './connection';

type PortTable = Map<number | string, Connection>;
/**
 * What a host pair holds: its one connection itself, or a port table once a second port pair shares the host pair.
 * Most host pairs of a churn of random clients carry one connection, and a Map per pair (the Map and its hash table,
 * ~290 B) was the largest cost of a held connection after its two flows.
 */
type PairSlot = Connection | PortTable;

/** Numeric port-pair key when both ports are numbers; a string otherwise (service names, port-less pastes). */
function portKey(lo: Endpoint, hi: Endpoint): number | string {
  if (lo.port !== null && hi.port !== null) return lo.port * 65536 + hi.port;
  return `${lo.port ?? lo.service ?? ''}|${hi.port ?? hi.service ?? ''}`;
}

/** The port key of a connection's own endpoints (what it was added under). */
function connKey(conn: Connection): number | string {
  const c = conn.c.endpoint;
  const s = conn.s.endpoint;
  return lowFirst(c, s) ? portKey(c, s) : portKey(s, c);
}

/** Whether `a` sorts before (or equal to) `b`: host text first, then port. */
function lowFirst(a: Endpoint, b: Endpoint): boolean {
  if (a.host !== b.host) return a.host < b.host;
  return (a.port ?? -1) <= (b.port ?? -1);
}

export function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return a.host === b.host && a.port === b.port && (a.port !== null || a.service === b.service);
}

/** Whether a connection's endpoints are `a` and `b` in either order, by host and (numeric) port. */
function pairIs(conn: Connection, a: Endpoint, b: Endpoint): boolean {
  const c = conn.c.endpoint;
  const s = conn.s.endpoint;
  if (a.port === c.port && b.port === s.port && a.host === c.host && b.host === s.host) return true;
  return a.port === s.port && b.port === c.port && a.host === s.host && b.host === c.host;
}

/**
 * Connections by unordered endpoint pair. Every record is looked up, so the lookup builds no strings: two Maps keyed
 * by the host texts and one keyed by the numeric port pair. The latest connection of a 4-tuple stays in the table
 * after it closes (late segments, port reuse) until `closedMemory` newer closed connections push it out.
 *
 * The connection found last is tried first: consecutive segments mostly belong to one connection (78 % of them in
 * the bench capture), and comparing two ports and two host texts is cheaper than ordering the hosts and three Map
 * look-ups. (One Map keyed by a hash of the pair computed in JS was slower than this: V8 hashes strings faster.)
 */
export class ConnectionTable {
  private readonly hosts = new Map<string, Map<string, PairSlot>>();
  /** Closed connections still remembered (membership; a Set deletes from the middle in O(1)). */
  private readonly closedOrder = new Set<Connection>();
  /**
   * The same connections oldest first, plus entries already dropped from `closedOrder` (skipped when reached), read
   * from `head`. Finding the oldest as `closedOrder.values().next()` walked over every slot deleted since V8 last
   * compacted the Set's table, up to thousands per eviction: 14 % of the tracker's time on refused connections.
   */
  private closedQueue: Array<Connection | null> = [];
  private head = 0;
  private openCount = 0;
  /**
   * Open connections in the order they entered it, read from `openHead` (closed ones are skipped when reached): the
   * candidates when too many are open. A connection active since it was queued goes back to the end instead of out
   * (second chance), so the one let go is the idlest, at a cost paid only when one must go.
   */
  private openQueue: Array<Connection | null> = [];
  private openHead = 0;
  /**
   * Queue index of `openQueue[0]` since the table began (slots are addressed absolutely, `Connection.queueSlot`): a
   * connection that closes clears its own slot at once, so the queue never keeps a closed connection alive. Before,
   * closed ones stayed referenced until reached or until they were twice the open ones: a churn of short connections
   * kept up to three times `maxOpen` connections in memory.
   */
  private openBase = 0;
  /** The connection the last `get` returned; cleared whenever a connection enters or leaves the table. */
  private last: Connection | undefined = undefined;

  constructor(private readonly closedMemory: number) {}

  get(a: Endpoint, b: Endpoint): Connection | undefined {
    // Only with numeric ports: then the table's key is exactly the unordered (host, port) pair that pairIs compares,
    // and, the table unchanged since, that key still holds `last`.
    const last = this.last;
    if (last !== undefined && a.port !== null && b.port !== null && pairIs(last, a, b)) return last;
    const low = lowFirst(a, b);
    const lo = low ? a : b;
    const hi = low ? b : a;
    const slot = this.hosts.get(lo.host)?.get(hi.host);
    let conn: Connection | undefined;
    if (slot === undefined) conn = undefined;
    else if (slot instanceof Map) conn = slot.get(portKey(lo, hi));
    else conn = connKey(slot) === portKey(lo, hi) ? slot : undefined;
    this.last = conn;
    return conn;
  }

  /** Insert a new open connection for the pair, replacing whatever the pair held. */
  add(a: Endpoint, b: Endpoint, conn: Connection): void {
    this.last = undefined;
    const low = lowFirst(a, b);
    const lo = low ? a : b;
    const hi = low ? b : a;
    let inner = this.hosts.get(lo.host);
    if (!inner) {
      inner = new Map();
      this.hosts.set(lo.host, inner);
    }
    const key = portKey(lo, hi);
    const slot = inner.get(hi.host);
    let old: Connection | undefined;
    if (slot === undefined) inner.set(hi.host, conn);
    else if (slot instanceof Map) {
      old = slot.get(key);
      slot.set(key, conn);
    } else if (connKey(slot) === key) {
      old = slot;
      inner.set(hi.host, conn);
    } else {
      // A second port pair on this host pair: a port table, the first connection first (the order `open` lists them).
      const ports: PortTable = new Map();
      ports.set(connKey(slot), slot);
      ports.set(key, conn);
      inner.set(hi.host, ports);
    }
    if (old && old.closed) this.closedOrder.delete(old);
    this.openCount++;
    conn.queuedLine = conn.lastLine;
    this.enqueue(conn);
    // Closed connections leave empty slots; drop them when they dominate (amortised O(1)).
    if (this.openQueue.length - this.openHead > 2 * this.openCount + 64) this.compactOpen();
  }

  private enqueue(conn: Connection): void {
    conn.queueSlot = this.openBase + this.openQueue.length;
    this.openQueue.push(conn);
  }

  /** The open queue without its empty slots, every slot number renewed. */
  private compactOpen(): void {
    const q = this.openQueue;
    const kept: Connection[] = [];
    for (let i = this.openHead; i < q.length; i++) {
      const c = q[i];
      if (c !== null && !c.closed) kept.push(c);
    }
    this.openBase += q.length;
    this.openQueue = [];
    this.openHead = 0;
    for (const c of kept) this.enqueue(c);
  }

  /** The open connection idle longest (by input line of its last segment), still in the table; undefined if none. */
  idlest(): Connection | undefined {
    const q = this.openQueue;
    // Each connection is passed over at most once per call (its queuedLine catches up), so this ends.
    while (this.openHead < q.length) {
      const conn = q[this.openHead];
      // Passed slots are cleared: a connection let go must not stay reachable from here until the next compaction.
      q[this.openHead++] = null;
      if (conn === null || conn.closed) continue;
      if (conn.lastLine > conn.queuedLine) {
        conn.queuedLine = conn.lastLine;
        this.enqueue(conn);
        continue;
      }
      if (this.openHead > 4096 && this.openHead * 2 > q.length) this.compactOpen();
      return conn;
    }
    return undefined;
  }

  /** Mark a connection closed: it stays reachable until `closedMemory` later closes evict it. */
  retire(conn: Connection): void {
    this.openCount--;
    const slot = conn.queueSlot - this.openBase;
    if (slot >= this.openHead && slot < this.openQueue.length && this.openQueue[slot] === conn) this.openQueue[slot] = null;
    this.closedOrder.add(conn);
    this.closedQueue.push(conn);
    if (this.closedOrder.size > this.closedMemory) {
      const oldest = this.oldestClosed();
      if (oldest !== undefined) {
        this.closedOrder.delete(oldest);
        this.remove(oldest);
      }
    }
    // Entries dropped from the middle (port reuse) stay in the queue until reached; rebuild it when they dominate.
    if (this.closedQueue.length - this.head > 2 * this.closedOrder.size + 64) {
      this.closedQueue = this.closedQueue.slice(this.head).filter((c) => c !== null && this.closedOrder.has(c));
      this.head = 0;
    }
  }

  /** The oldest remembered closed connection (entries no longer remembered are passed over and released). */
  private oldestClosed(): Connection | undefined {
    const q = this.closedQueue;
    while (this.head < q.length) {
      const c = q[this.head];
      // Passed slots are cleared, so that a forgotten connection is not kept alive until the next compaction.
      q[this.head++] = null;
      if (c !== null && this.closedOrder.has(c)) {
        if (this.head > 4096 && this.head * 2 > q.length) {
          this.closedQueue = q.slice(this.head);
          this.head = 0;
        }
        return c;
      }
    }
    return undefined;
  }

  private remove(conn: Connection): void {
    this.last = undefined;
    const { c, s } = conn;
    const low = lowFirst(c.endpoint, s.endpoint);
    const lo = low ? c.endpoint : s.endpoint;
    const hi = low ? s.endpoint : c.endpoint;
    const inner = this.hosts.get(lo.host);
    const slot = inner?.get(hi.host);
    if (!inner || !slot) return;
    if (slot instanceof Map) {
      const key = portKey(lo, hi);
      if (slot.get(key) !== conn) return;
      slot.delete(key);
      if (slot.size > 0) return;
    } else if (slot !== conn) return;
    inner.delete(hi.host);
    if (inner.size === 0) this.hosts.delete(lo.host);
  }

  /** Open connections, in no particular order. */
  *open(): IterableIterator<Connection> {
    for (const inner of this.hosts.values()) {
      for (const slot of inner.values()) {
        if (slot instanceof Map) {
          for (const conn of slot.values()) if (!conn.closed) yield conn;
        } else if (!slot.closed) yield slot;
      }
    }
  }

  clear(): void {
    this.last = undefined;
    this.closedQueue = [];
    this.head = 0;
    this.openBase += this.openQueue.length;
    this.openQueue = [];
    this.openHead = 0;
    this.hosts.clear();
    this.closedOrder.clear();
    this.openCount = 0;
  }

  /** How many connections are open. */
  get openConnections(): number {
    return this.openCount;
  }

  /** Whether `conn` is among the closed connections still remembered (not let go for newer ones or a reused 4-tuple). */
  remembers(conn: Connection): boolean {
    return this.closedOrder.has(conn);
  }

  size(): { open: number; closed: number } {
    return { open: this.openCount, closed: this.closedOrder.size };
  }
}
