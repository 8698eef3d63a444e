// Finds the teaching points of each segment of one capture (ISNs, seq ranges, ACK advances, FINs, resets, loss, windows) from the tracker's analysis.

import { ACK, FIN, RST, SYN, findOption, has, type SegmentAnalysis, type Side, type TcpRecord } from '../model';
import type { TeachPoint } from '../explain/locales/lesson-en';
import { recordFlagBits } from '../report/ladder';

/** What one connection has shown so far, per end; what the next segment is read against. */
interface EndMemory {
  /** Highest relative ack this end has sent. */
  lastAck: number | null;
  /** Relative seq just past the highest byte (SYN/FIN counted) this end has sent. */
  next: number | null;
  /** Relative seq of this end's FIN, once sent. */
  fin: number | null;
  /** Last advertised window in bytes. */
  win: number | null;
  /** End seq and time of this end's data segments not yet acknowledged by the peer (a resend updates the time). */
  unacked: Array<{ end: number; t: number | null }>;
  /** Line and time each relative seq was first sent at, to name the original of a retransmission. */
  firstSent: Map<number, { line: number; t: number | null }>;
  /** Line of this end's first segment acknowledging the peer's FIN. */
  finAckedOn: number | null;
  /** This end's latest data segment (relative range) and whether it was a retransmission. */
  lastData: { from: number; to: number; retx: boolean } | null;
  /** The SACK blocks (relative) of this end's latest ACK: what it holds beyond the hole; empty without SACK. */
  sacked: Array<[number, number]>;
}

interface ConnMemory {
  client: EndMemory;
  server: EndMemory;
  /** Segments since the connection's first SYN (null until one is seen). */
  sinceSyn: number | null;
  /** Segments since the first FIN, and the flags of the first eight of them (null until a FIN). */
  close: { count: number; flags: string[] } | null;
}

const CLOSE_FLAGS_KEPT = 8;

const newEnd = (): EndMemory => ({ lastAck: null, next: null, fin: null, win: null, unacked: [], firstSent: new Map(), finAckedOn: null, lastData: null, sacked: [] });
const ms = (s: number): number => Math.round(s * 1e6) / 1e3;

/** Whether the blocks together cover every byte of [from, to). */
function covers(blocks: ReadonlyArray<[number, number]>, from: number, to: number): boolean {
  let at = from;
  for (const [x, y] of [...blocks].sort((p, q) => p[0] - q[0])) {
    if (x > at) break;
    if (y > at) at = y;
    if (at >= to) return true;
  }
  return at >= to;
}

export interface PointFinder {
  /** The points of one segment, in the order a reader meets them; remembers what it needs for the next ones. */
  push(rec: TcpRecord, a: SegmentAnalysis): TeachPoint[];
}

