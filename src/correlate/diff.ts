// What differs between the two views of one connection: NAT map, rewritten fields, lost, injected and duplicated segments.

import { endpointKey, findOption, seqDiff, type Endpoint, type FlowDir, type Side, type TcpOptionKind } from '../model';
import type { Alignment } from './align-segments';
import type { CaptureSegment } from './capture-view';
import type { ConnectionSegments } from './connection-segments';
import type { CorrFinding, InjectionEvidence, RunPosition, SegmentRole } from './findings';
import type { ClockEstimate, EntryStatus, NatMapping, Rewrite, TimelineEntry, Uneven } from './pair-report';
import { ackOf, coreFlags, ipIdOf, lenOf, reverse, roleOf, seqOf, tsOf, ttlOf } from './segment-keys';

export interface PairDiff {
  nat: NatMapping[];
  timeline: TimelineEntry[];
  onlyClient: number[];
  onlyServer: number[];
  rewrites: Rewrite[];
  findings: CorrFinding[];
  uneven: Uneven[];
}

type Span = { first: number; last: number } | null;

const IP_LITERAL = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)$/;

function natOf(side: Side, original: Endpoint, translated: Endpoint): NatMapping | null {
  const o = endpointKey(original);
  const t = endpointKey(translated);
  if (o === t) return null;
  const portDiffers = (original.port ?? original.service) !== (translated.port ?? translated.service);
  const hostDiffers = original.host !== translated.host;
  // A host name on either side may be the same machine under another name (no DNS here): say "name", not "NAT".
  const named = !IP_LITERAL.test(original.host) || !IP_LITERAL.test(translated.host);
  const kind: NatMapping['kind'] = hostDiffers && named && !portDiffers ? 'name' : hostDiffers && portDiffers ? 'address+port' : hostDiffers ? 'address' : 'port';
  return { side, original: o, translated: t, kind, printed: { client: printedEndpoint(original), server: printedEndpoint(translated) } };
}

/** tcpdump's own `host.port` / `host.service` join (addrtoname.c), as the user sees it in the capture. */
const printedEndpoint = (e: Endpoint): string => (e.service !== null ? `${e.host}.${e.service}` : e.port !== null ? `${e.host}.${e.port}` : e.host);

/** A guess at the sender's initial TTL: the smallest common default (32, 64, 128, 255) not below the seen value. */
const initialTtl = (ttl: number): number => [32, 64, 128, 255].find((i) => i >= ttl) ?? 255;

const mode = (values: readonly number[]): number | null => {
  const n = new Map<number, number>();
  let best: number | null = null;
  let bestN = 0;
  for (const v of values) {
    const k = (n.get(v) ?? 0) + 1;
    n.set(v, k);
    if (k > bestN) {
      best = v;
      bestN = k;
    }
  }
  return best;
};

const STRIPPABLE: Array<'mss' | 'wscale' | 'sackOK' | 'ts' | 'sack'> = ['mss', 'wscale', 'sackOK', 'ts', 'sack'];

