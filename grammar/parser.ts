// The tcpdump line grammar: a Chevrotain embedded-actions parser over many records per call (no CST on the hot path).

import { EmbeddedActionsParser, type IToken, type TokenType } from 'chevrotain';
import type { Direction, TcpOption } from '../src/model';
import { Draft } from './draft';
import { checksum, flagsAt, ipHeader, numAt, numEnd, oldBadChecksum, own, readNum, skipDigits } from './fields';
import {
  markLenMismatch,
  mssOption,
  numericOption,
  oldTimestampOption,
  sackOption,
  simpleOptionList,
  textOption,
  tsOption,
  utoOption,
  wscaleOption,
} from './options';
import * as T from './tokens';

/** Receives each record's draft once its Newline is consumed (records that break the grammar never reach it). */
export type DraftSink = (draft: Draft) => void;

const META_TOKENS = [T.CommandLine, T.Listening, T.Reading, T.Suppressed, T.Stats, T.WarningLine, T.TcpdumpMessage, T.Interrupt];
const NOT_IN_BODY = new Set<TokenType>([T.Newline, T.AddrPair, T.Blank, T.OptSep, ...T.categoryMembers]);
const ANY_BODY_TOKENS: TokenType[] = T.allTokens.filter((t) => !NOT_IN_BODY.has(t));

export class TcpdumpParser extends EmbeddedActionsParser {
  /** Scratch state of the record being parsed; read by the sink after each record's Newline. */
  readonly draft = new Draft();
  /** Called once per record that parsed completely. */
  sink: DraftSink = () => {};
  /**
   * OR alternatives, built once (during the recording phase) and reused: rebuilding ~40 closures per prefix
   * token made the garbage collector the hottest function (measured: 46k → see docs/grammar.md).
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly alt: Record<string, any> = {};
  /** OPTION/MANY bodies, also built once: they capture only `this` and the one Draft. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly f: Record<string, any> = {};

  /**
   * `skipValidations` skips Chevrotain's grammar checks (ambiguity, left recursion), about a third of the CLI's
   * startup; the production instance (index.ts) skips them, tests and the diagram scripts build one with them.
   */
  constructor(opts: { skipValidations?: boolean } = {}) {
    super(T.allTokens, { maxLookahead: 1, recoveryEnabled: false, skipValidations: opts.skipValidations === true });
    this.performSelfAnalysis();
  }

  /** Many records, each ended by a Newline (the batch text always ends with one). */
  batch = this.RULE('batch', () => {
    this.MANY(this.f.b1 ??= () => this.SUBRULE(this.record));
  });

