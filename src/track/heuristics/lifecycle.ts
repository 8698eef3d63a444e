// Lifecycle heuristics: the phase a RST came in, and bad checksums.

import type { Finding, ResetPhase, Side } from '../../model/findings';
import type { TcpRecord } from '../../model/line-result';
import { FIN } from '../../model/tcp-flags';
import type { Connection } from '../connection';

/** A RST after this much silence (and 10× the handshake RTT) ends an idle connection: a timeout, not an error reply. */
export const IDLE_RESET_SECONDS = 2;
const IDLE_RTT_FACTOR = 10;

/**
 * RST PHASE
 * When in the connection's life a RST came (its class is decided in heuristics/reset.ts):
 * - after-close: a FIN was already seen from either side;
 * - idle: it came after more than 2 s and more than 10 handshake RTTs of silence;
 * - handshake: the handshake never completed and no data moved;
 * - before-data: established, no payload either way;
 * - after-request: the client sent data, the server none (the reply never came);
 * - after-next-request: the server had sent data, then acknowledged a further request it never answered (UNANSWERED
 *   REQUEST in heuristics/reset.ts); or the client's own RST after data it sent later than the server's last data
 *   (a further request whose reply had not come: not "in the middle of the transfer", review 9 N1);
 * - mid-transfer: the server had sent data too.
 * Byte counts include data only visible through the peer's ACK (seed 000: `[R.], seq 1, ack 558` = 557 request bytes).
 */
export function resetPhase(conn: Connection, idle: number, c2s: number, s2c: number, unanswered = false): ResetPhase {
  if (conn.c.finSeen || conn.s.finSeen) return 'after-close';
  const rtt = conn.hs.rtt;
  if (!Number.isNaN(idle) && idle > IDLE_RESET_SECONDS && (Number.isNaN(rtt) || idle > IDLE_RTT_FACTOR * rtt)) return 'idle';
  if (c2s === 0 && s2c === 0) {
    const established = conn.c.state === 'ESTABLISHED' && conn.s.state === 'ESTABLISHED';
    return established ? 'before-data' : 'handshake';
  }
  if (s2c === 0) return 'after-request';
  return unanswered ? 'after-next-request' : 'mid-transfer';
}

/**
 * CHECKSUM INCORRECT
 * tcpdump -v printed `(incorrect -> 0x....)`. Often checksum offload on the capturing host's own outgoing segments,
 * so a note, not an error.
 */
export function checksum(findings: Finding[], rec: TcpRecord): void {
  if (rec.cksum && !rec.cksum.correct) findings.push({ code: 'tcp.checksum_incorrect', expected: rec.cksum.expected });
}

/** The side whose FIN came first decides "client/server closed first"; used for close kinds. */
export function noteFin(conn: Connection, sender: Side, bits: number): void {
  if ((bits & FIN) !== 0 && conn.firstFin === null) conn.firstFin = sender;
}