export function diffPair(
  client: ConnectionSegments,
  server: ConnectionSegments,
  al: Alignment,
  spans: { client: Span; server: Span },
  quiet = false,
  orderOnly = false,
): PairDiff {
  const clock = al.clock;
  const sDir = (d: FlowDir): FlowDir => (al.flipped ? reverse(d) : d);
  const findings: CorrFinding[] = [];
  const rewrites: Rewrite[] = [];

  const sv = server.verdict;
  const sClient = al.flipped ? sv.server : sv.client;
  const sServer = al.flipped ? sv.client : sv.server;
  const nat = [natOf('client', client.verdict.client, sClient), natOf('server', client.verdict.server, sServer)].filter(
    (m): m is NatMapping => m !== null,
  );
  for (const m of nat) findings.push({ code: 'corr.nat', side: m.side, original: m.original, translated: m.translated, kind: m.kind });

  const toClientClock = (x: CaptureSegment, isServer: boolean): number | null =>
    x.t === null ? null : isServer ? (clock ? x.t - clock.offset : null) : x.t;

  // Rewrites seen on segments both captures have (-q prints no options, window or numbers: nothing to compare).
  for (const d of quiet ? [] : (['c2s', 's2c'] as FlowDir[])) {
    const a = al.dirs[d];
    if (a.seqOffset !== null && a.seqOffset !== 0) {
      findings.push({ code: 'corr.seq_rewritten', dir: d, offset: seqDiff(0, a.seqOffset) });
      const c = client.byDir[d].find((x) => x.a.isnSender !== null);
      const s = server.byDir[sDir(d)].find((x) => x.a.isnSender !== null);
      if (c && s) rewrites.push({ field: 'isn', dir: d, client: c.a.isnSender as number, server: s.a.isnSender as number, line: c.rec.line });
    }
    const stripped = new Map<string, number>();
    let window: { from: number; to: number; count: number } | null = null;
    const hops: number[] = [];
    for (const p of a.pairs) {
      const snd = d === 'c2s' ? p.c : p.s;
      const rcv = d === 'c2s' ? p.s : p.c;
      for (const kind of ['mss', 'wscale'] as const) {
        const o1 = findOption(p.c.rec.options, kind);
        const o2 = findOption(p.s.rec.options, kind);
        if (o1 && o2 && o1.value !== o2.value) {
          rewrites.push({ field: kind, dir: d, client: o1.value, server: o2.value, line: p.c.rec.line });
          const from = d === 'c2s' ? o1.value : o2.value;
          const to = d === 'c2s' ? o2.value : o1.value;
          findings.push({ code: kind === 'mss' ? 'corr.mss_rewritten' : 'corr.wscale_rewritten', dir: d, from, to });
        }
      }
      if (!rcv.rec.truncated) {
        for (const kind of STRIPPABLE) {
          if (findOption(snd.rec.options, kind as TcpOptionKind) && !findOption(rcv.rec.options, kind as TcpOptionKind)) {
            stripped.set(kind, (stripped.get(kind) ?? 0) + 1);
          }
        }
      }
      if (snd.rec.win !== null && rcv.rec.win !== null && snd.rec.win !== rcv.rec.win) {
        if (window === null) {
          window = { from: snd.rec.win, to: rcv.rec.win, count: 0 };
          rewrites.push({ field: 'window', dir: d, client: p.c.rec.win as number, server: p.s.rec.win as number, line: p.c.rec.line });
        }
        window.count++;
      }
      const t1 = ttlOf(snd);
      const t2 = ttlOf(rcv);
      if (t1 !== null && t2 !== null) hops.push(t1 - t2);
    }
    for (const [option, count] of stripped) {
      findings.push({ code: 'corr.option_stripped', dir: d, option: option as 'mss', count });
    }
    if (window) findings.push({ code: 'corr.window_rewritten', dir: d, ...window });
    const h = mode(hops);
    if (h !== null && h > 0) findings.push({ code: 'corr.ttl_decrement', dir: d, hops: h });
  }

  // Segments one side only: sent and never received (lost), received and never sent (injected or duplicated).
  const entries: TimelineEntry[] = [];
  const onlyClient: number[] = [];
  const onlyServer: number[] = [];
  const lost: Record<FlowDir, Set<CaptureSegment>> = { c2s: new Set(), s2c: new Set() };
  const notCaptured: Array<{ dir: FlowDir; side: Side }> = [];

  /**
   * COVERED BY THE OTHER CAPTURE
   * A segment one capture has and the other lacks is lost (or forged) only if the other capture was running when it
   * would have passed there. Its crossing takes some one-way delay: the matched segments of that direction give the
   * range, and a burst queues, so a later segment may take longer than any matched one: up to twice the slowest is
   * allowed (rtt/2 stands in without any matched segment). The whole window must fall inside the other capture's
   * first..last time, with one exception at each end that needs no delay at all: when a segment its sender sent
   * earlier (later) was seen by both captures, the other capture was already (still) running when this one would
   * have passed, since a path keeps the order of one flow. A segment near either end of the other capture otherwise
   * cannot be judged: not lost, not forged, not a duplicate.
   */
  type Bracket = { min: number; max: number; firstSent: number; lastSent: number; firstReceived: number; lastReceived: number };
  const delays: Record<FlowDir, Bracket | null> = { c2s: null, s2c: null };
  for (const d of ['c2s', 's2c'] as FlowDir[]) {
    for (const p of al.dirs[d].pairs) {
      const tc = toClientClock(p.c, false);
      const ts = toClientClock(p.s, true);
      if (tc === null || ts === null) continue;
      const [sent, received] = d === 'c2s' ? [tc, ts] : [ts, tc];
      const x = received - sent;
      const r = delays[d];
      if (r === null) delays[d] = { min: x, max: x, firstSent: sent, lastSent: sent, firstReceived: received, lastReceived: received };
      else {
        r.min = Math.min(r.min, x);
        r.max = Math.max(r.max, x);
        r.firstSent = Math.min(r.firstSent, sent);
        r.lastSent = Math.max(r.lastSent, sent);
        r.firstReceived = Math.min(r.firstReceived, received);
        r.lastReceived = Math.max(r.lastReceived, received);
      }
    }
  }
  // Float noise only: correlator times are ~2e8 s, where a double still resolves ~30 ns.
  const EPS = 1e-7;
  const covered = (tOnClientClock: number | null, receiverIsServer: boolean, towardReceiver: boolean, d: FlowDir): boolean => {
    const span = receiverIsServer ? spans.server : spans.client;
    if (tOnClientClock === null || span === null || clock === null) return true;
    const shift = receiverIsServer ? clock.offset : 0;
    const m = delays[d];
    const min = m?.min ?? clock.rtt / 2;
    const max = 2 * Math.max(m?.max ?? clock.rtt / 2, 0);
    // Toward the other capture: it would have passed there between t + min and t + max; from it: between t − max and t − min.
    const lo = tOnClientClock + shift + (towardReceiver ? min : -max);
    const hi = tOnClientClock + shift + (towardReceiver ? max : -min);
    // Order within the flow: an earlier (a later) segment of the same sender got through and was seen on both sides.
    const started = lo >= span.first - EPS || (m !== null && (towardReceiver ? m.firstSent < tOnClientClock : m.firstReceived < tOnClientClock));
    const running = hi <= span.last + EPS || (m !== null && (towardReceiver ? m.lastSent > tOnClientClock : m.lastReceived > tOnClientClock));
    return started && running;
  };

  // UNEVEN (ORDER ONLY): lengths the captures hold in different numbers: any pairing of them would be a guess.
  const uneven: Uneven[] = [];
  const unevenLen: Record<FlowDir, Set<number>> = { c2s: new Set(), s2c: new Set() };
  for (const d of orderOnly ? (['c2s', 's2c'] as FlowDir[]) : []) {
    const n = new Map<number, number>();
    for (const x of client.byDir[d]) n.set(lenOf(x), (n.get(lenOf(x)) ?? 0) + 1);
    for (const x of server.byDir[sDir(d)]) n.set(lenOf(x), (n.get(lenOf(x)) ?? 0) - 1);
    for (const [len, k] of [...n].sort((x, y) => x[0] - y[0])) {
      if (k === 0) continue;
      unevenLen[d].add(len);
      uneven.push({ dir: d, len, more: k > 0 ? 'client' : 'server', count: Math.abs(k) });
    }
  }

  for (const d of ['c2s', 's2c'] as FlowDir[]) {
    const a = al.dirs[d];
    for (const p of a.pairs) {
      const tc = toClientClock(p.c, false);
      const ts = toClientClock(p.s, true);
      if (unevenLen[d].has(lenOf(p.c))) {
        entries.push(entryOf(d, 'unordered', p.c, false, tc), entryOf(d, 'unordered', p.s, true, ts));
        continue;
      }
      // On the client's clock: the sender's time, or the client capture's own when the server's cannot be placed.
      const t = d === 'c2s' ? tc ?? ts : ts ?? tc;
      const delay = tc === null || ts === null ? null : d === 'c2s' ? ts - tc : tc - ts;
      entries.push({ kind: 'both', dir: d, status: 'matched', client: p.c, server: p.s, t, delay: clock ? delay : null });
    }
    const senderIsServer = d === 's2c';
    const sentOnly = senderIsServer ? a.onlyServer : a.onlyClient;
    const gotOnly = senderIsServer ? a.onlyClient : a.onlyServer;
    const received = a.pairs.map((p) => (senderIsServer ? p.c : p.s));
    for (const x of sentOnly) {
      const t = toClientClock(x, senderIsServer);
      if (unevenLen[d].has(lenOf(x))) {
        entries.push(entryOf(d, 'unordered', x, senderIsServer, t));
        continue;
      }
      if (quiet) {
        // QUIET: without flags and numbers a one-sided segment may be a retransmission, a forged or a lost one.
        entries.push(entryOf(d, 'unjudged', x, senderIsServer, t));
        continue;
      }
      const status: EntryStatus = covered(t, !senderIsServer, true, d) ? 'lost' : 'not-captured';
      if (status === 'lost') lost[d].add(x);
      else notCaptured.push({ dir: d, side: senderIsServer ? 'client' : 'server' });
      entries.push(entryOf(d, status, x, senderIsServer, t));
    }
    for (const x of gotOnly) {
      const t = toClientClock(x, !senderIsServer);
      if (unevenLen[d].has(lenOf(x))) {
        entries.push(entryOf(d, 'unordered', x, !senderIsServer, t));
        continue;
      }
      if (quiet) {
        entries.push(entryOf(d, 'unjudged', x, !senderIsServer, t));
        continue;
      }
      const twin = received.find((r) => isSameCopy(r, x));
      // A second copy is the path's duplicate only if the sender's capture was running when a resend would have left.
      const seen = covered(t, senderIsServer, false, d);
      let status: EntryStatus;
      if (twin && seen) {
        status = 'duplicate';
        findings.push({ code: 'corr.duplicated_in_path', dir: d, line: x.rec.line, count: 1 });
      } else if (seen) {
        status = 'injected';
        const ownSent = senderIsServer ? client.byDir[reverse(d)] : server.byDir[sDir(reverse(d))];
        const evidence = injectionEvidence(x, received, ownSent, clock);
        if (roleOf(x) === 'rst') findings.push({ code: 'corr.rst_not_sent_by_peer', dir: d, line: x.rec.line, evidence });
        else findings.push({ code: 'corr.injected', dir: d, line: x.rec.line, role: roleOf(x), evidence });
      } else {
        status = 'not-captured';
        notCaptured.push({ dir: d, side: senderIsServer ? 'server' : 'client' });
      }
      entries.push(entryOf(d, status, x, !senderIsServer, t));
    }
  }

  // Runs of consecutive lost segments, in the sender's order: "the last 3 keep-alive replies never reached the client".
  for (const d of ['c2s', 's2c'] as FlowDir[]) {
    const sent = d === 'c2s' ? client.byDir.c2s : server.byDir[sDir('s2c')];
    let run: CaptureSegment[] = [];
    let runStart = 0;
    const flush = (endIndex: number): void => {
      if (run.length === 0) return;
      // A retransmission is data too: a run of both reads as data segments.
      const roles = new Set<SegmentRole>(run.map((x) => (roleOf(x) === 'retransmission' ? 'data' : roleOf(x))));
      const role: SegmentRole = roles.size === 1 ? [...roles][0] : 'segment';
      const deliveredAfter = sent.slice(endIndex).some((x) => !lost[d].has(x));
      const position: RunPosition = !deliveredAfter ? 'end' : runStart === 0 ? 'start' : 'middle';
      findings.push({ code: 'corr.lost_in_path', dir: d, count: run.length, role, position, lines: run.map((x) => x.rec.line) });
      run = [];
    };
    sent.forEach((x, i) => {
      if (lost[d].has(x)) {
        if (run.length === 0) runStart = i;
        run.push(x);
      } else flush(i);
    });
    flush(sent.length);
  }
  const nc = new Map<string, { dir: FlowDir; side: Side; count: number }>();
  for (const n of notCaptured) {
    const k = `${n.dir}|${n.side}`;
    const e = nc.get(k);
    if (e) e.count++;
    else nc.set(k, { ...n, count: 1 });
  }
  for (const n of nc.values()) findings.push({ code: 'corr.not_captured', ...n });

  for (const e of entries) {
    if (e.status === 'unordered') continue;
    if (e.kind === 'client-only' && e.client) onlyClient.push(e.client.rec.line);
    if (e.kind === 'server-only' && e.server) onlyServer.push(e.server.rec.line);
  }
  onlyClient.sort((x, y) => x - y);
  onlyServer.sort((x, y) => x - y);
  return { nat, timeline: orderTimeline(entries, clock !== null), onlyClient, onlyServer, rewrites, findings, uneven };
}

