// The typed tree of a pcap-filter expression and its issues: what parseFilter returns (JSON-safe plain data).

/** Offsets into the filter text, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** Direction qualifiers (pcap-filter(7) `dir`); the 802.11 ones are kept by name. */
export type FilterDir = 'src' | 'dst' | 'src or dst' | 'src and dst' | 'addr1' | 'addr2' | 'addr3' | 'addr4' | 'ra' | 'ta';

/** Type qualifiers (pcap-filter(7) `type`). */
export type FilterType = 'host' | 'net' | 'port' | 'portrange' | 'proto' | 'protochain' | 'gateway';

export type FilterValue = Span &
  (
    | { kind: 'ipv4'; text: string; /** dotted parts written: 4 = a.b.c.d, 3 = a.b.c, 2 = a.b */ parts: number }
    | { kind: 'cidr'; text: string; addr: string; prefix: number; family: 4 | 6 }
    | { kind: 'netmask'; text: string; addr: string; mask: string }
    | { kind: 'ipv6'; text: string }
    | { kind: 'mac'; text: string }
    | { kind: 'arcnet'; text: string }
    | { kind: 'number'; text: string; value: number | null }
    /** A host/network/service/protocol name; `escaped` for `\tcp`; `range` when it reads as `N-M` (portrange). */
    | { kind: 'name'; text: string; escaped: boolean; range: [number, number] | null }
    /** A protocol keyword written where a name was needed (`ip proto tcp`): libpcap rejects it unescaped. */
    | { kind: 'keyword'; text: string }
  );

export type RelOp = '>' | '>=' | '==' | '<' | '<=' | '!=';
export type ArithOp = '+' | '-' | '*' | '/' | '%' | '&' | '|' | '^' | '<<' | '>>';

export type ArithNode = Span &
  (
    | { kind: 'num'; text: string; value: number | null }
    | { kind: 'len' }
    /** `proto[offset:size]`: `size` bytes (1, 2 or 4) at `offset` from the start of the `proto` header. */
    | { kind: 'load'; proto: string; offset: ArithNode; size: number }
    | { kind: 'binary'; op: ArithOp; left: ArithNode; right: ArithNode }
    | { kind: 'neg'; operand: ArithNode }
  );

export type FilterNode = Span &
  (
    | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
    | { kind: 'not'; operand: FilterNode }
    /**
     * `[proto] [dir] [type] value`. `type` null means libpcap's default (`host`); `inherited` is true when the
     * qualifiers were not written but repeated from the previous primitive (`host a or b`).
     */
    | { kind: 'primitive'; proto: string | null; dir: FilterDir | null; type: FilterType | null; value: FilterValue; inherited: boolean }
    /** A protocol name alone: `tcp`, `icmp`, `ip6`, `arp`. */
    | { kind: 'protocol'; proto: string }
    | { kind: 'relation'; op: RelOp; left: ArithNode; right: ArithNode }
    /** Keyword primitives: broadcast, multicast, less, greater, vlan, mpls, inbound, byte, llc, pf, 802.11, ATM, MTP. */
    | { kind: 'special'; name: string; proto: string | null; args: string[] }
  );

export type FilterIssueCode =
  // errors: libpcap would refuse the filter
  | 'lex'
  | 'syntax'
  | 'bad-number'
  | 'no-qualifier'
  | 'keyword-needs-escape'
  | 'port-on-address'
  | 'mask-on-host'
  | 'bad-prefix'
  | 'host-bits-set'
  | 'bad-port'
  | 'bad-load-size'
  | 'bad-combination'
  | 'bogus-mac'
  | 'bad-address'
  // tcplain's own limit (not a libpcap refusal): the filter nests or chains past what tcplain reads
  | 'too-complex'
  // notes: accepted, but worth knowing
  | 'net-dotted-quad'
  | 'name-lookup'
  | 'placeholder-address'
  | 'mixed-and-or'
  | 'ipv4-only-load';

export const FILTER_ERROR_CODES: ReadonlySet<FilterIssueCode> = new Set<FilterIssueCode>([
  'lex', 'syntax', 'bad-number', 'no-qualifier', 'keyword-needs-escape', 'port-on-address', 'mask-on-host', 'bad-prefix',
  'host-bits-set', 'bad-port', 'bad-load-size', 'bad-combination', 'bogus-mac', 'bad-address',
]);

export interface FilterIssue extends Span {
  code: FilterIssueCode;
  severity: 'error' | 'note';
  /** The text at the span (or `end of input`). */
  token: string;
  /** English, stable for JSON consumers; explanations come from the locale catalogs. */
  message: string;
  /** Code-specific values: the expected form, the suggested fix, the explicit reading. */
  detail?: string;
  /** `syntax`: the token just before the error, when there is one. */
  after?: string;
  /** `syntax`: parentheses still open where the error is. */
  openParens?: number;
}

export interface FilterParseResult {
  text: string;
  /** null for an empty filter (every packet) or when the text did not parse. */
  ast: FilterNode | null;
  errors: FilterIssue[];
  notes: FilterIssue[];
}
