// One packet printed twice by a capture in a forwarding host (`-i any` on a router): once coming in, once going out.

import type { Endpoint } from '../model/endpoint';
import type { Side } from '../model/findings';
import type { TcpRecord } from '../model/line-result';
import { findOption } from '../model/tcp-options';
import type { RoutedConnection } from '../model/verdict';
import type { SegmentCopy } from '../model/segment';
import type { Connection } from './connection';
import { sameEndpoint } from './conn-table';

/** How many recent incoming packets are kept as candidates, and how far back a copy may follow its original. */
export const COPY_CANDIDATES = 64;
/** Seconds between a packet coming in and its copy going out (forwarding takes µs; a busy router ms). */
export const COPY_WINDOW_SECONDS = 0.05;
/** Without timestamps: at most this many packet lines between them. */
export const COPY_WINDOW_LINES = 32;

interface Candidate {
  rec: TcpRecord;
  time: number;
  ordinal: number;
  conn: Connection;
  matched: boolean;
}

const ttlOf = (r: TcpRecord): number | null => r.ip?.ttl ?? r.ip?.hlim ?? null;

/**
 * SAME PACKET, FORWARDED
 * A host that forwards a segment shows it twice to a capture on all its interfaces (`tcpdump -i any`, SLL2 direction
 * column): `In` on the interface it arrived on, then `Out` on the one it leaves by, µs later. A router (RFC 1812
 * §5.3.1) lowers the TTL by one; NAT rewrites addresses and ports (RFC 3022 §2.2), and an MSS clamp the MSS option of
 * SYNs; nothing on the path rewrites what the sender's TCP put in: the flags, window, length, the TS option
 * (RFC 7323 §3), the IP id (RFC 6864), and the sequence numbers relative to the 4-tuple's first segment (tcpdump prints
 * them so on each 4-tuple). An `Out` line on another interface than an `In` line at most COPY_WINDOW_SECONDS before it
 * (COPY_WINDOW_LINES lines without times) that agrees on all of these that were printed (seq/ack except on a SYN, whose
 * raw numbers a NAT may shift) is that packet's copy: not a new segment, so no retransmission, no duplicate ACK, no
 * state change. The earliest unmatched candidate wins (routers forward in order). Not applied on one interface (a
 * loopback packet is Out then In on `lo`: the same host sending and receiving).
 */
export class CopyMemory {
  private readonly ring: Array<Candidate | undefined> = new Array(COPY_CANDIDATES);
  private next = 0;
  private ordinal = 0;
  /** 4-tuples seen only as copies: their later first copies belong to the connection of the other side. */
  private readonly aliases = new Map<string, { conn: Connection; pairs: Array<[Endpoint, Endpoint]> }>();

  /** Whether any forwarded copy was seen (cheap test before the alias look-up). */
  get active(): boolean {
    return this.aliases.size > 0;
  }

  /** The record with the endpoints of the connection it was first seen on, when its 4-tuple is another side's. */
  translate(rec: TcpRecord): TcpRecord {
    const a = this.aliases.get(tupleKey(rec.src, rec.dst));
    if (a === undefined || a.conn.closed) return rec;
    const map = (e: Endpoint): Endpoint => {
      for (const [from, to] of a.pairs) if (sameEndpoint(e, from)) return to;
      return e;
    };
    return { ...rec, src: map(rec.src), dst: map(rec.dst) };
  }

  /** The earlier incoming line this outgoing one copies, or null. Call for SLL2 records before tracking them. */
  match(rec: TcpRecord, time: number): Candidate | null {
    this.ordinal++;
    if (rec.direction !== 'Out' || rec.iface === null) return null;
    for (let k = 1; k <= COPY_CANDIDATES; k++) {
      // Oldest first within the window: the earliest unmatched original wins.
      const i = (this.next + k - 1) % COPY_CANDIDATES;
      const c = this.ring[i];
      if (c === undefined || c.matched) continue;
      if (!Number.isNaN(time) && !Number.isNaN(c.time)) {
        const dt = time - c.time;
        if (dt < 0 || dt > COPY_WINDOW_SECONDS) continue;
      } else if (this.ordinal - c.ordinal > COPY_WINDOW_LINES) continue;
      if (c.rec.iface === rec.iface || !samePacket(c.rec, rec)) continue;
      c.matched = true;
      return c;
    }
    return null;
  }

  /** An analysed incoming SLL2 record: a candidate for the copies that follow. */
  remember(rec: TcpRecord, time: number, conn: Connection): void {
    if (rec.direction !== 'In' || rec.iface === null) return;
    this.ring[this.next] = { rec, time, ordinal: this.ordinal, conn, matched: false };
    this.next = (this.next + 1) % COPY_CANDIDATES;
  }

