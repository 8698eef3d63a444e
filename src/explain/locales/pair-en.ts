// English wording of `tcplain pair`: cross-capture findings, pair verdicts, evidence and the merged timeline's labels.

import type { FlowDir, Side } from '../../model';
import type {
  ConnectionPair,
  CorrFinding,
  CorrFindingCode,
  EntryStatus,
  InjectionEvidence,
  MatchEvidence,
  NatMapping,
  PairLimit,
  Uneven,
  UnpairedDiagnosis,
  PairVerdict,
  PairVerdictCode,
  RewriteField,
  RunPosition,
  SegmentRole,
} from '../../correlate';
import type { ClockKind } from '../../correlate/capture-clock';
import type { Lang } from '../catalog';
import { trimNumber } from '../numbers';

/** The shape both pair catalogs satisfy, so a missing translation fails the type check. */
export interface PairCatalog {
  lang: Lang;
  /** A one-way delay or offset in this language's units (µs/ms/s; 微秒/毫秒/秒). */
  seconds: (s: number) => string;
  /** Joins short lists (`ISN, TS val/ecr`). */
  listSep: string;
  /** A parenthetical in this language's punctuation. */
  paren: (s: string) => string;
  side: Record<Side, string>;
  /** `client → server` */
  dir: Record<FlowDir, string>;
  seenBy: Record<'both' | 'client-only' | 'server-only', string>;
  /** "Seen by" of an `unordered` row: the capture it is from, without claiming the other lacks it. */
  seenIn: Record<Side, string>;
  status: Record<EntryStatus, string>;
  evidenceKind: Record<MatchEvidence['kind'], string>;
  natKind: Record<NatMapping['kind'], string>;
  field: Record<RewriteField, string>;
  /** A role with its count: `keep-alive reply`, `3 keep-alive replies`. */
  role: Record<SegmentRole, (n: number) => string>;
  findings: { [C in CorrFindingCode]: (f: Extract<CorrFinding, { code: C }>) => string };
  /** What the renderings cannot support (src/correlate/limits.ts). */
  limits: { [C in PairLimit['code']]: (l: Extract<PairLimit, { code: C }>) => string };
  /** Sentences for each piece of evidence that a segment was forged. */
  evidence: (e: InjectionEvidence) => string[];
  verdicts: { [C in PairVerdictCode]: (v: PairVerdict, p: ConnectionPair) => { headline: string; where: string } };
  text: {
    pair: (client: string, server: string, confidence: string) => string;
    matchedOn: (kinds: string) => string;
    nat: string;
    /** `offset` null: the renderings define no offset (limits say why), only the path delay. */
    clock: (offset: number | null, delay: number, rtt: number, fromCapture: boolean) => string;
    limits: string;
    noClock: string;
    rewrites: string;
    /** `flow`: which end sent the field (its capture has the value as sent, the other's as it arrived). */
    rewrite: (field: string, dir: string, client: number, server: number, flow: FlowDir) => string;
    findings: string;
    /** Label that the headline follows directly (with its own spacing). */
    verdict: string;
    timeline: string;
    columns: { time: string; seen: string; dir: string; segment: string; delay: string; lines: string };
    lineRefs: (client: number | null, server: number | null) => string;
    /** Under the timeline: how many more segments of one length one capture holds (ORDER ONLY, `unordered` rows). */
    uneven: (u: Uneven) => string;
    unpaired: (side: Side, conn: string, client: string, server: string, lines: string) => string;
    /** Why an unpaired connection has no twin, and what to check next; `time` prints a capture time as that capture does. */
    diagnosis: (d: UnpairedDiagnosis, time: (t: number, kind: ClockKind) => string) => string;
    closest: (conn: string, confidence: string) => string;
    /** The search for a twin was cut short (too many alike connections): said instead of exploding. */
    gaveUp: (alike: number, compared: number) => string;
    totals: (pairs: number, unpairedClient: number, unpairedServer: number) => string;
    offsetAll: (offset: number | null, rtt: number) => string;
  };
  /** `--format markdown`: headings of the issue-tracker report and the sequence diagram's lane names. */
  markdown: {
    title: (client: string, server: string) => string;
    connection: (client: string, server: string) => string;
    sequence: string;
    unpaired: string;
    /** The lane between the two capture points, where segments are lost or forged. */
    path: string;
    /** The SVG legend's entry for an arrow that ends or starts at the path. */
    oneSide: string;
  };
}

