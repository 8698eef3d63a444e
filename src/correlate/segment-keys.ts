// What identifies one segment across two captures: core flags, seq/ack (absolute when known), length, TS and IP ID.

import { ACK, FIN, RST, SYN, findOption, flagBitsFromBracket, flagBitsFromOldStyle, type FlowDir } from '../model';
import type { CaptureSegment } from './capture-view';
import type { SegmentRole } from './findings';

export const reverse = (d: FlowDir): FlowDir => (d === 'c2s' ? 's2c' : 'c2s');

/** Control bits of a record, or -1 when unknown (quiet style, malformed). */
export function flagBits(s: CaptureSegment): number {
  const r = s.rec;
  if (r.style === 'new') return flagBitsFromBracket(r.flags);
  if (r.style === 'old') return flagBitsFromOldStyle(r.flags, r.ack !== null, r.urg !== null);
  return -1;
}

/**
 * The bits a middlebox keeps: PSH, URG and the ECN bits (RFC 3168) may be changed or cleared on the path,
 * SYN/FIN/RST/ACK never are without breaking the connection.
 */
export function coreFlags(s: CaptureSegment): number {
  const b = flagBits(s);
  return b < 0 ? -1 : b & (SYN | FIN | RST | ACK);
}

/**
 * Sequence number on the wire when tcpdump printed one: the tracker's absolute value, else the printed one.
 * tcpdump prints no seq on a bare ACK (print-tcp.c prints it only with data, SYN, FIN or RST); the tracker then
 * infers it from what it saw, and a forged or lost segment on one side would make the two inferences differ.
 */
export const seqOf = (s: CaptureSegment): number | null => (s.rec.seq === null ? null : (s.a.absSeq ?? s.rec.seq));

/** Acknowledgment number on the wire when the ACK bit is set (RFC 9293 §3.1: otherwise the field is meaningless). */
export function ackOf(s: CaptureSegment): number | null {
  const b = flagBits(s);
  if (b >= 0 && (b & ACK) === 0) return null;
  return s.a.absAck ?? s.rec.ack;
}

export const lenOf = (s: CaptureSegment): number => s.rec.len ?? 0;

/** TS val/ecr: set by the sender's TCP and never rewritten by NAT, so equal values mean the same transmission. */
export function tsOf(s: CaptureSegment): { val: number; ecr: number } | null {
  const ts = findOption(s.rec.options, 'ts');
  return ts ? { val: ts.val, ecr: ts.ecr } : null;
}

export const ipIdOf = (s: CaptureSegment): number | null => (s.rec.ip?.version === 4 ? s.rec.ip.id : null);
export const ttlOf = (s: CaptureSegment): number | null => s.rec.ip?.ttl ?? s.rec.ip?.hlim ?? null;

export function roleOf(s: CaptureSegment): SegmentRole {
  const b = flagBits(s);
  if (b >= 0) {
    if (b & SYN) return b & ACK ? 'syn-ack' : 'syn';
    if (b & RST) return 'rst';
    if (b & FIN) return 'fin';
  }
  for (const f of s.a.findings) {
    if (f.code === 'tcp.keep_alive') return 'keep-alive';
    if (f.code === 'tcp.keep_alive_ack') return 'keep-alive-ack';
    if (f.code === 'tcp.zero_window_probe') return 'window-probe';
    if (f.code === 'tcp.retransmission' || f.code === 'tcp.fast_retransmission' || f.code === 'tcp.spurious_retransmission') {
      return 'retransmission';
    }
  }
  return lenOf(s) > 0 ? 'data' : 'ack';
}

/** The ISN of the bytes a segment carries, when the tracker saw that side's SYN. */
export const isnOf = (s: CaptureSegment): number | null => s.a.isnSender;