export function createPointFinder(): PointFinder {
  const conns = new Map<string, ConnMemory>();
  return {
    push(rec, a) {
      let conn = conns.get(a.conn);
      if (!conn) {
        conn = { client: newEnd(), server: newEnd(), sinceSyn: null, close: null };
        conns.set(a.conn, conn);
      }
      const sender: Side = a.dir === 'c2s' ? 'client' : 'server';
      const receiver: Side = sender === 'client' ? 'server' : 'client';
      const me = conn[sender];
      const them = conn[receiver];
      const bits = recordFlagBits(rec) ?? 0;
      const len = rec.len ?? 0;
      const points: TeachPoint[] = [];
      const retx = a.findings.find((f) => f.code === 'tcp.retransmission' || f.code === 'tcp.fast_retransmission');
      // Counts the packets of the opening (from the first SYN) and of the close (from the first FIN), this one included.
      if (conn.sinceSyn !== null) conn.sinceSyn++;
      else if (has(bits, SYN) && !has(bits, ACK)) conn.sinceSyn = 1;
      if (conn.close === null && has(bits, FIN)) conn.close = { count: 0, flags: [] };
      if (conn.close !== null) {
        conn.close.count++;
        if (conn.close.flags.length < CLOSE_FLAGS_KEPT) conn.close.flags.push(rec.flags);
      }

      if (has(bits, SYN)) {
        if (a.absSeq !== null) points.push({ code: 'isn', side: sender, isn: a.absSeq });
        const mss = findOption(rec.options, 'mss');
        // `sent`/`received` are only known from a pair (src/teach/steps.ts sets them when a middlebox rewrote the option).
        if (mss) points.push({ code: 'mss', side: sender, mss: mss.value, synAck: has(bits, ACK), sent: null, received: null });
      }
      // The ack of a SYN reads ISN + 1 only in absolute numbers; the SYN-ACK, the handshake ACK and a refusal's RST carry it.
      const handshakeAck = a.transitions.some((t) => t.from === 'SYN_RECEIVED' && t.to === 'ESTABLISHED');
      if (has(bits, ACK) && a.relAck === 1 && a.absAck !== null && a.isnReceiver !== null && (has(bits, SYN) || has(bits, RST) || handshakeAck)) {
        points.push({ code: 'ack-of-syn', side: sender, ack: a.absAck, isn: a.isnReceiver });
      }
      if (handshakeAck) {
        // A round trip only where the capture point is known (handshake.ts HANDSHAKE RTT): unknown, either gap may be it.
        const rtt = a.findings.find((f) => f.code === 'tcp.handshake_rtt');
        if (conn.sinceSyn !== null) points.push({ code: 'handshake-done', packets: conn.sinceSyn, rttMs: rtt && rtt.code === 'tcp.handshake_rtt' && rtt.capture !== null ? ms(rtt.seconds) : null });
      }

      if (retx && a.relSeq !== null && a.relEnd !== null) {
        const tracked = retx.code === 'tcp.retransmission' || retx.code === 'tcp.fast_retransmission' ? retx.originalLine : null;
        const original = me.firstSent.get(a.relSeq) ?? null;
        const originalLine = tracked ?? original?.line ?? null;
        const t0 = original?.t ?? null;
        const afterMs = t0 !== null && a.sinceStart !== null ? ms(a.sinceStart - t0) : null;
        // RFC 6298 §2.4 with Linux's 200 ms floor: a resend sooner than that, without dup ACKs, is SACK-driven recovery (RFC 6675).
        // A hole the SACK blocks showed (tracker trigger 'sack') is that recovery too; 'fast' is the dup-ACK trigger.
        const cause =
          retx.code === 'tcp.fast_retransmission'
            ? retx.trigger === 'dup-acks'
              ? 'fast'
              : 'recovery'
            : afterMs !== null && afterMs < 200
              ? 'recovery'
              : 'timer';
        points.push({ code: 'retransmission', side: sender, from: a.relSeq, to: a.relEnd, cause, originalLine, afterMs });
      } else if (len > 0 && a.relSeq !== null && a.relEnd !== null && !has(bits, SYN)) {
        points.push({ code: 'data-range', side: sender, from: a.relSeq, to: a.relEnd, len });
      }

      // RFC 9293 §3.8.6.1: while the peer's window is zero, a segment one below the next byte and without payload is a probe.
      const peerClosed = them.win === 0;
      if (len === 0 && !has(bits, SYN | FIN | RST) && a.relSeq !== null && me.next !== null && a.relSeq === me.next - 1 && (peerClosed || a.findings.some((f) => f.code === 'tcp.zero_window_probe'))) {
        points.push({ code: 'window-probe', side: sender, seq: a.relSeq });
      }

      if (has(bits, ACK) && a.relAck !== null && !has(bits, SYN) && !has(bits, RST)) {
        const dup = a.findings.find((f) => f.code === 'tcp.dup_ack');
        if (dup && dup.code === 'tcp.dup_ack') points.push({ code: 'dup-ack', side: sender, ack: a.relAck, n: dup.n });
        const finAcked = them.fin !== null && a.relAck === them.fin + 1 && (me.lastAck === null || me.lastAck <= them.fin);
        if (me.lastAck !== null && a.relAck > me.lastAck) {
          const dataEdge = finAcked ? them.fin! : a.relAck;
          const bytes = dataEdge - me.lastAck;
          if (bytes > 0) {
            const covered = them.unacked.filter((u) => u.end <= dataEdge);
            const lastT = covered.length > 0 ? covered[covered.length - 1].t : null;
            // GAP FILLED: RFC 5681 §4.2, a receiver ACKs at once a segment that fills a gap in its sequence space.
            // When the peer's latest data segment was a retransmission starting at or below this end's last ack and the
            // ack now reaches beyond its end, the bytes between had arrived before (out of order): the ACK jumps over them,
            // it is not one delayed ACK for many new segments. "SACKed" when this end's latest SACK blocks covered them;
            // "the last hole" when SACK is in use and this ACK carries no block any more.
            const r = them.lastData;
            const prevAck = me.lastAck;
            const filled =
              r !== null && r.retx && r.from <= prevAck && r.to > prevAck && dataEdge > r.to
                ? { from: r.from, to: r.to, sacked: covers(me.sacked, r.to, dataEdge), last: me.sacked.length > 0 && !findOption(rec.options, 'sack') }
                : null;
            points.push({
              code: 'ack-advance',
              side: sender,
              ack: dataEdge,
              bytes,
              segments: Math.max(1, covered.length),
              delayMs: lastT !== null && a.sinceStart !== null ? ms(a.sinceStart - lastT) : null,
              filled,
            });
          }
        }
        if (finAcked) {
          points.push({ code: 'ack-of-fin', side: sender, ack: a.relAck, fin: them.fin! });
          if (me.finAckedOn === null) me.finAckedOn = rec.line;
        }
        const sack = findOption(rec.options, 'sack');
        if (sack && rec.ack !== null) points.push({ code: 'sack', side: sender, ack: rec.ack, blocks: sack.blocks.map(([x, y]) => [x, y] as [number, number]) });
      }

      if (has(bits, FIN) && a.relSeq !== null) {
        // Whether this FIN is what acknowledges the peer's FIN (the ACK and FIN of a close merged: one packet fewer),
        // or only repeats an ACK of it this end already sent on an earlier line (the close then has a separate ACK).
        const acks = them.fin !== null && has(bits, ACK) && a.relAck === them.fin + 1;
        const ackedOn = acks && me.finAckedOn !== null && me.finAckedOn !== rec.line ? me.finAckedOn : null;
        points.push({ code: 'fin', side: sender, seq: a.relEnd ?? a.relSeq, first: them.fin === null, acksFin: !acks ? null : ackedOn !== null ? 'again' : 'new', ackedOn });
      }

      const rst = a.findings.find((f) => f.code === 'tcp.rst');
      if (rst && rst.code === 'tcp.rst') {
        // The silence before a RST matters only when it is the story (idle phase); rounded to the millisecond.
        const idle = rst.phase === 'idle' && rst.idleSeconds !== null ? Math.round(rst.idleSeconds * 1000) / 1000 : null;
        // Whether it was forged is only known from the other capture of a pair (src/teach/steps.ts sets it).
        points.push({ code: 'rst', by: rst.by, phase: rst.phase, idleSeconds: idle, withAck: has(bits, ACK), state: rst.state, forged: false });
      }

      // Windows: a RST's win means nothing (RFC 9293 §3.10.7), and a SYN's is never scaled (RFC 7323 §2.2).
      if (!has(bits, RST) && !has(bits, SYN) && a.winBytes !== null) {
        if (a.winBytes === 0) points.push({ code: 'zero-window', side: sender, again: me.win === 0 });
        else if (a.winBytes > 0 && me.win === 0) points.push({ code: 'window-reopened', side: sender, bytes: a.winBytes });
        else if (a.winBytes > 0 && a.winBytes !== me.win && rec.win !== null && a.winScale !== null) {
          points.push({ code: 'window', side: sender, printed: rec.win, scale: a.winScale, bytes: a.winBytes });
        }
        me.win = a.winBytes;
      }

      for (const t of a.transitions) {
        if (t.to === 'TIME_WAIT') points.push({ code: 'time-wait', side: t.end });
        if (t.from === 'LAST_ACK' && t.to === 'CLOSED' && conn.close !== null) {
          points.push({ code: 'last-ack-done', side: t.end, packets: conn.close.count, flags: conn.close.count <= CLOSE_FLAGS_KEPT ? conn.close.flags.slice() : [] });
        }
      }

      // Remember this segment for the ones after it.
      if (a.relSeq !== null) {
        const end = (a.relEnd ?? a.relSeq) + (has(bits, SYN) ? 1 : 0) + (has(bits, FIN) ? 1 : 0);
        if (me.next === null || end > me.next) me.next = end;
        if (len > 0 && a.relEnd !== null) {
          const relEnd = a.relEnd;
          me.lastData = { from: a.relSeq, to: relEnd, retx: retx !== undefined };
          const held = me.unacked.find((u) => u.end === relEnd);
          if (held) held.t = a.sinceStart;
          else me.unacked.push({ end: relEnd, t: a.sinceStart });
          if (!me.firstSent.has(a.relSeq)) me.firstSent.set(a.relSeq, { line: rec.line, t: a.sinceStart });
        }
      }
      if (has(bits, FIN) && a.relSeq !== null) me.fin = a.relEnd ?? a.relSeq;
      if (has(bits, ACK) && a.relAck !== null && !has(bits, RST)) {
        if (me.lastAck === null || a.relAck > me.lastAck) me.lastAck = a.relAck;
        them.unacked = them.unacked.filter((u) => u.end > a.relAck!);
        // SACK blocks are printed in the ack's numbering: shifted by the same offset to relative numbers.
        const sack = findOption(rec.options, 'sack');
        const shift = rec.ack !== null ? a.relAck - rec.ack : 0;
        me.sacked = sack && rec.ack !== null ? sack.blocks.map(([x, y]) => [x + shift, y + shift] as [number, number]) : [];
      }
      return points;
    },
  };
}