/**
 * Seconds in a unit fit for one-way delays and clock offsets, down to µs: captures on one LAN differ by
 * microseconds, which `splitSeconds` would print as "0 ms".
 */
export function pairDuration(s: number): { value: string; unit: 'µs' | 'ms' | 's' } {
  const a = Math.abs(s);
  if (a < 0.001) return { value: trimNumber(s * 1e6, 1), unit: 'µs' };
  if (a < 1) return { value: trimNumber(s * 1000, a < 0.01 ? 3 : 1), unit: 'ms' };
  return { value: trimNumber(s, 3), unit: 's' };
}

const seconds = (s: number): string => {
  const { value, unit } = pairDuration(s);
  return `${value} ${unit}`;
};

/**
 * An offset of many hours is mostly a time-zone difference (tcpdump prints local time): split off the nearest
 * whole quarter hour (zones are 15-minute multiples) so the real clock error shows, e.g. 8 h and −3.217 s.
 */
export function splitZone(offset: number): { zone: number; rest: number } {
  if (Math.abs(offset) < 1800) return { zone: 0, rest: offset };
  const zone = Math.round(offset / 900) * 900;
  return { zone, rest: offset - zone };
}

const zoneText = (zone: number): string => {
  const m = Math.abs(zone) / 60;
  return m % 60 === 0 ? `${m / 60} h` : `${Math.floor(m / 60)} h ${m % 60} min`;
};
/** `keep-alive reply` for one, `3 keep-alive replies` for more: the bare noun reads better after "the last". */
const plural = (n: number, one: string, many = `${one}s`): string => (n === 1 ? one : `${n} ${many}`);
const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const side: Record<Side, string> = { client: 'client', server: 'server' };
/** Sender and receiver of a direction. */
const from = (d: FlowDir): Side => (d === 'c2s' ? 'client' : 'server');
const to = (d: FlowDir): Side => (d === 'c2s' ? 'server' : 'client');
const reverse = (d: FlowDir): FlowDir => (d === 'c2s' ? 's2c' : 'c2s');

const role: PairCatalog['role'] = {
  syn: (n) => plural(n, 'SYN'),
  'syn-ack': (n) => plural(n, 'SYN-ACK'),
  data: (n) => plural(n, 'data segment'),
  retransmission: (n) => plural(n, 'retransmission'),
  ack: (n) => plural(n, 'ACK'),
  fin: (n) => plural(n, 'FIN'),
  rst: (n) => plural(n, 'RST'),
  'keep-alive': (n) => plural(n, 'keep-alive probe'),
  'keep-alive-ack': (n) => plural(n, 'keep-alive reply', 'keep-alive replies'),
  'window-probe': (n) => plural(n, 'zero-window probe'),
  segment: (n) => plural(n, 'segment'),
};

const runStart = (p: RunPosition, n: number, r: SegmentRole): string => {
  const what = role[r](n);
  if (p === 'end') return `The last ${what}`;
  if (p === 'start') return `The first ${what}`;
  return n === 1 ? `A ${what}` : what.charAt(0).toUpperCase() + what.slice(1);
};

const lines = (ls: readonly number[]): string =>
  ls.length === 1 ? `line ${ls[0]}` : ls.length <= 6 ? `lines ${ls.join(', ')}` : `lines ${ls.slice(0, 5).join(', ')}, … ${ls[ls.length - 1]}`;

const optionName = { mss: 'MSS', wscale: 'window-scale', sackOK: 'SACK-permitted', ts: 'timestamp', sack: 'SACK' } as const;

function evidence(e: InjectionEvidence): string[] {
  const out: string[] = [];
  if (e.ttl) {
    out.push(`its TTL was ${e.ttl.seen} (${count(e.ttl.seenHops, 'hop')} from its sender) while the peer's real packets arrived with TTL ${e.ttl.peer} (${count(e.ttl.peerHops, 'hop')}): it came from another place`);
  }
  if (e.ipId?.outOfSequence) out.push(`its IP ID ${e.ipId.seen} is far from the peer's IP IDs (${e.ipId.peerNearest} nearby): another IP stack made it`);
  if (e.tsMissing) out.push(`it carries no TCP timestamp while all the peer's real segments do (RFC 7323 §3.2 requires it on every non-RST segment)`);
  if (e.fasterThanRtt) {
    out.push(`it arrived ${seconds(e.fasterThanRtt.seconds)} after the receiver's own segment, faster than the ${seconds(e.fasterThanRtt.rtt)} round trip: the peer could not have answered that fast`);
  }
  return out;
}