  record = this.RULE('record', () => {
    if (!this.RECORDING_PHASE) this.draft.reset();
    // tcpdump's banners and statistics, and a pasted `tcpdump ...` command (each one token to the end of the
    // line), or a packet line, or prose. The parts are inlined: a rule invocation per part cost more than them.
    // packet() can match nothing, so Chevrotain picks the alternative by trying each in order (not by a token-type
    // map): the everyday head comes first, one token check per line instead of nine (META tokens never are an
    // AddrPair, so the order between them changes no choice).
    this.OR(this.alt.a1 ??= {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        // The everyday head (one PacketHead token) straight to its body; packet() is the general path.
        { ALT: () => this.SUBRULE2(this.addressed) },
        ...META_TOKENS.map((tt) => ({
          ALT: () => {
            const t = this.CONSUME(tt);
            if (!this.RECORDING_PHASE) this.draft.meta = t;
          },
        })),
        { ALT: () => this.packet() },
      ],
    });
    this.CONSUME(T.Newline);
    if (!this.RECORDING_PHASE) this.sink(this.draft);
  });

  /** `[-# N] [time] [IP|IP6] [iface dir] [link header] [(-v header)] SRC > DST: body` — or prose. */
  private packet(): void {
    const d = this.draft;
    // The usual prefix, outside the generic loop (an OPTION's lookahead is cheaper than MANY + OR per token).
    this.OPTION(this.f.b2 ??= () => {
      const t = this.CONSUME(T.PacketNum);
      if (!this.RECORDING_PHASE) {
        d.num = numAt(t.image, 0);
        this.first(t);
      }
    });
    this.OPTION2(this.f.b3 ??= () =>
      this.OR2(this.alt.time ??= [
        { ALT: () => this.time(this.CONSUME(T.TimeOfDay)) },
        { ALT: () => this.time(this.CONSUME(T.DateTime)) },
        { ALT: () => this.time(this.CONSUME(T.EpochTime)) },
      ]),
    );
    this.OPTION3(this.f.b4 ??= () => this.netWord(this.CONSUME(T.NetWord)));
    this.MANY(this.f.b5 ??= () => this.SUBRULE(this.prefixItem));
    this.OPTION4(this.f.b6 ??= () => this.SUBRULE(this.addressed));
  }

  /** `SRC > DST:` and what follows; the first token decides (print-tcp.c prints `Flags [` first, 3.x a flag word). */
  addressed = this.RULE('addressed', () => {
    const pair = this.CONSUME(T.AddrPair);
    if (!this.RECORDING_PHASE) {
      const d = this.draft;
      if (pair.tokenType === T.PacketHead) this.head(pair);
      else {
        d.pair = pair.image;
        d.pairFrom = 0;
      }
      d.pairEnd = pair.startOffset + pair.image.length;
      d.resetSegment();
    }
    this.body();
  });

  prefixItem = this.RULE('prefixItem', () => {
    const d = this.draft;
    if (!this.RECORDING_PHASE) d.prefixItems++;
    this.OR(this.alt.a3 ??= {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.CONSUME2(T.PacketNum) },
        // A time after other words is prose quoting one ("- 08:00:59.640622 时刻..."), not the packet's stamp.
        { ALT: () => this.CONSUME2(T.DateTime) },
        { ALT: () => this.CONSUME2(T.TimeOfDay) },
        { ALT: () => this.CONSUME2(T.EpochTime) },
        { ALT: () => this.CONSUME(T.InvalidTime) },
        { ALT: () => this.CONSUME(T.BigTcpNote) },
        {
          ALT: () => {
            const t = this.CONSUME(T.IfaceDir);
            if (!this.RECORDING_PHASE) {
              if (d.iface === null && d.pair === null) {
                const img = t.image;
                const sp = img.indexOf(' ');
                d.iface = own(img.slice(0, sp));
                d.direction = img.slice(img.lastIndexOf(' ') + 1) as Direction;
              }
              this.first(t);
            }
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.SllDir);
            if (!this.RECORDING_PHASE) {
              const link = d.linkHeader('sll');
              link.packetType = t.image;
              if (d.direction === null) d.direction = t.image as Direction;
            }
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.IpHeader);
            if (!this.RECORDING_PHASE) {
              if (d.ip === null) d.ip = ipHeader(t.image, d.netWord === 'IP6' ? 6 : 4);
            }
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.Mac);
            if (!this.RECORDING_PHASE) {
              const link = d.linkHeader('ether');
              if (link.srcMac === null) link.srcMac = own(t.image);
              else if (link.dstMac === null) link.dstMac = own(t.image);
            }
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.Oui);
            if (!this.RECORDING_PHASE) {
              const link = d.linkHeader('ether');
              const vendor = own(t.image.slice(5, -1));
              if (link.dstMac !== null) link.dstOui = vendor;
              else link.srcOui = vendor;
            }
          },
        },
        { ALT: () => this.CONSUME(T.Gt) },
        {
          ALT: () => {
            const t = this.CONSUME(T.Ethertype);
            if (!this.RECORDING_PHASE) {
              const link = d.linkHeader('ether');
              const img = t.image;
              const paren = img.indexOf(' (0x');
              const name = own(img.slice(10, paren < 0 ? img.length : paren));
              const vlan = link.vlans[link.vlans.length - 1];
              if (vlan && vlan.ethertype === null) vlan.ethertype = name;
              else if (link.ethertype === null) {
                link.ethertype = name;
                link.ethertypeCode = paren < 0 ? null : parseInt(img.slice(paren + 4, -1), 16);
              }
            }
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.LinkLength);
            if (!this.RECORDING_PHASE) {
              const link = d.linkHeader('other');
              if (link.length === null) link.length = numAt(t.image, 7);
              // `-q -e` prints `IPv4, length 74:` (print-ether.c): the word before is the ethertype name.
              if (link.ethertype === null && d.firstWord !== null && link.type !== 'other') link.ethertype = own(d.firstWord.image);
            }
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.Vlan);
            if (!this.RECORDING_PHASE) {
              const img = t.image;
              const id = numAt(img, 5);
              const p = img.indexOf(', p ');
              d.linkHeader('ether').vlans.push({ id, priority: numAt(img, p + 4), dei: img.endsWith('DEI'), ethertype: null });
            }
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.Ifindex);
            if (!this.RECORDING_PHASE) {
              const link = d.linkHeader('sll2');
              link.type = 'sll2';
              link.ifindex = numAt(t.image, 8);
            }
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.LoopbackAf);
            if (!this.RECORDING_PHASE) {
              const link = d.linkHeader('null');
              link.type = 'null';
              link.ethertype = own(t.image.slice(3, t.image.indexOf(' (')));
            }
          },
        },
        { ALT: () => this.netWord(this.CONSUME(T.NetWord)) },
        {
          ALT: () => {
            const t = this.CONSUME(T.Word);
            if (!this.RECORDING_PHASE) {
              if (d.firstWord === null) d.firstWord = t;
              this.first(t);
            }
          },
        },
        // Banner words can sit inside prose ("使用命令 sudo tcpdump host ..."): prose, not meta, there.
        ...META_TOKENS.map((tt) => ({
          ALT: () => {
            const t = this.CONSUME(tt);
            if (!this.RECORDING_PHASE) {
              if (d.firstWord === null) d.firstWord = t;
              this.first(t);
            }
          },
        })),
      ],
    });
  });

  private body(): void {
    this.OR(this.alt.a4 ??= {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.segmentLine(this.CONSUME(T.SegmentLine)) },
        { ALT: () => this.segment() },
        { ALT: () => this.SUBRULE(this.oldSegment) },
        {
          ALT: () => {
            const t = this.CONSUME(T.Quiet);
            if (!this.RECORDING_PHASE) {
              const d = this.draft;
              d.body = 'quiet';
              d.len = numAt(t.image, 4);
            }
            this.OPTION(this.f.b7 ??= () => this.truncation(this.CONSUME(T.Truncation)));
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME2(T.Truncation);
            if (!this.RECORDING_PHASE) {
              this.draft.body = 'trunc';
              this.truncation(t);
            }
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.BadHeader);
            if (!this.RECORDING_PHASE) {
              this.draft.body = 'bad-header';
              this.draft.bodyFirst = t;
            }
          },
        },
        { ALT: () => this.SUBRULE(this.otherBody) },
      ],
    });
  }

  /** Non-TCP payload text, possibly followed by an encapsulated packet's own `SRC > DST:` (GRE, VXLAN, Geneve). */
  otherBody = this.RULE('otherBody', () => {
    if (!this.RECORDING_PHASE) {
      this.draft.body = 'other';
    }
    this.MANY(this.f.b8 ??= () => {
      const t: IToken = this.OR(this.alt.a5 ??= ANY_BODY_TOKENS.map((tt) => ({ ALT: () => this.CONSUME(tt) })));
      if (!this.RECORDING_PHASE) {
        if (this.draft.bodyFirst === null) this.draft.bodyFirst = t;
      }
    });
    this.OPTION(this.f.b9 ??= () => this.SUBRULE(this.addressed));
  });

  /** 4.x: `Flags [..][, cksum ..][, seq A[:B]][, ack N], win N[, urg N][, options [..]], length N[tail]`. */
  /**
   * Inlined into `addressed` rather than a rule of its own: one rule invocation fewer on nearly every line
   * (measured: see the commit). Its DSL indices are chosen not to clash with body()'s other alternatives.
   */
  private segment(): void {
    const d = this.draft;
    const flags = this.CONSUME(T.TcpFlags);
    if (!this.RECORDING_PHASE) {
      d.body = 'new';
      d.bodyFirst = flags;
      const img = flags.image;
      const open = img.indexOf('[');
      const close = img.indexOf(']', open);
      d.flags = flagsAt(img, open + 1, close);
      if (close < img.length - 1) this.segFieldsAt(img, close + 1);
    }
    // The fields come inside the TcpFlags token on nearly every line; one lookahead check skips them all.
    this.OPTION5(this.f.loose ??= () => this.SUBRULE(this.looseFields));
    this.OPTION7(this.f.b17 ??= () =>
      this.OR4(this.alt.opts ??= [
        { ALT: () => this.simpleOptionsLength(this.CONSUME(T.SimpleOptionsLength)) },
        { ALT: () => this.simpleOptions(this.CONSUME(T.SimpleOptions)) },
        {
          ALT: () => {
            this.CONSUME(T.OptionsOpen);
            this.SUBRULE(this.optionList);
          },
        },
      ]),
    );
    this.OPTION8(this.f.b18 ??= () =>
      this.OR3(this.alt.a8 ??= [
        {
          ALT: () => {
            const t = this.CONSUME(T.Length);
            if (!this.RECORDING_PHASE) this.lengthTail(t.image, t.image.indexOf('length ') + 7);
          },
        },
        { ALT: () => this.truncation(this.CONSUME3(T.Truncation)) },
      ]),
    );
  }

  /**
   * The fields after `Flags [..]` as separate tokens, for lines the TcpFlags token could not take whole (a data
   * offset note in between, a 4.99.6 field note, an unusual order): each optional, in print-tcp.c's order.
   */
  looseFields = this.RULE('looseFields', () => {
    const d = this.draft;
    this.OPTION(this.f.b10 ??= () => {
      const t = this.CONSUME(T.HeaderTooLong);
      if (!this.RECORDING_PHASE) {
        d.warnings.push(own(t.image));
        d.stopped = true;
      }
    });
    this.OPTION9(this.f.b11 ??= () => this.segFields(this.CONSUME(T.SegFields)));
    this.OPTION2(this.f.b12 ??= () => this.cksum(this.CONSUME(T.Cksum)));
    this.OPTION3(this.f.b13 ??= () => {
      const t = this.CONSUME(T.Seq);
      if (!this.RECORDING_PHASE) {
        const img = t.image;
        d.seq = numAt(img, 4);
        const colon = skipDigits(img, 4);
        if (colon < img.length) d.end = numAt(img, colon + 1);
      }
    });
    this.OPTION4(this.f.b14 ??= () =>
      this.OR(this.alt.a6 ??= [
        { ALT: () => this.ack(this.CONSUME(T.Ack)) },
        { ALT: () => this.note(this.CONSUME(T.FieldNote)) },
      ]),
    );
    this.OPTION5(this.f.b15 ??= () => this.win(this.CONSUME(T.Win)));
    this.OPTION6(this.f.b16 ??= () =>
      this.OR2(this.alt.a7 ??= [
        { ALT: () => this.urg(this.CONSUME(T.Urg)) },
        { ALT: () => this.note(this.CONSUME2(T.FieldNote)) },
      ]),
    );
  });

  /** 3.x: `S 1:1(0) win 5840 <mss 1460,...>`, `. ack 1 win 115`, `P 1:217(216) ack 1 win 115`, `[tcp sum ok]`. */
  oldSegment = this.RULE('oldSegment', () => {
    const d = this.draft;
    const flags = this.CONSUME(T.OldFlags);
    if (!this.RECORDING_PHASE) {
      d.body = 'old';
      d.bodyFirst = flags;
      d.flags = flags.image;
    }
    this.OPTION(this.f.b19 ??= () =>
      this.OR(this.alt.a9 ??= [
        { ALT: () => this.cksum(this.CONSUME(T.Cksum)) },
        {
          ALT: () => {
            this.CONSUME(T.OldSumOk);
            if (!this.RECORDING_PHASE) {
              d.cksum = { value: NaN, correct: true, expected: null };
            }
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.OldBadSum);
            if (!this.RECORDING_PHASE) {
              d.cksum = oldBadChecksum(t.image);
              // ≤ 3.8 wording, kept verbatim: it is how tcpdump said it (and how formatSegment prints it back).
              d.warnings.push(own(t.image));
            }
          },
        },
      ]),
    );
    this.OPTION2(this.f.b20 ??= () => {
      const t = this.CONSUME(T.OldRange);
      if (!this.RECORDING_PHASE) {
        const img = t.image;
        d.seq = numAt(img, 0);
        const colon = skipDigits(img, 0);
        d.end = numAt(img, colon + 1);
        d.len = numAt(img, img.indexOf('(') + 1);
      }
    });
    this.OPTION3(this.f.b21 ??= () => this.ack(this.CONSUME(T.Ack)));
    this.OPTION4(this.f.b22 ??= () => this.win(this.CONSUME(T.Win)));
    this.OPTION5(this.f.b23 ??= () => this.urg(this.CONSUME(T.Urg)));
    this.OPTION6(this.f.b24 ??= () => {
      this.CONSUME(T.OldOptionsOpen);
      this.SUBRULE(this.optionList);
    });
    this.OPTION7(this.f.b25 ??= () =>
      this.OR2(this.alt.a10 ??= [
        {
          ALT: () => {
            const t = this.CONSUME(T.OldTail);
            if (!this.RECORDING_PHASE) {
              d.payload = own(t.image);
            }
          },
        },
        { ALT: () => this.truncation(this.CONSUME(T.Truncation)) },
      ]),
    );
  });

  /** Items up to `]` / `>`, or tcpdump's `[bad opt]` / `[|tcp]` stop (print-tcp.c `tcp_print` option loop). */
  optionList = this.RULE('optionList', () => {
    const d = this.draft;
    if (!this.RECORDING_PHASE) {
      d.options = [];
    }
    this.MANY(this.f.b26 ??= () => {
      this.OR2(this.alt.items ??= this.optionItems());
      this.OPTION(this.f.b27 ??= () => {
        const t = this.CONSUME(T.OptLenMismatch);
        if (!this.RECORDING_PHASE) markLenMismatch(d.options!, t.image);
      });
    });
    this.OR(this.alt.a11 ??= [
      { ALT: () => this.CONSUME(T.OptClose) },
      { ALT: () => this.CONSUME(T.OldOptClose) },
      {
        ALT: () => {
          const t = this.CONSUME(T.OptCloseLength);
          if (!this.RECORDING_PHASE) this.lengthTail(t.image, 10);
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(T.OptBad);
          if (!this.RECORDING_PHASE) {
            d.options!.push({ kind: 'bad-opt' });
            if (t.image.length > 9) d.warnings.push('[bad opt]]');
            else d.warnings.push('[bad opt]');
            d.truncated = true;
            d.stopped = true;
          }
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(T.OptTruncation);
          if (!this.RECORDING_PHASE) {
            d.options!.push({ kind: 'truncated', text: own(t.image) });
            d.truncated = true;
            d.stopped = true;
          }
        },
      },
    ]);
  });

  /** One option item per alternative (inlined in optionList's loop: a SUBRULE per item cost more than the item). */
  private optionItems() {
    return [
      { ALT: () => this.pushOption(this.CONSUME(T.OptMss), mssOption) },
      { ALT: () => this.pushOption(this.CONSUME(T.OptWscale), wscaleOption) },
      { ALT: () => this.pushOption(this.CONSUME(T.OptSackOk), () => ({ kind: 'sackOK' })) },
      { ALT: () => this.pushOption(this.CONSUME(T.OptTs), tsOption) },
      { ALT: () => this.pushOption(this.CONSUME(T.OptTimestamp), oldTimestampOption) },
      { ALT: () => this.pushOption(this.CONSUME(T.OptSack), sackOption) },
      { ALT: () => this.pushOption(this.CONSUME(T.OptNop), () => ({ kind: 'nop' })) },
      { ALT: () => this.pushOption(this.CONSUME(T.OptEol), () => ({ kind: 'eol' })) },
      { ALT: () => this.pushOption(this.CONSUME(T.OptNumeric), numericOption) },
      { ALT: () => this.pushOption(this.CONSUME(T.OptUto), utoOption) },
      { ALT: () => this.pushOption(this.CONSUME(T.OptMd5Message), textOption) },
      { ALT: () => this.pushOption(this.CONSUME(T.OptItem), textOption) },
    ];
  }

  // ---- action helpers (run only outside the recording phase) ----
  private pushOption(t: IToken, make: (image: string) => TcpOption): void {
    if (!this.RECORDING_PHASE) {
      this.draft.options!.push(make(t.image));
    }
  }
  private first(t: IToken): void {
    if (this.draft.firstTokenOffset < 0) this.draft.firstTokenOffset = t.startOffset;
  }
  private time(t: IToken): void {
    if (!this.RECORDING_PHASE) {
      const img = t.image;
      if (this.draft.time === null && this.draft.pair === null) this.draft.time = own(img.endsWith(' ') || img.endsWith('\t') ? img.slice(0, -1) : img);
      this.first(t);
    }
  }
  /** `TIME IP6? SRC > DST:`: the time counts as the packet's only when nothing but a `-#` number came before it. */
  private head(t: IToken): void {
    const d = this.draft;
    const img = t.image;
    const sp = img.indexOf(' ');
    // Not copied (own): the time lives only in the record, which already holds its input chunk through `raw`;
    // later stages keep numbers, not this text. Three allocations fewer per line.
    if (d.time === null && d.pair === null && d.prefixItems === 0) d.time = img.slice(0, sp);
    const v6 = img.charCodeAt(sp + 3) === 54; /* '6' */
    if (d.netWord === null) d.netWord = v6 ? 'IP6' : 'IP';
    d.pair = img;
    d.pairFrom = sp + (v6 ? 5 : 4);
    this.first(t);
  }
  private netWord(t: IToken): void {
    if (!this.RECORDING_PHASE) {
      const d = this.draft;
      const word = t.image.slice(0, -1);
      if (d.netWord === null) d.netWord = word === 'ip:' ? 'IP' : word;
      if (word === 'ip:') d.linkHeader('raw').type = 'raw';
      this.first(t);
    }
  }
  private segFields(t: IToken): void {
    if (!this.RECORDING_PHASE) this.segFieldsAt(t.image, 0);
  }
  /** A SegmentLine token: flags, fields, an everyday options list or none, `length N` and the tail. */
  private segmentLine(t: IToken): void {
    if (this.RECORDING_PHASE) return;
    const d = this.draft;
    const img = t.image;
    d.body = 'new';
    d.bodyFirst = t;
    const open = img.indexOf('[');
    const close = img.indexOf(']', open);
    d.flags = flagsAt(img, open + 1, close);
    let i = this.segFieldsAt(img, close + 1);
    // `, options [` (11 characters); the everyday items contain no `]`.
    if (img.charCodeAt(i + 2) === 111 /* o */) {
      const end = img.indexOf(']', i + 11);
      d.options = simpleOptionList(img, i + 11, end);
      i = end + 1;
    }
    this.lengthTail(img, i + 9);
  }
  /** `mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7` between `, options [` and `]`: items split at commas. */
  private simpleOptions(t: IToken): void {
    if (!this.RECORDING_PHASE) this.draft.options = simpleOptionList(t.image, 11, t.image.length - 1);
  }
  /** The same list, then `, length N<tail>` (simple options never contain `]`, so the first one ends the list). */
  private simpleOptionsLength(t: IToken): void {
    if (!this.RECORDING_PHASE) {
      const img = t.image;
      const close = img.indexOf(']', 11);
      this.draft.options = simpleOptionList(img, 11, close);
      this.lengthTail(img, close + 10);
    }
  }
  /**
   * The fixed fields (`, cksum 0x.. (correct), seq A:B, ack N, win N, urg N`, each but win optional, or a field
   * note) from `from`, in one scan; stops at the end or before `, options` / `, length` (a SegmentLine token goes
   * on) and returns where it stopped.
   */
  private segFieldsAt(img: string, from: number): number {
    const d = this.draft;
    let i = from;
    while (i < img.length) {
      // Each field starts after ", ".
      const c = img.charCodeAt(i + 2);
      if (c === 111 /* options */ || c === 108 /* length */) return i;
      i += 2;
      if (c === 99 /* c */) {
        const end = img.indexOf(')', i) + 1;
        d.cksum = checksum(img.slice(i, end));
        i = end;
      } else if (c === 115 /* s */) {
        d.seq = readNum(img, i + 4);
        i = numEnd;
        if (img.charCodeAt(i) === 58) {
          d.end = readNum(img, i + 1);
          i = numEnd;
        }
      } else if (c === 97 /* a */) {
        d.ack = readNum(img, i + 4);
        i = numEnd;
      } else if (c === 119 /* w */) {
        d.win = readNum(img, i + 4);
        i = numEnd;
      } else if (c === 117 /* u */) {
        d.urg = readNum(img, i + 4);
        i = numEnd;
      } else {
        const end = img.indexOf(']', i) + 1;
        d.warnings.push(own(img.slice(i, end)));
        i = end;
      }
    }
    return i;
  }
  private lengthTail(img: string, at: number): void {
    const d = this.draft;
    d.len = readNum(img, at);
    const tailAt = numEnd;
    if (tailAt < img.length) {
      d.payload = own(img.slice(tailAt));
      if (img.includes('[|', tailAt)) d.truncated = true;
    }
  }
  private cksum(t: IToken): void {
    if (!this.RECORDING_PHASE) {
      this.draft.cksum = checksum(t.image);
    }
  }
  private ack(t: IToken): void {
    if (!this.RECORDING_PHASE) {
      this.draft.ack = numAt(t.image, 4);
    }
  }
  private win(t: IToken): void {
    if (!this.RECORDING_PHASE) {
      this.draft.win = numAt(t.image, 4);
    }
  }
  private urg(t: IToken): void {
    if (!this.RECORDING_PHASE) {
      this.draft.urg = numAt(t.image, 4);
    }
  }
  private note(t: IToken): void {
    if (!this.RECORDING_PHASE) {
      this.draft.warnings.push(own(t.image));
    }
  }
  private truncation(t: IToken): void {
    if (!this.RECORDING_PHASE) {
      const d = this.draft;
      d.truncated = true;
      d.payload = own(t.image);
    }
  }
}