  /**
   * The copy's facts; the connection learns its other side (the alias for that 4-tuple, the interfaces, the
   * rewrites). `orig` is the incoming record as printed, `sender` who sent it.
   */
  learn(c: Candidate, copy: TcpRecord, sender: Side): SegmentCopy {
    const orig = c.rec;
    const conn = c.conn;
    const translated = !(sameEndpoint(orig.src, copy.src) && sameEndpoint(orig.dst, copy.dst));
    const syn = orig.style === 'new' && orig.flags.includes('S');
    const mIn = syn ? findOption(orig.options, 'mss')?.value : undefined;
    const mOut = syn ? findOption(copy.options, 'mss')?.value : undefined;
    const mss = mIn !== undefined && mOut !== undefined && mIn !== mOut ? { from: mIn, to: mOut } : null;
    const tIn = ttlOf(orig);
    const tOut = ttlOf(copy);
    const ttl = tIn !== null && tOut !== null ? { from: tIn, to: tOut, v6: orig.ip?.version === 6 } : null;
    // The copy's printed endpoints → the connection's own (those the tracker keyed it by).
    const srcOwn = sender === 'client' ? conn.c.endpoint : conn.s.endpoint;
    const dstOwn = sender === 'client' ? conn.s.endpoint : conn.c.endpoint;
    if (!(pairIs(copy.src, copy.dst, conn.c.endpoint, conn.s.endpoint))) {
      const key = tupleKey(copy.src, copy.dst);
      // A NAT may give a closed connection's outside port to a new one: the newest connection owns the alias.
      if (this.aliases.get(key)?.conn !== conn) {
        this.aliases.delete(key);
        this.aliases.set(key, { conn, pairs: [[copy.src, srcOwn], [copy.dst, dstOwn]] });
        if (this.aliases.size > COPY_CANDIDATES * 64) this.aliases.delete(this.aliases.keys().next().value as string);
      }
    }
    const inIface = orig.iface ?? '';
    const outIface = copy.iface ?? '';
    let r = conn.routed;
    if (r === null) {
      // The sender's packets came in on its own side; the copy left on the other.
      const inSide = { iface: inIface, client: sender === 'client' ? orig.src : orig.dst, server: sender === 'client' ? orig.dst : orig.src };
      const outSide = { iface: outIface, client: sender === 'client' ? copy.src : copy.dst, server: sender === 'client' ? copy.dst : copy.src };
      r = {
        clientSide: sender === 'client' ? inSide : outSide,
        serverSide: sender === 'client' ? outSide : inSide,
        firstPair: [orig.line, copy.line],
        mss: [],
        ttlDrop: null,
      };
      conn.routed = r;
      // In/Out here say which interface, not which end captured: no capture-point clue (capture-point.ts).
      conn.synDirection = null;
    }
    if (mss !== null && !r.mss.some((m) => m.sender === sender)) r.mss.push({ sender, ...mss });
    if (ttl !== null && r.ttlDrop === null) r.ttlDrop = ttl.from - ttl.to;
    return {
      of: orig.line,
      conn: conn.id,
      sender,
      inIface,
      outIface,
      translated,
      from: { src: orig.src, dst: orig.dst },
      to: { src: copy.src, dst: copy.dst },
      mss,
      ttl,
    };
  }
}

/** Everything a forwarding host leaves as its sender printed it (see SAME PACKET, FORWARDED). */
function samePacket(a: TcpRecord, b: TcpRecord): boolean {
  if (a.style !== b.style || a.flags !== b.flags || a.len !== b.len || a.win !== b.win || a.urg !== b.urg) return false;
  const syn = a.style === 'new' ? a.flags.includes('S') : a.flags === 'S';
  if (!syn && (a.seq !== b.seq || a.end !== b.end || a.ack !== b.ack)) return false;
  const ta = findOption(a.options, 'ts');
  const tb = findOption(b.options, 'ts');
  if ((ta === undefined) !== (tb === undefined)) return false;
  if (ta !== undefined && tb !== undefined && (ta.val !== tb.val || ta.ecr !== tb.ecr)) return false;
  const ia = a.ip?.id ?? null;
  const ib = b.ip?.id ?? null;
  if (ia !== null && ib !== null && ia !== ib) return false;
  const ttlA = ttlOf(a);
  const ttlB = ttlOf(b);
  // A router never raises the TTL (RFC 1812 §5.3.1).
  if (ttlA !== null && ttlB !== null && ttlB > ttlA) return false;
  return true;
}

function pairIs(a: Endpoint, b: Endpoint, c: Endpoint, s: Endpoint): boolean {
  return (sameEndpoint(a, c) && sameEndpoint(b, s)) || (sameEndpoint(a, s) && sameEndpoint(b, c));
}

/** Unordered 4-tuple key. */
function tupleKey(a: Endpoint, b: Endpoint): string {
  const x = `${a.host}|${a.port ?? a.service ?? ''}`;
  const y = `${b.host}|${b.port ?? b.service ?? ''}`;
  return x < y ? `${x}>${y}` : `${y}>${x}`;
}

export type { Candidate as CopyCandidate, RoutedConnection, SegmentCopy };