/** IP ID 0 / no TSopt on a RST: fits a REJECT, but a kernel's own no-connection RST has them too. */
function weakRst(w: NonNullable<InjectionEvidence['weakRst']>, receiver: string): string {
  const what = w.ipIdZero && w.tsMissing ? 'Its IP ID 0 and missing timestamp option' : w.ipIdZero ? 'Its IP ID 0' : 'Its missing timestamp option';
  const has = w.ipIdZero && w.tsMissing ? 'has both' : 'has it too';
  const like = w.ownLike !== null ? ` (like the ${receiver}'s own RST on line ${w.ownLike})` : '';
  const rfc = w.tsMissing ? '; RFC 7323 §3.2 does not require TSopt on a RST' : '';
  return ` ${what} fit a netfilter REJECT but prove nothing alone: a kernel's own no-connection RST ${has}${like}${rfc}.`;
}

const because = (e: InjectionEvidence, missingFrom: string, receiver: string): string => {
  const ev = [`it is not in the ${missingFrom} capture`, ...evidence(e)];
  return ` Evidence: ${ev.join('; ')}.${e.weakRst ? weakRst(e.weakRst, receiver) : ''}`;
};

/** The lost runs of one direction, for a verdict that sums them up. */
export const lostRuns = (p: ConnectionPair, dir: FlowDir | null): Array<Extract<CorrFinding, { code: 'corr.lost_in_path' }>> =>
  p.findings.filter((f): f is Extract<CorrFinding, { code: 'corr.lost_in_path' }> => f.code === 'corr.lost_in_path' && f.dir === dir);

/** Segments one capture sent while the other was not surely running (corr.not_captured): the verdict cannot clear them. */
const notCaptured = (p: ConnectionPair): number => p.findings.reduce((n, f) => n + (f.code === 'corr.not_captured' ? f.count : 0), 0);

const FIREWALL = 'look at the firewall/IPS or other middlebox between the two capture points';

const findings: PairCatalog['findings'] = {
  'corr.nat': (f) =>
    f.kind === 'name'
      ? `The ${side[f.side]} ${f.original} appears in the server capture as ${f.translated}: a host name is not an address, so whether this end is translated too (a private address behind a cloud's 1:1 NAT) cannot be told; tcpdump -n shows it.`
      : `NAT: the ${side[f.side]} ${f.original} appears in the server capture as ${f.translated}.`,
  'corr.lost_in_path': (f) =>
    `${runStart(f.position, f.count, f.role)} sent by the ${from(f.dir)} never reached the ${to(f.dir)} (${lines(f.lines)} of the ${from(f.dir)} capture).`,
  'corr.rst_not_sent_by_peer': (f) =>
    `The RST the ${to(f.dir)} received (line ${f.line}) was never sent by the ${from(f.dir)}: it was forged on the path.${because(f.evidence, from(f.dir), to(f.dir))}`,
  'corr.injected': (f) =>
    `The ${to(f.dir)} received a ${role[f.role](1)} (line ${f.line}) the ${from(f.dir)} never sent: something on the path made it.${because(f.evidence, from(f.dir), to(f.dir))}`,
  'corr.duplicated_in_path': (f) => `The ${to(f.dir)} received line ${f.line} twice though the ${from(f.dir)} sent it once: the path duplicated it.`,
  'corr.mss_rewritten': (f) => `MSS rewritten on the way ${f.dir === 'c2s' ? 'to the server' : 'to the client'}: ${f.from} → ${f.to}${f.to < f.from ? ' (MSS clamping)' : ''}.`,
  'corr.wscale_rewritten': (f) => `Window scale rewritten on the way ${f.dir === 'c2s' ? 'to the server' : 'to the client'}: ${f.from} → ${f.to}; both ends now scale windows differently.`,
  'corr.window_rewritten': (f) => `Window field rewritten ${f.dir === 'c2s' ? 'toward the server' : 'toward the client'} on ${count(f.count, 'segment')}: ${f.from} → ${f.to} first.`,
  'corr.option_stripped': (f) => `The ${optionName[f.option]} option the ${from(f.dir)} sent was removed on the path (${count(f.count, 'segment')}).`,
  'corr.ttl_decrement': (f) => `${count(f.hops, 'router')} between the two captures ${f.dir === 'c2s' ? 'toward the server' : 'toward the client'} (TTL went down by ${f.hops}).`,
  'corr.seq_rewritten': (f) =>
    `Sequence numbers ${f.dir === 'c2s' ? 'from the client' : 'from the server'} are shifted by ${f.offset} on the path (sequence-number randomisation).`,
  'corr.not_captured': (f) => `${count(f.count, 'segment')} ${f.dir === 'c2s' ? 'toward the server' : 'toward the client'} fell outside the ${f.side} capture's time span or too near its start or end to be sure it was running when they passed: not judged (neither lost nor forged).`,
};