function entryOf(dir: FlowDir, status: EntryStatus, x: CaptureSegment, isServer: boolean, t: number | null): TimelineEntry {
  return isServer
    ? { kind: 'server-only', dir, status, client: null, server: x, t, delay: null }
    : { kind: 'client-only', dir, status, client: x, server: null, t, delay: null };
}

/** Two copies of one transmission in the same capture: same numbers, and the same TS/IP ID when printed. */
function isSameCopy(a: CaptureSegment, b: CaptureSegment): boolean {
  if (coreFlags(a) !== coreFlags(b) || seqOf(a) !== seqOf(b) || ackOf(a) !== ackOf(b) || lenOf(a) !== lenOf(b)) return false;
  const ta = tsOf(a);
  const tb = tsOf(b);
  if ((ta === null) !== (tb === null)) return false;
  if (ta && tb && (ta.val !== tb.val || ta.ecr !== tb.ecr)) return false;
  const ia = ipIdOf(a);
  const ib = ipIdOf(b);
  return ia === null || ib === null || ia === ib;
}

/** IP ID distance beyond which a packet is not from the same counter (Linux per-socket IDs step by 1 per packet). */
const IPID_GAP = 1024;

function injectionEvidence(
  x: CaptureSegment,
  peerReal: readonly CaptureSegment[],
  ownSent: readonly CaptureSegment[],
  clock: ClockEstimate | null,
): InjectionEvidence {
  const ttls = peerReal.map(ttlOf).filter((v): v is number => v !== null);
  const seenTtl = ttlOf(x);
  const peerTtl = mode(ttls);
  const ttl =
    seenTtl !== null && peerTtl !== null && seenTtl !== peerTtl
      ? { seen: seenTtl, peer: peerTtl, seenHops: initialTtl(seenTtl) - seenTtl, peerHops: initialTtl(peerTtl) - peerTtl }
      : null;
  /*
   * NO-CONNECTION RST SHAPE — IP ID 0 and a missing TCP timestamp are not evidence that someone else made a RST:
   * Linux answers every segment without a live socket through tcp_v4_send_reset() → ip_send_unicast_reply(), which
   * adds no timestamp and, DF set with no connected socket, gets IP ID 0 from ip_select_ident_segs(); RFC 7323 §3.2
   * requires TSopt only on non-RST segments. On a RST they go to `weakRst` (fits a REJECT, proves nothing alone);
   * on any other segment a missing TSopt breaks a MUST and stays evidence.
   */
  const isRst = roleOf(x) === 'rst';
  let ipId: InjectionEvidence['ipId'] = null;
  const id = ipIdOf(x);
  if (id !== null) {
    let nearest: CaptureSegment | null = null;
    for (const p of peerReal) {
      if (ipIdOf(p) === null) continue;
      if (nearest === null || Math.abs(p.rec.line - x.rec.line) < Math.abs(nearest.rec.line - x.rec.line)) nearest = p;
    }
    if (nearest) {
      const n = ipIdOf(nearest) as number;
      const gap = Math.min((id - n + 65536) % 65536, (n - id + 65536) % 65536);
      if (!(isRst && id === 0)) ipId = { seen: id, peerNearest: n, outOfSequence: gap > IPID_GAP };
    }
  }
  const noTs = tsOf(x) === null && peerReal.length > 0 && peerReal.every((p) => tsOf(p) !== null);
  const tsMissing = isRst ? null : noTs;
  const ownLike = ownSent.find((o) => roleOf(o) === 'rst' && (id !== 0 || ipIdOf(o) === 0) && (!noTs || tsOf(o) === null));
  const weakRst = isRst && (id === 0 || noTs) ? { ipIdZero: id === 0, tsMissing: noTs, ownLike: ownLike ? ownLike.rec.line : null } : null;
  let fasterThanRtt: InjectionEvidence['fasterThanRtt'] = null;
  if (clock && x.t !== null && clock.rtt > 0) {
    let last: CaptureSegment | null = null;
    for (const o of ownSent) if (o.t !== null && o.t <= x.t && (last === null || (o.t as number) >= (last.t as number))) last = o;
    if (last) {
      const gap = x.t - (last.t as number);
      if (gap < clock.rtt) fasterThanRtt = { seconds: gap, rtt: clock.rtt };
    }
  }
  return { ttl, ipId, tsMissing, weakRst, fasterThanRtt };
}

/**
 * One timeline on the client's clock. Without a clock estimate, server-only lines go right after the
 * server line before them that both captures have, which keeps each capture's own order.
 */
function orderTimeline(entries: TimelineEntry[], timed: boolean): TimelineEntry[] {
  if (timed && entries.every((e) => e.t !== null)) {
    return entries
      .map((e, i) => ({ e, i, k: e.t as number, l: e.client?.rec.line ?? e.server?.rec.line ?? 0 }))
      .sort((a, b) => a.k - b.k || a.l - b.l || a.i - b.i)
      .map((x) => x.e);
  }
  const serverToClientLine: Array<[number, number]> = entries
    .filter((e) => e.kind === 'both')
    .map((e) => [e.server!.rec.line, e.client!.rec.line] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const keyOf = (e: TimelineEntry): number => {
    if (e.client) return e.client.rec.line;
    const sl = e.server!.rec.line;
    let before = 0;
    for (const [s, c] of serverToClientLine) if (s < sl) before = c;
    return before + 0.5;
  };
  return entries
    .map((e, i) => ({ e, i, k: keyOf(e), s: e.server?.rec.line ?? 0 }))
    .sort((a, b) => a.k - b.k || a.s - b.s || a.i - b.i)
    .map((x) => x.e);
}
