// English wording of `tcplain summary`: column headers, severity names, the expert-info block, finding titles.

import type { FindingCode, Severity } from '../../model/findings';
import type { ConnectionSeverity } from '../../model/verdict';
import type { Lang } from '../catalog';

/** Summary table columns, in the order they are printed (docs/summary.md). */
export const SUMMARY_COLUMNS = [
  'id',
  'file',
  'ends',
  'start',
  'duration',
  'packets',
  'bytes',
  'rtt',
  'retrans',
  'lost',
  'dupAcks',
  'zeroWindow',
  'verdict',
  'severity',
  'connState',
  'history',
] as const;
export type SummaryColumn = (typeof SUMMARY_COLUMNS)[number];

/** The shape both summary catalogs satisfy, so a missing translation fails the type check. */
export interface SummaryCatalog {
  lang: Lang;
  columns: Record<SummaryColumn, string>;
  connSeverity: Record<ConnectionSeverity, string>;
  findingSeverity: Record<Severity, string>;
  /** A short title per finding code, for the expert-info block. */
  findingTitle: Record<FindingCode, string>;
  /** The code with its title: `tcp.dup_ack (duplicate ACK)`. */
  findingName: (code: FindingCode, title: string) => string;
  /** First line of the connection table: how many connections, how many at each severity (non-zero ones, worst first). */
  head: (c: { count: number; bySeverity: Array<[string, number]>; sort: string }) => string;
  sortName: Record<'start' | 'severity' | 'bytes' | 'duration', string>;
  noConnections: string;
  /** Connections were read but the selection (--where, --host, ...) left none. */
  noneSelected: (c: { read: number }) => string;
  expertHead: (c: { kinds: number; findings: number }) => string;
  expertColumns: { severity: string; count: string; finding: string; firstLines: string };
  noFindings: string;
  /** Columns left out to fit the terminal. */
  hidden: (c: { columns: string[]; width: number }) => string;
  /** Markdown headings. */
  mdConnections: string;
  mdFindings: string;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export const summaryEn: SummaryCatalog = {
  lang: 'en',
  columns: {
    id: 'id',
    file: 'file',
    ends: 'client → server',
    start: 'start',
    duration: 'dur s',
    packets: 'pkts →/←',
    bytes: 'bytes →/←',
    rtt: 'rtt ms',
    retrans: 'retx',
    lost: 'lost',
    dupAcks: 'dupack',
    zeroWindow: 'zwin s',
    verdict: 'verdict',
    severity: 'sev',
    connState: 'state',
    history: 'history',
  },
  connSeverity: { ok: 'ok', notice: 'notice', warn: 'warning', error: 'error' },
  findingSeverity: { info: 'info', note: 'note', warning: 'warning', error: 'error' },
  findingTitle: {
    'tcp.retransmission': 'retransmission',
    'tcp.fast_retransmission': 'fast retransmission',
    'tcp.upstream_retransmission': 'retransmission of a segment lost before this capture point',
    'tcp.nagle_hold': "data held back by Nagle's algorithm",
    'tcp.spurious_retransmission': 'spurious retransmission',
    'tcp.out_of_order': 'out-of-order segment',
    'tcp.previous_segment_not_captured': 'previous segment not captured',
    'tcp.acked_unseen_segment': 'ACK of a segment not captured',
    'tcp.dup_ack': 'duplicate ACK',
    'tcp.zero_window': 'zero window',
    'tcp.zero_window_probe': 'zero-window probe',
    'tcp.zero_window_probe_ack': 'ACK of a zero-window probe',
    'tcp.zero_window_stall': 'zero-window stall',
    'tcp.dsack': 'D-SACK: the receiver got data twice',
    'tcp.window_full': 'window full',
    'tcp.window_update': 'window update',
    'tcp.keep_alive': 'keep-alive',
    'tcp.keep_alive_ack': 'keep-alive ACK',
    'tcp.keep_alive_unanswered': 'keep-alive not answered',
    'tcp.syn_retransmission': 'SYN retransmission',
    'tcp.synack_retransmission': 'SYN-ACK retransmission',
    'tcp.rst': 'RST',
    'tcp.rst_contradicted': 'RST contradicted by a later segment',
    'tcp.challenge_ack': 'challenge ACK',
    'tcp.rst_not_taken': 'RST not taken by its receiver',
    'tcp.port_reuse': 'port reuse',
    'tcp.new_connection': 'new connection, same hosts, no ports',
    'tcp.checksum_incorrect': 'incorrect checksum',
    'tcp.handshake_rtt': 'handshake round trip',
    'tcp.options_negotiated': 'handshake options',
    'tcp.timestamps_missing': 'timestamps missing after negotiation',
    'tcp.option_not_offered': 'option not offered',
    'tcp.segments_below_mss': 'segments below the MSS',
  },
  findingName: (code, title) => `${code} (${title})`,
  head: (c) =>
    `${plural(c.count, 'connection')}${c.bySeverity.length > 0 ? ` (${c.bySeverity.map(([s, n]) => `${n} ${s}`).join(', ')})` : ''}, by ${c.sort}`,
  sortName: { start: 'start time', severity: 'severity', bytes: 'bytes', duration: 'duration' },
  noConnections: 'no TCP connection',
  noneSelected: (c) => `no connection matches the selection (${c.read} ${c.read === 1 ? 'connection' : 'connections'} read)`,
  expertHead: (c) => `Expert info: ${plural(c.findings, 'finding')} of ${plural(c.kinds, 'kind')}`,
  expertColumns: { severity: 'severity', count: 'count', finding: 'finding', firstLines: 'first lines (connection:line)' },
  noFindings: 'Expert info: no findings',
  hidden: (c) => `(not shown, to fit ${c.width} columns: ${c.columns.join(', ')}; --format csv has every column)`,
  mdConnections: 'Connections',
  mdFindings: 'Expert info',
};