export const pairEn = {
  lang: 'en',
  seconds,
  listSep: ', ',
  paren: (s: string) => `(${s})`,
  side,
  dir: { c2s: 'client → server', s2c: 'server → client' },
  seenBy: { both: 'both', 'client-only': 'client only', 'server-only': 'server only' },
  seenIn: { client: 'client', server: 'server' },
  status: {
    matched: 'received',
    lost: 'lost on the path',
    injected: 'never sent by the peer',
    duplicate: 'duplicate',
    'not-captured': 'outside the other capture',
    unjudged: 'seen on one side only (not judged)',
    unordered: 'not paired: same-length segments cannot be told apart (-q)',
  },
  evidenceKind: {
    isn: 'ISN',
    seq: 'absolute sequence numbers',
    'seq-offset': 'sequence offset',
    ts: 'TS val/ecr',
    'ip-id': 'IP ID',
    shape: 'segment sizes and order',
    timing: 'timing',
    port: 'ports',
    'ts-conflict': 'TS values that never agree',
    quiet: 'no flags or numbers (-q)',
    'order-only': 'same-length segments lined up by order only (-q and -t)',
  },
  natKind: {
    address: 'address translated',
    port: 'port translated',
    'address+port': 'address and port translated',
    name: "a host name, not an address, on one side: if it stands for a private address, this end is translated too, e.g. a cloud's 1:1 NAT; tcpdump -n shows it",
  },
  field: { mss: 'MSS', wscale: 'window scale', window: 'window', isn: 'ISN' },
  role,
  findings,
  limits: {
    'no-times': (l) =>
      `The ${side[l.side]} capture has no times (tcpdump -t): no clock offset, path delay or timing can be taken from it; copies of a retransmitted segment are told apart by the order of the two captures only.`,
    'relative-clock': (l) =>
      l.kind === 'delta'
        ? `The ${side[l.side]} capture has gaps between packets (tcpdump -ttt): no clock offset can be taken from it; path delays still can.`
        : `The ${side[l.side]} capture has the time since its first packet (tcpdump -ttttt): no clock offset can be taken from it; path delays still can.`,
    'scales-differ': (l) =>
      `The ${side[l.dated]} capture prints dates and the ${side[l.dated === 'client' ? 'server' : 'client']} capture times of day: the clock offset is known only modulo a day.`,
    quiet: (l) =>
      `The ${side[l.side]} capture has no flags, sequence or acknowledgment numbers (tcpdump -q): forged or rewritten segments cannot be seen; segments are matched by size and ${l.timed ? 'time' : 'order'} only; no row is judged lost or forged on its own${l.otherNumbered ? ": losses are counted from the other capture's sequence numbers" : ''}.`,
    'order-only': () =>
      'With no flags or numbers (-q) and no times (-t), segments of the same length cannot be told apart: where both captures hold as many of one length, the timeline lines them up in the order each capture printed them, a guess rather than a match; where they hold different numbers, each capture\'s segments of that length get rows of their own, unpaired; the confidence is lowered. Capture both sides with times, and without -q.',
  },
  evidence,
  verdicts: {
    'corr.rst-injected': (v) => ({
      headline: `The RST the ${v.dir ? to(v.dir) : 'receiver'} got was forged on the path: the ${v.dir ? from(v.dir) : 'peer'} never sent it.`,
      where: `The fault is between the two hosts, not in either application: ${FIREWALL} (an IPS, DPI box or firewall that resets connections).`,
    }),
    'corr.injected': (v) => ({
      headline: `The ${v.dir ? to(v.dir) : 'receiver'} got ${count(v.count, 'segment')} the ${v.dir ? from(v.dir) : 'peer'} never sent.`,
      where: `Something between the hosts forges packets: ${FIREWALL}.`,
    }),
    'corr.lost-in-path': (v, p) => {
      const f = v.finding?.code === 'corr.lost_in_path' ? v.finding : null;
      const runs = lostRuns(p, v.dir);
      const head =
        f && runs.length === 1
          ? findings['corr.lost_in_path'](f)
          : `${count(runs.reduce((n, r) => n + r.count, 0), 'segment')} sent by the ${v.dir ? from(v.dir) : 'sender'} never reached the ${v.dir ? to(v.dir) : 'receiver'}, in ${runs.length} places (${lines(runs.flatMap((r) => r.lines))}).`;
      const idle = f && (f.role === 'keep-alive' || f.role === 'keep-alive-ack');
      const ow = v.otherWay;
      if (idle && v.dir && ow && ow.delivered > 0) {
        const rst = ow.rst
          ? ` The ${from(reverse(v.dir))}'s RST (${from(reverse(v.dir))} line ${ow.rst[from(reverse(v.dir))]}, ${to(reverse(v.dir))} line ${ow.rst[to(reverse(v.dir))]}) arrived unchanged${ow.rst.sameTs ? ', with its own TCP timestamp' : ''}: the ${from(reverse(v.dir))} itself gave up; it was not forged.`
          : '';
        return {
          headline: head,
          where: `Only the ${from(v.dir)} → ${to(v.dir)} direction failed, and it began while the connection sat idle: the ${from(reverse(v.dir))}'s ${count(ow.delivered, 'later segment')} still reached the ${to(reverse(v.dir))} through the same addresses and ports, so no NAT or firewall forgot the connection. Look at what carries ${from(v.dir)} → ${to(v.dir)} traffic (a route, a firewall rule or a NAT entry dropping that direction only).${rst}`,
        };
      }
      return {
        headline: head,
        where: idle
          ? 'Dropped between the two capture points after the connection sat idle: a NAT or firewall on the path most likely forgot the connection (its state timeout is shorter than the keep-alive interval).'
          : 'Dropped between the two capture points: look at the network path (a congested or faulty link, or a firewall dropping them), not at the hosts.',
      };
    },
    'corr.seq-rewritten': (v) => ({
      headline: `A device on the path rewrites sequence numbers${v.dir ? ` ${v.dir === 'c2s' ? 'from the client' : 'from the server'}` : ''} by a constant offset.`,
      where: 'A firewall with sequence-number randomisation sits between them; harmless as long as it also rewrites SACK blocks.',
    }),
    'corr.options-stripped': (v) => ({
      headline: v.finding?.code === 'corr.option_stripped' ? findings['corr.option_stripped'](v.finding) : 'A TCP option was removed on the path.',
      where: 'A middlebox normalises TCP options; without them the hosts lose features (window scaling, SACK, timestamps) and throughput can drop.',
    }),
    'corr.wscale-rewritten': (v) => ({
      headline: v.finding?.code === 'corr.wscale_rewritten' ? findings['corr.wscale_rewritten'](v.finding) : 'The window scale was rewritten on the path.',
      where: 'A middlebox changed the handshake; the two ends disagree on window sizes, which stalls or slows transfers.',
    }),
    'corr.mss-clamped': (_v, p) => {
      const mss = p.findings.filter((f): f is Extract<CorrFinding, { code: 'corr.mss_rewritten' }> => f.code === 'corr.mss_rewritten');
      const parts = mss.map((f) => `${f.from} → ${f.to} ${f.dir === 'c2s' ? 'toward the server' : 'toward the client'}`);
      return {
        headline: `The same connection on both sides, with the MSS lowered on the path: ${parts.join(', ')}.`,
        where: "MSS clamping by a router or NAT between them (usual for tunnels and PPPoE); it keeps segments small enough for the narrower link, so the ends need not rely on path-MTU discovery (ICMP 'fragmentation needed', RFC 1191), whose ICMP is often filtered; harmless by itself.",
      };
    },
    'corr.window-rewritten': (v) => ({
      headline: v.finding?.code === 'corr.window_rewritten' ? findings['corr.window_rewritten'](v.finding) : 'The window field was rewritten on the path.',
      where: 'A middlebox rewrites windows; check it if transfers are slow.',
    }),
    'corr.duplicated': (v) => ({
      headline: `${count(v.count, 'segment')} arrived twice though sent once.`,
      where: 'The path duplicates packets (a loop, a mirror port or a faulty link); TCP discards the copies, so it is harmless unless frequent.',
    }),
    'corr.lost-counted': (v, p) => {
      const d = v.dir ?? 'c2s';
      const where = p.nat.some((m) => m.kind !== 'name') ? 'between the two capture points (on the path through the NAT; the address translation shows one lies there)' : 'on the path between the two capture points';
      return {
        headline: `${count(v.count, `${from(d)} segment`)} did not reach the ${to(d)}'s capture point: the ${to(d)}'s own sequence numbers show ${count(v.count, 'hole')}, each filled later by a retransmission. ${v.count === 1 ? 'It was' : 'They were'} lost ${where}.`,
        where: `Which of the ${from(d)}'s rows ${v.count === 1 ? 'it was' : 'they were'} cannot be told from its -q capture: print it without -q (tcpdump -n) to see their sequence numbers.`,
      };
    },
    'corr.not-judged': (v) => ({
      headline: `The same connection on both sides; ${count(v.count, 'segment was', 'segments were')} seen on one side only and cannot be judged lost or forged from these renderings.`,
      where: 'Print both captures without -q (tcpdump -n, ideally -v too) to see flags, sequence and acknowledgment numbers: then lost, forged and rewritten segments can be told apart.',
    }),
    'corr.nat': (_v, p) => {
      const m = p.nat.find((x) => x.kind !== 'name');
      const nc = notCaptured(p);
      return {
        headline: m
          ? `The same connection on both sides, translated on the path: ${m.original} appears at the server as ${m.translated}.`
          : 'The same connection on both sides, translated on the path.',
        where:
          nc > 0
            ? `In the part both captures cover, nothing was lost, forged or rewritten beyond the addresses; ${count(nc, 'segment')} fell outside the other capture and ${nc === 1 ? 'was' : 'were'} not judged: capture both ends for the whole connection before ruling out the path.`
            : 'Nothing was lost, forged or rewritten beyond the addresses: if something fails, look at the hosts, not the path.',
      };
    },
    'corr.clean': (_v, p) => {
      const nc = notCaptured(p);
      return nc > 0
        ? {
            headline: `Both captures agree where both ran: every segment sent there was received, unchanged; ${count(nc, 'segment')} fell outside the other capture and ${nc === 1 ? 'was' : 'were'} not judged.`,
            where: 'Capture both ends for the whole connection before ruling out the path.',
          }
        : {
            headline: 'Both captures agree: every segment sent was received, unchanged.',
            where: 'The path is not at fault for this connection: look at the hosts and applications.',
          };
    },
  },
  text: {
    pair: (client, server, confidence) => `Connection ${client} (client capture) = ${server} (server capture), confidence ${confidence}`,
    matchedOn: (kinds) => `matched on ${kinds}`,
    nat: 'Addresses:',
    clock: (offset, delay, rtt, fromCapture) => {
      const from = fromCapture ? ', from the other connections' : '';
      if (offset === null) return `Clocks: no offset between the two captures can be known (see the limits above); path delay ≈ ${seconds(delay)} each way (round trip ${seconds(rtt)})${from}.`;
      const { zone, rest } = splitZone(offset);
      const skew = `${seconds(Math.abs(rest))} ${rest >= 0 ? 'ahead of' : 'behind'}`;
      const runs = zone === 0 ? skew : `${zoneText(zone)} ${zone > 0 ? 'ahead' : 'behind'} (different time zones?) and ${skew}`;
      return `Clocks: the server capture runs ${runs} the client capture; path delay ≈ ${seconds(delay)} each way (round trip ${seconds(rtt)})${from}.`;
    },
    limits: 'Limits of these renderings:',
    noClock: 'Clocks: not comparable (no timestamps, or segments seen in one direction only).',
    rewrites: 'Rewritten on the path:',
    rewrite: (field, dir, client, server, flow) =>
      flow === 'c2s' ? `${field} ${dir}: sent ${client} (client capture), arrived ${server} (server capture)` : `${field} ${dir}: sent ${server} (server capture), arrived ${client} (client capture)`,
    findings: 'Findings:',
    verdict: 'Verdict: ',
    timeline: 'Timeline (client clock):',
    columns: { time: 'time', seen: 'seen by', dir: 'direction', segment: 'segment', delay: 'delay', lines: 'lines' },
    uneven: (u) =>
      `${u.count} more ${u.len}-byte ${u.count === 1 ? 'segment' : 'segments'} in the ${u.more} capture than in the ${u.more === 'client' ? 'server' : 'client'}'s; which ${u.count === 1 ? 'one' : 'ones'} cannot be told from -q.`,
    lineRefs: (client, server) => [client !== null ? `client ${client}` : null, server !== null ? `server ${server}` : null].filter(Boolean).join(', '),
    unpaired: (s, conn, client, server, ls) => `Only in the ${side[s]} capture: ${conn} ${client} → ${server} (${ls}).`,
    diagnosis: (d, time) =>
      d.code === 'outside-other-capture'
        ? `  The server capture does not cover the time of the client's ${d.syns === 1 ? 'SYN' : `${d.syns} SYNs`} (${lines(d.lines)}, ${
            d.syns === 1 ? time(d.sent.first, d.clocks.client) : `${time(d.sent.first, d.clocks.client)} to ${time(d.sent.last, d.clocks.client)}`
          }): if the two capture clocks agree (no connection could be paired to check them), it ${
            d.sent.last < d.other.first
              ? `starts at ${time(d.other.first, d.clocks.server)}`
              : d.sent.first > d.other.last
                ? `ends at ${time(d.other.last, d.clocks.server)}`
                : `runs from ${time(d.other.first, d.clocks.server)} to ${time(d.other.last, d.clocks.server)}`
          }, so it cannot tell whether ${d.syns === 1 ? 'it' : 'they'} reached the server. Next: capture both sides at the same time.`
        : `  The client's ${d.syns === 1 ? 'SYN' : `${d.syns} SYNs`} (${lines(d.lines)}) never reached the server capture point and nothing answered ${d.syns === 1 ? 'it' : 'them'}: a filter or route between the two capture points dropped ${d.syns === 1 ? 'it' : 'them'}. Next: check the firewall rules, ACLs or security groups on the path${d.port !== null ? ` for port ${d.port}` : ''}, and that the server capture was taken on the interface the SYNs arrive on, at the same time.`,
    closest: (conn, confidence) => ` (closest candidate ${conn}, confidence ${confidence})`,
    gaveUp: (alike, compared) =>
      `  Search cut short: at least ${alike} connections of the other capture looked alike (a shared TS value or the same ports) and ${compared === 0 ? 'none of them was compared with this one' : compared === 1 ? 'only the nearest one in capture order was compared' : `only the ${compared} nearest in capture order were compared`}; its twin may be among the others.`,
    totals: (pairs, uc, us) => `${count(pairs, 'connection')} paired; ${uc} only in the client capture, ${us} only in the server capture.`,
    offsetAll: (offset, rtt) =>
      offset === null
        ? `Path round trip: ${seconds(rtt)}; no clock offset between the captures can be known.`
        : `Server capture clock: ${seconds(Math.abs(offset))} ${offset >= 0 ? 'ahead of' : 'behind'} the client capture clock (± ${seconds(rtt / 2)}).`,
  },
  markdown: {
    title: (client, server) => `tcplain pair: ${client} ⇄ ${server}`,
    connection: (client, server) => `Connection ${client} (client capture) = ${server} (server capture)`,
    sequence: 'Sequence diagram',
    unpaired: 'Seen on one side only',
    path: 'path',
    oneSide: 'red, to or from the path: seen in one capture only (the reason under the arrow)',
  },
} satisfies PairCatalog;
