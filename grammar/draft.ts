// The per-record scratch state the parser's embedded actions fill in, before it becomes a LineRecord.

import type { Checksum, Direction, IpHeader, LinkHeader, TcpOption } from '../src/model';
import type { IToken } from 'chevrotain';

export type BodyKind = 'new' | 'old' | 'quiet' | 'trunc' | 'bad-header' | 'other';

/** Reused for every record (reset() between records): the parser's actions write plain fields only. */
export class Draft {
  meta: IToken | null = null;
  num: number | null = null;
  time: string | null = null;
  iface: string | null = null;
  direction: Direction | null = null;
  link: LinkHeader | null = null;
  ip: IpHeader | null = null;
  netWord: string | null = null;
  /** First prose/protocol word before any address pair (`ARP,`, `STP`), for records without one. */
  firstWord: IToken | null = null;
  firstTokenOffset = -1;
  /**
   * The image of the last `SRC > DST:` token (the one the segment belongs to after encapsulations) and where the
   * pair starts in it (a PacketHead token carries the time and network word before it).
   */
  pair: string | null = null;
  pairFrom = 0;
  /** Offset in the batch text just after the pair's colon: where a non-TCP summary starts. */
  pairEnd = 0;
  /** Prefix items (words, link fields, ...) seen before the pair: a time after any of them is quoted prose. */
  prefixItems = 0;
  body: BodyKind | null = null;
  bodyFirst: IToken | null = null;
  flags = '';
  seq: number | null = null;
  end: number | null = null;
  ack: number | null = null;
  win: number | null = null;
  urg: number | null = null;
  len: number | null = null;
  options: TcpOption[] | null = null;
  cksum: Checksum | null = null;
  payload: string | null = null;
  truncated = false;
  warnings: string[] = [];
  stopped = false;

  reset(): void {
    this.meta = null;
    this.num = null;
    this.time = null;
    this.iface = null;
    this.direction = null;
    this.link = null;
    this.ip = null;
    this.netWord = null;
    this.firstWord = null;
    this.firstTokenOffset = -1;
    this.pair = null;
    this.prefixItems = 0;
    this.resetSegment();
  }

  /** Called for each address pair: an encapsulated segment replaces what the outer pair started. */
  resetSegment(): void {
    this.body = null;
    this.bodyFirst = null;
    this.flags = '';
    this.seq = null;
    this.end = null;
    this.ack = null;
    this.win = null;
    this.urg = null;
    this.len = null;
    this.options = null;
    this.cksum = null;
    this.payload = null;
    this.truncated = false;
    // Replaced only when used: records copy an empty list (index.ts), so the scratch one is never shared.
    if (this.warnings.length > 0) this.warnings = [];
    this.stopped = false;
  }

  linkHeader(type: string): LinkHeader {
    if (!this.link) {
      this.link = {
        type,
        srcMac: null,
        dstMac: null,
        srcOui: null,
        dstOui: null,
        ethertype: null,
        ethertypeCode: null,
        length: null,
        vlans: [],
        packetType: null,
        ifindex: null,
      };
    }
    return this.link;
  }
}
